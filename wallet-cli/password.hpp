#pragma once

#include <filesystem>
#include <string>

#include "core/result.hpp"

namespace azora::wallet {

/// The first line of `path` without its line ending; pipes such as `<(pass show x)` work.
/// Fails with "io_error", "bad_password_file" (line over 4096 bytes) or "empty_password".
Result<std::string> read_password_file(const std::filesystem::path& path);

/// Asks on the controlling terminal with echo off, twice if `confirm`. Fails with "no_password"
/// when there is no terminal (use --password-file) or on end of input, "empty_password", or
/// "password_mismatch". Restores the terminal before returning, but not if a signal kills us.
Result<std::string> prompt_password(const std::string& prompt, bool confirm);

}  // namespace azora::wallet
