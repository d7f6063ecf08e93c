#pragma once

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/reasons.hpp"
#include "core/result.hpp"

namespace azora::rpc {

/// Read-only view of a request's params, positional (array) or named (object), so a handler
/// fetches "param #i, called name" the same way in both forms. Does not own the JSON.
/// Every getter fails with Error::from(reasons::kInvalidParams, ...) naming the param.
class Params {
public:
    /// `params` must outlive this view; null or absent params behave as an empty array.
    explicit Params(const nlohmann::json& params) : m_params(params) {}

    /// The raw value at position `index` (array) or key `name` (object); nullptr when absent.
    /// A JSON null counts as absent, so optional params may be passed as null to skip them.
    const nlohmann::json* find(size_t index, std::string_view name) const;

    /// True when the param is present and not null.
    bool has(size_t index, std::string_view name) const { return find(index, name) != nullptr; }

    /// A required JSON string.
    Result<std::string> get_string(size_t index, std::string_view name) const;
    /// A required unsigned 64-bit integer: a non-negative JSON integer or a canonical decimal
    /// string (see parse_decimal_u64), so amounts beyond 2^53 survive JavaScript clients.
    Result<uint64_t> get_u64(size_t index, std::string_view name) const;
    /// A required JSON boolean.
    Result<bool> get_bool(size_t index, std::string_view name) const;
    /// A required param of any JSON type.
    Result<nlohmann::json> get_json(size_t index, std::string_view name) const;

    /// As get_string, but nullopt when absent or null; still an error on a wrong type.
    Result<std::optional<std::string>> opt_string(size_t index, std::string_view name) const;
    /// As get_u64, but nullopt when absent or null.
    Result<std::optional<uint64_t>> opt_u64(size_t index, std::string_view name) const;
    /// As get_bool, but nullopt when absent or null.
    Result<std::optional<bool>> opt_bool(size_t index, std::string_view name) const;

private:
    const nlohmann::json& m_params;
};

/// Parses a decimal string of digits only (no sign, spaces or leading zeros except "0") into a
/// u64; nullopt on anything else or on overflow.
std::optional<uint64_t> parse_decimal_u64(std::string_view text);

}  // namespace azora::rpc
