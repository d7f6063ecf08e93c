#include "node/chain/chain.hpp"

#include "consensus/commit_verifier.hpp"
#include "consensus/evidence.hpp"
#include "core/hash.hpp"
#include "core/reasons.hpp"
#include "genesis/initial_state.hpp"
#include "ledger/limits.hpp"
#include "ledger/merkle.hpp"
#include "vm/evidence_records.hpp"

namespace azora::chain {

Chain::Chain(std::unique_ptr<ledger::KvStore> owned,
             ledger::KvStore& store,
             genesis::Genesis genesis,
             consensus::ValidatorSet validators,
             const ChainOptions& options)
    : m_owned_store(std::move(owned)),
      m_chain(std::make_unique<ledger::ChainStore>(store)),
      m_genesis(std::move(genesis)),
      m_genesis_hash(m_genesis.hash()),
      m_validators(std::move(validators)),
      m_executor(vm::ModuleRegistry::standard(), m_genesis.params),
      m_state_reader(*m_chain),
      m_options(options) {}

Result<void> Chain::initialise(ledger::KvStore& store, const genesis::Genesis& genesis) {
    ledger::ChainStore chain(store);
    AZORA_ASSIGN(auto head, chain.head());
    if (head) {
        return Error::internal("storage_corrupt", "the store already holds a chain");
    }
    AZORA_ASSIGN(auto changes, genesis::initial_state(genesis));
    AZORA_ASSIGN(auto prepared, chain.prepare_state(0, changes));
    return chain.commit_genesis(genesis.hash(), genesis.chain_id, std::move(prepared));
}

Result<std::unique_ptr<Chain>> Chain::open(ledger::KvStore& store,
                                           const genesis::Genesis& genesis,
                                           const ChainOptions& options) {
    return open_impl(nullptr, store, genesis, options);
}

Result<std::unique_ptr<Chain>> Chain::open(std::unique_ptr<ledger::KvStore> store,
                                           const genesis::Genesis& genesis,
                                           const ChainOptions& options) {
    ledger::KvStore& ref = *store;
    return open_impl(std::move(store), ref, genesis, options);
}

Result<std::unique_ptr<Chain>> Chain::open_impl(std::unique_ptr<ledger::KvStore> owned,
                                                ledger::KvStore& kv,
                                                const genesis::Genesis& genesis,
                                                const ChainOptions& options) {
    if (options.state_versions_kept == 0) {
        return Error::malformed("bad_config", "state_versions_kept must be at least 1");
    }
    AZORA_ASSIGN(auto validators, genesis.validator_set());
    std::unique_ptr<Chain> chain(
        new Chain(std::move(owned), kv, genesis, std::move(validators), options));
    ledger::ChainStore& store = *chain->m_chain;

    AZORA_ASSIGN(auto head, store.head());
    if (!head) {
        return Error::internal("storage_corrupt",
                               "the store holds no chain head; refusing to overwrite it");
    }
    AZORA_ASSIGN(auto info, store.genesis_info());
    if (!info || info->first != chain->m_genesis_hash) {
        return Error::internal("genesis_mismatch",
                               "the data dir was created from a different genesis");
    }
    AZORA_TRY(store.check_integrity());
    chain->m_head = *head;
    chain->m_head_time_ms = genesis.genesis_time_ms;
    if (head->height > 0) {
        AZORA_ASSIGN(auto header, store.header(head->height));
        chain->m_head_time_ms = header->time_ms;
    }
    // Proposer rotation state is a function of the height: replay it.
    chain->m_validators.advance_proposer(head->height);
    chain->m_validators_shared = chain->m_validators;
    return chain;
}

ledger::ChainHead Chain::head() const {
    std::lock_guard lock(m_head_mutex);
    return m_head;
}

consensus::ValidatorSet Chain::validators() const {
    std::lock_guard lock(m_head_mutex);
    return m_validators_shared;
}

uint64_t Chain::head_time_ms() const {
    std::lock_guard lock(m_head_mutex);
    return m_head_time_ms;
}

Result<void> Chain::check_admission(const ledger::Tx& t, const Address& sender) const {
    if (t.chain_id != m_genesis.chain_id) {
        return Error::from(reasons::kWrongChain, "tx is for chain '" + t.chain_id + "', this is '" +
                                                     m_genesis.chain_id + "'");
    }
    if (!t.verify_signature()) {
        return Error::from(reasons::kBadSignature, "signature does not verify for the sender");
    }
    const ledger::ChainHead h = head();
    vm::BlockContext ctx{m_genesis.chain_id, h.height + 1, head_time_ms(), Address{}};
    vm::StateView view(m_state_reader);
    return m_executor.check_admission(view, ctx, t, sender);
}

Result<ProposedBlock> Chain::build_block(const std::vector<TxCandidate>& candidates,
                                         uint64_t time_ms,
                                         const Address& proposer,
                                         size_t max_block_bytes,
                                         const std::vector<ledger::Evidence>& evidence) const {
    const ledger::ChainHead parent = head();
    ProposedBlock out;
    ledger::Header& h = out.block.header;
    h.chain_id = m_genesis.chain_id;
    h.height = parent.height + 1;
    h.time_ms = std::max(time_ms, head_time_ms() + 1);
    h.parent = parent.hash;
    h.validators_hash = m_validators.hash();
    h.next_validators_hash = h.validators_hash;
    h.proposer = proposer;

    vm::BlockContext ctx{h.chain_id, h.height, h.time_ms, proposer};
    vm::StateView view(m_state_reader);
    out.block.txs.reserve(candidates.size());
    out.tx_hashes.reserve(candidates.size());
    out.receipts.reserve(candidates.size());
    size_t block_bytes = h.encode().size() + 16;  // header, tx count, evidence count
    for (const auto& c : candidates) {
        if (block_bytes + c.size + 5 > max_block_bytes) {
            break;  // the rest waits for the next block
        }
        auto receipt = m_executor.apply(view, ctx, *c.tx, c.hash, c.sender);
        if (!receipt) {
            if (receipt.error().kind == ErrorKind::internal) {
                return receipt.error();
            }
            out.dropped.push_back(DroppedTx{c.hash, c.sender, receipt.error()});
            continue;
        }
        block_bytes += c.size + 5;  // the tx and its length prefix
        out.block.txs.push_back(*c.tx);
        out.tx_hashes.push_back(c.hash);
        out.receipts.push_back(std::move(receipt).value());
    }
    // Evidence after the transactions (docs/protocol.md 16.5); items already on chain or not
    // valid here are left out.
    for (const auto& ev : evidence) {
        if (out.block.evidence.size() >= ledger::limits::kBlockEvidenceMax) {
            break;
        }
        if (!consensus::check_block_evidence(m_validators, h.chain_id, h.height, {ev})) {
            continue;
        }
        auto recorded = vm::evidence::record_evidence(view, ev, h.height);
        if (!recorded) {
            if (recorded.error().kind == ErrorKind::internal) {
                return recorded.error();
            }
            continue;
        }
        out.block.evidence.push_back(ev);
    }
    h.tx_root = ledger::compute_tx_root(out.tx_hashes);
    h.evidence_root = ledger::compute_evidence_root(out.block.evidence);
    h.receipts_root = ledger::compute_receipts_root(out.receipts);
    AZORA_ASSIGN(out.state, m_chain->prepare_state(h.height, view.changes()));
    h.state_root = out.state.state_root;
    return out;
}

Result<VerifiedCommit> Chain::verify_commit(const Hash32& block_hash, ledger::Commit commit) const {
    const uint64_t height = head().height + 1;
    ++m_commits_verified;
    AZORA_TRY(
        consensus::verify_commit(validators(), m_genesis.chain_id, height, block_hash, commit));
    return VerifiedCommit(std::move(commit));
}

Result<VerifiedCommit> Chain::commit_from_checked_precommits(
    const Hash32& block_hash,
    uint32_t round,
    const std::vector<consensus::Vote>& precommits) const {
    const uint64_t height = head().height + 1;
    const consensus::ValidatorSet set = validators();
    const consensus::VoteData expected{consensus::VoteType::precommit, m_genesis.chain_id, height,
                                       round, block_hash};
    for (const auto& v : precommits) {
        const consensus::VoteData& d = v.data;
        if (d.type != expected.type || d.chain_id != expected.chain_id ||
            d.height != expected.height || d.round != expected.round ||
            d.block_hash != expected.block_hash) {
            return Error::malformed("commit_mismatch", "a precommit is for another vote");
        }
        if (v.validator_index >= set.size()) {
            return Error::malformed("commit_bad_index", "unknown validator index");
        }
    }
    ledger::Commit commit = consensus::make_commit(height, round, block_hash, precommits);
    uint64_t power = 0;
    for (const auto& s : commit.signatures) {
        power += set.validators()[s.validator_index].power;  // make_commit dropped duplicates
    }
    if (power < set.quorum_power()) {
        return Error::malformed("commit_insufficient_power",
                                "precommits hold " + std::to_string(power) + " of " +
                                    std::to_string(set.total_power()) + " voting power");
    }
    return VerifiedCommit(std::move(commit));
}

Result<void> Chain::commit(ProposedBlock&& proposed,
                           const VerifiedCommit& verified,
                           ledger::Durability durability) {
    const ledger::Header& h = proposed.block.header;
    const ledger::Commit& commit = verified.commit();
    if (commit.height != h.height || commit.block_hash != h.hash()) {
        return Error::malformed("commit_mismatch", "commit is for another block or height");
    }
    const uint64_t prune_below =
        h.height > m_options.state_versions_kept ? h.height - m_options.state_versions_kept : 0;
    AZORA_TRY(m_chain->commit_block(proposed.block, proposed.tx_hashes, commit, proposed.receipts,
                                    std::move(proposed.state), prune_below, durability));
    {
        std::lock_guard lock(m_head_mutex);
        m_head = {h.height, h.hash()};
        m_head_time_ms = h.time_ms;
    }
    m_validators.advance_proposer(1);
    {
        std::lock_guard lock(m_head_mutex);
        m_validators_shared = m_validators;
    }
    return {};
}

}  // namespace azora::chain
