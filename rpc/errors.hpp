#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace azora::rpc {

/// JSON-RPC 2.0 error codes: the standard ones plus Azora's application range.
namespace codes {
inline constexpr int kParseError = -32700;
inline constexpr int kInvalidRequest = -32600;
inline constexpr int kMethodNotFound = -32601;
inline constexpr int kInvalidParams = -32602;
inline constexpr int kInternal = -32603;
inline constexpr int kRejected = -32000;  ///< also malformed input that is not a params problem
inline constexpr int kFailed = -32001;
inline constexpr int kRetry = -32002;
}  // namespace codes

/// The JSON-RPC code for a handler's Error, ranked by ErrorKind (see README).
int code_for(const Error& error);

/// Inverse of code_for for clients: the ErrorKind a caller should act on for `code`.
ErrorKind kind_for(int code);

/// The reason a standard code implies when a response carries no data.reason.
std::string_view default_reason(int code);

/// Standard short text for a code ("Invalid params"), used as the message fallback.
std::string_view standard_message(int code);

}  // namespace azora::rpc
