#pragma once

#include <functional>
#include <optional>
#include <vector>

#include "core/bytes.hpp"
#include "core/result.hpp"
#include "ledger/state_changes.hpp"

namespace azora::vm {

/// Called by StateReader::scan for each entry; returns false to stop the scan. The views are
/// valid only during the call.
using ScanVisitor = std::function<bool(ByteView key, ByteView value)>;

/// Read access to committed state: key -> value. Implementations may fail only on storage
/// errors (which stop the node).
class StateReader {
public:
    virtual ~StateReader() = default;
    virtual Result<std::optional<Bytes>> get(ByteView key) const = 0;
    /// Visits, in ascending key order, the entries whose key starts with `prefix` and is
    /// >= `start` (an empty `start`, or one below `prefix`, begins at `prefix`), until `visit`
    /// returns false. The order is bytewise on the keys, never an iteration-order accident.
    virtual Result<void> scan(ByteView prefix, ByteView start, const ScanVisitor& visit) const = 0;
};

/// A journaled overlay over committed state. Writes stay in memory; checkpoint()/revert()
/// undo a failed transaction's writes; changes() is what the block commits.
/// Single-threaded by construction.
class StateView final : public StateReader {
public:
    using Changes = ledger::StateChanges;

    explicit StateView(const StateReader& base) : m_base(base) {}

    Result<std::optional<Bytes>> get(ByteView key) const override;
    /// The base's entries merged with this view's writes: a written key shows its new value, a
    /// deleted key is skipped.
    Result<void> scan(ByteView prefix, ByteView start, const ScanVisitor& visit) const override;
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
