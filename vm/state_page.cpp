#include "vm/state_page.hpp"

#include <string>

#include "core/reasons.hpp"

namespace azora::vm {

Result<StatePage> page_entries(
    const StateReader& state, ByteView prefix, size_t suffix_len, ByteView cursor, size_t limit) {
    if (!cursor.empty() && cursor.size() != suffix_len) {
        return Error::from(reasons::kBadCursor, "cursor must be empty or " +
                                                    std::to_string(suffix_len) + " bytes, got " +
                                                    std::to_string(cursor.size()));
    }
    if (limit == 0 || limit > kMaxPageLimit) {
        return Error::from(reasons::kBadLimit,
                           "limit must be 1 to " + std::to_string(kMaxPageLimit));
    }
    // Every key under the prefix has the same length, so the first key after prefix || cursor
    // is at least prefix || cursor || 00.
    Bytes start;
    if (!cursor.empty()) {
        start.assign(prefix.begin(), prefix.end());
        start.insert(start.end(), cursor.begin(), cursor.end());
        start.push_back(0);
    }
    StatePage page;
    bool corrupt = false;
    bool more = false;
    AZORA_TRY(state.scan(prefix, start, [&](ByteView key, ByteView value) {
        if (key.size() != prefix.size() + suffix_len) {
            corrupt = true;
            return false;
        }
        if (page.entries.size() == limit) {
            more = true;
            return false;
        }
        page.entries.emplace_back(
            Bytes(key.begin() + static_cast<std::ptrdiff_t>(prefix.size()), key.end()),
            Bytes(value.begin(), value.end()));
        return true;
    }));
    if (corrupt) {
        return Error::from(reasons::kStateCorrupt,
                           "key of unexpected length under " + to_hex(prefix));
    }
    if (more) {
        page.next_cursor = page.entries.back().first;
    }
    return page;
}

}  // namespace azora::vm
