#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string_view>

#include "core/result.hpp"

namespace azora::node {

/// Creates `path` holding `contents`, atomically and never replacing anything: the bytes go to a
/// temporary file in the same directory (created 0600, then chmod `mode`), which is fsynced and
/// linked into place; then the directory is fsynced. A reader never sees a partial file, and a
/// crash leaves either no file or the whole one. An existing `path` (even a dangling symlink)
/// fails with rejected "file_exists"; I/O failures are internal "file_io".
Result<void> write_new_file(const std::filesystem::path& path,
                            std::string_view contents,
                            mode_t mode = 0600);

}  // namespace azora::node
