#include "vm/state_view.hpp"

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
