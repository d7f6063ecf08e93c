// ConsensusDriver with several validators connected by an in-memory network: the same code the
// node runs over P2P, without sockets, and on a manual clock: whenever every driver waits with
// nothing to do, time jumps to the earliest deadline. Nothing sleeps.
#include "node/consensus_driver.hpp"

#include <gtest/gtest.h>

#include <map>
#include <mutex>
#include <set>

#include "driver_test_net.hpp"
#include "node/file_signer.hpp"
#include "node_test_util.hpp"
#include "vm/evidence_records.hpp"

namespace azora::node {
namespace {

using namespace azora::node::test;
using namespace std::chrono_literals;

genesis::Genesis four_validator_genesis(const std::vector<PrivateKey>& keys) {
    genesis::Genesis g = genesis::dev_genesis();
    g.validators.clear();
    for (size_t i = 0; i < keys.size(); ++i) {
        g.validators.push_back({"val" + std::to_string(i), keys[i].public_key(), 10});
    }
    return g;
}

struct TestNode {
    TempDir dir;
    std::unique_ptr<Chain> chain;
    std::unique_ptr<Mempool> mempool;
    std::unique_ptr<MemoryNet::Port> port;
    std::unique_ptr<TxRelay> relay;
    std::unique_ptr<ConsensusDriver> driver;
    PeerId id{};
};

class ConsensusDriverTest : public ::testing::Test {
protected:
    void SetUp() override {
        for (int i = 0; i < 4; ++i) {
            m_keys.push_back(other_key("validator-" + std::to_string(i)));
        }
        m_genesis = four_validator_genesis(m_keys);
    }
    void TearDown() override {
        for (auto& n : m_nodes) {
            if (n->driver) {
                n->driver->stop();
                n->relay->stop();
            }
        }
    }

    static DriverOptions fast_options() {
        DriverOptions o;
        o.commit_wait = 10ms;
        o.machine.timeout_propose_ms = 300;
        o.machine.timeout_propose_delta_ms = 100;
        o.machine.timeout_prevote_ms = 100;
        o.machine.timeout_prevote_delta_ms = 50;
        o.machine.timeout_precommit_ms = 100;
        o.machine.timeout_precommit_delta_ms = 50;
        o.sync.request_timeout = 500ms;
        return o;
    }

    TestNode& add_node(std::optional<size_t> validator,
                       size_t id_seed,
                       DriverOptions options = fast_options()) {
        auto n = std::make_unique<TestNode>();
        n->chain = open_chain(n->dir.path() / "chain", m_genesis);
        n->mempool = std::make_unique<Mempool>(MempoolOptions{});
        n->id = other_key("node-id-" + std::to_string(id_seed)).public_key();
        n->port = std::make_unique<MemoryNet::Port>(m_net, n->id);
        // The node's own signer, with its signing-state file: a height that starts over (a
        // restart, or after a false catch-up) must never sign twice.
        std::unique_ptr<ValidatorSigner> signer;
        if (validator) {
            auto opened = FileSigner::open(m_keys[*validator], n->dir.path() / "signing_state",
                                           n->dir.path() / "locked_block");
            EXPECT_TRUE(opened.ok()) << opened.error().to_string();
            signer = std::move(opened).value();
        }
        n->relay =
            std::make_unique<TxRelay>(*n->chain, *n->mempool, n->port.get(), TxRelayOptions{});
        n->driver = std::make_unique<ConsensusDriver>(
            *n->chain, *n->mempool, std::move(signer), n->port.get(), m_clock, std::move(options),
            [](const Error& e) { ADD_FAILURE() << "fatal: " << e.to_string(); });
        m_nodes.push_back(std::move(n));
        return *m_nodes.back();
    }
    void start(TestNode& n) {
        m_net.attach(n.id, n.driver.get(), n.relay.get());
        n.relay->start();
        n.driver->start();
        ++m_running;
    }
    template <typename Pred>
    bool run_until(Pred&& done, std::chrono::milliseconds limit) {
        return run_drivers_until(m_clock, m_running, std::forward<Pred>(done), limit);
    }
    void run_for(std::chrono::milliseconds duration) {
        run_drivers_for(m_clock, m_running, duration);
    }
    /// Waits until every driver has handled what it was given.
    void settle() { ASSERT_TRUE(m_clock.wait_idle(m_running)); }
    /// Adds and starts validators 0 .. count - 1.
    void start_validators(size_t count) {
        for (size_t i = 0; i < count; ++i) {
            add_node(i, i);
        }
        for (auto& n : m_nodes) {
            start(*n);
        }
    }

