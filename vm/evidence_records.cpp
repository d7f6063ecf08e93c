#include "vm/evidence_records.hpp"

#include "core/encoding.hpp"
#include "core/reasons.hpp"
#include "vm/module_ids.hpp"
#include "vm/state_key.hpp"
#include "vm/state_page.hpp"

namespace azora::vm::evidence {
namespace {

constexpr char kEvidenceTag = 'e';

Bytes evidence_prefix() {
    return state_key(kSystemModule, kEvidenceTag);
}

Result<EvidenceRecord> decode_record(const Hash32& hash, ByteView value) {
    auto decoded = decode_all<EvidenceRecord>(value, [](Reader& r) -> Result<EvidenceRecord> {
        EvidenceRecord rec;
        AZORA_ASSIGN(rec.included_height, r.u64());
        AZORA_ASSIGN(rec.evidence, ledger::DuplicateVoteEvidence::decode_from(r));
        return rec;
    });
    if (!decoded) {
        return Error::from(reasons::kStateCorrupt,
                           "bad evidence record: " + decoded.error().reason);
    }
    EvidenceRecord rec = std::move(decoded).value();
    rec.hash = rec.evidence.hash();
    if (rec.hash != hash) {
        return Error::from(reasons::kStateCorrupt, "evidence record under another hash");
    }
    return rec;
}

}  // namespace

Bytes evidence_key(const Hash32& evidence_hash) {
    return state_key(kSystemModule, kEvidenceTag, evidence_hash);
}

Bytes encode_record_value(const ledger::DuplicateVoteEvidence& ev, uint64_t included_height) {
    Writer w;
    w.reserve(8 + ledger::kDuplicateVoteEvidenceSize);
    w.u64(included_height);
    ev.encode_to(w);
    return w.take();
}

Result<void> record_evidence(StateView& view,
                             const ledger::DuplicateVoteEvidence& ev,
                             uint64_t height) {
    const Bytes key = evidence_key(ev.hash());
    AZORA_ASSIGN(auto existing, view.get(key));
    if (existing) {
        return Error::from(reasons::kEvidenceAlreadyRecorded, "evidence already recorded");
    }
    view.put(key, encode_record_value(ev, height));
    return ok_result();
}

Result<std::optional<EvidenceRecord>> get_evidence(const StateReader& state,
                                                   const Hash32& evidence_hash) {
    AZORA_ASSIGN(auto raw, state.get(evidence_key(evidence_hash)));
    if (!raw) {
        return std::optional<EvidenceRecord>{};
    }
    AZORA_ASSIGN(EvidenceRecord rec, decode_record(evidence_hash, *raw));
    return std::optional<EvidenceRecord>{std::move(rec)};
}

Result<std::vector<EvidenceRecord>> list_evidence(const StateReader& state,
                                                  ByteView cursor,
                                                  size_t limit) {
    AZORA_ASSIGN(StatePage page, page_entries(state, evidence_prefix(), 32, cursor, limit));
    std::vector<EvidenceRecord> out;
    out.reserve(page.entries.size());
    for (const auto& [suffix, value] : page.entries) {
        Hash32 hash{};
        std::copy(suffix.begin(), suffix.end(), hash.begin());
        AZORA_ASSIGN(EvidenceRecord rec, decode_record(hash, value));
        out.push_back(std::move(rec));
    }
    return out;
}

}  // namespace azora::vm::evidence
