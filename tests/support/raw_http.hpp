#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace azora::test {

/// An HTTP reply, or status 0 with the transport error in `body`.
struct HttpReply {
    int status = 0;
    std::string body;
};

/// Sends one `POST /` with `body` verbatim to 127.0.0.1:`port` ("Connection: close") and reads
/// the whole reply. For requests rpc::Client cannot make: malformed JSON, a wrong jsonrpc
/// version. Each send and receive is bounded by `timeout`.
HttpReply post_raw(uint16_t port,
                   std::string_view body,
                   std::string_view content_type = "application/json",
                   std::chrono::milliseconds timeout = std::chrono::seconds(10));

}  // namespace azora::test
