// TxRelay: batches from peers are admitted off the P2P thread, passed on to the other peers,
// and a peer relaying badly signed transactions is reported; the queue is bounded.
#include "node/tx_relay.hpp"

#include <gtest/gtest.h>

#include <condition_variable>

#include "node_test_util.hpp"

namespace azora::node {
namespace {

using namespace azora::node::test;
using namespace std::chrono_literals;

// Records broadcasts and reports; thread-safe as PeerNetwork requires. A test waits for the
// relay's thread on a condition (a broadcast), never by sleeping.
class RecordingNetwork final : public PeerNetwork {
public:
    struct Broadcast {
        MsgType type;
        Bytes payload;
        std::optional<PeerId> except;
    };
    void send(const PeerId&, MsgType, Bytes) override { ADD_FAILURE() << "unexpected send"; }
    void broadcast(MsgType type, Bytes payload, const std::optional<PeerId>& except) override {
        {
            std::lock_guard lock(m_mutex);
            m_broadcasts.push_back({type, std::move(payload), except});
        }
        m_changed.notify_all();
    }
    /// Waits until `count` broadcasts were made; false after `timeout` (a failure).
    bool wait_for_broadcasts(size_t count, std::chrono::milliseconds timeout) {
        std::unique_lock lock(m_mutex);
        return m_changed.wait_for(lock, timeout, [&] { return m_broadcasts.size() >= count; });
    }
    void report(const PeerId& peer, uint32_t points, std::string reason) override {
        std::lock_guard lock(m_mutex);
        m_reports.push_back({peer, points, std::move(reason)});
    }
    std::vector<Broadcast> broadcasts() const {
        std::lock_guard lock(m_mutex);
        return m_broadcasts;
    }
    size_t report_count() const {
        std::lock_guard lock(m_mutex);
        return m_reports.size();
    }
    std::string first_report() const {
        std::lock_guard lock(m_mutex);
        return m_reports.empty() ? "" : std::get<2>(m_reports.front());
    }

private:
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::vector<Broadcast> m_broadcasts;
    std::vector<std::tuple<PeerId, uint32_t, std::string>> m_reports;
};

class TxRelayTest : public ::testing::Test {
protected:
    PeerId peer(uint8_t tag) const {
        PeerId id{};
        id[0] = tag;
        return id;
    }

