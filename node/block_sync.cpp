// ConsensusDriver: block sync. Peers announce their committed head (status); a node behind
// them fetches the missing blocks with their commits, a window at a time, checks each commit
// against the validator set, executes the block, commits it, and joins consensus once it is at
// most one block behind its best peer.
#include "consensus/commit_verifier.hpp"
#include "node/consensus_driver.hpp"
#include "node/log.hpp"

namespace azora::node {

namespace {

constexpr uint32_t kBadBlockPoints = 100;  // a block with a forged or wrong commit
// A block request that timed out: the peer claimed a height it did not serve (a lie that would
// keep this node syncing instead of voting), or it is too slow to sync from.
constexpr uint32_t kUnansweredRequestPoints = 5;
// Requests in flight per peer: 8 full blocks stay well under a peer's send queue, past which
// it would drop this node as slow along with every response queued.
constexpr size_t kMaxRequestsPerPeer = 8;
// While catching up, one synced write per this many blocks, and for the last block asked for,
// instead of one per block: the blocks are final, and what a power loss takes is fetched again.
constexpr uint64_t kSyncedWriteEvery = 256;

}  // namespace

bool ConsensusDriver::catching_up() const {
    const uint64_t head = m_chain.head().height;
    for (const auto& [peer, height] : m_peer_heights) {
        if (height > head + 1) {
            return true;
        }
    }
    return false;
}

void ConsensusDriver::handle_status(const PeerId& peer, const StatusMsg& msg) {
    m_peer_heights[peer] = msg.height;
    request_blocks();
    resume_after_catching_up();
    update_status();
}

void ConsensusDriver::resume_after_catching_up() {
    if (catching_up() || m_begin_height_at) {
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

void ConsensusDriver::expire_requests(Clock::time_point now) {
    for (const auto& [height, request] : m_requests) {
        auto claim = m_peer_heights.find(request.peer);
        if (request.deadline > now || claim == m_peer_heights.end() || claim->second < height) {
            continue;  // pending, or its peer is gone or already lowered
        }
        claim->second = height - 1;
        m_network->report(request.peer, kUnansweredRequestPoints, "block_request_unanswered");
    }
}

void ConsensusDriver::request_blocks() {
    if (m_network == nullptr) {
        return;
    }
    const uint64_t head = m_chain.head().height;
    std::erase_if(m_requests, [head](const auto& r) { return r.first <= head; });
    forget_fetched_below(head);
    const auto now = Clock::now();
    expire_requests(now);
    uint64_t best = 0;
    for (const auto& [peer, height] : m_peer_heights) {
        best = std::max(best, height);
    }
    if (best <= head) {
        return;
    }
    if (best == head + 1) {
        if (!m_one_behind || m_one_behind->first != head) {
            m_one_behind = std::make_pair(head, now);
        }
        if (now - m_one_behind->second < m_options.one_behind_grace) {
            return;  // the sync tick asks again
        }
    }
    std::map<PeerId, size_t> in_flight;
    for (const auto& [height, request] : m_requests) {
        in_flight[request.peer] += request.deadline > now ? 1 : 0;
    }
    const uint64_t last = std::min(best, head + m_options.sync_window);
    for (uint64_t h = head + 1; h <= last; ++h) {
        // The byte cap never holds back the next block: without it nothing fetched can be
        // applied, and nothing would ever free room.
        if (h > head + 1 && m_fetched_bytes >= m_options.max_fetched_bytes) {
            break;
        }
        if (m_fetched.contains(h)) {
            continue;
        }
        auto pending = m_requests.find(h);
        if (pending != m_requests.end() && pending->second.deadline > now) {
            continue;
        }
        // Spread the window over the peers that have the block and room for another request.
        // A peer whose request timed out no longer counts as having it (expire_requests) until
        // its next status.
        std::vector<PeerId> holders;
        for (const auto& [peer, height] : m_peer_heights) {
            if (height >= h && in_flight[peer] < kMaxRequestsPerPeer &&
                (pending == m_requests.end() || peer != pending->second.peer)) {
                holders.push_back(peer);
            }
        }
        if (holders.empty()) {
            continue;
        }
        const PeerId& peer = holders[h % holders.size()];
        m_network->send(peer, MsgType::block_request, BlockRequestMsg{h}.encode());
        m_requests[h] = SyncRequest{peer, now + m_options.sync_request_timeout};
        ++in_flight[peer];
    }
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

void ConsensusDriver::forget_fetched_below(uint64_t head) {
    while (!m_fetched.empty() && m_fetched.begin()->first <= head) {
        m_fetched_bytes -= m_fetched.begin()->second.bytes;
        m_fetched.erase(m_fetched.begin());
    }
}

void ConsensusDriver::handle_block_response(const PeerId& peer,
                                            BlockResponseMsg msg,
                                            size_t bytes) {
    const uint64_t height = msg.block.header.height;
    auto request = m_requests.find(height);
    if (request == m_requests.end() || request->second.peer != peer) {
        return;  // unasked for, or too late
    }
    m_requests.erase(request);
    if (m_fetched.contains(height)) {
        return;
    }
    m_fetched_bytes += bytes;
    m_fetched.emplace(height, Fetched{peer, std::move(msg), bytes});
    apply_fetched();
}

void ConsensusDriver::apply_fetched() {
    while (!m_failed) {
        const uint64_t next = m_chain.head().height + 1;
        auto it = m_fetched.find(next);
        if (it == m_fetched.end()) {
            break;
        }
        const PeerId peer = it->second.peer;
        BlockResponseMsg msg = std::move(it->second.msg);
        m_fetched_bytes -= it->second.bytes;
        m_fetched.erase(it);
        const Hash32 hash = msg.block.hash();
        auto valid =
            consensus::verify_commit(m_chain.validators(), m_chain_id, next, hash, msg.commit);
        if (!valid) {
            m_network->report(peer, kBadBlockPoints, valid.error().reason);
            continue;
        }
        auto executed = m_chain.execute_block(
            msg.block, [this](const Hash32& tx) { return m_mempool.contains(tx); });
        if (!executed) {
            if (executed.error().kind == ErrorKind::internal) {
                m_failed = true;
                m_on_fatal(executed.error());
                return;
            }
            // More than 2/3 of the validators signed a block this node cannot execute to the
            // same result: the peer is not the problem, but nothing else can be done here.
            log_error("finalized block " + std::to_string(next) +
                      " does not execute here: " + executed.error().to_string());
            m_network->report(peer, kBadBlockPoints, executed.error().reason);
            continue;
        }
        const bool more_coming = m_fetched.contains(next + 1) || m_requests.contains(next + 1);
        const auto durability = more_coming && next % kSyncedWriteEvery != 0
                                    ? ledger::Durability::deferred
                                    : ledger::Durability::synced;
        if (!commit_block(std::move(executed).value(), msg.commit, durability)) {
            return;
        }
    }
    request_blocks();
    resume_after_catching_up();  // the others are already deciding the next height
    update_status();
}

}  // namespace azora::node
