#include "node/consensus_driver.hpp"

#include <malloc.h>

#include "consensus/commit_verifier.hpp"
#include "core/hash.hpp"
#include "ledger/limits.hpp"
#include "node/log.hpp"
#include "vm/accounts.hpp"

namespace azora::node {

namespace {

template <class... F>
struct Overloaded : F... {
    using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

uint64_t wall_now_ms() {
    const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
    return static_cast<uint64_t>(
        std::chrono::duration_cast<std::chrono::milliseconds>(since_epoch).count());
}

constexpr std::string_view kMessageIdTag = "azora/p2p-msg";

}  // namespace

ConsensusDriver::ConsensusDriver(Chain& chain,
                                 Mempool& mempool,
                                 std::unique_ptr<ValidatorSigner> signer,
                                 PeerNetwork* network,
                                 DriverOptions options,
                                 FatalHandler on_fatal)
    : m_chain(chain),
      m_mempool(mempool),
      m_signer(std::move(signer)),
      m_network(network),
      m_options([&] {
          options.machine.chain_id = chain.genesis().chain_id;
          return options;
      }()),
      m_on_fatal(std::move(on_fatal)),
      m_chain_id(chain.genesis().chain_id),
      m_tx_relay(chain, mempool, network, m_options.max_tx_relay_bytes),
      m_machine(m_options.machine) {}

ConsensusDriver::~ConsensusDriver() {
    stop();
}

void ConsensusDriver::start() {
    m_tx_relay.start();
    m_thread = std::thread([this] { run(); });
}

void ConsensusDriver::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable()) {
        m_thread.join();
    }
    m_tx_relay.stop();
}

bool ConsensusDriver::post(std::function<void()> work, size_t bytes) {
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping) {
            return false;
        }
        if (bytes > 0 && m_queued_bytes + bytes > m_options.max_queued_bytes) {
            if (!m_queue_full_logged) {
                log_warn("consensus queue full: dropping peer messages until it drains");
                m_queue_full_logged = true;
            }
            return false;
        }
        m_queued_bytes += bytes;
        m_inbox.emplace_back(std::move(work), bytes);
    }
    m_wake.notify_one();
    return true;
}

std::optional<ConsensusDriver::Clock::time_point> ConsensusDriver::next_deadline() const {
    std::optional<Clock::time_point> next;
    auto consider = [&](Clock::time_point t) {
        if (!next || t < *next) {
            next = t;
        }
    };
    if (!m_timeouts.empty()) {
        consider(m_timeouts.begin()->first);
    }
    if (m_begin_height_at) {
        consider(*m_begin_height_at);
    }
    if (m_network != nullptr) {
        consider(m_next_sync_tick);
    }
    return next;
}

void ConsensusDriver::run() {
    begin_height();
    for (;;) {
        std::deque<std::pair<std::function<void()>, size_t>> work;
        {
            std::unique_lock lock(m_mutex);
            auto ready = [this] { return m_stopping || !m_inbox.empty(); };
            if (auto deadline = next_deadline()) {
                m_wake.wait_until(lock, *deadline, ready);
            } else {
                m_wake.wait(lock, ready);
            }
            if (m_stopping) {
                return;
            }
            work.swap(m_inbox);
            m_queued_bytes = 0;
            m_queue_full_logged = false;
        }
        for (auto& [w, bytes] : work) {
            if (m_failed) {
                return;
            }
            w();
        }
        run_due_timers();
        if (m_failed) {
            return;
        }
    }
}

void ConsensusDriver::run_due_timers() {
    const auto now = Clock::now();
    if (m_begin_height_at && *m_begin_height_at <= now) {
        begin_height();
    }
    while (!m_failed && !m_timeouts.empty() && m_timeouts.begin()->first <= now) {
        const consensus::Timeout t = m_timeouts.begin()->second;
        m_timeouts.erase(m_timeouts.begin());
        if (catching_up()) {
            m_dropped_while_catching_up = true;
        } else {
            feed(t);
        }
    }
    if (m_network != nullptr && now >= m_next_sync_tick) {
        m_next_sync_tick = now + std::chrono::seconds(1);
        // Now and then even without a new block, so that a peer's claim lowered after a
        // request timed out (expire_requests) is restored if it was honest, only slow.
        if (now >= m_next_status_at) {
            m_next_status_at = now + kStatusInterval;
            publish_status();
        }
        request_blocks();
        resume_after_catching_up();
    }
}

