#include "node/block_producer.hpp"

#include <malloc.h>

#include <set>

#include "consensus/commit_verifier.hpp"
#include "consensus/vote.hpp"
#include "node/log.hpp"
#include "vm/accounts.hpp"

namespace azora::node {

BlockProducer::BlockProducer(Chain& chain,
                             Mempool& mempool,
                             PrivateKey validator_key,
                             ProducerOptions options,
                             FatalHandler on_fatal)
    : m_chain(chain),
      m_mempool(mempool),
      m_key(std::move(validator_key)),
      m_validator_index(chain.validators().index_of(m_key.public_key()).value_or(0)),
      m_options(options),
      m_on_fatal(std::move(on_fatal)) {}

BlockProducer::~BlockProducer() {
    stop();
}

void BlockProducer::start() {
    m_thread = std::thread([this] { run(); });
}

void BlockProducer::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable()) {
        m_thread.join();
    }
}

void BlockProducer::run() {
    using Clock = std::chrono::steady_clock;
    auto next = Clock::now() + m_options.block_time;
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            if (m_wake.wait_until(lock, next, [this] { return m_stopping; })) {
                return;
            }
        }
        next += m_options.block_time;
        const auto wall = std::chrono::system_clock::now().time_since_epoch();
        auto r = produce_one(static_cast<uint64_t>(
            std::chrono::duration_cast<std::chrono::milliseconds>(wall).count()));
        if (!r) {
            m_on_fatal(r.error());
            return;
        }
        // A block that took longer than the block time starts the next one right away.
        next = std::max(next, Clock::now());
    }
}

Result<ledger::ChainHead> BlockProducer::produce_one(uint64_t now_ms) {
    auto candidates = m_mempool.select(m_options.max_block_txs);
    const Address proposer = Address::from_pubkey(m_key.public_key());
    AZORA_ASSIGN(ProposedBlock proposed, m_chain.build_block(candidates, now_ms, proposer));

    const ledger::Header& h = proposed.block.header;
    const Hash32 block_hash = h.hash();
    consensus::VoteData vote{consensus::VoteType::precommit, h.chain_id, h.height, 0, block_hash};
    consensus::Vote precommit{vote, m_validator_index, consensus::sign_vote(m_key, vote)};
    ledger::Commit commit = consensus::make_commit(h.height, 0, block_hash, {precommit});

    std::vector<Hash32> done = proposed.tx_hashes;
    std::set<Address> senders;
    for (const auto& tx : proposed.block.txs) {
        senders.insert(Address::from_pubkey(tx.sender));
    }
    for (const auto& [tx, error] : proposed.dropped) {
        // A nonce ahead of the account may become valid later (remove_below drops stale
        // ones); anything else never will.
        senders.insert(tx->sender);
        if (error.reason != "bad_nonce") {
            done.push_back(tx->hash);
        }
    }
    const size_t tx_count = proposed.block.txs.size();
    const uint64_t height = h.height;
    AZORA_TRY(m_chain.commit(std::move(proposed), commit));
    m_mempool.remove(done);
    for (const auto& sender : senders) {
        AZORA_ASSIGN(uint64_t nonce, vm::accounts::get_nonce(m_chain.state(), sender));
        m_mempool.remove_below(sender, nonce);
    }
    if (tx_count > 0) {
        log_info("committed block " + std::to_string(height) + " with " + std::to_string(tx_count) +
                 " txs");
    } else if (m_was_busy) {
        // Load is over: hand the freed heap of the busy blocks back to the OS, so an idle
        // node stays small.
        malloc_trim(0);
    }
    m_was_busy = tx_count > 0;
    return m_chain.head();
}

}  // namespace azora::node
