#include "ledger/commit.hpp"

#include "core/encoding.hpp"
#include "core/reasons.hpp"
#include "ledger/limits.hpp"

namespace azora::ledger {

Bytes Commit::encode() const {
    Writer w;
    w.u64(height);
    w.u32(round);
    w.fixed_bytes(block_hash);
    w.varint(signatures.size());
    for (const auto& s : signatures) {
        w.u32(s.validator_index);
        w.fixed_bytes(s.signature);
    }
    return w.take();
}

Result<Commit> Commit::decode(ByteView in) {
    return decode_all<Commit>(in, [](Reader& r) -> Result<Commit> {
        Commit c;
        AZORA_ASSIGN(c.height, r.u64());
        AZORA_ASSIGN(c.round, r.u32());
        AZORA_ASSIGN(c.block_hash, r.fixed_bytes<32>());
        AZORA_ASSIGN(size_t n, r.count(limits::kCommitSignaturesMax, 4 + 64));
        c.signatures.resize(n);
        for (size_t i = 0; i < n; ++i) {
            AZORA_ASSIGN(c.signatures[i].validator_index, r.u32());
            AZORA_ASSIGN(c.signatures[i].signature, r.fixed_bytes<64>());
            if (i > 0 && c.signatures[i].validator_index <= c.signatures[i - 1].validator_index) {
                return Error::from(reasons::kDecodeError, "commit signatures not strictly sorted");
            }
        }
        return c;
    });
}

}  // namespace azora::ledger
