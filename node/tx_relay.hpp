#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include "node/chain.hpp"
#include "node/mempool.hpp"
#include "node/messages.hpp"
#include "node/peer_network.hpp"

namespace azora::node {

struct TxRelayOptions {
    size_t max_queued_bytes = 64u << 20;  ///< transaction batches from peers awaiting checks
};

/// Transaction gossip. Batches from peers are admitted to the mempool (signature and state
/// checks) on a thread of their own, so a flood of transactions never holds up the P2P thread
/// that also carries proposals and votes; what is admitted is passed on to the other peers.
/// The queue is bounded in bytes: past it, batches are dropped (their senders still hold them).
class TxRelay {
public:
    /// `network` may be null (dev mode): nothing is gossiped then.
    TxRelay(Chain& chain, Mempool& mempool, PeerNetwork* network, TxRelayOptions options);
    ~TxRelay();
    TxRelay(const TxRelay&) = delete;
    TxRelay& operator=(const TxRelay&) = delete;

    void start();
    /// Drops what is queued and joins the thread. Idempotent.
    void stop();

    /// From the P2P thread: decodes and queues a batch; an error is the peer's misbehaviour (a
    /// batch dropped because the queue is full is not).
    Result<void> on_message(const PeerId& peer, ByteView payload);
    /// From the P2P thread: queues a decoded batch from `peer` (`bytes` its encoded size);
    /// false if it was dropped because the queue is full or the relay stopped.
    bool submit(const PeerId& peer, TxsMsg msg, size_t bytes);

    /// Gossips transactions just admitted to the mempool from RPC. Thread-safe.
    void announce(const std::vector<PendingTxPtr>& txs);

    /// Admits one batch now, on the calling thread (what the worker does with each batch).
    void admit(const PeerId& peer, const TxsMsg& msg);

private:
    struct Batch {
        PeerId peer{};
        TxsMsg msg;
        size_t bytes = 0;
    };
    void run();

    Chain& m_chain;
    Mempool& m_mempool;
    PeerNetwork* m_network;
    size_t m_max_queued_bytes;

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Batch> m_queue;   // guarded by m_mutex
    size_t m_queued_bytes = 0;   // guarded by m_mutex
    bool m_full_logged = false;  // guarded by m_mutex
    bool m_stopping = false;     // guarded by m_mutex
    std::thread m_thread;
};

}  // namespace azora::node
