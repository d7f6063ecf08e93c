#include "rpc/method_table.hpp"

#include <algorithm>
#include <cassert>
#include <set>

#include "core/reasons.hpp"

namespace azora::rpc {
namespace {

bool is_lower(char c) {
    return c >= 'a' && c <= 'z';
}
bool is_upper(char c) {
    return c >= 'A' && c <= 'Z';
}
bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// `<area>_<verb>`: a lowercase area, one underscore, a camelCase verb (chain_getBlock).
bool valid_method_name(std::string_view name) {
    const size_t sep = name.find('_');
    if (sep == std::string_view::npos || sep == 0 || sep + 1 == name.size()) {
        return false;
    }
    const std::string_view area = name.substr(0, sep);
    const std::string_view verb = name.substr(sep + 1);
    if (!std::all_of(area.begin(), area.end(), [](char c) { return is_lower(c) || is_digit(c); })) {
        return false;
    }
    if (!is_lower(area.front()) || !is_lower(verb.front())) {
        return false;
    }
    return std::all_of(verb.begin(), verb.end(),
                       [](char c) { return is_lower(c) || is_upper(c) || is_digit(c); });
}

bool valid_param_name(std::string_view name) {
    if (name.empty() || is_digit(name.front())) {
        return false;
    }
    return std::all_of(name.begin(), name.end(), [](char c) {
        return is_lower(c) || is_upper(c) || is_digit(c) || c == '_';
    });
}

Result<void> validate(const Method& m) {
    if (!valid_method_name(m.name)) {
        return Error::from(reasons::kBadMethodName, "'" + m.name + "' is not <area>_<verb>");
    }
    if (!m.handler) {
        return Error::from(reasons::kMissingHandler, m.name);
    }
    if (!schema_for_type(m.result_type)) {
        return Error::from(reasons::kBadParamType, m.name + " result: " + m.result_type);
    }
    std::set<std::string_view> seen;
    bool optional_seen = false;
    for (const ParamSpec& p : m.params) {
        if (!valid_param_name(p.name) || !seen.insert(p.name).second) {
            return Error::from(reasons::kBadParam, m.name + ": '" + p.name + "'");
        }
        if (!schema_for_type(p.type)) {
            return Error::from(reasons::kBadParamType, m.name + "." + p.name + ": " + p.type);
        }
        // A required param after an optional one could not be sent positionally without
        // sending the optional one too.
        if (p.required && optional_seen) {
            return Error::from(reasons::kBadParamOrder, m.name + "." + p.name);
        }
        optional_seen = optional_seen || !p.required;
    }
    return ok_result();
}

nlohmann::json content_descriptor(std::string_view name,
                                  std::string_view type,
                                  std::string_view description) {
    nlohmann::json d = {{"name", name}, {"schema", *schema_for_type(type)}};
    if (!description.empty()) {
        d["description"] = description;
    }
    return d;
}

}  // namespace

std::optional<nlohmann::json> schema_for_type(std::string_view type) {
    using nlohmann::json;
    if (type == "any") {
        return json::object();
    }
    if (type == "string" || type == "integer" || type == "number" || type == "boolean" ||
        type == "object" || type == "array") {
        return json{{"type", type}};
    }
    if (type == "u64") {
        return json{{"oneOf", json::array({json{{"type", "integer"}, {"minimum", 0}},
                                           json{{"type", "string"},
                                                {"pattern", "^(0|[1-9][0-9]{0,19})$"}}})}};
    }
    if (type == "hex") {
        return json{{"type", "string"}, {"pattern", "^(0x)?([0-9a-fA-F]{2})*$"}};
    }
    if (type == "hash") {
        return json{{"type", "string"}, {"pattern", "^(0x)?[0-9a-fA-F]{64}$"}};
    }
    if (type == "address") {
        // bech32m: the chain's prefix, "1", then the data characters (docs/protocol.md 17.4).
        return json{{"type", "string"}, {"pattern", "^[a-z]{1,83}1[02-9ac-hj-np-z]{6,}$"}};
    }
    return std::nullopt;
}

MethodTable::MethodTable(std::string title, std::string version)
    : m_title(std::move(title)), m_version(std::move(version)) {
    auto r = add(Method{
        .name = "rpc_discover",
        .summary = "Returns the OpenRPC document describing every method of this server.",
        .params = {},
        .result = "OpenRPC 1.2.6 document",
        .result_type = "object",
        .admin = false,
        .handler = [this](const nlohmann::json&) -> Result<nlohmann::json> { return discover(); },
    });
    assert(r.ok() && "rpc_discover is valid and the table is empty");
    (void)r;
}

Result<void> MethodTable::add(Method method) {
    AZORA_TRY(validate(method));
    if (m_methods.contains(method.name)) {
        return Error::from(reasons::kDuplicateMethod, method.name);
    }
    std::string key = method.name;
    m_methods.emplace(std::move(key), std::move(method));
    return ok_result();
}

const Method* MethodTable::find(std::string_view name) const {
    auto it = m_methods.find(name);
    return it == m_methods.end() ? nullptr : &it->second;
}

std::vector<std::string> MethodTable::names() const {
    std::vector<std::string> out;
    out.reserve(m_methods.size());
    for (const auto& [name, method] : m_methods) {
        out.push_back(name);
    }
    return out;
}

nlohmann::json MethodTable::discover() const {
    nlohmann::json methods = nlohmann::json::array();
    for (const auto& [name, m] : m_methods) {
        nlohmann::json params = nlohmann::json::array();
        for (const ParamSpec& p : m.params) {
            nlohmann::json d = content_descriptor(p.name, p.type, p.description);
            d["required"] = p.required;
            params.push_back(std::move(d));
        }
        nlohmann::json entry = {
            {"name", name},
            {"paramStructure", "either"},
            {"params", std::move(params)},
            {"result", content_descriptor(name + "_result", m.result_type, m.result)},
        };
        if (!m.summary.empty()) {
            entry["summary"] = m.summary;
        }
        // OpenRPC allows x- extensions; tools can hide admin methods from public docs.
        entry["x-admin"] = m.admin;
        methods.push_back(std::move(entry));
    }
    return {
        {"openrpc", "1.2.6"},
        {"info", {{"title", m_title}, {"version", m_version}}},
        {"methods", std::move(methods)},
    };
}

}  // namespace azora::rpc
