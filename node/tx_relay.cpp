#include "node/tx_relay.hpp"

#include "node/log.hpp"

namespace azora::node {

namespace {

// A transaction no honest node relays: signed badly or for another chain.
constexpr uint32_t kBadTxPoints = 20;

}  // namespace

TxRelay::TxRelay(Chain& chain, Mempool& mempool, PeerNetwork* network, TxRelayOptions options)
    : m_chain(chain),
      m_mempool(mempool),
      m_network(network),
      m_max_queued_bytes(options.max_queued_bytes) {}

TxRelay::~TxRelay() {
    stop();
}

void TxRelay::start() {
    m_thread = std::thread([this] { run(); });
}

void TxRelay::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
        m_queue.clear();
        m_queued_bytes = 0;
    }
    m_wake.notify_all();
    if (m_thread.joinable()) {
        m_thread.join();
    }
}

Result<void> TxRelay::on_message(const PeerId& peer, ByteView payload) {
    AZORA_ASSIGN(TxsMsg msg, TxsMsg::decode(payload));
    submit(peer, std::move(msg), payload.size());
    return {};
}

bool TxRelay::submit(const PeerId& peer, TxsMsg msg, size_t bytes) {
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping) {
            return false;
        }
        if (m_queued_bytes + bytes > m_max_queued_bytes) {
            if (!m_full_logged) {
                log_warn(
                    "transaction relay queue full: dropping batches from peers until it drains");
                m_full_logged = true;
            }
            return false;
        }
        m_queued_bytes += bytes;
        m_queue.push_back(Batch{peer, std::move(msg), bytes});
    }
    m_wake.notify_one();
    return true;
}

void TxRelay::run() {
    for (;;) {
        Batch batch;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
            if (m_stopping) {
                return;
            }
            batch = std::move(m_queue.front());
            m_queue.pop_front();
            m_queued_bytes -= batch.bytes;
            if (m_queue.empty()) {
                m_full_logged = false;
            }
        }
        admit(batch.peer, batch.msg);
    }
}

void TxRelay::admit(const PeerId& peer, const TxsMsg& msg) {
    std::vector<PendingTxPtr> added;
    for (const auto& tx : msg.txs) {
        PendingTxPtr pending = make_pending(tx);
        if (m_mempool.contains(pending->hash)) {
            continue;
        }
        auto admitted = m_chain.check_admission(pending->tx, pending->sender);
        if (!admitted) {
            const std::string& reason = admitted.error().reason;
            if (reason == "bad_signature" || reason == "wrong_chain") {
                if (m_network != nullptr) {
                    m_network->report(peer, kBadTxPoints, "relayed tx: " + reason);
                }
                return;  // the rest of this peer's batch is not worth checking
            }
            continue;  // stale or not yet valid here: not the sender's fault
        }
        if (m_mempool.add(pending)) {
            added.push_back(std::move(pending));
        }
    }
    if (!added.empty() && m_network != nullptr) {
        TxsMsg relay_msg;
        for (const auto& p : added) {
            relay_msg.txs.push_back(p->tx);
        }
        m_network->broadcast(MsgType::txs, relay_msg.encode(), peer);
    }
}

void TxRelay::announce(const std::vector<PendingTxPtr>& txs) {
    if (m_network == nullptr || txs.empty()) {
        return;
    }
    for (size_t i = 0; i < txs.size(); i += kMaxTxsPerMsg) {
        TxsMsg msg;
        for (size_t j = i; j < std::min(txs.size(), i + kMaxTxsPerMsg); ++j) {
            msg.txs.push_back(txs[j]->tx);
        }
        m_network->broadcast(MsgType::txs, msg.encode(), std::nullopt);
    }
}

}  // namespace azora::node
