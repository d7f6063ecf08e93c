#include "rpc/cookie.hpp"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>

#include "core/bytes.hpp"
#include "core/reasons.hpp"
#include "core/unique_fd.hpp"

namespace azora::rpc {
namespace {

constexpr size_t kTokenBytes = 32;

Error io_error(const std::filesystem::path& path, std::string_view what, int err) {
    return Error::from(reasons::kCookieIo,
                       std::string(what) + " " + path.string() + ": " + std::strerror(err));
}

bool is_hex(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    });
}

}  // namespace

Result<std::string> write_cookie(const std::filesystem::path& datadir) {
    std::array<uint8_t, kTokenBytes> random{};
    if (RAND_bytes(random.data(), static_cast<int>(random.size())) != 1) {
        return Error::from(reasons::kNoEntropy, "RAND_bytes failed");
    }
    std::string token = to_hex(random);
    OPENSSL_cleanse(random.data(), random.size());

    const std::filesystem::path path = datadir / kCookieFileName;
    // O_NOFOLLOW: a symlink planted at the cookie path must not redirect the secret.
    UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600));
    if (fd.get() < 0) {
        return io_error(path, "open", errno);
    }
    // The mode given to open() applies only when creating; an existing file keeps its own.
    if (::fchmod(fd.get(), 0600) != 0) {
        return io_error(path, "fchmod", errno);
    }
    const std::string contents = token + "\n";
    size_t written = 0;
    while (written < contents.size()) {
        const ssize_t n = ::write(fd.get(), contents.data() + written, contents.size() - written);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return io_error(path, "write", n < 0 ? errno : EIO);
        }
        written += static_cast<size_t>(n);
    }
    if (!fd.close()) {
        return io_error(path, "close", errno);
    }
    return token;
}

Result<std::string> read_cookie(const std::filesystem::path& path) {
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) {
        if (errno == ENOENT) {
            return Error::from(reasons::kCookieNotFound, path.string());
        }
        return io_error(path, "open", errno);
    }
    // A valid cookie is 65 bytes; reading a little more detects a file that is not one.
    std::array<char, 256> buf{};
    size_t size = 0;
    while (size < buf.size()) {
        const ssize_t n = ::read(fd.get(), buf.data() + size, buf.size() - size);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            return io_error(path, "read", errno);
        }
        if (n == 0) {
            break;
        }
        size += static_cast<size_t>(n);
    }
    std::string_view text(buf.data(), size);
    const auto first = text.find_first_not_of(" \t\r\n");
    const auto last = text.find_last_not_of(" \t\r\n");
    text =
        first == std::string_view::npos ? std::string_view() : text.substr(first, last - first + 1);
    if (text.size() != 2 * kTokenBytes || !is_hex(text)) {
        return Error::from(reasons::kBadCookie,
                           path.string() + " does not hold a 64-hex-digit token");
    }
    return std::string(text);
}

}  // namespace azora::rpc
