#include "node/tx_admission.hpp"

#include <string>

#include "core/reasons.hpp"

namespace azora::node {

Result<PendingTxPtr> admit_tx(const Chain& chain, Mempool& mempool, ledger::Tx tx) {
    PendingTxPtr pending = make_pending(std::move(tx));
    // Cheap refusals first, so a resubmitted tx never pays for a signature check.
    if (mempool.contains(pending->hash)) {
        return Error::from(reasons::kAlreadyKnown, "transaction is already pending");
    }
    auto admitted = chain.check_admission(pending->tx, pending->sender);
    if (!admitted) {
        // A committed tx is refused for its used nonce; say what happened to it instead.
        if (admitted.error().kind == ErrorKind::rejected) {
            AZORA_ASSIGN(auto committed, chain.store().tx(pending->hash));
            if (committed) {
                return Error::from(
                    reasons::kAlreadyCommitted,
                    "transaction is already in block " + std::to_string(committed->height));
            }
        }
        return admitted.error();
    }
    AZORA_TRY(mempool.add(pending));
    return pending;
}

}  // namespace azora::node
