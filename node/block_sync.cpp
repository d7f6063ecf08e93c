// Block sync's bookkeeping: peers announce their committed head (status); a node behind them
// asks for the missing blocks a window at a time, spread over the peers that have them, and
// hands what arrives to the caller in height order.
#include "node/block_sync.hpp"

#include <algorithm>
#include <utility>

namespace azora::node {

void BlockSync::on_disconnected(const PeerId& peer) {
    m_peer_heights.erase(peer);
    std::erase_if(m_requests, [&](const auto& r) { return r.second.peer == peer; });
}

bool BlockSync::on_block(const PeerId& peer, BlockResponseMsg msg, size_t bytes) {
    const uint64_t height = msg.block.header.height;
    auto request = m_requests.find(height);
    if (request == m_requests.end() || request->second.peer != peer) {
        return false;  // unasked for, or too late
    }
    m_requests.erase(request);
    if (m_fetched.contains(height)) {
        return false;
    }
    m_fetched_bytes += bytes;
    m_fetched.emplace(height, FetchedBlock{peer, std::move(msg), bytes});
    return true;
}

bool BlockSync::catching_up(uint64_t head) const {
    return std::any_of(m_peer_heights.begin(), m_peer_heights.end(),
                       [head](const auto& p) { return p.second > head + 1; });
}

uint64_t BlockSync::best_peer_height() const {
    uint64_t best = 0;
    for (const auto& [peer, height] : m_peer_heights) {
        best = std::max(best, height);
    }
    return best;
}

bool BlockSync::more_coming(uint64_t height) const {
    return m_fetched.contains(height + 1) || m_requests.contains(height + 1);
}

void BlockSync::forget_below(uint64_t head) {
    std::erase_if(m_requests, [head](const auto& r) { return r.first <= head; });
    while (!m_fetched.empty() && m_fetched.begin()->first <= head) {
        m_fetched_bytes -= m_fetched.begin()->second.bytes;
        m_fetched.erase(m_fetched.begin());
    }
}

void BlockSync::expire_requests(TimePoint now) {
    for (const auto& [height, request] : m_requests) {
        auto claim = m_peer_heights.find(request.peer);
        if (request.deadline > now || claim == m_peer_heights.end() || claim->second < height) {
            continue;  // pending, or its peer is gone or already lowered
        }
        claim->second = height - 1;
        m_penalties.push_back(
            Penalty{request.peer, kUnansweredRequestPoints, "block_request_unanswered"});
    }
}

std::vector<BlockRequest> BlockSync::poll(uint64_t head, TimePoint now) {
    forget_below(head);
    expire_requests(now);
    const uint64_t best = best_peer_height();
    if (best <= head) {
        return {};
    }
    if (best == head + 1) {
        if (!m_one_behind || m_one_behind->first != head) {
            m_one_behind = std::make_pair(head, now);
        }
        if (now - m_one_behind->second < m_options.one_behind_grace) {
            return {};  // the next poll asks again
        }
    }
    std::map<PeerId, size_t> in_flight;
    for (const auto& [height, request] : m_requests) {
        in_flight[request.peer] += request.deadline > now ? 1 : 0;
    }
    std::vector<BlockRequest> out;
    const uint64_t last = std::min(best, head + m_options.window);
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
        out.push_back(BlockRequest{peer, h});
        m_requests[h] = Request{peer, now + m_options.request_timeout};
        ++in_flight[peer];
    }
    return out;
}

std::optional<FetchedBlock> BlockSync::take_next(uint64_t head) {
    forget_below(head);
    auto it = m_fetched.find(head + 1);
    if (it == m_fetched.end()) {
        return std::nullopt;
    }
    FetchedBlock block = std::move(it->second);
    m_fetched_bytes -= block.bytes;
    m_fetched.erase(it);
    return block;
}

void BlockSync::reject(const FetchedBlock& block, std::string reason) {
    m_penalties.push_back(Penalty{block.peer, kBadBlockPoints, std::move(reason)});
}

std::vector<Penalty> BlockSync::take_penalties() {
    return std::exchange(m_penalties, {});
}

}  // namespace azora::node
