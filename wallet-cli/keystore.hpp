#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/bytes.hpp"
#include "core/result.hpp"
#include "wallet-cli/keystore_crypto.hpp"

namespace azora::wallet {

/// How a Keystore writes and accepts key files. The defaults are the production settings.
struct KeystoreOptions {
    /// scrypt cost for keys added from now on; each file records its own, so this can be raised.
    ScryptParams scrypt{};
    /// Smallest scrypt N accepted in any file (and in `scrypt`). Lowering it is for tests only.
    uint64_t min_scrypt_n = kMinScryptN;
};

/// A directory of password-encrypted 32-byte secret keys, one JSON file DIR/NAME.json per key
/// (format in wallet-cli/README.md). Holds only the path and options: cheap to copy and safe to
/// use from several threads or processes; of two concurrent adds of one name, one fails.
class Keystore {
public:
    /// A key as listed: what can be read without the password.
    struct Entry {
        std::string name;     ///< 1-64 characters of [A-Za-z0-9_-]; also the file name stem
        std::string address;  ///< address text stored with the key; empty when `error` is set
        /// Set only by list(), for a key whose file is unreadable (reason "bad_keystore").
        std::optional<Error> error;
    };

    /// Opens `dir`, creating it (mode 0700, parents with default modes) if missing. Fails with
    /// "io_error" if it cannot, or "bad_scrypt_params" if `options` are out of bounds.
    static Result<Keystore> open(std::filesystem::path dir, KeystoreOptions options = {});

    /// Encrypts `secret` under `password` into a new file (mode 0600, written atomically).
    /// Fails with "bad_key_name", "bad_address", "empty_password", "key_exists" or "io_error".
    Result<void> add(const std::string& name,
                     const Hash32& secret,
                     const std::string& address_text,
                     const std::string& password);

    /// The secret stored under `name`; the caller wipes it. Fails with "bad_key_name",
    /// "key_not_found", "bad_keystore" (malformed file) or "bad_password" (wrong or tampered).
    Result<Hash32> unlock(const std::string& name, const std::string& password) const;

    /// Every key sorted by name, read without the password. An unreadable key file is listed
    /// with `error` set rather than hidden or failing the listing; fails only with "io_error".
    Result<std::vector<Entry>> list() const;

    /// One key's name and address; "bad_key_name", "key_not_found" or "bad_keystore".
    Result<Entry> show(const std::string& name) const;

    /// Whether a file exists for `name` (false for an invalid name); says nothing of its health.
    bool contains(const std::string& name) const;

    /// The directory this keystore reads and writes.
    const std::filesystem::path& dir() const { return m_dir; }

    /// Whether `name` is 1-64 characters of [A-Za-z0-9_-].
    static bool valid_name(std::string_view name);

private:
    Keystore(std::filesystem::path dir, KeystoreOptions options)
        : m_dir(std::move(dir)), m_options(options) {}

    std::filesystem::path file_path(std::string_view name) const;

    std::filesystem::path m_dir;
    KeystoreOptions m_options;
};

}  // namespace azora::wallet
