#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "core/keys.hpp"
#include "node/chain.hpp"
#include "node/mempool.hpp"

namespace azora::node {

struct ProducerOptions {
    std::chrono::milliseconds block_time{500};
    size_t max_block_txs = 20'000;
};

/// Single-validator block production (dev mode): every block_time it takes transactions from
/// the mempool, builds and executes the next block, signs the precommit with the validator
/// key through the consensus API, and commits block and commit together.
class BlockProducer {
public:
    using FatalHandler = std::function<void(const Error&)>;

    BlockProducer(Chain& chain,
                  Mempool& mempool,
                  PrivateKey validator_key,
                  ProducerOptions options,
                  FatalHandler on_fatal);
    ~BlockProducer();

    /// Starts the production thread.
    void start();
    /// Stops it after the block in progress (if any) is committed. Idempotent.
    void stop();

    /// Builds, signs and commits one block at time `now_ms`. Called by the thread; public for
    /// tests.
    Result<ledger::ChainHead> produce_one(uint64_t now_ms);

private:
    void run();

    Chain& m_chain;
    Mempool& m_mempool;
    const PrivateKey m_key;
    const uint32_t m_validator_index;
    const ProducerOptions m_options;
    FatalHandler m_on_fatal;

    bool m_was_busy = false;  // the last block had transactions (producer thread only)

    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;  // guarded by m_mutex
    std::thread m_thread;
};

}  // namespace azora::node
