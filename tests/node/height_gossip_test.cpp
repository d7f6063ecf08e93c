// HeightGossip on its own: each message relayed once, the next height's messages held within
// their quotas, and late peers sent the newest of this height's messages within a budget.
#include "node/height_gossip.hpp"

#include <gtest/gtest.h>

namespace azora::node {
namespace {

PeerId peer(uint8_t tag) {
    PeerId id{};
    id[0] = tag;
    return id;
}

// Records what goes out. Single-threaded: HeightGossip runs on the caller's thread.
class RecordingNetwork final : public PeerNetwork {
public:
    struct Sent {
        std::optional<PeerId> to;      ///< nullopt: a broadcast
        std::optional<PeerId> except;  ///< of a broadcast
        MsgType type;
        Bytes payload;
    };
    void send(const PeerId& peer, MsgType type, Bytes payload) override {
        sent.push_back({peer, std::nullopt, type, std::move(payload)});
    }
    void broadcast(MsgType type, Bytes payload, const std::optional<PeerId>& except) override {
        sent.push_back({std::nullopt, except, type, std::move(payload)});
    }
    void report(const PeerId&, uint32_t, std::string reason) override {
        ADD_FAILURE() << "unexpected report: " << reason;
    }
    std::vector<Sent> sent;
};

Bytes payload(uint8_t tag, size_t size) {
    return Bytes(size, tag);
}

HeldMessage held(const PeerId& from, uint8_t tag, size_t size = 10) {
    Bytes raw = payload(tag, size);
    const Hash32 id = HeightGossip::message_id(raw);
    return HeldMessage{from, MsgType::vote, std::move(raw), id};
}

TEST(HeightGossip, RelaysEachMessageToAllButItsSenderAndRemembersItForTheHeight) {
    RecordingNetwork net;
    HeightGossip gossip(GossipOptions{}, &net);
    const Bytes raw = payload(1, 40);
    const Hash32 id = HeightGossip::message_id(raw);
    EXPECT_FALSE(gossip.seen(id));
    gossip.relay(MsgType::vote, id, raw, peer(7));
    EXPECT_TRUE(gossip.seen(id));
    ASSERT_EQ(net.sent.size(), 1u);
    EXPECT_FALSE(net.sent[0].to.has_value());
    EXPECT_EQ(net.sent[0].except, std::optional<PeerId>(peer(7)));
    EXPECT_EQ(net.sent[0].payload, raw);

    EXPECT_TRUE(gossip.begin_height().empty());
    EXPECT_FALSE(gossip.seen(id)) << "a new height forgets the seen set";
}

TEST(HeightGossip, WithoutANetworkMessagesAreOnlyMarkedSeen) {
    HeightGossip gossip(GossipOptions{}, nullptr);
    const Bytes raw = payload(1, 40);
    const Hash32 id = HeightGossip::message_id(raw);
    gossip.relay(MsgType::proposal, id, raw, std::nullopt);
    EXPECT_TRUE(gossip.seen(id));
    gossip.replay_to(peer(1));  // nothing to send it through
}

TEST(HeightGossip, TheNextHeightsMessagesAreHeldOnceEachAndAQuarterPerPeer) {
    GossipOptions o;
    o.max_buffered_next_height = 8;  // a peer holds at most 2
    HeightGossip gossip(o, nullptr);
    EXPECT_TRUE(gossip.hold_next_height(held(peer(1), 1), 10));
    EXPECT_FALSE(gossip.hold_next_height(held(peer(2), 1), 10)) << "a copy, from anyone";
    EXPECT_TRUE(gossip.hold_next_height(held(peer(1), 2), 10));
    EXPECT_FALSE(gossip.hold_next_height(held(peer(1), 3), 10)) << "peer 1's quarter is used";
    EXPECT_TRUE(gossip.hold_next_height(held(peer(2), 3), 10)) << "others still have room";
    EXPECT_EQ(gossip.held_count(), 3u);

    const auto next = gossip.begin_height();
    ASSERT_EQ(next.size(), 3u);
    EXPECT_EQ(next[0].raw, payload(1, 10));
    EXPECT_EQ(next[1].raw, payload(2, 10));
    EXPECT_EQ(next[2].raw, payload(3, 10));
    EXPECT_EQ(next[2].peer, peer(2));
    EXPECT_EQ(gossip.held_count(), 0u);
    EXPECT_TRUE(gossip.hold_next_height(held(peer(1), 1), 10)) << "quotas start over";
}

TEST(HeightGossip, TheNextHeightsHeldBytesAreBounded) {
    GossipOptions o;
    o.max_next_height_bytes = 100;
    HeightGossip gossip(o, nullptr);
    EXPECT_TRUE(gossip.hold_next_height(held(peer(1), 1), 60));
    EXPECT_FALSE(gossip.hold_next_height(held(peer(2), 2), 50));
    EXPECT_TRUE(gossip.hold_next_height(held(peer(2), 3), 40));
    EXPECT_EQ(gossip.held_count(), 2u);
}

TEST(HeightGossip, ALatePeerGetsTheNewestMessagesWithinTheReplayBudget) {
    GossipOptions o;
    o.max_replay_bytes = 1'000;
    RecordingNetwork net;
    HeightGossip gossip(o, &net);
    const std::vector<std::pair<uint8_t, size_t>> messages{{1, 100}, {2, 400}, {3, 400}, {4, 400}};
    for (const auto& [tag, size] : messages) {
        const Bytes raw = payload(tag, size);
        gossip.relay(MsgType::vote, HeightGossip::message_id(raw), raw, std::nullopt);
    }
    net.sent.clear();
    gossip.replay_to(peer(9));
    // Newest first: 4 and 3 fit (800 bytes), 2 does not, the small oldest one still does.
    ASSERT_EQ(net.sent.size(), 3u);
    size_t bytes = 0;
    for (const auto& s : net.sent) {
        EXPECT_EQ(s.to, std::optional<PeerId>(peer(9)));
        bytes += s.payload.size();
    }
    EXPECT_LE(bytes, 1'000u);
    EXPECT_EQ(net.sent[0].payload, payload(4, 400));
    EXPECT_EQ(net.sent[1].payload, payload(3, 400));
    EXPECT_EQ(net.sent[2].payload, payload(1, 100));

    // Each connection gets its own copy; a new height has nothing to replay.
    net.sent.clear();
    gossip.replay_to(peer(10));
    EXPECT_EQ(net.sent.size(), 3u);
    gossip.begin_height();
    net.sent.clear();
    gossip.replay_to(peer(11));
    EXPECT_TRUE(net.sent.empty());
}

TEST(HeightGossip, KeptMessagesAreBoundedInBytes) {
    GossipOptions o;
    o.max_height_message_bytes = 500;
    RecordingNetwork net;
    HeightGossip gossip(o, &net);
    for (uint8_t tag = 1; tag <= 3; ++tag) {
        const Bytes raw = payload(tag, 200);
        gossip.relay(MsgType::vote, HeightGossip::message_id(raw), raw, std::nullopt);
    }
    net.sent.clear();
    gossip.replay_to(peer(9));
    ASSERT_EQ(net.sent.size(), 2u) << "the third was relayed but not kept";
    EXPECT_EQ(net.sent[0].payload, payload(2, 200));
}

}  // namespace
}  // namespace azora::node