std::optional<Address> ConsensusDriver::own_address() const {
    if (!m_signer) {
        return std::nullopt;
    }
    return Address::from_pubkey(m_signer->public_key());
}

void ConsensusDriver::begin_height() {
    m_begin_height_at.reset();
    m_timeouts.clear();
    m_candidates.clear();
    m_seen.clear();
    m_height_messages.clear();
    m_height_message_bytes = 0;
    m_validators = m_chain.validators();
    m_own_index = m_signer ? m_validators.index_of(m_signer->public_key()) : std::nullopt;
    const uint64_t height = m_chain.head().height + 1;
    // A lock this validator took at this height before a restart still binds it.
    std::optional<consensus::RestoredLock> lock;
    std::vector<consensus::Vote> pol;
    if (auto held = m_own_index ? m_signer->lock() : std::nullopt; held && held->height == height) {
        lock = consensus::RestoredLock{held->round, held->block_hash,
                                       restore_locked_block(*held, pol)};
        log_info("height " + std::to_string(height) + ": locked on block " +
                 to_hex(held->block_hash).substr(0, 16) + " since round " +
                 std::to_string(held->round) + " (signed before a restart" +
                 (lock->have_block ? ", block kept)" : ", block not kept)"));
    }
    feed(consensus::StartHeight{height, m_validators, m_own_index, lock});
    // After a restart mid-height the votes signed before it may never have left, and no other
    // votes of their (round, type) may be signed: send them again.
    if (m_own_index) {
        for (const auto& vote : m_signer->height_votes(m_chain_id, *m_own_index)) {
            if (vote.data.height == height) {
                send_vote(vote);
            }
        }
    }
    // And the prevotes behind the lock, so that peers can check it when it is proposed again.
    for (const auto& vote : pol) {
        send_vote(vote);
    }
    auto early = std::move(m_next_height);
    m_next_height.clear();
    m_next_height_bytes = 0;
    m_next_height_ids.clear();
    m_next_height_per_peer.clear();
    for (auto& replay : early) {
        replay();
    }
}

bool ConsensusDriver::restore_locked_block(const consensus::PrecommitLock& lock,
                                           std::vector<consensus::Vote>& pol) {
    auto locked = m_signer->locked_block();
    if (!locked || locked->block.hash() != lock.block_hash) {
        return false;
    }
    auto executed = m_chain.execute_block(locked->block, [](const Hash32&) { return false; });
    if (!executed) {
        log_warn("the kept locked block does not execute: " + executed.error().to_string());
        return false;
    }
    m_candidates.insert_or_assign(
        lock.block_hash,
        Candidate{std::move(locked->block), std::move(executed).value(), lock.round, 0});
    // Only prevotes of the lock, each by a validator of this height, go out again.
    for (const VoteMsg& msg : locked->pol) {
        consensus::Vote vote = msg.to_vote(m_chain_id);
        const auto& members = m_validators.validators();
        if (vote.data.type == consensus::VoteType::prevote && vote.data.height == lock.height &&
            vote.data.round == lock.round && vote.data.block_hash == lock.block_hash &&
            vote.validator_index < members.size() &&
            consensus::verify_vote(members[vote.validator_index].pubkey, vote.data,
                                   vote.signature)) {
            pol.push_back(std::move(vote));
        }
    }
    return true;
}

void ConsensusDriver::feed(const consensus::Event& event) {
    m_events.push_back(event);
    if (m_feeding) {
        return;  // the loop below picks it up after the current actions, in order
    }
    m_feeding = true;
    while (!m_events.empty() && !m_failed) {
        const consensus::Event next = std::move(m_events.front());
        m_events.pop_front();
        for (const auto& action : m_machine.handle(next)) {
            perform(action);
            if (m_failed) {
                break;
            }
        }
    }
    m_events.clear();
    m_feeding = false;
    update_status();
}

