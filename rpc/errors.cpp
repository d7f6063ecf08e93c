#include "rpc/errors.hpp"

#include "core/reasons.hpp"

namespace azora::rpc {

int code_for(const Error& error) {
    switch (error.kind) {
        case ErrorKind::malformed:
            // Only a params problem is the caller's JSON-RPC mistake; other malformed input
            // (a bad transaction) is an application rejection with its own reason.
            return error.is(reasons::kInvalidParams) ? codes::kInvalidParams : codes::kRejected;
        case ErrorKind::rejected:
            return codes::kRejected;
        case ErrorKind::failed:
            return codes::kFailed;
        case ErrorKind::retry:
            return codes::kRetry;
        case ErrorKind::internal:
            return codes::kInternal;
    }
    return codes::kInternal;
}

ErrorKind kind_for(int code) {
    switch (code) {
        case codes::kParseError:
        case codes::kInvalidRequest:
        case codes::kMethodNotFound:
        case codes::kInvalidParams:
            return ErrorKind::malformed;
        case codes::kInternal:
            return ErrorKind::internal;
        case codes::kFailed:
            return ErrorKind::failed;
        case codes::kRetry:
            return ErrorKind::retry;
        default:
            break;
    }
    // The rest of the server range is reserved for application rejections.
    if (code <= -32000 && code >= -32099) {
        return ErrorKind::rejected;
    }
    return ErrorKind::internal;
}

std::string_view default_reason(int code) {
    switch (code) {
        case codes::kParseError:
            return "parse_error";
        case codes::kInvalidRequest:
            return "invalid_request";
        case codes::kMethodNotFound:
            return "method_not_found";
        case codes::kInvalidParams:
            return "invalid_params";
        case codes::kInternal:
            return "internal";
        default:
            return "server_error";
    }
}

std::string_view standard_message(int code) {
    switch (code) {
        case codes::kParseError:
            return "Parse error";
        case codes::kInvalidRequest:
            return "Invalid Request";
        case codes::kMethodNotFound:
            return "Method not found";
        case codes::kInvalidParams:
            return "Invalid params";
        case codes::kInternal:
            return "Internal error";
        default:
            return "Server error";
    }
}

}  // namespace azora::rpc
