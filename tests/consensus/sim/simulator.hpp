#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "consensus/round_machine.hpp"
#include "crypto_cache.hpp"
#include "network.hpp"
#include "scenario.hpp"

namespace azora::consensus::sim {

/// What a run showed. `failure` names the first property violated (empty when ok).
struct Outcome {
    bool ok = true;
    std::string failure;
    uint64_t end_time_ms = 0;
    uint64_t max_height = 0;  ///< highest height committed by an honest node
    uint32_t max_round = 0;   ///< highest round of an honest commit
    uint64_t events = 0;
    uint64_t sent = 0;
    uint64_t dropped = 0;
    uint64_t duplicated = 0;
    uint64_t forgeries_rejected = 0;
    uint64_t equivocations_reported = 0;
    uint64_t commits_checked = 0;  ///< honest CommitBlock actions, each through verify_commit
    uint64_t restarts = 0;
    uint64_t signatures_refused = 0;  ///< by a restarted node's signing state
};

/// Runs one Scenario: every non-silent validator drives a RoundMachine over the simulated
/// network and virtual clock. Honest nodes gossip: every message an honest node accepts is
/// relayed to all; a node that made no progress for a gossip interval re-sends its own messages
/// of the height; at GST each re-sends all it holds for its height; and a node answers a peer
/// that is behind with the deciding proposal and precommits (catch-up).
///
/// Checked on the way: honest nodes never commit different blocks at one height; once an honest
/// node decides v in round r, no other block gathers prevotes of more than 2/3 of the power in
/// a round >= r (the locking lemma behind agreement, checked over every signed prevote anyone
/// created, so a broken lock shows before it becomes a fork); every honest
/// commit passes verify_commit and is of a block the app accepts, no honest node signs twice
/// for one (height, round, type) or proposes twice in a round, and equivocation evidence never
/// names an honest validator. A restarted honest node signs through the rules of its signing
/// state (consensus/signing_state.hpp: nothing at or below the last signature, except that same
/// message again) and restarts locked as that state says. At the end: after GST every honest node
/// committed `liveness_heights` heights within `liveness_bound_ms`.
class Simulator {
public:
    Simulator(const Scenario& scenario, CryptoCache& crypto, bool trace);
    Outcome run();

private:
    struct Node {
        Node(uint32_t node_id, uint32_t i, Behaviour b, const RoundMachineOptions& options)
            : id(node_id), index(i), behaviour(b), machine(options) {}
        uint32_t id = 0;      // network address: the position in m_nodes
        uint32_t index = 0;   // validator index (a twin shares it with its sibling)
        int twin_group = -1;  // for twins: the side of the honest nodes this copy talks to
        Behaviour behaviour = Behaviour::honest;
        RoundMachine machine;
        ValidatorSet validators;            // rotation state of the current height
        std::unordered_set<uint64_t> seen;  // message ids handled at the current height
        std::vector<MessagePtr> log;        // accepted messages of the current height
        std::vector<Delivery> future;       // messages for later heights, replayed later
        std::map<uint64_t, std::vector<MessagePtr>> decisions;  // height: proposal, precommits
        std::map<std::pair<uint32_t, uint64_t>, uint64_t> last_catchup;  // (peer, height)
        std::map<std::tuple<uint64_t, uint32_t, uint8_t>, Hash32> signed_votes;
        std::set<std::pair<uint64_t, uint32_t>> signed_proposals;
        // (height, round, step 0 proposal / 1 prevote / 2 precommit) of the last signature and
        // its message (block hash): the signing state, which survives restarts.
        std::optional<std::tuple<uint64_t, uint32_t, uint8_t>> last_signed;
        Hash32 last_signed_block{};
        uint32_t restarts = 0;
        // The prevotes that formed the polka of the last precommitted block: kept with that
        // block (DATADIR/locked_block) and sent again after a restart.
        std::vector<MessagePtr> locked_pol;
        uint32_t commits_after_gst = 0;
        std::tuple<uint64_t, uint32_t, Step> progress_at_last_tick{};
        bool honest() const { return behaviour == Behaviour::honest; }
    };