void ConsensusDriver::perform(const consensus::Action& action) {
    std::visit(Overloaded{
                   [this](const consensus::ProposeBlock& a) { propose(a); },
                   [this](const consensus::ValidateBlock& a) { validate(a); },
                   [this](const consensus::SignAndBroadcastVote& a) { sign_vote(a.vote); },
                   [this](const consensus::ScheduleTimeout& a) {
                       m_timeouts.emplace(Clock::now() + std::chrono::milliseconds(a.duration_ms),
                                          consensus::Timeout{a.height, a.round, a.step});
                   },
                   [this](const consensus::CommitBlock& a) { decide(a); },
                   [this](const consensus::Equivocation& a) { on_equivocation(a); },
               },
               action);
}

void ConsensusDriver::propose(const consensus::ProposeBlock& a) {
    if (!m_signer || !m_own_index) {
        return;
    }
    Hash32 hash{};
    if (a.block_hash) {
        hash = *a.block_hash;
        if (!m_candidates.contains(hash)) {
            log_warn("cannot re-propose a block this node does not hold");
            return;
        }
    } else {
        auto txs = m_mempool.select(m_options.max_block_txs);
        auto built =
            m_chain.build_block(txs, wall_now_ms(), *own_address(), m_options.max_block_bytes,
                                m_evidence.pending(ledger::limits::kBlockEvidenceMax));
        if (!built) {
            m_failed = true;
            m_on_fatal(built.error());
            return;
        }
        hash = built->block.hash();
        ledger::Block block = built->block;
        m_candidates.insert_or_assign(hash,
                                      Candidate{std::move(block), std::move(*built), a.round, 0});
    }
    const consensus::ProposalData data{m_chain_id, a.height, a.round, a.valid_round, hash};
    auto signature = m_signer->sign_proposal(data);
    if (!signature) {
        log_warn("not proposing: " + signature.error().to_string());
        return;
    }
    if (m_network != nullptr) {
        ProposalMsg msg{a.height,     a.round,    consensus::pol_round_to_wire(a.valid_round),
                        *m_own_index, *signature, m_candidates.at(hash).block};
        Bytes raw = msg.encode();
        relay(MsgType::proposal, tagged_hash(kMessageIdTag, raw), std::move(raw), std::nullopt);
    }
    feed(consensus::Proposal{a.height, a.round, hash, a.valid_round, *m_own_index});
}

void ConsensusDriver::validate(const consensus::ValidateBlock& a) {
    auto it = m_candidates.find(a.block_hash);
    if (it != m_candidates.end() && !it->second.executed) {
        const ledger::Header& h = it->second.block.header;
        if (h.time_ms > wall_now_ms() + m_options.max_clock_drift_ms) {
            log_warn("rejecting proposed block " + to_hex(a.block_hash) +
                     ": its time is too far ahead of this node's clock");
        } else {
            auto executed = m_chain.execute_block(
                it->second.block, [this](const Hash32& tx) { return m_mempool.contains(tx); });
            if (executed) {
                it->second.executed = std::move(executed).value();
            } else if (executed.error().kind == ErrorKind::internal) {
                m_failed = true;
                m_on_fatal(executed.error());
                return;
            } else {
                log_warn("rejecting proposed block " + to_hex(a.block_hash) + ": " +
                         executed.error().to_string());
            }
        }
    }
    const bool valid = it != m_candidates.end() && it->second.executed.has_value();
    feed(consensus::BlockVerdict{a.height, a.block_hash, valid});
}

void ConsensusDriver::sign_vote(const consensus::VoteData& vote) {
    if (!m_signer || !m_own_index) {
        return;
    }
    if (vote.type == consensus::VoteType::precommit && vote.block_hash != Hash32{}) {
        // The lock: its block is kept first, so that after a restart it can be proposed again.
        auto candidate = m_candidates.find(vote.block_hash);
        const consensus::VoteSet* prevotes =
            m_machine.votes().get(vote.round, consensus::VoteType::prevote);
        if (candidate != m_candidates.end() && prevotes != nullptr) {
            if (auto kept = m_signer->keep_locked_block(candidate->second.block, vote.round,
                                                        prevotes->votes_for(vote.block_hash));
                !kept) {
                log_warn("not voting: " + kept.error().to_string());
                return;
            }
        }
    }
    auto signature = m_signer->sign_vote(vote);
    if (!signature) {
        log_warn("not voting: " + signature.error().to_string());
        return;
    }
    send_vote(consensus::Vote{vote, *m_own_index, *signature});
}

