#include "wallet-cli/keystore.hpp"

#include <fcntl.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>  // renameat2
#include <cstring>
#include <system_error>

#include "core/unique_fd.hpp"
#include "wallet-cli/keystore_file.hpp"

namespace azora::wallet {

namespace fs = std::filesystem;

namespace {

// Real key files are under 1 KiB; the cap keeps a planted huge file out of memory.
constexpr size_t kMaxFileSize = 64 * 1024;
constexpr std::string_view kExtension = ".json";

Error io_error(const fs::path& path, const std::string& what, int err) {
    return Error::internal("io_error", what + " " + path.string() + ": " + std::strerror(err));
}

Error bad_keystore(const fs::path& path, const std::string& what) {
    return Error::malformed("bad_keystore", path.string() + ": " + what);
}

bool write_all(int fd, std::string_view data) {
    while (!data.empty()) {
        const ssize_t n = ::write(fd, data.data(), data.size());
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return false;
        }
        data.remove_prefix(static_cast<size_t>(n));
    }
    return true;
}

/// Moves `from` to `to` unless `to` exists; returns 0 or an errno (EEXIST if it exists).
int publish_no_replace(const fs::path& from, const fs::path& to) {
#ifdef RENAME_NOREPLACE
    if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) {
        return 0;
    }
    if (errno != EINVAL && errno != ENOSYS) {
        return errno;
    }
    // The filesystem lacks RENAME_NOREPLACE; link() never replaces either.
#endif
    if (::link(from.c_str(), to.c_str()) != 0) {
        return errno;
    }
    ::unlink(from.c_str());
    return 0;
}

