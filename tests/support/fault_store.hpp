#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "ledger/kv_store.hpp"

namespace azora::test {

/// A KvStore over memory that fails chosen writes and loses power: it keeps what a disk would
/// hold after a crash (every batch up to the last synced write) apart from what reads see.
/// Thread-safe as the memory store is, except the fault controls (test thread only).
class FaultStore final : public ledger::KvStore {
public:
    FaultStore();

    Result<std::optional<Bytes>> get(std::string_view key) const override;
    /// Applies `batch` unless this write was chosen to fail, then returns an internal
    /// "storage_io" error and applies nothing (the batch never reaches the disk).
    Result<void> write(const ledger::KvBatch& batch, bool sync) override;
    Result<void> scan(
        std::string_view prefix,
        std::string_view start,
        const std::function<bool(std::string_view key, ByteView value)>& visit) const override;

    /// The `n`th write from now (1: the next one) fails.
    void fail_write(uint64_t n) { m_fail_at = m_writes + n; }
    /// The `n`th synced write from now (1: the next one) fails.
    void fail_synced_write(uint64_t n) { m_fail_synced_at = m_synced_writes + n; }
    /// Power loss: every batch written without sync since the last synced write is gone, as
    /// after a crash of the machine. Reopen the chain on the store afterwards.
    void power_loss();
    /// Drops only the last batch written without sync (a crash during its write).
    void drop_last_unsynced();

    uint64_t writes() const { return m_writes; }
    size_t unsynced_batches() const { return m_unsynced.size(); }

private:
    void rebuild_live(size_t keep_unsynced);

    std::unique_ptr<ledger::KvStore> m_live;     // what reads see
    std::unique_ptr<ledger::KvStore> m_durable;  // every batch up to the last synced write
    std::vector<ledger::KvBatch> m_unsynced;     // written since, without sync
    uint64_t m_writes = 0;
    uint64_t m_synced_writes = 0;
    uint64_t m_fail_at = 0;  // 0: none
    uint64_t m_fail_synced_at = 0;
};

}  // namespace azora::test
