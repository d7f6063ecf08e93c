#pragma once

#include <cstddef>
#include <optional>
#include <utility>
#include <vector>

#include "core/bytes.hpp"
#include "core/result.hpp"
#include "vm/state_view.hpp"

namespace azora::vm {

/// Largest page a query returns.
inline constexpr size_t kMaxPageLimit = 1000;

/// One page of a prefix scan: the entries' key suffixes (the key minus the prefix) and
/// values, in key order, and the cursor of the next page.
struct StatePage {
    std::vector<std::pair<Bytes, Bytes>> entries;
    /// The last suffix returned when more entries follow; nullopt on the last page.
    std::optional<Bytes> next_cursor;
};

/// Lists the entries `prefix || suffix` whose suffix is exactly `suffix_len` bytes and comes
/// after `cursor` (exclusive; empty = from the first), at most `limit` of them. The order is the
/// keys' byte order, so a cursor stays meaningful while entries are added or removed: a walk
/// never repeats an entry and never skips one that exists throughout the walk.
/// Fails (malformed) with "bad_cursor" when `cursor` is neither empty nor `suffix_len` bytes and
/// "bad_limit" when `limit` is 0 or above kMaxPageLimit; an entry of another length under
/// `prefix` is "state_corrupt" (internal).
Result<StatePage> page_entries(
    const StateReader& state, ByteView prefix, size_t suffix_len, ByteView cursor, size_t limit);

}  // namespace azora::vm
