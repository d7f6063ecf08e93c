// ConsensusDriver: the driver thread, its timers and the order in which the round machine's
// events are fed and its actions carried out.
#include "node/consensus_driver.hpp"

#include "core/hash.hpp"
#include "node/log.hpp"

namespace azora::node {

namespace {

template <class... F>
struct Overloaded : F... {
    using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

}  // namespace

ConsensusDriver::ConsensusDriver(Chain& chain,
                                 Mempool& mempool,
                                 std::unique_ptr<ValidatorSigner> signer,
                                 PeerNetwork* network,
                                 Clock& clock,
                                 DriverOptions options,
                                 FatalHandler on_fatal)
    : m_chain(chain),
      m_mempool(mempool),
      m_signer(std::move(signer)),
      m_network(network),
      m_clock(clock),
      m_options([&] {
          options.machine.chain_id = chain.genesis().chain_id;
          return options;
      }()),
      m_on_fatal(std::move(on_fatal)),
      m_chain_id(chain.genesis().chain_id),
      m_queue(clock, m_options.max_queued_bytes),
      m_machine(m_options.machine),
      m_timers(network != nullptr),
      m_candidates(m_options.machine.max_proposals_per_round),
      m_gossip(m_options.gossip, network),
      m_sync(m_options.sync) {}

ConsensusDriver::~ConsensusDriver() {
    stop();
}

void ConsensusDriver::start() {
    m_thread = std::thread([this] { run(); });
}

void ConsensusDriver::stop() {
    m_queue.stop();
    if (m_thread.joinable()) {
        m_thread.join();
    }
}

void ConsensusDriver::fail(const Error& error) {
    m_failed = true;
    m_on_fatal(error);
}

void ConsensusDriver::run() {
    begin_height();
    for (;;) {
        auto work = m_queue.wait(m_timers.next_deadline());
        if (!work) {
            return;
        }
        for (auto& w : *work) {
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
    const auto now = m_clock.steady_now();
    if (m_timers.height_start_due(now)) {
        begin_height();
    }
    while (!m_failed) {
        const auto timeout = m_timers.pop_due_timeout(now);
        if (!timeout) {
            break;
        }
        if (catching_up()) {
            m_dropped_while_catching_up = true;
        } else {
            feed(*timeout);
        }
    }
    if (const auto tick = m_timers.tick(now)) {
        // Now and then even without a new block, so that a peer's claim lowered after a
        // request timed out is restored if it was honest, only slow.
        if (tick->status) {
            publish_status();
        }
        request_blocks();
        resume_after_catching_up();
    }
}

void ConsensusDriver::begin_height() {
    m_timers.begin_height();
    m_candidates.clear();
    auto held = m_gossip.begin_height();
    m_validators = m_chain.validators();
    m_own_index = m_signer ? m_validators.index_of(m_signer->public_key()) : std::nullopt;
    const uint64_t height = m_chain.head().height + 1;
    // A lock this validator took at this height before a restart still binds it.
    std::optional<consensus::RestoredLock> lock;
    std::vector<consensus::Vote> pol;
    if (auto kept = m_own_index ? m_signer->lock() : std::nullopt; kept && kept->height == height) {
        lock = consensus::RestoredLock{kept->round, kept->block_hash,
                                       restore_locked_block(*kept, pol)};
        log_info("height " + std::to_string(height) + ": locked on block " +
                 to_hex(kept->block_hash).substr(0, 16) + " since round " +
                 std::to_string(kept->round) + " (signed before a restart" +
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
    for (auto& msg : held) {
        handle_held(std::move(msg));
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
    m_candidates.put(lock.block_hash, Candidate{std::move(locked->block),
                                                std::move(executed).value(), lock.round, 0});
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
                       m_timers.schedule(
                           m_clock.steady_now() + std::chrono::milliseconds(a.duration_ms),
                           consensus::Timeout{a.height, a.round, a.step});
                   },
                   [this](const consensus::CommitBlock& a) { decide(a); },
                   [this](const consensus::Equivocation& a) { on_equivocation(a); },
               },
               action);
}

void ConsensusDriver::update_status() {
    std::lock_guard lock(m_status_mutex);
    m_status.height = m_machine.started() ? m_machine.height() : m_chain.head().height + 1;
    m_status.round = m_machine.round();
    m_status.step = m_machine.step();
    m_status.syncing = catching_up();
    m_status.best_peer_height = m_sync.best_peer_height();
    m_status.validator_index = m_own_index;
}

ConsensusStatus ConsensusDriver::status() const {
    std::lock_guard lock(m_status_mutex);
    return m_status;
}

}  // namespace azora::node
