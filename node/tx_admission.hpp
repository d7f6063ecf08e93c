#pragma once

#include "node/chain.hpp"
#include "node/mempool.hpp"

namespace azora::node {

/// The one admission path for a transaction, whoever sent it (RPC tx_submit, a peer's relay):
/// refuses one already pending ("already_known"), checks its chain, signature and a dry run
/// against the latest state (Chain::check_admission), says "already_committed" for a refused tx
/// that is already in a block, and adds it to the mempool (Mempool::add). Returns the pending
/// tx, or the error whose catalogued kind tells the caller what to do: malformed (drop it and
/// penalise the peer that relayed it), rejected or failed (not admitted, nobody's fault),
/// retry (the mempool is full), internal (storage failure). Thread-safe.
Result<PendingTxPtr> admit_tx(const Chain& chain, Mempool& mempool, ledger::Tx tx);

}  // namespace azora::node
