#include "rpc/dispatcher.hpp"

#include "core/reasons.hpp"
#include "rpc/errors.hpp"

namespace azora::rpc {
namespace {

using nlohmann::json;

json error_response(const json& id, int code, std::string_view reason, std::string_view detail) {
    std::string message(standard_message(code));
    if (!detail.empty()) {
        message.append(": ").append(detail);
    }
    return {{"jsonrpc", "2.0"},
            {"id", id},
            {"error",
             {{"code", code}, {"message", std::move(message)}, {"data", {{"reason", reason}}}}}};
}

json error_response(const json& id, const Error& error) {
    const int code = code_for(error);
    // Application errors carry their own human text; the reason is the fallback.
    const std::string& message = error.message.empty() ? error.reason : error.message;
    return {
        {"jsonrpc", "2.0"},
        {"id", id},
        {"error", {{"code", code}, {"message", message}, {"data", {{"reason", error.reason}}}}}};
}

// Checks params against the method's declared list before the handler sees them, so every
// method rejects unknown, extra and missing params the same way.
std::optional<std::string> check_params(const json& params, const Method& method) {
    if (params.is_null()) {
        // Omitted (or null) params are an empty list.
    } else if (params.is_array()) {
        if (params.size() > method.params.size()) {
            return "expected at most " + std::to_string(method.params.size()) + " params, got " +
                   std::to_string(params.size());
        }
    } else if (params.is_object()) {
        for (const auto& [key, value] : params.items()) {
            bool known = false;
            for (const ParamSpec& p : method.params) {
                known = known || p.name == key;
            }
            if (!known) {
                return "unknown param '" + key + "'";
            }
        }
    } else {
        return "params must be an array or an object";
    }
    const Params view(params);
    for (size_t i = 0; i < method.params.size(); ++i) {
        if (method.params[i].required && !view.has(i, method.params[i].name)) {
            return "missing required param '" + method.params[i].name + "'";
        }
    }
    return std::nullopt;
}

std::string serialize(const json& response) {
    // Replace invalid UTF-8 from a handler instead of throwing on the way out.
    return response.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace

Dispatcher::Dispatcher(const MethodTable& table, DispatchOptions options)
    : m_table(table), m_options(options) {}

std::string Dispatcher::error_body(int code, std::string_view reason, std::string_view message) {
    return serialize(error_response(nullptr, code, reason, message));
}

std::string Dispatcher::handle(std::string_view body, const CallContext& context) const {
    json request = json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
    if (request.is_discarded()) {
        return error_body(codes::kParseError, "parse_error", "body is not valid JSON");
    }
    if (!request.is_array()) {
        auto response = handle_one(request, context);
        return response ? serialize(*response) : std::string();
    }
    if (request.empty()) {
        return error_body(codes::kInvalidRequest, "invalid_request", "empty batch");
    }
    if (request.size() > m_options.max_batch) {
        return error_body(codes::kInvalidRequest, "batch_too_large",
                          "batch of " + std::to_string(request.size()) + " exceeds " +
                              std::to_string(m_options.max_batch));
    }
    json responses = json::array();
    for (const json& item : request) {
        if (auto response = handle_one(item, context)) {
            responses.push_back(std::move(*response));
        }
    }
    return responses.empty() ? std::string() : serialize(responses);
}

std::optional<json> Dispatcher::handle_one(const json& request, const CallContext& context) const {
    if (!request.is_object()) {
        return error_response(nullptr, codes::kInvalidRequest, "invalid_request", "not an object");
    }
    const auto id_it = request.find("id");
    const bool notification = id_it == request.end();
    // Fractional ids are allowed by the spec (discouraged); objects, arrays and booleans are not.
    if (!notification && !(id_it->is_string() || id_it->is_number() || id_it->is_null())) {
        return error_response(nullptr, codes::kInvalidRequest, "invalid_request", "bad id type");
    }
    const json id = notification ? json(nullptr) : *id_it;
    // An invalid request is answered even without an id: the caller cannot tell otherwise.
    const auto version = request.find("jsonrpc");
    if (version == request.end() || !version->is_string() || *version != "2.0") {
        return error_response(id, codes::kInvalidRequest, "invalid_request",
                              "jsonrpc must be \"2.0\"");
    }
    const auto method_it = request.find("method");
    if (method_it == request.end() || !method_it->is_string()) {
        return error_response(id, codes::kInvalidRequest, "invalid_request",
                              "method must be a string");
    }
    const auto& name = method_it->get_ref<const std::string&>();
    static const json kNoParams;
    const auto params_it = request.find("params");
    const json& params = params_it == request.end() ? kNoParams : *params_it;

    std::optional<json> response;
    const Method* method = m_table.find(name);
    if (method == nullptr) {
        response = error_response(id, codes::kMethodNotFound, "method_not_found", name);
    } else if (method->admin && !context.authorized) {
        response = error_response(
            id, Error::from(reasons::kUnauthorized, name + " requires the admin token"));
    } else if (auto problem = check_params(params, *method)) {
        response = error_response(id, codes::kInvalidParams, "invalid_params", *problem);
    } else {
        try {
            Result<json> result = method->handler(params);
            if (result.ok()) {
                // Built member by member: an initializer list would copy a large result.
                response = json::object();
                (*response)["jsonrpc"] = "2.0";
                (*response)["id"] = id;
                (*response)["result"] = std::move(result).value();
            } else {
                response = error_response(id, result.error());
            }
        } catch (...) {
            // Handler bugs must not take the server down; their text stays out of responses.
            response = error_response(id, codes::kInternal, "internal", "");
        }
    }
    if (notification) {
        return std::nullopt;
    }
    return response;
}

}  // namespace azora::rpc
