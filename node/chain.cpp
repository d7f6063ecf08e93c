#include "node/chain.hpp"

#include "consensus/commit_verifier.hpp"
#include "consensus/evidence.hpp"
#include "core/hash.hpp"
#include "core/reasons.hpp"
#include "genesis/initial_state.hpp"
#include "ledger/limits.hpp"
#include "ledger/merkle.hpp"
#include "vm/evidence_records.hpp"

namespace azora::node {

Chain::Chain(std::unique_ptr<ledger::KvStore> db,
             genesis::Genesis genesis,
             consensus::ValidatorSet validators,
             uint64_t tree_keep_versions)
    : m_db(std::move(db)),
      m_chain(std::make_unique<ledger::ChainStore>(*m_db)),
      m_genesis(std::move(genesis)),
      m_genesis_hash(m_genesis.hash()),
      m_validators(std::move(validators)),
      m_executor(vm::ModuleRegistry::standard(), m_genesis.params),
      m_state_reader(*m_chain),
      m_tree_keep_versions(tree_keep_versions) {}

Result<std::unique_ptr<Chain>> Chain::open(const std::filesystem::path& db_dir,
                                           const genesis::Genesis& genesis,
                                           uint64_t tree_keep_versions) {
    if (tree_keep_versions == 0) {
        return Error::malformed("bad_config", "state_versions_kept must be at least 1");
    }
    std::error_code ec;
    if (!std::filesystem::exists(db_dir, ec)) {
        AZORA_TRY(initialise(db_dir, genesis));
    }
    // LevelDB would report a directory without CURRENT as "does not exist"; say what is wrong.
    if (!std::filesystem::exists(db_dir / "CURRENT", ec)) {
        const bool empty = std::filesystem::is_empty(db_dir, ec) && !ec;
        return Error::internal(
            "storage_corrupt",
            db_dir.string() +
                (empty ? " is empty" : " has no CURRENT file (the LevelDB manifest pointer)") +
                ": the chain database is missing or damaged; refusing to start rather than "
                "create a new chain in its place");
    }
    AZORA_ASSIGN(auto db, ledger::open_leveldb(db_dir.string(), ledger::LevelDbOptions{}));
    AZORA_ASSIGN(auto validators, genesis.validator_set());
    std::unique_ptr<Chain> chain(
        new Chain(std::move(db), genesis, std::move(validators), tree_keep_versions));
    ledger::ChainStore& store = *chain->m_chain;

    AZORA_ASSIGN(auto head, store.head());
    if (!head) {
        return Error::internal("storage_corrupt",
                               db_dir.string() + " holds no chain head; refusing to overwrite it");
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

Result<void> Chain::initialise(const std::filesystem::path& db_dir,
                               const genesis::Genesis& genesis) {
    // Build the genesis database beside its final place and rename it in only when complete,
    // so a crash during the very first start leaves nothing that looks like a chain.
    std::filesystem::path staging = db_dir;
    staging += ".init";
    std::error_code ec;
    std::filesystem::remove_all(staging, ec);
    {
        ledger::LevelDbOptions options;
        options.create_if_missing = true;
        AZORA_ASSIGN(auto db, ledger::open_leveldb(staging.string(), options));
        ledger::ChainStore store(*db);
        AZORA_ASSIGN(auto changes, genesis::initial_state(genesis));
        AZORA_ASSIGN(auto prepared, store.prepare_state(0, changes));
        AZORA_TRY(store.commit_genesis(genesis.hash(), genesis.chain_id, std::move(prepared)));
    }
    std::filesystem::rename(staging, db_dir, ec);
    if (ec) {
        return Error::internal("storage_io", "cannot move " + staging.string() + " to " +
                                                 db_dir.string() + ": " + ec.message());
    }
    return {};
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

Result<PendingTxPtr> Chain::admit(ledger::Tx tx) const {
    PendingTxPtr pending = make_pending(std::move(tx));
    AZORA_TRY(check_admission(*pending));
    return pending;
}

Result<void> Chain::check_admission(const PendingTx& pending) const {
    const ledger::Tx& t = pending.tx;
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
    return m_executor.check_admission(view, ctx, t, pending.sender);
}

Result<ProposedBlock> Chain::build_block(const std::vector<PendingTxPtr>& candidates,
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
        if (block_bytes + c->size + 5 > max_block_bytes) {
            break;  // the rest waits for the next block
        }
        auto receipt = m_executor.apply(view, ctx, c->tx, c->hash, c->sender);
        if (!receipt) {
            if (receipt.error().kind == ErrorKind::internal) {
                return receipt.error();
            }
            out.dropped.emplace_back(c, receipt.error());
            continue;
        }
        block_bytes += c->size + 5;  // the tx and its length prefix
        out.block.txs.push_back(c->tx);
        out.tx_hashes.push_back(c->hash);
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

Result<void> Chain::commit(ProposedBlock&& proposed,
                           const ledger::Commit& commit,
                           ledger::Durability durability) {
    const ledger::Header& h = proposed.block.header;
    AZORA_TRY(consensus::verify_commit(m_validators, h.chain_id, h.height, h.hash(), commit));
    const uint64_t prune_below =
        h.height > m_tree_keep_versions ? h.height - m_tree_keep_versions : 0;
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

}  // namespace azora::node
