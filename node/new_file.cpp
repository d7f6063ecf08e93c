#include "node/new_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "core/reasons.hpp"
#include "core/unique_fd.hpp"

namespace azora::node {
namespace {

Error io_error(const std::filesystem::path& path, std::string_view what, int err) {
    return Error::from(reasons::kFileIo,
                       std::string(what) + " " + path.string() + ": " + std::strerror(err));
}

Error exists_error(const std::filesystem::path& path) {
    return Error::from(reasons::kFileExists, path.string() + " already exists");
}

// Unlinks the temporary name on every path out: after a successful link() the file lives on
// under its real name.
class TempName {
public:
    explicit TempName(std::string path) : m_path(std::move(path)) {}
    ~TempName() { ::unlink(m_path.c_str()); }
    TempName(const TempName&) = delete;
    TempName& operator=(const TempName&) = delete;

private:
    std::string m_path;
};

bool exists_or_dangling(const std::filesystem::path& path) {
    std::error_code ec;
    return std::filesystem::symlink_status(path, ec).type() !=
           std::filesystem::file_type::not_found;
}

Result<void> write_all(int fd, std::string_view data, const std::filesystem::path& path) {
    size_t written = 0;
    while (written < data.size()) {
        const ssize_t n = ::write(fd, data.data() + written, data.size() - written);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return io_error(path, "write", errno);
        }
        written += static_cast<size_t>(n);
    }
    return {};
}

Result<void> fsync_dir(const std::filesystem::path& dir) {
    UniqueFd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (fd.get() < 0 || ::fsync(fd.get()) != 0) {
        return io_error(dir, "fsync", errno);
    }
    return {};
}

}  // namespace

Result<void> write_new_file(const std::filesystem::path& path,
                            std::string_view contents,
                            mode_t mode) {
    if (exists_or_dangling(path)) {
        return exists_error(path);
    }
    const std::filesystem::path dir =
        path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
    std::string tmp = (dir / ("." + path.filename().string() + ".tmp.XXXXXX")).string();
    UniqueFd fd(::mkstemp(tmp.data()));  // O_EXCL, mode 0600
    if (fd.get() < 0) {
        return io_error(tmp, "create", errno);
    }
    TempName cleanup(tmp);
    if (mode != 0600 && ::fchmod(fd.get(), mode) != 0) {
        return io_error(tmp, "fchmod", errno);
    }
    AZORA_TRY(write_all(fd.get(), contents, tmp));
    if (::fsync(fd.get()) != 0) {
        return io_error(tmp, "fsync", errno);
    }
    if (!fd.close()) {
        return io_error(tmp, "close", errno);
    }
    // link(), unlike rename(), fails with EEXIST instead of replacing a file created meanwhile.
    if (::link(tmp.c_str(), path.c_str()) != 0) {
        return errno == EEXIST ? exists_error(path) : io_error(path, "link", errno);
    }
    return fsync_dir(dir);
}

}  // namespace azora::node