    TempDir m_dir;
    std::unique_ptr<Chain> m_chain = open_chain(m_dir.path() / "chain");
    Mempool m_mempool{MempoolOptions{}};
    RecordingNetwork m_net;
};

TEST_F(TxRelayTest, AdmittedTransactionsArePassedOnToTheOtherPeers) {
    TxRelay relay(*m_chain, m_mempool, &m_net, {1u << 20});
    relay.start();
    TxsMsg msg;
    msg.txs = {transfer(dev_key(0), dev_address(1), 5, 0),
               transfer(dev_key(1), dev_address(2), 7, 0)};
    ASSERT_TRUE(relay.submit(peer(1), msg, msg.encode().size()));
    // The relay passes a batch on after admitting it.
    ASSERT_TRUE(m_net.wait_for_broadcasts(1, 10s));
    EXPECT_EQ(m_mempool.size(), 2u);
    const auto sent = m_net.broadcasts().front();
    EXPECT_EQ(sent.type, MsgType::txs);
    EXPECT_EQ(sent.except, peer(1));
    auto relayed = TxsMsg::decode(sent.payload);
    ASSERT_TRUE(relayed.ok());
    EXPECT_EQ(relayed->txs.size(), 2u);

    // The same batch again adds nothing and is not passed on a second time.
    relay.admit(peer(2), msg);
    EXPECT_EQ(m_net.broadcasts().size(), 1u);
    EXPECT_EQ(m_net.report_count(), 0u);
}

TEST_F(TxRelayTest, BadlySignedTransactionsAreReportedAndNotRelayed) {
    TxRelay relay(*m_chain, m_mempool, &m_net, {1u << 20});
    ledger::Tx forged = transfer(dev_key(0), dev_address(1), 5, 0);
    forged.payload.back() ^= 1;  // the signature no longer covers it
    TxsMsg msg;
    msg.txs = {forged, transfer(dev_key(1), dev_address(2), 7, 0)};
    relay.admit(peer(3), msg);
    EXPECT_EQ(m_mempool.size(), 0u);
    EXPECT_TRUE(m_net.broadcasts().empty());
    ASSERT_EQ(m_net.report_count(), 1u);
    EXPECT_NE(m_net.first_report().find("bad_signature"), std::string::npos);

    TxsMsg other_chain;
    other_chain.txs = {transfer(dev_key(0), dev_address(1), 5, 0, 1, "another-chain")};
    relay.admit(peer(3), other_chain);
    EXPECT_EQ(m_net.report_count(), 2u);
}

TEST_F(TxRelayTest, StaleTransactionsAreSkippedWithoutBlame) {
    TxRelay relay(*m_chain, m_mempool, &m_net, {1u << 20});
    ASSERT_TRUE(m_mempool.add(as_pending(transfer(dev_key(0), dev_address(1), 5, 0))));
    ASSERT_TRUE(
        produce_dev_block(*m_chain, m_mempool, genesis::dev_genesis().genesis_time_ms + 1000).ok());
    TxsMsg msg;
    msg.txs = {transfer(dev_key(0), dev_address(1), 9, 0)};  // nonce 0 is used up
    relay.admit(peer(4), msg);
    EXPECT_EQ(m_mempool.size(), 0u);
    EXPECT_EQ(m_net.report_count(), 0u);
    EXPECT_TRUE(m_net.broadcasts().empty());
}

// The penalty follows the error's kind (core/reasons.hpp), never its text: a rejected (stale
// nonce) or failed (the dry run cannot pay) tx is skipped without blame and the rest of the
// batch is still admitted; a malformed one (bad signature, undecodable payload) is reported.
TEST_F(TxRelayTest, OnlyMalformedTransactionsAreBlamed) {
    TxRelay relay(*m_chain, m_mempool, &m_net, {1u << 20});
    ASSERT_TRUE(m_mempool.add(as_pending(transfer(dev_key(0), dev_address(1), 5, 0))));
    ASSERT_TRUE(
        produce_dev_block(*m_chain, m_mempool, genesis::dev_genesis().genesis_time_ms + 1000).ok());

    TxsMsg harmless;
    harmless.txs = {
        transfer(dev_key(0), dev_address(1), 9, 0),  // rejected: bad_nonce (nonce 0 is used)
        transfer(dev_key(1), dev_address(2), genesis::kDevAccountBalance + 1, 0),  // failed
        transfer(dev_key(2), dev_address(1), 3, 0)};                               // fine
    relay.admit(peer(5), harmless);
    EXPECT_EQ(m_net.report_count(), 0u);
    EXPECT_EQ(m_mempool.size(), 1u);

    TxsMsg forged;
    forged.txs = {transfer(dev_key(0), dev_address(1), 5, 1)};
    forged.txs[0].signature[3] ^= 0x10;
    relay.admit(peer(6), forged);
    ASSERT_EQ(m_net.report_count(), 1u);
    EXPECT_NE(m_net.first_report().find("bad_signature"), std::string::npos);

    TxsMsg garbage;
    garbage.txs = {transfer(dev_key(3), dev_address(1), 5, 0)};
    garbage.txs[0].payload = Bytes{0xff, 0xff, 0xff};
    garbage.txs[0].sign(dev_key(3));
    relay.admit(peer(7), garbage);
    EXPECT_EQ(m_net.report_count(), 2u);
    EXPECT_EQ(m_mempool.size(), 1u);
}

TEST_F(TxRelayTest, AFullQueueDropsBatchesAndAStoppedRelayTakesNone) {
    TxsMsg msg;
    msg.txs = {transfer(dev_key(0), dev_address(1), 5, 0)};
    const size_t bytes = msg.encode().size();
    TxRelay relay(*m_chain, m_mempool, &m_net, {2 * bytes});
    // Not started: nothing drains, so the third batch does not fit.
    EXPECT_TRUE(relay.submit(peer(1), msg, bytes));
    EXPECT_TRUE(relay.submit(peer(1), msg, bytes));
    EXPECT_FALSE(relay.submit(peer(1), msg, bytes));
    relay.stop();
    relay.stop();
    EXPECT_FALSE(relay.submit(peer(1), msg, bytes));
    EXPECT_EQ(m_mempool.size(), 0u);
}

TEST_F(TxRelayTest, WithoutANetworkNothingIsGossiped) {
    TxRelay relay(*m_chain, m_mempool, nullptr, {1u << 20});
    TxsMsg msg;
    msg.txs = {transfer(dev_key(0), dev_address(1), 5, 0)};
    relay.admit(peer(1), msg);
    EXPECT_EQ(m_mempool.size(), 1u);
    relay.announce({as_pending(msg.txs[0])});
    EXPECT_TRUE(m_net.broadcasts().empty());
}

}  // namespace
}  // namespace azora::node
