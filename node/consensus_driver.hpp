#pragma once

#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "consensus/evidence_pool.hpp"
#include "consensus/round_machine.hpp"
#include "node/block_sync.hpp"
#include "node/candidate_blocks.hpp"
#include "node/chain.hpp"
#include "node/clock.hpp"
#include "node/consensus_status.hpp"
#include "node/driver_options.hpp"
#include "node/driver_timers.hpp"
#include "node/height_gossip.hpp"
#include "node/mempool.hpp"
#include "node/messages.hpp"
#include "node/peer_network.hpp"
#include "node/validator_signer.hpp"
#include "node/work_queue.hpp"

namespace azora::node {

/// Drives the pure RoundMachine (consensus/round_machine.hpp) with timers, block building and
/// execution and signing, and wires it to the height's gossip (HeightGossip) and to block sync
/// (BlockSync) when peers are ahead. One thread owns the machine and the chain's write side;
/// the P2P thread hands it work through a queue. With one validator and no network (dev mode)
/// it runs the same code. Transactions are not its business: the node's TxRelay gossips them.
class ConsensusDriver {
public:
    using FatalHandler = std::function<void(const Error&)>;

    /// `signer` is null for a node that only follows; `network` is null in dev mode. `clock`
    /// must outlive the driver.
    ConsensusDriver(Chain& chain,
                    Mempool& mempool,
                    std::unique_ptr<ValidatorSigner> signer,
                    PeerNetwork* network,
                    Clock& clock,
                    DriverOptions options,
                    FatalHandler on_fatal);
    ~ConsensusDriver();

    void start();
    /// Stops after the block in progress (if any) is committed. Idempotent.
    void stop();

    // From the P2P thread.
    void on_peer_connected(const PeerId& peer);
    void on_peer_disconnected(const PeerId& peer);
    /// Decodes and queues a consensus, sync or evidence message; an error is the peer's
    /// misbehaviour. Transactions (MsgType::txs) belong to the TxRelay and are ignored here.
    Result<void> on_message(const PeerId& peer, MsgType type, ByteView payload);

    ConsensusStatus status() const;

private:
    using Candidate = CandidateBlocks::Candidate;
    using TimePoint = Clock::TimePoint;

    // The thread and its timers (consensus_driver.cpp).
    void run();
    void run_due_timers();
    void begin_height();
    /// Executes the block kept for `lock` and makes it a candidate again, and puts the kept
    /// prevotes that check out in `pol`; false if no block is kept for this lock.
    bool restore_locked_block(const consensus::PrecommitLock& lock,
                              std::vector<consensus::Vote>& pol);
    void feed(const consensus::Event& event);
    void perform(const consensus::Action& action);
    void update_status();
    void fail(const Error& error);

    // The machine's actions on blocks and votes (driver_actions.cpp).
    void propose(const consensus::ProposeBlock& a);
    void validate(const consensus::ValidateBlock& a);
    void sign_vote(const consensus::VoteData& vote);
    /// Gossips a signed vote (this validator's, or one kept with its lock) and counts it.
    void send_vote(const consensus::Vote& vote);
    void decide(const consensus::CommitBlock& a);
    /// Commits `block` and tidies the mempool; false (after reporting) if it failed.
    bool commit_block(ProposedBlock&& block,
                      const VerifiedCommit& commit,
                      ledger::Durability durability = ledger::Durability::synced);
    std::optional<Address> own_address() const;
    void publish_status();

    // Proposals, votes and evidence from peers (consensus_gossip.cpp).
    /// `id` is H_azora/p2p-msg(raw), computed once per message (a held early message keeps it).
    void handle_proposal(const PeerId& peer, ProposalMsg msg, Bytes raw, const Hash32& id);
    void handle_vote(const PeerId& peer, VoteMsg msg, Bytes raw, const Hash32& id);
    /// Handles a message held for this height (decoded again: it decoded when it arrived).
    void handle_held(HeldMessage held);
    /// Whether `height` is the next one, not started yet: its messages are held until it is.
    bool is_next_height(uint64_t height) const;
    /// Keeps verified, not yet committed evidence and gossips it once.
    void add_evidence(const ledger::Evidence& ev, const std::optional<PeerId>& from);
    void handle_evidence(const PeerId& peer, const ledger::Evidence& ev);
    void on_equivocation(const consensus::Equivocation& e);

    // Block sync's inputs and outputs (driver_sync.cpp).
    void handle_status(const PeerId& peer, const StatusMsg& msg);
    void handle_block_response(const PeerId& peer, BlockResponseMsg msg, size_t bytes);
    void request_blocks();
    void apply_fetched();
    void report_penalties();
    Result<void> serve_block_request(const PeerId& peer, const BlockRequestMsg& msg);
    bool catching_up() const;
    /// Starts consensus again once the node is no longer behind: the next height after synced
    /// blocks, or this height over after timeouts or messages were dropped while catching up.
    void resume_after_catching_up();

    Chain& m_chain;
    Mempool& m_mempool;
    std::unique_ptr<ValidatorSigner> m_signer;
    PeerNetwork* m_network;
    Clock& m_clock;
    DriverOptions m_options;
    FatalHandler m_on_fatal;
    std::string m_chain_id;
    WorkQueue m_queue;

    // Driver thread only.
    consensus::RoundMachine m_machine;
    consensus::ValidatorSet m_validators;  // of the machine's height, rotation at round 0
    std::optional<uint32_t> m_own_index;
    bool m_failed = false;
    std::deque<consensus::Event> m_events;  // fed back while actions are carried out
    bool m_feeding = false;
    DriverTimers m_timers;
    bool m_dropped_while_catching_up = false;  // timeouts or messages: see resume_after_catching_up
    CandidateBlocks m_candidates;              // blocks proposed at the machine's height
    HeightGossip m_gossip;
    BlockSync m_sync;
    consensus::EvidencePool m_evidence;
    bool m_was_busy = false;

    mutable std::mutex m_status_mutex;
    ConsensusStatus m_status;  // guarded by m_status_mutex
    std::thread m_thread;
};

}  // namespace azora::node
