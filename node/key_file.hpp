#pragma once

#include <filesystem>

#include "core/keys.hpp"
#include "core/result.hpp"

/// Secret-key files (validator key, node key): 64 hex digits and a newline, mode 0600.
namespace azora::node {

/// Writes `key` to `path` atomically with mode 0600 (write_new_file: temporary file, fsync, a
/// link that cannot replace anything). Refuses an existing file with rejected
/// "key_file_exists", so a key is never silently replaced; I/O failures are internal "file_io".
Result<void> write_key_file(const std::filesystem::path& path, const PrivateKey& key);

/// Loads the key at `path` (load_key_file in node.hpp), or creates a fresh random one there if
/// the file does not exist. A file that exists but does not hold a key is an error, never
/// replaced.
Result<PrivateKey> load_or_create_key_file(const std::filesystem::path& path);

}  // namespace azora::node
