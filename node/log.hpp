#pragma once

#include <string>

/// Line-oriented logging to stderr with a UTC timestamp. Thread-safe. Never log key material.
namespace azora::node {

void log_info(const std::string& message);
void log_warn(const std::string& message);
void log_error(const std::string& message);

}  // namespace azora::node