    uint64_t min_height(const std::vector<TestNode*>& nodes) const {
        uint64_t h = UINT64_MAX;
        for (auto* n : nodes) {
            h = std::min(h, n->chain->head().height);
        }
        return h;
    }
    std::vector<TestNode*> all() {
        std::vector<TestNode*> out;
        for (auto& n : m_nodes) {
            out.push_back(n.get());
        }
        return out;
    }
    void expect_same_chain(const std::vector<TestNode*>& nodes, uint64_t up_to) {
        for (uint64_t h = 1; h <= up_to; ++h) {
            auto first = nodes[0]->chain->store().header(h);
            ASSERT_TRUE(first.ok() && first->has_value());
            for (auto* n : nodes) {
                auto other = n->chain->store().header(h);
                ASSERT_TRUE(other.ok() && other->has_value());
                EXPECT_EQ((*other)->hash(), (*first)->hash()) << "height " << h;
                EXPECT_EQ((*other)->state_root, (*first)->state_root) << "height " << h;
            }
        }
    }

    std::vector<PrivateKey> m_keys;
    genesis::Genesis m_genesis;
    ManualClock m_clock;
    size_t m_running = 0;  // drivers started
    MemoryNet m_net;
    std::vector<std::unique_ptr<TestNode>> m_nodes;
};

TEST_F(ConsensusDriverTest, FourValidatorsFinalizeTheSameChainWithGossipedTransactions) {
    start_validators(4);
    // Submit to two different nodes; gossip must bring both to the proposers.
    const auto tx1 = as_pending(transfer(dev_key(0), dev_address(3), 5, 0));
    const auto tx2 = as_pending(transfer(dev_key(1), dev_address(3), 7, 0));
    ASSERT_TRUE(m_nodes[0]->mempool->add(tx1).ok());
    m_nodes[0]->relay->announce({tx1});
    ASSERT_TRUE(m_nodes[2]->mempool->add(tx2).ok());
    m_nodes[2]->relay->announce({tx2});

    ASSERT_TRUE(run_until(
        [&] {
            for (auto& n : m_nodes) {
                auto a = n->chain->store().tx(tx1->hash);
                auto b = n->chain->store().tx(tx2->hash);
                if (!a.ok() || !a->has_value() || !b.ok() || !b->has_value()) {
                    return false;
                }
            }
            return min_height(all()) >= 3;
        },
        20s));
    expect_same_chain(all(), min_height(all()));
    EXPECT_EQ(balance_of(*m_nodes[1]->chain, dev_address(3)), genesis::kDevAccountBalance + 12);
    EXPECT_EQ(m_net.m_reports.load(), 0);
}

TEST_F(ConsensusDriverTest, ThreeOfFourKeepFinalizingAndTheFourthCatchesUp) {
    start_validators(4);
    m_net.set_cut_off(m_nodes[3]->id, true);
    const std::vector<TestNode*> three{m_nodes[0].get(), m_nodes[1].get(), m_nodes[2].get()};
    const uint64_t start_height = min_height(three);
    ASSERT_TRUE(run_until([&] { return min_height(three) >= start_height + 5; }, 30s));
    EXPECT_LE(m_nodes[3]->chain->head().height, start_height + 1);

    m_net.set_cut_off(m_nodes[3]->id, false);
    m_net.connect(m_nodes[3]->id, m_nodes[0]->id);
    m_net.connect(m_nodes[3]->id, m_nodes[1]->id);
    const uint64_t target = min_height(three) + 2;
    ASSERT_TRUE(run_until([&] { return min_height(all()) >= target; }, 30s));
    expect_same_chain(all(), target);
}

TEST_F(ConsensusDriverTest, TwoOfFourStoppedFinalizesNothingUntilTheyReturn) {
    start_validators(4);
    ASSERT_TRUE(run_until([&] { return min_height(all()) >= 1; }, 20s));
    m_net.set_cut_off(m_nodes[2]->id, true);
    m_net.set_cut_off(m_nodes[3]->id, true);
    // Let any height in flight finish, then nothing more may be finalized.
    run_for(300ms);
    const uint64_t stuck = m_nodes[0]->chain->head().height;
    run_for(1500ms);
    EXPECT_LE(m_nodes[0]->chain->head().height, stuck + 1);
    EXPECT_LE(m_nodes[1]->chain->head().height, stuck + 1);

    m_net.set_cut_off(m_nodes[2]->id, false);
    m_net.set_cut_off(m_nodes[3]->id, false);
    for (size_t i = 0; i < 4; ++i) {
        for (size_t j = i + 1; j < 4; ++j) {
            m_net.connect(m_nodes[i]->id, m_nodes[j]->id);
        }
    }
    ASSERT_TRUE(run_until([&] { return min_height(all()) >= stuck + 3; }, 60s));
    expect_same_chain(all(), stuck + 3);
}

TEST_F(ConsensusDriverTest, LateFollowerSyncsFromGenesisAndFollows) {
    start_validators(4);
    ASSERT_TRUE(run_until([&] { return min_height(all()) >= 8; }, 30s));
    TestNode& follower = add_node(std::nullopt, 99);
    start(follower);
    const uint64_t target = min_height(all()) + 3;
    ASSERT_TRUE(run_until([&] { return follower.chain->head().height >= target; }, 30s));
    expect_same_chain(all(), target);
    EXPECT_FALSE(follower.driver->status().validator_index.has_value());
    // Every block the follower has came through sync (its commit's signatures checked once,
    // by Chain::verify_commit) or through consensus (precommits checked on arrival, none at
    // commit): never twice, so at most one commit check per block, and sync did some.
    const uint64_t verified = follower.chain->commits_verified();
    EXPECT_GE(verified, 7u);
    EXPECT_LE(verified, follower.chain->head().height);
}

TEST_F(ConsensusDriverTest, EquivocationBecomesEvidenceInABlock) {
    start_validators(3);
    // Validator 3 is Byzantine: two different prevotes for the height and round node 0 is in.
    const PeerId byzantine = other_key("byzantine").public_key();
    auto evidence_on = [](const Chain& chain) {
        auto list = vm::evidence::list_evidence(chain.state(), {}, 10);
        return list.ok() ? list->size() : 0u;
    };
    ASSERT_TRUE(run_until(
        [&] {
            const ConsensusStatus s = m_nodes[0]->driver->status();
            for (uint8_t b = 1; b <= 2; ++b) {
                Hash32 hash{};
                hash[0] = b;
                hash[1] = static_cast<uint8_t>(s.height);
                consensus::VoteData data{consensus::VoteType::prevote,
                                         std::string(genesis::kDevChainId), s.height, s.round,
                                         hash};
                const VoteMsg vote =
                    VoteMsg::from_vote({data, 3, consensus::sign_vote(m_keys[3], data)});
                EXPECT_TRUE(
                    m_nodes[0]->driver->on_message(byzantine, MsgType::vote, vote.encode()).ok());
            }
            for (auto& n : m_nodes) {
                if (evidence_on(*n->chain) == 0) {
                    return false;
                }
            }
            return true;
        },
        30s));
    auto list = vm::evidence::list_evidence(m_nodes[1]->chain->state(), {}, 10);
    ASSERT_TRUE(list.ok());
    EXPECT_EQ(list->front().evidence.validator_index, 3u);
    EXPECT_GT(list->front().included_height, 0u);
    expect_same_chain(all(), min_height(all()));
}

// A peer that claims a height far ahead and never serves a block puts the validators into
// catch-up, where they neither vote nor count timeouts. Its claim must fall when its requests
// time out, and consensus must start again where it stopped.
TEST_F(ConsensusDriverTest, PeerClaimingAHeightItCannotServeDoesNotHaltTheChain) {
    start_validators(4);
    ASSERT_TRUE(run_until([&] { return min_height(all()) >= 2; }, 20s));
    const PeerId liar = other_key("liar").public_key();
    m_net.suspect(liar);
    for (auto& n : m_nodes) {
        n->driver->on_peer_connected(liar);
        ASSERT_TRUE(
            n->driver->on_message(liar, MsgType::status, StatusMsg{1'000'000, Hash32{}}.encode())
                .ok());
    }
    ASSERT_TRUE(run_until([&] { return m_nodes[0]->driver->status().syncing; }, 5s));
    const uint64_t lied_at = min_height(all());
    ASSERT_TRUE(run_until([&] { return min_height(all()) >= lied_at + 5; }, 30s));
    expect_same_chain(all(), lied_at + 5);
    const auto reports = m_net.suspect_reports();
    EXPECT_FALSE(reports.empty());
    for (const auto& reason : reports) {
        EXPECT_EQ(reason, "block_request_unanswered");
    }
}

// A follower whose fetched-block budget is spent, and whose next block was asked of a peer
// that never answers, must still ask someone else for that block: nothing fetched can be
// applied before it, so waiting for room would wait forever.
TEST_F(ConsensusDriverTest, SyncAsksAgainForTheNextBlockWhenTheFetchBudgetIsSpent) {
    start_validators(4);
    ASSERT_TRUE(run_until([&] { return min_height(all()) >= 12; }, 30s));
    DriverOptions tiny_budget = fast_options();
    tiny_budget.sync.max_fetched_bytes = 1;
    TestNode& follower = add_node(std::nullopt, 99, tiny_budget);
    // A peer that claims the validators' height and never answers a block request.
    const PeerId mute = other_key("mute").public_key();
    m_net.suspect(mute);
    follower.driver->on_peer_connected(mute);
    ASSERT_TRUE(follower.driver
                    ->on_message(mute, MsgType::status,
                                 StatusMsg{m_nodes[0]->chain->head().height, Hash32{}}.encode())
                    .ok());
    start(follower);
    const uint64_t target = min_height(all()) + 2;
    ASSERT_TRUE(run_until([&] { return follower.chain->head().height >= target; }, 30s));
    expect_same_chain(all(), target);
}

// Every connection gets its own copy of what a peer joining mid-height is sent, so that is
// bounded by max_replay_bytes, however many messages the height has piled up.
TEST_F(ConsensusDriverTest, PeerJoiningMidHeightGetsAtMostTheReplayBudget) {
    DriverOptions small_replay = fast_options();
    small_replay.gossip.max_replay_bytes = 1'000;
    add_node(0, 0, small_replay);
    add_node(1, 1);
    add_node(2, 2);
    for (auto& n : m_nodes) {
        start(*n);
    }
    ASSERT_TRUE(run_until([&] { return min_height(all()) >= 2; }, 20s));
    // Validator 3 (not running) votes nil in 60 later rounds of node 0's height: valid votes
    // that node 0 keeps for late peers, far more than the budget. Then a peer connects. (A
    // height may end in between and take the votes with it: then try again.)
    const PeerId byzantine = other_key("byzantine").public_key();
    size_t fullest = 0;
    for (int attempt = 0; attempt < 20 && fullest <= 500; ++attempt) {
        const ConsensusStatus s = m_nodes[0]->driver->status();
        for (uint32_t round = s.round + 1; round <= s.round + 60; ++round) {
            consensus::VoteData data{consensus::VoteType::prevote,
                                     std::string(genesis::kDevChainId), s.height, round, Hash32{}};
            const VoteMsg vote =
                VoteMsg::from_vote({data, 3, consensus::sign_vote(m_keys[3], data)});
            ASSERT_TRUE(
                m_nodes[0]->driver->on_message(byzantine, MsgType::vote, vote.encode()).ok());
        }
        const PeerId watcher = other_key("watcher-" + std::to_string(attempt)).public_key();
        m_nodes[0]->driver->on_peer_connected(watcher);
        settle();  // the replay is one pass on the driver thread
        EXPECT_GT(m_net.consensus_bytes_to(watcher), 0u);
        EXPECT_LE(m_net.consensus_bytes_to(watcher), 1'000u);
        fullest = std::max(fullest, m_net.consensus_bytes_to(watcher));
    }
    EXPECT_GT(fullest, 500u);  // the budget, not the height, was the limit
}

// A validator that is not a round's proposer signs many blocks for it: they are neither kept
// nor relayed, so they cannot crowd out the real proposer's block.
TEST_F(ConsensusDriverTest, ProposalsFromAValidatorNotTheRoundsProposerAreIgnored) {
    start_validators(3);
    const PeerId byzantine = other_key("byzantine").public_key();
    const uint64_t from = min_height(all());
    uint64_t time_ms = 1;
    ASSERT_TRUE(run_until(
        [&] {
            for (auto& n : m_nodes) {
                const ConsensusStatus s = n->driver->status();
                for (uint32_t round = s.round; round < s.round + 3; ++round) {
                    for (int copy = 0; copy < 6; ++copy) {
                        ledger::Block block;
                        block.header.chain_id = std::string(genesis::kDevChainId);
                        block.header.height = s.height;
                        block.header.time_ms = time_ms++;
                        const consensus::ProposalData data{std::string(genesis::kDevChainId),
                                                           s.height, round, consensus::kNoRound,
                                                           block.hash()};
                        ProposalMsg msg{s.height,
                                        round,
                                        consensus::pol_round_to_wire(consensus::kNoRound),
                                        3,
                                        m_keys[3].sign(data.signing_hash()),
                                        block};
                        EXPECT_TRUE(
                            n->driver->on_message(byzantine, MsgType::proposal, msg.encode()).ok());
                    }
                }
            }
            return min_height(all()) >= from + 4;
        },
        60s));
    expect_same_chain(all(), from + 4);
}

TEST(ConsensusDriverSingle, OneValidatorWithoutNetworkCommitsBlocks) {
    TempDir dir;
    auto chain = open_chain(dir.path() / "chain");
    Mempool mempool(MempoolOptions{});
    ManualClock clock;
    DriverOptions o;
    o.commit_wait = 20ms;
    ConsensusDriver driver(*chain, mempool,
                           std::make_unique<TestSigner>(genesis::dev_validator_key()), nullptr,
                           clock, o, [](const Error& e) { ADD_FAILURE() << e.to_string(); });
    const auto tx = as_pending(transfer(dev_key(0), dev_address(1), 9, 0));
    ASSERT_TRUE(mempool.add(tx).ok());
    driver.start();
    ASSERT_TRUE(run_drivers_until(
        clock, 1, [&] { return chain->head().height >= 3; }, 10s));
    driver.stop();
    auto loc = chain->store().tx(tx->hash);
    ASSERT_TRUE(loc.ok() && loc->has_value());
    EXPECT_EQ(mempool.size(), 0u);
    EXPECT_EQ(driver.status().validator_index, std::optional<uint32_t>(0));
}

}  // namespace
}  // namespace azora::node