    // Driving.
    void start_height(Node& n, uint64_t height);
    void deliver(Node& n, const Delivery& d);
    void apply(Node& n, const std::vector<Action>& actions);
    void on_gst();
    void on_gossip_tick(Node& n);
    bool authentic(const Message& m);
    bool liveness_met() const;
    void restart(Node& n);
    /// The signing state's verdict on signing (height, round, step) for `block` (true: sign).
    /// Fails the run if a node that never restarted asks for what it must never sign.
    bool may_sign(Node& n, std::tuple<uint64_t, uint32_t, uint8_t> at, const Hash32& block);

    // Honest behaviour.
    void propose(Node& n, const ProposeBlock& a);
    void vote(Node& n, const VoteData& data);
    void commit(Node& n, const CommitBlock& c);
    void evidence(Node& n, const Equivocation& e);
    void answer_catchup(Node& n, uint32_t peer, uint64_t height);
    /// A restarted node that is stuck asks its peers for what it lost (gossip.cpp).
    void ask_peers(Node& n);

    // Byzantine behaviour (byzantine.cpp).
    void byzantine_propose(Node& n, const ProposeBlock& a);
    void byzantine_vote(Node& n, const VoteData& data);
    void forge(Node& n, const VoteData& data);
    void vote_for_everything(Node& n, const Proposal& p);

    // Helpers.
    MessagePtr make_message(uint32_t origin, std::variant<Proposal, Vote> body);
    Vote signed_vote(uint32_t signer, const VoteData& data);
    void broadcast(Node& from, const MessagePtr& msg);
    void send(const Node& from, const Node& to, const MessagePtr& msg, bool catchup = false);
    bool linked(const Node& a, const Node& b) const;
    void send_to_self(Node& n, const MessagePtr& msg);
    Hash32 make_block(uint64_t height, uint32_t proposer, uint32_t round, int tag);
    uint64_t draw(uint64_t lo, uint64_t hi);
    void note_prevote(const Vote& v);
    void check_no_polka_after_decision(uint64_t height);
    void fail(const std::string& what);
    /// Prints what `describe()` returns when tracing; builds nothing otherwise.
    template <typename F>
    void trace(const Node& n, F&& describe) const {
        if (m_trace) {
            print_trace(n, std::string(describe()));
        }
    }
    void print_trace(const Node& n, const std::string& what) const;

    static constexpr size_t kMaxFuture = 50'000;
    static constexpr uint64_t kCatchupIntervalMs = 1'000;
    static constexpr uint64_t kGossipIntervalMs = 1'000;
    static constexpr uint64_t kMaxEvents = 5'000'000;

    const Scenario& m_scenario;
    RoundMachineOptions m_machine_options;
    CryptoCache& m_crypto;
    bool m_trace = false;
    std::mt19937_64 m_rng;
    EventQueue m_queue;
    Network m_network;
    std::vector<PrivateKey> m_keys;
    ValidatorSet m_genesis;
    std::vector<Node> m_nodes;
    std::unordered_map<uint64_t, bool> m_authentic;  // by message id
    std::map<Hash32, bool> m_blocks;                 // every block built: valid by the app rule
    std::map<uint64_t, Hash32> m_decided;            // height: the block honest nodes committed
    std::map<uint64_t, uint32_t> m_decided_round;    // height: lowest round of an honest commit
    // Every authentic non-nil prevote anyone created: (height, round, block) -> voters, and the
    // (height, round, block) that gathered more than 2/3 of the power (polkas).
    std::map<std::tuple<uint64_t, uint32_t, Hash32>, std::set<uint32_t>> m_prevoters;
    std::set<std::tuple<uint64_t, uint32_t, Hash32>> m_polkas;
    uint64_t m_next_id = 1;
    Outcome m_out;
};

/// Runs `scenario` (see Simulator).
Outcome run_scenario(const Scenario& scenario, CryptoCache& crypto, bool trace = false);

}  // namespace azora::consensus::sim
