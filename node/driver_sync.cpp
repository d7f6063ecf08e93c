// ConsensusDriver: block sync's inputs and outputs. BlockSync decides what to ask whom; here
// the requests go out, each fetched block's commit is checked against the validator set, the
// block executed and committed in height order, and consensus joined again once the node is
// at most one block behind its best peer.
#include "node/consensus_driver.hpp"
#include "node/log.hpp"

namespace azora::node {

namespace {

// While catching up, one synced write per this many blocks, and for the last block asked for,
// instead of one per block: the blocks are final, and what a power loss takes is fetched again.
constexpr uint64_t kSyncedWriteEvery = 256;

}  // namespace

bool ConsensusDriver::catching_up() const {
    return m_sync.catching_up(m_chain.head().height);
}

void ConsensusDriver::on_peer_disconnected(const PeerId& peer) {
    m_queue.post([this, peer] {
        m_sync.on_disconnected(peer);
        resume_after_catching_up();
        update_status();
    });
}

void ConsensusDriver::handle_status(const PeerId& peer, const StatusMsg& msg) {
    m_sync.on_status(peer, msg.height);
    request_blocks();
    resume_after_catching_up();
    update_status();
}

void ConsensusDriver::resume_after_catching_up() {
    if (catching_up() || m_timers.height_start_pending()) {
        return;  // still behind, or a height starts when the commit wait ends anyway
    }
    const bool height_passed = m_machine.height() <= m_chain.head().height;
    if (!height_passed && !m_dropped_while_catching_up) {
        return;
    }
    if (!height_passed) {
        // Timeouts and messages of this height were dropped while the node believed it was
        // behind: the height starts over, exactly as after a restart (the signing state keeps
        // the votes already signed, and they go out again).
        m_machine = consensus::RoundMachine(m_options.machine);
    }
    m_dropped_while_catching_up = false;
    begin_height();
}

void ConsensusDriver::report_penalties() {
    for (auto& p : m_sync.take_penalties()) {
        if (m_network != nullptr) {
            m_network->report(p.peer, p.points, std::move(p.reason));
        }
    }
}

void ConsensusDriver::request_blocks() {
    if (m_network == nullptr) {
        return;
    }
    for (const auto& r : m_sync.poll(m_chain.head().height, m_clock.steady_now())) {
        m_network->send(r.peer, MsgType::block_request, BlockRequestMsg{r.height}.encode());
    }
    report_penalties();
}

Result<void> ConsensusDriver::serve_block_request(const PeerId& peer, const BlockRequestMsg& msg) {
    if (m_network == nullptr) {
        return {};
    }
    AZORA_ASSIGN(auto block, m_chain.store().block(msg.height));
    AZORA_ASSIGN(auto commit, m_chain.store().commit(msg.height));
    if (block && commit) {
        BlockResponseMsg response{std::move(*block), std::move(*commit)};
        m_network->send(peer, MsgType::block_response, response.encode());
    }
    return {};  // a block this node does not have yet: the requester asks again later
}

void ConsensusDriver::handle_block_response(const PeerId& peer,
                                            BlockResponseMsg msg,
                                            size_t bytes) {
    if (m_sync.on_block(peer, std::move(msg), bytes)) {
        apply_fetched();
    }
}

void ConsensusDriver::apply_fetched() {
    while (!m_failed) {
        const uint64_t next = m_chain.head().height + 1;
        auto fetched = m_sync.take_next(next - 1);
        if (!fetched) {
            break;
        }
        const Hash32 hash = fetched->msg.block.hash();
        // The only check of this commit's signatures on this node: Chain::commit takes the
        // VerifiedCommit without checking them again.
        auto verified = m_chain.verify_commit(hash, fetched->msg.commit);
        if (!verified) {
            m_sync.reject(*fetched, verified.error().reason);
            continue;
        }
        auto executed = m_chain.execute_block(
            fetched->msg.block, [this](const Hash32& tx) { return m_mempool.contains(tx); });
        if (!executed) {
            if (executed.error().kind == ErrorKind::internal) {
                fail(executed.error());
                return;
            }
            // More than 2/3 of the validators signed a block this node cannot execute to the
            // same result: the peer is not the problem, but nothing else can be done here.
            log_error("finalized block " + std::to_string(next) +
                      " does not execute here: " + executed.error().to_string());
            m_sync.reject(*fetched, executed.error().reason);
            continue;
        }
        const auto durability = m_sync.more_coming(next) && next % kSyncedWriteEvery != 0
                                    ? ledger::Durability::deferred
                                    : ledger::Durability::synced;
        if (!commit_block(std::move(executed).value(), *verified, durability)) {
            return;
        }
    }
    report_penalties();
    request_blocks();
    resume_after_catching_up();  // the others are already deciding the next height
    update_status();
}

}  // namespace azora::node
