#pragma once

#include <optional>
#include <vector>

#include "core/bytes.hpp"
#include "core/result.hpp"
#include "ledger/chain_store.hpp"

namespace azora::vm {

/// Read access to committed state: key -> value. Implementations may fail only on storage
/// errors (which stop the node).
class StateReader {
public:
    virtual ~StateReader() = default;
    virtual Result<std::optional<Bytes>> get(ByteView key) const = 0;
};

/// A journaled overlay over committed state. Writes stay in memory; checkpoint()/revert()
/// undo a failed transaction's writes; changes() is what the block commits.
/// Single-threaded by construction.
class StateView final : public StateReader {
public:
    using Changes = ledger::StateChanges;

    explicit StateView(const StateReader& base) : m_base(base) {}

    Result<std::optional<Bytes>> get(ByteView key) const override;
    void put(ByteView key, Bytes value);
    void del(ByteView key);

    /// A mark to revert to; also the count of writes so far.
    size_t checkpoint() const { return m_journal.size(); }
    /// Undoes every write made after `mark`.
    void revert(size_t mark);
    /// Writes recorded since `mark` (each put or del counts once).
    size_t writes_since(size_t mark) const { return m_journal.size() - mark; }
    /// Forgets the journal (the changes stay); call between transactions to bound memory.
    void clear_journal() { m_journal.clear(); }

    /// Every key written, with its final value (nullopt = deleted), in key order.
    const Changes& changes() const { return m_changes; }

private:
    void record(ByteView key, std::optional<Bytes> value);

    struct JournalEntry {
        Bytes key;
        std::optional<std::optional<Bytes>> prior;  ///< nullopt: key was not in the overlay
    };
    const StateReader& m_base;
    Changes m_changes;
    /// Values read from the base, so a key read several times (a sender's balance is read by
    /// the fee check, the action and the settlement) costs one storage read.
    mutable Changes m_base_reads;
    std::vector<JournalEntry> m_journal;
};

}  // namespace azora::vm