/// Creates `target` with `contents` and mode 0600 so that it either does not exist or is
/// complete, and never replaces an existing file (the name is taken: "key_exists").
Result<void> create_file_atomically(const fs::path& dir,
                                    const fs::path& target,
                                    std::string_view name,
                                    std::string_view contents) {
    std::array<uint8_t, 8> tag{};
    if (RAND_bytes(tag.data(), static_cast<int>(tag.size())) != 1) {
        return Error::internal("crypto_error", "random generator failed");
    }
    // The leading dot keeps temp files, including ones a crash left behind, out of list().
    const fs::path temp = dir / ("." + std::string(name) + ".json.tmp-" + to_hex(tag));
    UniqueFd file(::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
    if (file.get() < 0) {
        return io_error(temp, "cannot create", errno);
    }
    // The umask may have cleared bits of 0600; fchmod makes the mode exact.
    bool ok = ::fchmod(file.get(), 0600) == 0 && write_all(file.get(), contents) &&
              ::fsync(file.get()) == 0;
    int err = errno;
    if (!file.close() && ok) {
        ok = false;
        err = errno;
    }
    if (!ok) {
        ::unlink(temp.c_str());
        return io_error(temp, "cannot write", err);
    }
    err = publish_no_replace(temp, target);
    if (err != 0) {
        ::unlink(temp.c_str());
        if (err == EEXIST) {
            return Error::rejected("key_exists", "a key named " + std::string(name) + " exists");
        }
        return io_error(target, "cannot create", err);
    }
    // The new name survives a crash only once the directory itself is synced.
    UniqueFd d(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (d.get() < 0 || ::fsync(d.get()) != 0) {
        return io_error(dir, "key written, but cannot sync directory", errno);
    }
    return ok_result();
}

Result<std::string> read_small_file(const fs::path& path) {
    // O_NONBLOCK stops a FIFO planted under a key's name from hanging open(); fstat rejects it.
    UniqueFd file(::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
    if (file.get() < 0) {
        const int err = errno;
        if (err == ENOENT) {
            return Error::rejected("key_not_found", "no key file " + path.string());
        }
        if (err == ELOOP) {
            return bad_keystore(path, "is a symbolic link");
        }
        return io_error(path, "cannot open", err);
    }
    struct stat st {};
    if (::fstat(file.get(), &st) != 0) {
        return io_error(path, "cannot stat", errno);
    }
    if (!S_ISREG(st.st_mode)) {
        return bad_keystore(path, "not a regular file");
    }
    std::string text;
    char buf[4096];
    for (;;) {
        const ssize_t n = ::read(file.get(), buf, sizeof buf);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return io_error(path, "cannot read", errno);
        }
        if (n == 0) {
            return text;
        }
        text.append(buf, static_cast<size_t>(n));
        if (text.size() > kMaxFileSize) {
            return bad_keystore(path, "larger than 64 KiB");
        }
    }
}

/// Reads and checks the file for `name`: "key_not_found", "bad_keystore" or "io_error".
Result<KeyFile> load_key_file(const fs::path& path, std::string_view name, uint64_t min_scrypt_n) {
    AZORA_ASSIGN(const std::string text, read_small_file(path));
    auto file = decode_key_file(text, min_scrypt_n);
    if (!file) {
        return bad_keystore(path, file.error().message);
    }
    // A renamed file would also fail the AAD check, but as "bad_password", which misleads.
    if (file->name != name) {
        return bad_keystore(path,
                            "holds key \"" + file->name + "\", not \"" + std::string(name) + "\"");
    }
    return file;
}

Error bad_key_name() {
    return Error::malformed("bad_key_name", "key names are 1-64 characters of A-Z a-z 0-9 _ -");
}

}  // namespace

Result<Keystore> Keystore::open(fs::path dir, KeystoreOptions options) {
    AZORA_TRY(check_scrypt_params(options.scrypt, options.min_scrypt_n));
    if (dir.empty()) {
        return Error::internal("io_error", "empty keystore directory path");
    }
    // "keys/" names the same directory as "keys"; mkdir and parent_path want the latter.
    dir = dir.lexically_normal();
    if (!dir.has_filename() && dir.has_relative_path()) {
        dir = dir.parent_path();
    }
    std::error_code ec;
    if (dir.has_parent_path()) {
        fs::create_directories(dir.parent_path(), ec);
        if (ec) {
            return io_error(dir.parent_path(), "cannot create", ec.value());
        }
    }
    if (::mkdir(dir.c_str(), 0700) == 0) {
        // mkdir's mode passes through the umask; chmod makes it exactly 0700.
        if (::chmod(dir.c_str(), 0700) != 0) {
            return io_error(dir, "cannot chmod", errno);
        }
    } else if (errno != EEXIST) {
        return io_error(dir, "cannot create", errno);
    }
    if (!fs::is_directory(dir, ec)) {
        return io_error(dir, "cannot use", ENOTDIR);
    }
    return Keystore(std::move(dir), options);
}

bool Keystore::valid_name(std::string_view name) {
    return valid_key_name(name);
}

fs::path Keystore::file_path(std::string_view name) const {
    return m_dir / (std::string(name) + std::string(kExtension));
}

bool Keystore::contains(const std::string& name) const {
    std::error_code ec;
    return valid_name(name) && fs::exists(fs::symlink_status(file_path(name), ec));
}

Result<void> Keystore::add(const std::string& name,
                           const Hash32& secret,
                           const std::string& address_text,
                           const std::string& password) {
    if (!valid_name(name)) {
        return bad_key_name();
    }
    if (!valid_address_text(address_text)) {
        return Error::malformed("bad_address",
                                "address text must be 1-256 printable ASCII characters");
    }
    if (password.empty()) {
        return Error::rejected("empty_password",
                               "refusing to encrypt a key under an empty password");
    }
    // Fails fast before the slow key derivation; the no-replace publish is the real guard.
    if (contains(name)) {
        return Error::rejected("key_exists", "a key named " + name + " exists");
    }
    AZORA_ASSIGN(SealedSecret sealed,
                 seal(secret, password, key_file_aad(name, address_text), m_options.scrypt));
    const KeyFile file{name, address_text, sealed};
    return create_file_atomically(m_dir, file_path(name), name, encode_key_file(file));
}

Result<Hash32> Keystore::unlock(const std::string& name, const std::string& password) const {
    if (!valid_name(name)) {
        return bad_key_name();
    }
    AZORA_ASSIGN(const KeyFile file, load_key_file(file_path(name), name, m_options.min_scrypt_n));
    return unseal(file.sealed, password, key_file_aad(file.name, file.address));
}

Result<Keystore::Entry> Keystore::show(const std::string& name) const {
    if (!valid_name(name)) {
        return bad_key_name();
    }
    AZORA_ASSIGN(KeyFile file, load_key_file(file_path(name), name, m_options.min_scrypt_n));
    return Entry{std::move(file.name), std::move(file.address), std::nullopt};
}

Result<std::vector<Keystore::Entry>> Keystore::list() const {
    std::vector<Entry> out;
    std::error_code ec;
    for (fs::directory_iterator it(m_dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string file_name = it->path().filename().string();
        if (!file_name.ends_with(kExtension)) {
            continue;
        }
        std::string name = file_name.substr(0, file_name.size() - kExtension.size());
        // Temp files (leading dot) and anything else not named like a key are not keys.
        if (!valid_name(name)) {
            continue;
        }
        auto file = load_key_file(it->path(), name, m_options.min_scrypt_n);
        if (file) {
            out.push_back(Entry{std::move(name), std::move(file->address), std::nullopt});
        } else if (file.error().reason != "key_not_found") {  // deleted while listing: gone
            out.push_back(Entry{std::move(name), {}, file.error()});
        }
    }
    if (ec) {
        return io_error(m_dir, "cannot list", ec.value());
    }
    std::sort(out.begin(), out.end(),
              [](const Entry& a, const Entry& b) { return a.name < b.name; });
    return out;
}

}  // namespace azora::wallet
