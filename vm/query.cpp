#include "vm/query.hpp"

#include "core/amount.hpp"
#include "core/reasons.hpp"

namespace azora::vm {
namespace {

Error invalid(std::string_view name, std::string_view what) {
    std::string message = "param '";
    message.append(name).append("' ").append(what);
    return Error::from(reasons::kInvalidParams, std::move(message));
}

}  // namespace

const nlohmann::json* QueryArgs::find(std::string_view name) const {
    if (!m_named.is_object()) {
        return nullptr;
    }
    auto it = m_named.find(name);
    return it == m_named.end() || it->is_null() ? nullptr : &*it;
}

Result<std::optional<std::string>> QueryArgs::opt_string(std::string_view name) const {
    const nlohmann::json* v = find(name);
    if (v == nullptr) {
        return std::optional<std::string>{};
    }
    if (!v->is_string()) {
        return invalid(name, "must be a string");
    }
    return std::optional<std::string>(v->get<std::string>());
}

Result<std::string> QueryArgs::string(std::string_view name) const {
    AZORA_ASSIGN(auto v, opt_string(name));
    if (!v) {
        return invalid(name, "is required");
    }
    return std::move(*v);
}

Result<std::optional<uint64_t>> QueryArgs::opt_u64(std::string_view name) const {
    const nlohmann::json* v = find(name);
    if (v == nullptr) {
        return std::optional<uint64_t>{};
    }
    // JSON built in code from an int is signed; parsed literals are unsigned. Floats refused.
    if (v->is_number_unsigned()) {
        return std::optional<uint64_t>(v->get<uint64_t>());
    }
    if (v->is_number_integer() && v->get<int64_t>() >= 0) {
        return std::optional<uint64_t>(static_cast<uint64_t>(v->get<int64_t>()));
    }
    if (v->is_string()) {
        if (auto parsed = parse_base_units(v->get_ref<const std::string&>())) {
            return std::optional<uint64_t>(*parsed);
        }
    }
    return invalid(name, "must be a non-negative integer or a decimal string");
}

Result<uint64_t> QueryArgs::u64(std::string_view name) const {
    AZORA_ASSIGN(auto v, opt_u64(name));
    if (!v) {
        return invalid(name, "is required");
    }
    return *v;
}

Result<std::optional<Hash32>> QueryArgs::opt_hash(std::string_view name) const {
    AZORA_ASSIGN(auto text, opt_string(name));
    if (!text) {
        return std::optional<Hash32>{};
    }
    auto h = fixed_from_hex<32>(*text);
    if (!h) {
        return Error::from(reasons::kInvalidParams, std::string(name) + " must be 64 hex digits");
    }
    return std::optional<Hash32>(*h);
}

Result<Hash32> QueryArgs::hash(std::string_view name) const {
    AZORA_ASSIGN(auto h, opt_hash(name));
    if (!h) {
        return invalid(name, "is required");
    }
    return *h;
}

Result<Address> QueryArgs::address(std::string_view name) const {
    AZORA_ASSIGN(std::string text, string(name));
    auto addr = Address::parse(text, m_hrp);
    if (!addr) {
        return Error::from(reasons::kInvalidParams,
                           std::string(name) + ": " + addr.error().message);
    }
    return *addr;
}

Result<PageArgs> QueryArgs::page(size_t cursor_len) const {
    PageArgs out;
    AZORA_ASSIGN(auto cursor, opt_string("cursor"));
    if (cursor) {
        auto bytes = from_hex(*cursor);
        if (!bytes || bytes->size() != cursor_len) {
            return Error::from(reasons::kInvalidParams,
                               "bad_cursor: cursor must be a next_cursor from this method");
        }
        out.cursor = std::move(*bytes);
    }
    AZORA_ASSIGN(auto limit, opt_u64("limit"));
    if (limit) {
        if (*limit == 0 || *limit > kMaxQueryLimit) {
            return Error::from(reasons::kInvalidParams,
                               "limit must be 1 to " + std::to_string(kMaxQueryLimit));
        }
        out.limit = static_cast<size_t>(*limit);
    }
    return out;
}

std::vector<QueryParam> page_params() {
    return {{"cursor", "string", false, "next_cursor of the last page"},
            {"limit", "u64", false,
             "page size, 1-" + std::to_string(kMaxQueryLimit) + " (default " +
                 std::to_string(kDefaultQueryLimit) + ")"}};
}

nlohmann::json cursor_json(const std::optional<Bytes>& cursor) {
    return cursor ? nlohmann::json(to_hex(*cursor)) : nlohmann::json(nullptr);
}

}  // namespace azora::vm
