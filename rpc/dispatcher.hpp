#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "rpc/method_table.hpp"

namespace azora::rpc {

/// Limits applied by the dispatcher.
struct DispatchOptions {
    size_t max_batch = 100;  ///< most requests in one batch; more is one -32600 error
};

/// What the transport knows about the caller.
struct CallContext {
    bool authorized = false;  ///< presented the admin token: may call admin methods
};

/// JSON-RPC 2.0 processing of one request body into one response body, with no I/O, so every
/// protocol rule is unit-testable. Stateless after construction: safe to call from many
/// threads at once if the handlers are.
class Dispatcher {
public:
    /// `table` must outlive the dispatcher and not change while it is used.
    explicit Dispatcher(const MethodTable& table, DispatchOptions options = {});

    /// The response body for `body`: one response object, a batch array, or "" when nothing
    /// is to be sent (a notification or a batch of only notifications; HTTP 204).
    std::string handle(std::string_view body, const CallContext& context) const;

    /// A response body carrying only an error with id null, for transport-level failures
    /// (body too large, too many connections).
    static std::string error_body(int code, std::string_view reason, std::string_view message);

private:
    /// Processes one request object; nullopt for a notification.
    std::optional<nlohmann::json> handle_one(const nlohmann::json& request,
                                             const CallContext& context) const;

    const MethodTable& m_table;
    DispatchOptions m_options;
};

}  // namespace azora::rpc
