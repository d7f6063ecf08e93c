#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/address.hpp"
#include "core/bytes.hpp"
#include "core/reasons.hpp"
#include "core/result.hpp"
#include "vm/state_view.hpp"

/// Module queries: read-only handlers over committed state, declared with their params and
/// result so that one RPC adapter (node/rpc_module_queries.cpp) serves them all and rpc_discover
/// describes them. JSON appears here only as the query surface; execution never sees it.
namespace azora::vm {

/// Default and largest page sizes of the listing queries.
inline constexpr size_t kDefaultQueryLimit = 50;
inline constexpr size_t kMaxQueryLimit = 200;

/// Committed state at one height that proves what it reads, so the answer can be checked
/// without trusting the node. Declared here, implemented by the node over its state tree.
class ProvenState {
public:
    virtual ~ProvenState() = default;
    virtual uint64_t height() const = 0;
    /// The header time at height(): a proven query's "now".
    virtual uint64_t time_ms() const = 0;
    /// The value at `key` at height() (nullopt: absent); its proof is added to the answer's
    /// bundle under `label`, which must be one of the query's proof_labels.
    virtual Result<std::optional<Bytes>> read(std::string_view label, ByteView key) = 0;
};

/// What a query handler reads.
struct QueryContext {
    const StateReader& state;  ///< committed state at the head
    uint64_t head_height = 0;
    std::string_view hrp;           ///< this chain's address prefix
    ProvenState* proven = nullptr;  ///< set for proven queries only
};

/// One declared param. Types: string, u64 (integer or canonical decimal string), boolean,
/// hex, hash (64 hex digits), address (bech32m with the chain's prefix).
struct QueryParam {
    std::string name;
    std::string type;
    bool required = true;  ///< required params come before optional ones
    std::string description;
};

/// A cursor and page size read from the "cursor" and "limit" params.
struct PageArgs {
    Bytes cursor;  ///< empty = the first page
    size_t limit = kDefaultQueryLimit;
};

/// A query's params by name (the adapter turns positional params into names). Every getter
/// fails with Error::from(reasons::kInvalidParams, ...) naming the param; JSON null is absent.
class QueryArgs {
public:
    /// `named` (an object) must outlive this view.
    QueryArgs(const nlohmann::json& named, std::string_view hrp) : m_named(named), m_hrp(hrp) {}

    const nlohmann::json* find(std::string_view name) const;
    Result<std::string> string(std::string_view name) const;
    Result<std::optional<std::string>> opt_string(std::string_view name) const;
    Result<uint64_t> u64(std::string_view name) const;
    Result<std::optional<uint64_t>> opt_u64(std::string_view name) const;
    Result<Hash32> hash(std::string_view name) const;
    Result<std::optional<Hash32>> opt_hash(std::string_view name) const;
    Result<Address> address(std::string_view name) const;
    /// "cursor" (hex of exactly `cursor_len` bytes; otherwise "bad_cursor: ...") and "limit"
    /// (1 to kMaxQueryLimit).
    Result<PageArgs> page(size_t cursor_len) const;

private:
    const nlohmann::json& m_named;
    std::string_view m_hrp;
};

/// The standard "cursor"/"limit" param pair of listing queries.
std::vector<QueryParam> page_params();
/// A next_cursor as JSON: hex, or null on the last page.
nlohmann::json cursor_json(const std::optional<Bytes>& cursor);

/// A read-only query of a module, served over RPC as `method`.
struct QuerySpec {
    /// RPC method name, `<module>_<verb>` (the names docs/rpc.md already lists are kept).
    std::string method;
    std::string summary;
    std::vector<QueryParam> params;
    std::string result;  ///< what the result holds, for docs and rpc_discover
    std::string result_type = "object";
    /// Non-empty for a proven query: it reads through QueryContext::proven at a committed
    /// height (the adapter appends an optional "height" param, default the head) and its answer
    /// gets a `bundle` {header, commit, validators, one proof per label (null if not read)}.
    std::vector<std::string> proof_labels;
    std::function<Result<nlohmann::json>(const QueryContext&, const QueryArgs&)> run;
};

}  // namespace azora::vm
