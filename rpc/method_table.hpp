#pragma once

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "rpc/params.hpp"

namespace azora::rpc {

/// Handles one call. `params` is the request's params as sent (array, object, or null when
/// omitted); read it through Params. Runs on a server thread: must be thread-safe.
using Handler = std::function<Result<nlohmann::json>(const nlohmann::json& params)>;

/// One declared parameter, used for validation and the OpenRPC document.
struct ParamSpec {
    std::string name{};  ///< [A-Za-z_][A-Za-z0-9_]*, unique within the method
    /// One of: string, integer, number, boolean, object, array, any, u64 (integer or decimal
    /// string), hex (hex string, optional 0x), hash (64 hex digits, optional 0x), address
    /// (bech32m text).
    std::string type{};
    bool required = true;  ///< required params come before optional ones (positional form)
    std::string description{};
};

/// A registered method: its contract, its documentation and its handler.
struct Method {
    std::string name{};  ///< `<area>_<verb>`, e.g. chain_getBlock
    std::string summary{};
    std::vector<ParamSpec> params{};
    std::string result{};             ///< description of the result
    std::string result_type = "any";  ///< same vocabulary as ParamSpec::type
    bool admin = false;               ///< callable only with the admin bearer token
    Handler handler{};
};

/// The registry of methods. Built once before the server starts, then only read, so lookups
/// from server threads need no lock; add() is not thread-safe. Registers rpc_discover itself,
/// which refers back to the table, hence not copyable or movable.
class MethodTable {
public:
    /// `title` and `version` fill the OpenRPC document's info.
    explicit MethodTable(std::string title = "Azora chain JSON-RPC", std::string version = "0.1.0");
    MethodTable(const MethodTable&) = delete;
    MethodTable& operator=(const MethodTable&) = delete;

    /// Registers `method`; malformed "duplicate_method", "bad_method_name", "bad_param",
    /// "bad_param_type", "bad_param_order" or "missing_handler" otherwise.
    Result<void> add(Method method);

    /// The method called `name`, or nullptr. The pointer stays valid while the table lives.
    const Method* find(std::string_view name) const;

    /// Number of registered methods, rpc_discover included.
    size_t size() const { return m_methods.size(); }

    /// Registered names in sorted order.
    std::vector<std::string> names() const;

    /// The OpenRPC 1.2.6 document describing every registered method.
    nlohmann::json discover() const;

private:
    std::string m_title;
    std::string m_version;
    std::map<std::string, Method, std::less<>> m_methods;  // sorted: stable discover output
};

/// The JSON schema for a ParamSpec type name; nullopt for an unknown name.
std::optional<nlohmann::json> schema_for_type(std::string_view type);

}  // namespace azora::rpc
