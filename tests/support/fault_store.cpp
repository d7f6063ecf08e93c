#include "tests/support/fault_store.hpp"

namespace azora::test {

FaultStore::FaultStore()
    : m_live(ledger::make_memory_store()), m_durable(ledger::make_memory_store()) {}

Result<std::optional<Bytes>> FaultStore::get(std::string_view key) const {
    return m_live->get(key);
}

Result<void> FaultStore::scan(
    std::string_view prefix,
    std::string_view start,
    const std::function<bool(std::string_view key, ByteView value)>& visit) const {
    return m_live->scan(prefix, start, visit);
}

Result<void> FaultStore::write(const ledger::KvBatch& batch, bool sync) {
    ++m_writes;
    if (sync) {
        ++m_synced_writes;
    }
    if (m_writes == m_fail_at || (sync && m_synced_writes == m_fail_synced_at)) {
        return Error::internal("storage_io", "injected write failure");
    }
    AZORA_TRY(m_live->write(batch, sync));
    if (!sync) {
        m_unsynced.push_back(batch);
        return {};
    }
    // A synced write makes everything before it durable too (LevelDB's log is sequential).
    for (const auto& b : m_unsynced) {
        AZORA_TRY(m_durable->write(b, true));
    }
    m_unsynced.clear();
    return m_durable->write(batch, true);
}

void FaultStore::rebuild_live(size_t keep_unsynced) {
    auto live = ledger::make_memory_store();
    ledger::KvBatch all;
    auto copied = m_durable->scan("", "", [&](std::string_view key, ByteView value) {
        all.put(key, value);
        return true;
    });
    if (!copied || !live->write(all, true)) {
        std::abort();  // the memory store does not fail
    }
    m_unsynced.resize(keep_unsynced);
    for (const auto& b : m_unsynced) {
        if (!live->write(b, false)) {
            std::abort();
        }
    }
    m_live = std::move(live);
}

void FaultStore::power_loss() {
    rebuild_live(0);
}

void FaultStore::drop_last_unsynced() {
    if (!m_unsynced.empty()) {
        rebuild_live(m_unsynced.size() - 1);
    }
}

}  // namespace azora::test
