#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <vector>

#include "consensus/evidence_pool.hpp"
#include "consensus/round_machine.hpp"
#include "node/chain.hpp"
#include "node/mempool.hpp"
#include "node/messages.hpp"
#include "node/peer_network.hpp"
#include "node/tx_relay.hpp"
#include "node/validator_signer.hpp"

namespace azora::node {

struct DriverOptions {
    consensus::RoundMachineOptions machine;  ///< chain_id is filled in from the chain
    /// Pause after a decided block before the next height starts (CometBFT's timeout_commit);
    /// in dev mode this is the block time.
    std::chrono::milliseconds commit_wait{500};
    size_t max_block_txs = 20'000;
    size_t max_block_bytes = (4u << 20) - (64u << 10);  ///< must fit in one P2P frame
    /// A proposed block whose time is further ahead of the local clock is not prevoted.
    uint64_t max_clock_drift_ms = 30'000;
    size_t sync_window = 64;  ///< blocks requested ahead of the head while catching up
    std::chrono::milliseconds sync_request_timeout{5'000};
    /// A peer only one block ahead has usually just decided the height this node is deciding
    /// too: fetch that block only if consensus has not finished it after this long.
    std::chrono::milliseconds one_behind_grace{1'000};
    size_t max_buffered_next_height = 4'096;  ///< messages kept for the next height
    /// Bytes bounds against a flood: messages of the next height held, this height's messages
    /// kept for late peers, fetched blocks waiting, work queued for the driver thread.
    size_t max_next_height_bytes = 32u << 20;
    size_t max_height_message_bytes = 64u << 20;
    /// Of those, what a peer that connects mid-height is sent, newest first: each connection
    /// gets a copy, so this, not the kept bytes, bounds what connections can make it queue.
    size_t max_replay_bytes = 8u << 20;
    size_t max_fetched_bytes = 128u << 20;
    size_t max_queued_bytes = 256u << 20;
    size_t max_tx_relay_bytes = 64u << 20;  ///< transaction batches from peers awaiting checks
};

/// What consensus_state and node_info report.
struct ConsensusStatus {
    uint64_t height = 0;  ///< the height being decided
    uint32_t round = 0;
    consensus::Step step = consensus::Step::propose;
    bool syncing = false;
    uint64_t best_peer_height = 0;
    uint64_t last_commit_time_ms = 0;  ///< wall clock when the last block was committed
    std::optional<uint32_t> validator_index;
};

/// Drives the pure RoundMachine (consensus/round_machine.hpp) with timers, block building and
/// execution, signing and the network, and catches up with block sync when peers are ahead.
/// One thread owns the machine and the chain's write side; the P2P and RPC threads hand it work
/// through a queue. With one validator and no network (dev mode) it runs the same code.
class ConsensusDriver {
public:
    using FatalHandler = std::function<void(const Error&)>;

    /// `signer` is null for a node that only follows; `network` is null in dev mode.
    ConsensusDriver(Chain& chain,
                    Mempool& mempool,
                    std::unique_ptr<ValidatorSigner> signer,
                    PeerNetwork* network,
                    DriverOptions options,
                    FatalHandler on_fatal);
    ~ConsensusDriver();

    void start();
    /// Stops after the block in progress (if any) is committed. Idempotent.
    void stop();

    // From the P2P thread.
    void on_peer_connected(const PeerId& peer);
    void on_peer_disconnected(const PeerId& peer);
    /// Decodes and queues an application message; an error is the peer's misbehaviour.
    Result<void> on_message(const PeerId& peer, MsgType type, ByteView payload);

    /// Gossips transactions just admitted to the mempool from RPC. Thread-safe.
    void announce_txs(const std::vector<PendingTxPtr>& txs);

    ConsensusStatus status() const;

private:
    struct Candidate {
        ledger::Block block;
        std::optional<ProposedBlock> executed;
        uint32_t round = 0;  ///< of the first proposal that carried it
        size_t bytes = 0;    ///< that proposal's encoded size (0: this node's own block)
    };
    struct SyncRequest {
        PeerId peer{};
        std::chrono::steady_clock::time_point deadline;
    };
    using Clock = std::chrono::steady_clock;
    static constexpr std::chrono::seconds kStatusInterval{5};

    /// Queues work for the driver thread; `bytes` counts toward max_queued_bytes, past which
    /// the work is dropped (false).
    bool post(std::function<void()> work, size_t bytes = 0);
    void run();
    void run_due_timers();
    std::optional<Clock::time_point> next_deadline() const;

    // Consensus (consensus_driver.cpp).
    void begin_height();
    /// Executes the block kept for `lock` and makes it a candidate again, and puts the kept
    /// prevotes that check out in `pol`; false if no block is kept for this lock.
    bool restore_locked_block(const consensus::PrecommitLock& lock,
                              std::vector<consensus::Vote>& pol);
    void feed(const consensus::Event& event);
    void perform(const consensus::Action& action);
    void propose(const consensus::ProposeBlock& a);
    void validate(const consensus::ValidateBlock& a);
    void sign_vote(const consensus::VoteData& vote);
    /// Gossips a signed vote (this validator's, or one kept with its lock) and counts it.
    void send_vote(const consensus::Vote& vote);
    void decide(const consensus::CommitBlock& a);
    /// Commits `block` and tidies the mempool; false (after reporting) if it failed.
    bool commit_block(ProposedBlock&& block,
                      const ledger::Commit& commit,
                      ledger::Durability durability = ledger::Durability::synced);
    void update_status();
    /// `id` is H_azora/p2p-msg(raw), computed once per message (a held early message keeps it).
    void handle_proposal(const PeerId& peer, ProposalMsg msg, Bytes raw, const Hash32& id);
    void handle_vote(const PeerId& peer, VoteMsg msg, Bytes raw, const Hash32& id);
    /// Whether a peer's proposed block of `round` may be kept: at most the machine's proposals
    /// per round, and rounds other than the current one within a byte budget.
    bool has_room_for_candidate(uint32_t round, size_t bytes) const;
    /// Keeps verified, not yet committed evidence and gossips it once.
    void add_evidence(const ledger::Evidence& ev, const std::optional<PeerId>& from);
    void handle_evidence(const PeerId& peer, const ledger::Evidence& ev);
    void on_equivocation(const consensus::Equivocation& e);
    /// Queues a message of the next height until that height begins; false if it is not one.
    /// Each message (by id) once; a peer at most a quarter of max_buffered_next_height.
    bool buffer_next_height(uint64_t height,
                            const PeerId& peer,
                            const Hash32& id,
                            size_t bytes,
                            std::function<void()> replay);
    /// Keeps a checked proposal or vote of this height and passes it on to the other peers.
    void relay(MsgType type, const Hash32& id, Bytes raw, const std::optional<PeerId>& from);
    std::optional<Address> own_address() const;
    void publish_status();

    // Sync (block_sync.cpp).
    void handle_status(const PeerId& peer, const StatusMsg& msg);
    void handle_block_response(const PeerId& peer, BlockResponseMsg msg, size_t bytes);
    /// Drops fetched blocks at or below the head.
    void forget_fetched_below(uint64_t head);
    void request_blocks();
    void apply_fetched();
    Result<void> serve_block_request(const PeerId& peer, const BlockRequestMsg& msg);
    bool catching_up() const;
    /// Lowers the claimed height of each peer whose block request timed out below that height.
    void expire_requests(Clock::time_point now);
    /// Starts consensus again once the node is no longer behind: the next height after synced
    /// blocks, or this height over after timeouts or messages were dropped while catching up.
    void resume_after_catching_up();

    Chain& m_chain;
    Mempool& m_mempool;
    std::unique_ptr<ValidatorSigner> m_signer;
    PeerNetwork* m_network;
    DriverOptions m_options;
    FatalHandler m_on_fatal;
    std::string m_chain_id;
    TxRelay m_tx_relay;

    // Driver thread only.
    consensus::RoundMachine m_machine;
    consensus::ValidatorSet m_validators;  // of the machine's height, rotation at round 0
    std::optional<uint32_t> m_own_index;
    bool m_failed = false;
    std::deque<consensus::Event> m_events;  // fed back while actions are carried out
    bool m_feeding = false;
    std::multimap<Clock::time_point, consensus::Timeout> m_timeouts;
    std::optional<Clock::time_point> m_begin_height_at;
    Clock::time_point m_next_sync_tick{};
    Clock::time_point m_next_status_at{};
    bool m_dropped_while_catching_up = false;  // timeouts or messages: see resume_after_catching_up
    std::map<Hash32, Candidate> m_candidates;  // blocks proposed at the machine's height
    std::set<Hash32> m_seen;                   // message hashes seen at this height
    std::vector<std::pair<MsgType, Bytes>> m_height_messages;  // for peers that join late
    size_t m_height_message_bytes = 0;
    std::vector<std::function<void()>> m_next_height;  // early messages, replayed
    size_t m_next_height_bytes = 0;
    std::set<Hash32> m_next_height_ids;
    std::map<PeerId, size_t> m_next_height_per_peer;
    size_t m_fetched_bytes = 0;
    std::optional<std::pair<uint64_t, Clock::time_point>> m_one_behind;  // head, since when
    std::map<PeerId, uint64_t> m_peer_heights;
    std::map<uint64_t, SyncRequest> m_requests;  // by height
    struct Fetched {
        PeerId peer{};
        BlockResponseMsg msg;
        size_t bytes = 0;  ///< encoded size, for max_fetched_bytes
    };
    std::map<uint64_t, Fetched> m_fetched;  // by height
    bool m_was_busy = false;
    consensus::EvidencePool m_evidence;

    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::pair<std::function<void()>, size_t>> m_inbox;  // guarded by m_mutex
    size_t m_queued_bytes = 0;                                     // guarded by m_mutex
    bool m_queue_full_logged = false;                              // guarded by m_mutex
    bool m_stopping = false;                                       // guarded by m_mutex
    ConsensusStatus m_status;                                      // guarded by m_mutex
    std::thread m_thread;
};

}  // namespace azora::node
