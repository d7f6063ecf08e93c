#include "vm/modules/governance/messages.hpp"

#include "core/encoding.hpp"
#include "core/reasons.hpp"
#include "ledger/limits.hpp"

namespace azora::vm::governance {

Bytes Propose::encode() const {
    Writer w;
    // Sized up front; it also keeps GCC 12 from a false -Warray-bounds on the growth path.
    w.reserve(1 + 20 + 3 + name.size() + 3 + url.size());
    w.u8(static_cast<uint8_t>(kind));
    w.fixed_bytes(target.bytes);
    w.string(name);
    w.string(url);
    return w.take();
}

Result<Propose> Propose::decode(ByteView payload) {
    return decode_all<Propose>(payload, [](Reader& r) -> Result<Propose> {
        Propose p;
        AZORA_ASSIGN(uint8_t kind, r.u8());
        if (kind > static_cast<uint8_t>(ProposalKind::reinstate_issuer)) {
            return Error::from(reasons::kDecodeError,
                               "unknown proposal kind " + std::to_string(kind));
        }
        p.kind = static_cast<ProposalKind>(kind);
        AZORA_ASSIGN(p.target.bytes, r.fixed_bytes<20>());
        AZORA_ASSIGN(p.name, r.string(ledger::limits::kPayloadMax));
        AZORA_ASSIGN(p.url, r.string(ledger::limits::kPayloadMax));
        return p;
    });
}

Bytes Approve::encode() const {
    Writer w;
    w.u64(proposal_id);
    return w.take();
}

Result<Approve> Approve::decode(ByteView payload) {
    return decode_all<Approve>(payload, [](Reader& r) -> Result<Approve> {
        Approve a;
        AZORA_ASSIGN(a.proposal_id, r.u64());
        return a;
    });
}

}  // namespace azora::vm::governance
