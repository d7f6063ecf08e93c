#include "node/mempool.hpp"

#include <queue>

#include "core/hash.hpp"
#include "core/reasons.hpp"

namespace azora::node {

PendingTxPtr make_pending(ledger::Tx tx) {
    auto pending = std::make_shared<PendingTx>();
    const Bytes encoded = tx.encode();  // once: for the size and the hash
    pending->size = encoded.size();
    pending->hash = tagged_hash(tags::kTx, encoded);
    pending->sender = Address::from_pubkey(tx.sender);
    pending->tx = std::move(tx);
    return pending;
}

Result<void> Mempool::add(PendingTxPtr tx) {
    std::lock_guard lock(m_mutex);
    if (m_by_hash.contains(tx->hash)) {
        return Error::from(reasons::kAlreadyKnown, "transaction is already pending");
    }
    auto& queue = m_by_sender[tx->sender];
    auto existing = queue.find(tx->tx.nonce);
    if (existing != queue.end()) {
        if (tx->tx.gas_price <= existing->second.tx->tx.gas_price) {
            return Error::from(reasons::kNonceTaken,
                               "a pending tx has this nonce; replace it with a higher gas price");
        }
        if (m_bytes - existing->second.tx->size + tx->size > m_options.max_bytes) {
            return Error::from(reasons::kMempoolFull, "the mempool is full; try again later");
        }
        erase_locked(tx->sender, tx->tx.nonce);
    } else {
        if (queue.size() >= m_options.max_per_sender) {
            return Error::from(reasons::kSenderLimit,
                               "too many pending transactions from this sender");
        }
        if (m_by_hash.size() >= m_options.max_txs || m_bytes + tx->size > m_options.max_bytes) {
            if (queue.empty()) {
                m_by_sender.erase(tx->sender);
            }
            return Error::from(reasons::kMempoolFull, "the mempool is full; try again later");
        }
    }
    m_bytes += tx->size;
    m_by_hash.emplace(tx->hash, std::make_pair(tx->sender, tx->tx.nonce));
    m_by_sender[tx->sender].insert_or_assign(tx->tx.nonce, Entry{tx, m_next_seq++});
    return {};
}

void Mempool::erase_locked(const Address& sender, uint64_t nonce) {
    auto sit = m_by_sender.find(sender);
    if (sit == m_by_sender.end()) {
        return;
    }
    auto it = sit->second.find(nonce);
    if (it == sit->second.end()) {
        return;
    }
    m_bytes -= it->second.tx->size;
    m_by_hash.erase(it->second.tx->hash);
    sit->second.erase(it);
    if (sit->second.empty()) {
        m_by_sender.erase(sit);
    }
}

std::vector<PendingTxPtr> Mempool::select(size_t max_txs) const {
    std::lock_guard lock(m_mutex);
    struct Head {
        const std::map<uint64_t, Entry>* queue;
        std::map<uint64_t, Entry>::const_iterator it;
    };
    auto worse = [](const Head& a, const Head& b) {
        const auto& ea = a.it->second;
        const auto& eb = b.it->second;
        if (ea.tx->tx.gas_price != eb.tx->tx.gas_price) {
            return ea.tx->tx.gas_price < eb.tx->tx.gas_price;
        }
        return ea.seq > eb.seq;
    };
    std::priority_queue<Head, std::vector<Head>, decltype(worse)> heads(worse);
    for (const auto& [sender, queue] : m_by_sender) {
        heads.push({&queue, queue.begin()});
    }
    std::vector<PendingTxPtr> out;
    out.reserve(std::min(max_txs, m_by_hash.size()));
    while (!heads.empty() && out.size() < max_txs) {
        Head h = heads.top();
        heads.pop();
        out.push_back(h.it->second.tx);
        const uint64_t nonce = h.it->first;
        ++h.it;
        if (h.it != h.queue->end() && h.it->first == nonce + 1) {
            heads.push(h);
        }
    }
    return out;
}

void Mempool::remove(const std::vector<Hash32>& hashes) {
    std::lock_guard lock(m_mutex);
    for (const auto& hash : hashes) {
        auto it = m_by_hash.find(hash);
        if (it != m_by_hash.end()) {
            auto [sender, nonce] = it->second;
            erase_locked(sender, nonce);
        }
    }
}

void Mempool::remove_below(const Address& sender, uint64_t next_nonce) {
    std::lock_guard lock(m_mutex);
    auto sit = m_by_sender.find(sender);
    while (sit != m_by_sender.end() && !sit->second.empty() &&
           sit->second.begin()->first < next_nonce) {
        erase_locked(sender, sit->second.begin()->first);
        sit = m_by_sender.find(sender);
    }
}

bool Mempool::contains(const Hash32& hash) const {
    std::lock_guard lock(m_mutex);
    return m_by_hash.contains(hash);
}

size_t Mempool::size() const {
    std::lock_guard lock(m_mutex);
    return m_by_hash.size();
}

}  // namespace azora::node