void ConsensusDriver::send_vote(const consensus::Vote& vote) {
    if (m_network != nullptr) {
        Bytes raw = VoteMsg::from_vote(vote).encode();
        relay(MsgType::vote, tagged_hash(kMessageIdTag, raw), std::move(raw), std::nullopt);
    }
    feed(vote);
}

void ConsensusDriver::decide(const consensus::CommitBlock& a) {
    if (m_chain.head().height + 1 != a.height) {
        return;  // block sync committed this height first
    }
    auto it = m_candidates.find(a.block_hash);
    if (it == m_candidates.end() || !it->second.executed) {
        m_failed = true;
        m_on_fatal(Error::internal("consensus", "decided a block that was not executed"));
        return;
    }
    ledger::Commit commit = consensus::make_commit(a.height, a.round, a.block_hash, a.precommits);
    ProposedBlock block = std::move(*it->second.executed);
    m_candidates.erase(it);
    if (!commit_block(std::move(block), commit)) {
        return;
    }
    m_begin_height_at = Clock::now() + m_options.commit_wait;
}

bool ConsensusDriver::commit_block(ProposedBlock&& block,
                                   const ledger::Commit& commit,
                                   ledger::Durability durability) {
    std::vector<Hash32> done = block.tx_hashes;
    std::set<Address> senders;
    for (const auto& tx : block.block.txs) {
        senders.insert(Address::from_pubkey(tx.sender));
    }
    for (const auto& [tx, error] : block.dropped) {
        // A nonce ahead of the account may become valid later (remove_below drops stale
        // ones); anything else never will.
        senders.insert(tx->sender);
        if (error.reason != "bad_nonce") {
            done.push_back(tx->hash);
        }
    }
    const size_t tx_count = block.block.txs.size();
    const uint64_t height = block.block.header.height;
    std::vector<Hash32> evidence;
    for (const auto& ev : block.block.evidence) {
        evidence.push_back(ev.hash());
    }
    auto committed = m_chain.commit(std::move(block), commit, durability);
    if (!committed) {
        m_failed = true;
        m_on_fatal(committed.error());
        return false;
    }
    m_mempool.remove(done);
    m_evidence.remove(evidence);
    m_evidence.prune(height);
    if (!evidence.empty()) {
        log_info("block " + std::to_string(height) + " records " + std::to_string(evidence.size()) +
                 " equivocation evidence");
    }
    for (const auto& sender : senders) {
        auto nonce = vm::accounts::get_nonce(m_chain.state(), sender);
        if (!nonce) {
            m_failed = true;
            m_on_fatal(nonce.error());
            return false;
        }
        m_mempool.remove_below(sender, *nonce);
    }
    {
        std::lock_guard lock(m_mutex);
        m_status.last_commit_time_ms = wall_now_ms();
    }
    if (tx_count > 0) {
        log_info("committed block " + std::to_string(height) + " with " + std::to_string(tx_count) +
                 " txs");
    } else if (m_was_busy) {
        // Load is over: hand the freed heap of the busy blocks back to the OS, so an idle
        // node stays small.
        malloc_trim(0);
    }
    m_was_busy = tx_count > 0;
    if (!catching_up()) {
        publish_status();
    }
    update_status();
    return true;
}

void ConsensusDriver::publish_status() {
    if (m_network == nullptr) {
        return;
    }
    const auto head = m_chain.head();
    m_network->broadcast(MsgType::status, StatusMsg{head.height, head.hash}.encode(), std::nullopt);
}

void ConsensusDriver::update_status() {
    uint64_t best = 0;
    for (const auto& [peer, height] : m_peer_heights) {
        best = std::max(best, height);
    }
    std::lock_guard lock(m_mutex);
    m_status.height = m_machine.started() ? m_machine.height() : m_chain.head().height + 1;
    m_status.round = m_machine.round();
    m_status.step = m_machine.step();
    m_status.syncing = catching_up();
    m_status.best_peer_height = best;
    m_status.validator_index = m_own_index;
}

ConsensusStatus ConsensusDriver::status() const {
    std::lock_guard lock(m_mutex);
    return m_status;
}

}  // namespace azora::node
