#pragma once

#include <cstdint>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "core/address.hpp"
#include "ledger/tx.hpp"

namespace azora::node {

struct MempoolOptions {
    size_t max_txs = 200'000;
    size_t max_per_sender = 2'000;
    size_t max_bytes = 256 << 20;
};

/// A transaction admitted to the mempool: decoded, signature checked once, hash and sender
/// address computed once.
struct PendingTx {
    ledger::Tx tx;
    Hash32 hash{};
    Address sender{};
    size_t size = 0;  ///< encoded bytes
};
using PendingTxPtr = std::shared_ptr<const PendingTx>;

/// Wraps a decoded transaction, computing its encoding size, hash and sender once. Does not
/// check anything.
PendingTxPtr make_pending(ledger::Tx tx);

/// Pending transactions: per-sender nonce queues, fee priority across senders, total and
/// per-sender limits, de-duplication by hash. Thread-safe (one mutex).
class Mempool {
public:
    explicit Mempool(MempoolOptions options) : m_options(options) {}

    /// Adds a checked transaction. Reasons: "already_known", "mempool_full" (retry),
    /// "sender_limit" (retry), "nonce_taken" (same sender and nonce at an equal or higher gas
    /// price; a strictly higher price replaces the old one).
    Result<void> add(PendingTxPtr tx);

    /// Up to `max_txs` transactions for the next block: each sender's in nonce order, senders
    /// interleaved by gas price (highest first, then earliest arrival). Only runs of
    /// consecutive nonces starting at each sender's lowest pending nonce are returned.
    std::vector<PendingTxPtr> select(size_t max_txs) const;

    /// Drops the given transactions (included in a block or found invalid).
    void remove(const std::vector<Hash32>& hashes);
    /// Drops every tx of `sender` with a nonce below `next_nonce` (after a block).
    void remove_below(const Address& sender, uint64_t next_nonce);

    bool contains(const Hash32& hash) const;
    size_t size() const;

private:
    struct Entry {
        PendingTxPtr tx;
        uint64_t seq = 0;  ///< arrival order, for deterministic tie-breaks
    };
    struct HashKey {
        size_t operator()(const Hash32& h) const {
            size_t v;
            std::memcpy(&v, h.data(), sizeof(v));
            return v;
        }
    };
    void erase_locked(const Address& sender, uint64_t nonce);

    const MempoolOptions m_options;
    mutable std::mutex m_mutex;
    // Guarded by m_mutex:
    std::map<Address, std::map<uint64_t, Entry>> m_by_sender;
    std::unordered_map<Hash32, std::pair<Address, uint64_t>, HashKey> m_by_hash;
    size_t m_bytes = 0;
    uint64_t m_next_seq = 0;
};

}  // namespace azora::node
