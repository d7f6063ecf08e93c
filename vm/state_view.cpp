#include "vm/state_view.hpp"

#include <algorithm>

#include "vm/state_key.hpp"

namespace azora::vm {

Result<std::optional<Bytes>> StateView::get(ByteView key) const {
    auto it = m_changes.find(key);
    if (it != m_changes.end()) {
        return it->second;
    }
    auto cached = m_base_reads.find(key);
    if (cached != m_base_reads.end()) {
        return cached->second;
    }
    AZORA_ASSIGN(auto value, m_base.get(key));
    m_base_reads.emplace(Bytes(key.begin(), key.end()), value);
    return value;
}

Result<void> StateView::scan(ByteView prefix, ByteView start, const ScanVisitor& visit) const {
    const BytesLess less;
    const ByteView from = less(start, prefix) ? prefix : start;
    auto it = m_changes.lower_bound(from);
    auto in_prefix = [&](const Bytes& key) { return key_has_prefix(key, prefix); };
    // Emits this view's entries below `bound` (all of the prefix range when nullopt); false
    // when the visitor stopped the scan.
    auto emit_below = [&](std::optional<ByteView> bound) {
        for (; it != m_changes.end() && in_prefix(it->first); ++it) {
            if (bound && !less(it->first, *bound)) {
                return true;
            }
            if (it->second && !visit(it->first, *it->second)) {
                return false;
            }
        }
        return true;
    };
    bool stopped = false;
    AZORA_TRY(m_base.scan(prefix, from, [&](ByteView key, ByteView value) {
        if (!emit_below(key)) {
            stopped = true;
            return false;
        }
        if (it != m_changes.end() && !less(key, it->first)) {
            // Written in this view: its value (or deletion) replaces the base's.
            const std::optional<Bytes>& mine = it->second;
            ++it;
            if (mine && !visit(key, *mine)) {
                stopped = true;
                return false;
            }
            return true;
        }
        if (!visit(key, value)) {
            stopped = true;
            return false;
        }
        return true;
    }));
    if (!stopped) {
        emit_below(std::nullopt);
    }
    return {};
}

void StateView::record(ByteView key, std::optional<Bytes> value) {
    auto it = m_changes.find(key);
    JournalEntry entry{Bytes(key.begin(), key.end()), std::nullopt};
    if (it != m_changes.end()) {
        entry.prior = std::move(it->second);
        it->second = std::move(value);
    } else {
        m_changes.emplace(entry.key, std::move(value));
    }
    m_journal.push_back(std::move(entry));
}

void StateView::put(ByteView key, Bytes value) {
    record(key, std::move(value));
}

void StateView::del(ByteView key) {
    record(key, std::nullopt);
}

void StateView::revert(size_t mark) {
    while (m_journal.size() > mark) {
        JournalEntry& e = m_journal.back();
        if (e.prior) {
            m_changes.insert_or_assign(e.key, std::move(*e.prior));
        } else {
            m_changes.erase(e.key);
        }
        m_journal.pop_back();
    }
}

}  // namespace azora::vm
