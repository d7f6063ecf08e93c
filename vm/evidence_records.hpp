#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "core/bytes.hpp"
#include "core/result.hpp"
#include "ledger/evidence.hpp"
#include "vm/state_view.hpp"

/// Evidence of misbehaviour recorded by the blocks that included it (docs/protocol.md 13 and
/// 16.5), kept by the system (module 0) so it is queryable and provable with the state tree.
/// Recording only: nothing is slashed yet. Needs no consensus types; the block's evidence is
/// checked (consensus::check_block_evidence) before it is recorded.
namespace azora::vm::evidence {

/// One recorded evidence and the height of the block that included it.
struct EvidenceRecord {
    Hash32 hash{};  ///< evidence.hash(), also the key suffix
    ledger::DuplicateVoteEvidence evidence;
    uint64_t included_height = 0;

    bool operator==(const EvidenceRecord&) const = default;
};

/// State key of an evidence record: 0x00 'e' evidence hash (32).
Bytes evidence_key(const Hash32& evidence_hash);

/// Value of a record: u64 included_height, then the evidence encoding (241 bytes).
Bytes encode_record_value(const ledger::DuplicateVoteEvidence& ev, uint64_t included_height);

/// Writes the record of `ev` included at `height`. Fails with "evidence_already_recorded"
/// (rejected) when that evidence is already recorded, leaving `view` unchanged.
Result<void> record_evidence(StateView& view,
                             const ledger::DuplicateVoteEvidence& ev,
                             uint64_t height);

/// The record of the evidence with hash `evidence_hash`, or nullopt.
Result<std::optional<EvidenceRecord>> get_evidence(const StateReader& state,
                                                   const Hash32& evidence_hash);

/// Up to `limit` records in evidence-hash order, starting after `cursor` (exclusive: the last
/// hash of the previous page; empty = from the first). Fails with "bad_cursor" / "bad_limit"
/// (malformed, as vm::page_entries), and "state_corrupt" (internal) on a record that does not
/// decode or whose evidence does not hash to its key.
Result<std::vector<EvidenceRecord>> list_evidence(const StateReader& state,
                                                  ByteView cursor,
                                                  size_t limit);

}  // namespace azora::vm::evidence
