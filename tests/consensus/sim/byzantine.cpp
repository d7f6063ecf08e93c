// Byzantine behaviours of the simulator. A Byzantine validator runs a RoundMachine to know
// when to act, then lies about what it does. It holds only its own key: anything it claims
// on behalf of another validator must be rejected by the receivers' authenticity check.

#include "core/hash.hpp"
#include "simulator.hpp"

namespace azora::consensus::sim {

namespace {

const Hash32 kNil{};

}  // namespace

void Simulator::byzantine_propose(Node& n, const ProposeBlock& a) {
    if (n.behaviour == Behaviour::invalid_votes) {
        // A block the app rule rejects, to everyone.
        const Hash32 bad = make_block(a.height, n.index, a.round, 3);
        auto msg = make_message(n.index, Proposal{a.height, a.round, bad, kNoRound, n.index});
        broadcast(n, msg);
        send_to_self(n, msg);
        return;
    }
    // Equivocate: two valid blocks, each peer gets one of them.
    const Hash32 first = a.block_hash ? *a.block_hash : make_block(a.height, n.index, a.round, 1);
    const OptRound first_pol = a.block_hash ? a.valid_round : kNoRound;
    const Hash32 second = make_block(a.height, n.index, a.round, 2);
    auto msg_a = make_message(n.index, Proposal{a.height, a.round, first, first_pol, n.index});
    auto msg_b = make_message(n.index, Proposal{a.height, a.round, second, kNoRound, n.index});
    for (const Node& peer : m_nodes) {
        if (peer.id != n.id) {
            send(n, peer, draw(0, 1) == 0 ? msg_a : msg_b);
        }
    }
    send_to_self(n, msg_a);
}

void Simulator::byzantine_vote(Node& n, const VoteData& data) {
    if (n.behaviour == Behaviour::fork) {
        // Its machine's own vote, to everyone, on top of its votes for every proposal.
        auto msg = make_message(n.index, signed_vote(n.index, data));
        broadcast(n, msg);
        send_to_self(n, msg);
        return;
    }
    if (n.behaviour == Behaviour::invalid_votes) {
        // Prevote and precommit a block the app rejects instead of what the machine chose.
        VoteData bad = data;
        bad.block_hash = make_block(data.height, n.index, data.round, 3);
        auto msg = make_message(n.index, signed_vote(n.index, bad));
        broadcast(n, msg);
        send_to_self(n, msg);
        return;
    }
    // Equivocate: the machine's vote to some peers, a conflicting one to the others.
    VoteData other = data;
    other.block_hash = data.block_hash == kNil
                           ? make_block(data.height, n.machine.proposer(data.round), data.round, 0)
                           : kNil;
    auto msg_a = make_message(n.index, signed_vote(n.index, data));
    auto msg_b = make_message(n.index, signed_vote(n.index, other));
    for (const Node& peer : m_nodes) {
        if (peer.id != n.id) {
            send(n, peer, draw(0, 1) == 0 ? msg_a : msg_b);
        }
    }
    send_to_self(n, msg_a);
    // Sometimes also a vote in a future round, trying to drag others ahead (f+1 rule).
    if (draw(0, 2) == 0) {
        VoteData ahead = data;
        ahead.round = data.round + static_cast<uint32_t>(draw(1, 3));
        ahead.block_hash = kNil;
        broadcast(n, make_message(n.index, signed_vote(n.index, ahead)));
    }
}

void Simulator::vote_for_everything(Node& n, const Proposal& p) {
    // The attacker that makes any value reach a quorum with the help of honest nodes that are
    // not careful about their locks: it backs every proposal it sees, in both vote types.
    for (VoteType type : {VoteType::prevote, VoteType::precommit}) {
        VoteData d{type, std::string(kSimChainId), p.height, p.round, p.block_hash};
        broadcast(n, make_message(n.index, signed_vote(n.index, d)));
    }
}

void Simulator::forge(Node& n, const VoteData& data) {
    const auto size = static_cast<uint32_t>(m_keys.size());
    uint32_t victim = static_cast<uint32_t>(draw(0, size - 2));
    if (victim >= n.index) {
        ++victim;
    }
    VoteData lie = data;
    lie.block_hash = sha256(as_bytes("forged/" + std::to_string(draw(0, 1'000'000))));
    // 1. A vote in the victim's name, signed with the forger's own key.
    broadcast(n, make_message(n.index, Vote{lie, victim, m_crypto.sign(m_keys[n.index], lie)}));
    // 2. Its own signed vote, with the block hash changed afterwards.
    Vote tampered = signed_vote(n.index, data);
    tampered.data.block_hash = lie.block_hash;
    broadcast(n, make_message(n.index, tampered));
    // 3. Its own genuine signature presented as the victim's vote.
    Vote replayed = signed_vote(n.index, data);
    replayed.validator_index = victim;
    broadcast(n, make_message(n.index, replayed));
    // 4. A proposal claiming to come from the round's proposer.
    const uint32_t proposer = n.machine.proposer(data.round);
    if (proposer != n.index) {
        broadcast(n, make_message(n.index, Proposal{data.height, data.round, lie.block_hash,
                                                    kNoRound, proposer}));
    }
}

}  // namespace azora::consensus::sim
