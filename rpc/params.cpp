#include "rpc/params.hpp"

#include "core/amount.hpp"
#include "core/reasons.hpp"

namespace azora::rpc {
namespace {

Error invalid(size_t index, std::string_view name, std::string_view what) {
    std::string message = "param '";
    message.append(name).append("' (#").append(std::to_string(index)).append(") ").append(what);
    return Error::from(reasons::kInvalidParams, std::move(message));
}

Result<std::string> as_string(const nlohmann::json& v, size_t index, std::string_view name) {
    if (!v.is_string()) {
        return invalid(index, name, "must be a string");
    }
    return v.get<std::string>();
}

Result<uint64_t> as_u64(const nlohmann::json& v, size_t index, std::string_view name) {
    // The parser stores non-negative literals as unsigned, but JSON built in code from an int
    // is signed, so both count. Floats (1.5, 1e3) are rejected rather than truncated.
    if (v.is_number_unsigned()) {
        return v.get<uint64_t>();
    }
    if (v.is_number_integer() && v.get<int64_t>() >= 0) {
        return static_cast<uint64_t>(v.get<int64_t>());
    }
    if (v.is_string()) {
        if (auto parsed = parse_decimal_u64(v.get_ref<const std::string&>())) {
            return *parsed;
        }
    }
    return invalid(index, name, "must be a non-negative integer or a decimal string");
}

Result<bool> as_bool(const nlohmann::json& v, size_t index, std::string_view name) {
    if (!v.is_boolean()) {
        return invalid(index, name, "must be a boolean");
    }
    return v.get<bool>();
}

// Shared shape of the required and optional getters.
template <typename T, typename Convert>
Result<T> required(const Params& p, size_t index, std::string_view name, Convert convert) {
    const nlohmann::json* v = p.find(index, name);
    if (v == nullptr) {
        return invalid(index, name, "is required");
    }
    return convert(*v, index, name);
}

template <typename T, typename Convert>
Result<std::optional<T>> optional(const Params& p,
                                  size_t index,
                                  std::string_view name,
                                  Convert convert) {
    const nlohmann::json* v = p.find(index, name);
    if (v == nullptr) {
        return std::optional<T>{};
    }
    AZORA_ASSIGN(T value, convert(*v, index, name));
    return std::optional<T>(std::move(value));
}

}  // namespace

std::optional<uint64_t> parse_decimal_u64(std::string_view text) {
    auto v = parse_base_units(text);  // core's canonical decimal form, shared with amounts
    return v ? std::optional<uint64_t>(*v) : std::nullopt;
}

const nlohmann::json* Params::find(size_t index, std::string_view name) const {
    const nlohmann::json* v = nullptr;
    if (m_params.is_array()) {
        if (index < m_params.size()) {
            v = &m_params[index];
        }
    } else if (m_params.is_object()) {
        auto it = m_params.find(name);
        if (it != m_params.end()) {
            v = &*it;
        }
    }
    return v != nullptr && !v->is_null() ? v : nullptr;
}

Result<std::string> Params::get_string(size_t index, std::string_view name) const {
    return required<std::string>(*this, index, name, as_string);
}

Result<uint64_t> Params::get_u64(size_t index, std::string_view name) const {
    return required<uint64_t>(*this, index, name, as_u64);
}

Result<bool> Params::get_bool(size_t index, std::string_view name) const {
    return required<bool>(*this, index, name, as_bool);
}

Result<nlohmann::json> Params::get_json(size_t index, std::string_view name) const {
    return required<nlohmann::json>(*this, index, name,
                                    [](const nlohmann::json& v, size_t, std::string_view) {
                                        return Result<nlohmann::json>(v);
                                    });
}

Result<std::optional<std::string>> Params::opt_string(size_t index, std::string_view name) const {
    return optional<std::string>(*this, index, name, as_string);
}

Result<std::optional<uint64_t>> Params::opt_u64(size_t index, std::string_view name) const {
    return optional<uint64_t>(*this, index, name, as_u64);
}

Result<std::optional<bool>> Params::opt_bool(size_t index, std::string_view name) const {
    return optional<bool>(*this, index, name, as_bool);
}

}  // namespace azora::rpc
