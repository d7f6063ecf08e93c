// Chain::execute_block: re-executing a block built by another validator (or fetched by sync)
// and checking it against its header.
#include "consensus/commit_verifier.hpp"
#include "consensus/evidence.hpp"
#include "ledger/merkle.hpp"
#include "node/chain/chain.hpp"
#include "vm/evidence_records.hpp"

namespace azora::chain {

namespace {

Error bad_block(const char* reason, const std::string& what) {
    return Error::rejected(reason, what);
}

}  // namespace

Result<ProposedBlock> Chain::execute_block(
    const ledger::Block& block, const std::function<bool(const Hash32&)>& signature_known) const {
    const ledger::Header& h = block.header;
    const ledger::ChainHead parent = head();
    if (h.chain_id != m_genesis.chain_id) {
        return bad_block("block_wrong_chain", "block is for chain '" + h.chain_id + "'");
    }
    if (h.height != parent.height + 1) {
        return bad_block("block_wrong_height", "block height " + std::to_string(h.height) +
                                                   " does not follow head " +
                                                   std::to_string(parent.height));
    }
    if (h.parent != parent.hash) {
        return bad_block("block_wrong_parent", "block does not extend the head");
    }
    if (h.time_ms <= head_time_ms()) {
        return bad_block("block_bad_time", "block time is not after its parent's");
    }
    if (h.validators_hash != m_validators.hash() || h.next_validators_hash != m_validators.hash()) {
        return bad_block("block_bad_validators", "block names another validator set");
    }
    bool proposer_known = false;
    for (const auto& v : m_validators.validators()) {
        proposer_known = proposer_known || v.address == h.proposer;
    }
    if (!proposer_known) {
        return bad_block("block_bad_proposer", "block proposer is not a validator");
    }

    ProposedBlock out;
    out.block = block;
    vm::BlockContext ctx{h.chain_id, h.height, h.time_ms, h.proposer};
    vm::StateView view(m_state_reader);
    out.tx_hashes.reserve(block.txs.size());
    out.receipts.reserve(block.txs.size());
    for (size_t i = 0; i < block.txs.size(); ++i) {
        const ledger::Tx& tx = block.txs[i];
        const Hash32 hash = tx.hash();
        if (!signature_known(hash) && !tx.verify_signature()) {
            return bad_block("block_bad_tx",
                             "tx " + std::to_string(i) + ": signature does not verify");
        }
        auto receipt = m_executor.apply(view, ctx, tx, hash, Address::from_pubkey(tx.sender));
        if (!receipt) {
            if (receipt.error().kind == ErrorKind::internal) {
                return receipt.error();
            }
            return bad_block("block_bad_tx", "tx " + std::to_string(i) + " cannot be included: " +
                                                 receipt.error().to_string());
        }
        out.tx_hashes.push_back(hash);
        out.receipts.push_back(std::move(receipt).value());
    }
    AZORA_TRY(consensus::check_block_evidence(m_validators, block));
    for (const auto& ev : block.evidence) {
        AZORA_TRY(vm::evidence::record_evidence(view, ev, h.height));
    }
    if (ledger::compute_tx_root(out.tx_hashes) != h.tx_root) {
        return bad_block("block_bad_root", "tx_root does not match the transactions");
    }
    if (ledger::compute_receipts_root(out.receipts) != h.receipts_root) {
        return bad_block("block_bad_root", "receipts_root does not match execution");
    }
    AZORA_ASSIGN(out.state, m_chain->prepare_state(h.height, view.changes()));
    if (out.state.state_root != h.state_root) {
        return bad_block("block_bad_root", "state_root does not match execution");
    }
    return out;
}

}  // namespace azora::chain
