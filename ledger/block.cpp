#include "ledger/block.hpp"

#include "core/encoding.hpp"
#include "core/hash.hpp"
#include "ledger/limits.hpp"
#include "ledger/merkle.hpp"

namespace azora::ledger {

Bytes Block::encode() const {
    Writer w;
    header.encode_to(w);
    w.varint(txs.size());
    for (const auto& tx : txs) {
        w.bytes(tx.encode());
    }
    w.varint(evidence.size());
    for (const auto& e : evidence) {
        w.bytes(e.encode());
    }
    return w.take();
}

Result<Block> Block::decode(ByteView in) {
    return decode_all<Block>(in, [](Reader& r) -> Result<Block> {
        Block b;
        AZORA_ASSIGN(b.header, Header::decode_from(r));
        AZORA_ASSIGN(size_t n, r.count(limits::kBlockTxsMax, limits::kMinTxBytes));
        b.txs.reserve(n);
        for (size_t i = 0; i < n; ++i) {
            AZORA_ASSIGN(Bytes raw, r.bytes(limits::kTxMax));
            AZORA_ASSIGN(Tx tx, Tx::decode(raw));
            b.txs.push_back(std::move(tx));
        }
        AZORA_ASSIGN(size_t n_ev,
                     r.count(limits::kBlockEvidenceMax, 1 + kDuplicateVoteEvidenceSize));
        b.evidence.reserve(n_ev);
        for (size_t i = 0; i < n_ev; ++i) {
            AZORA_ASSIGN(Bytes raw, r.bytes(kDuplicateVoteEvidenceSize));
            AZORA_ASSIGN(Evidence e, Evidence::decode(raw));
            b.evidence.push_back(std::move(e));
        }
        return b;
    });
}

Hash32 compute_tx_root(const std::vector<Hash32>& tx_hashes) {
    return list_root(tags::kTxRoot, tx_hashes);
}

}  // namespace azora::ledger
