#pragma once

#include <filesystem>
#include <string>

#include "core/result.hpp"

namespace azora::rpc {

/// Name of the cookie file inside the node's data dir.
inline constexpr const char* kCookieFileName = "rpc.cookie";

/// Creates (or replaces) datadir/rpc.cookie holding a fresh random token (64 hex chars, from
/// 32 bytes of OpenSSL RAND_bytes) with mode 0600, and returns the token. internal
/// "cookie_io" on any file error, internal "no_entropy" if the RNG fails.
Result<std::string> write_cookie(const std::filesystem::path& datadir);

/// Reads the token from a cookie file (surrounding whitespace ignored). retry
/// "cookie_not_found" when the file is missing (the node may not be up yet), internal
/// "cookie_io" on other file errors, malformed "bad_cookie" when it holds no 64-hex token.
Result<std::string> read_cookie(const std::filesystem::path& path);

}  // namespace azora::rpc
