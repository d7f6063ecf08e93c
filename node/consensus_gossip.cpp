// ConsensusDriver: what arrives from peers (proposals, votes, evidence, and the sync messages
// passed on to driver_sync.cpp). Every proposal and vote is checked (signature, validator,
// height) before it is counted or relayed (HeightGossip), and relayed once.
#include "consensus/evidence.hpp"
#include "consensus/proposal.hpp"
#include "core/reasons.hpp"
#include "node/consensus_driver.hpp"
#include "node/log.hpp"
#include "vm/evidence_records.hpp"

namespace azora::node {

namespace {

constexpr uint32_t kBadIndexPoints = 20;
constexpr uint32_t kBadSignaturePoints = 50;
constexpr size_t kMaxEvidenceOnConnect = 256;

}  // namespace

Result<void> ConsensusDriver::on_message(const PeerId& peer, MsgType type, ByteView payload) {
    switch (type) {
        case MsgType::txs:
            return {};  // the node hands transactions to its TxRelay, not to consensus
        case MsgType::proposal: {
            AZORA_ASSIGN(ProposalMsg msg, ProposalMsg::decode(payload));
            Bytes raw(payload.begin(), payload.end());
            const size_t bytes = 2 * raw.size();
            m_queue.post(
                [this, peer, msg = std::move(msg), raw = std::move(raw)]() mutable {
                    const Hash32 id = HeightGossip::message_id(raw);
                    handle_proposal(peer, std::move(msg), std::move(raw), id);
                },
                bytes);
            return {};
        }
        case MsgType::vote: {
            AZORA_ASSIGN(VoteMsg msg, VoteMsg::decode(payload));
            Bytes raw(payload.begin(), payload.end());
            const size_t bytes = raw.size() + sizeof(VoteMsg);
            m_queue.post(
                [this, peer, msg, raw = std::move(raw)]() mutable {
                    const Hash32 id = HeightGossip::message_id(raw);
                    handle_vote(peer, msg, std::move(raw), id);
                },
                bytes);
            return {};
        }
        case MsgType::status: {
            AZORA_ASSIGN(StatusMsg msg, StatusMsg::decode(payload));
            m_queue.post([this, peer, msg] { handle_status(peer, msg); }, sizeof(StatusMsg));
            return {};
        }
        case MsgType::block_request: {
            AZORA_ASSIGN(BlockRequestMsg msg, BlockRequestMsg::decode(payload));
            return serve_block_request(peer, msg);
        }
        case MsgType::block_response: {
            AZORA_ASSIGN(BlockResponseMsg msg, BlockResponseMsg::decode(payload));
            const size_t bytes = payload.size();
            m_queue.post([this, peer, msg = std::move(msg),
                          bytes]() mutable { handle_block_response(peer, std::move(msg), bytes); },
                         2 * bytes);
            return {};
        }
        case MsgType::evidence: {
            AZORA_ASSIGN(ledger::Evidence ev, ledger::Evidence::decode(payload));
            m_queue.post([this, peer, ev] { handle_evidence(peer, ev); }, sizeof(ev));
            return {};
        }
    }
    return Error::from(reasons::kUnknownMessage,
                       "unknown message type " + std::to_string(static_cast<int>(type)));
}

void ConsensusDriver::on_peer_connected(const PeerId& peer) {
    m_queue.post([this, peer] {
        if (m_network == nullptr) {
            return;
        }
        const auto head = m_chain.head();
        m_network->send(peer, MsgType::status, StatusMsg{head.height, head.hash}.encode());
        // A peer that joins mid-height has missed this height's proposal and votes.
        m_gossip.replay_to(peer);
        for (const auto& ev : m_evidence.pending(kMaxEvidenceOnConnect)) {
            m_network->send(peer, MsgType::evidence, ev.encode());
        }
    });
}

bool ConsensusDriver::is_next_height(uint64_t height) const {
    return height == m_chain.head().height + 1 && m_machine.height() != height;
}

void ConsensusDriver::handle_held(HeldMessage held) {
    if (held.type == MsgType::proposal) {
        if (auto msg = ProposalMsg::decode(held.raw)) {
            handle_proposal(held.peer, std::move(msg).value(), std::move(held.raw), held.id);
        }
    } else if (auto msg = VoteMsg::decode(held.raw)) {
        handle_vote(held.peer, *msg, std::move(held.raw), held.id);
    }
}

void ConsensusDriver::handle_proposal(const PeerId& peer,
                                      ProposalMsg msg,
                                      Bytes raw,
                                      const Hash32& id) {
    if (catching_up()) {
        m_dropped_while_catching_up = true;
        return;
    }
    if (m_failed) {
        return;
    }
    if (is_next_height(msg.height)) {
        const size_t bytes = 2 * raw.size();
        m_gossip.hold_next_height(HeldMessage{peer, MsgType::proposal, std::move(raw), id}, bytes);
        return;
    }
    if (msg.height != m_machine.height() || m_machine.decided()) {
        return;
    }
    if (m_gossip.seen(id)) {
        return;
    }
    if (msg.proposer_index >= m_validators.size()) {
        m_network->report(peer, kBadIndexPoints, "bad_proposer_index");
        return;
    }
    if (!m_machine.expects_proposal(msg.round, msg.proposer_index)) {
        return;  // not that round's proposer, or too far ahead: neither kept nor relayed
    }
    const Hash32 block_hash = msg.block.hash();
    const consensus::ProposalData data{m_chain_id, msg.height, msg.round,
                                       consensus::pol_round_from_wire(msg.pol_round), block_hash};
    const auto& proposer = m_validators.validators()[msg.proposer_index];
    if (!consensus::verify_proposal(proposer.pubkey, data, msg.signature)) {
        m_network->report(peer, kBadSignaturePoints, "bad_proposal_signature");
        return;
    }
    if (!m_candidates.contains(block_hash) &&
        !m_candidates.add_from_peer(
            block_hash, Candidate{std::move(msg.block), std::nullopt, msg.round, raw.size()},
            m_machine.round())) {
        return;  // a proposer flooding signed blocks: the first ones are enough
    }
    m_gossip.relay(MsgType::proposal, id, std::move(raw), peer);
    feed(consensus::Proposal{data.height, data.round, block_hash, data.pol_round,
                             msg.proposer_index});
}

void ConsensusDriver::handle_vote(const PeerId& peer, VoteMsg msg, Bytes raw, const Hash32& id) {
    if (catching_up()) {
        m_dropped_while_catching_up = true;
        return;
    }
    if (m_failed) {
        return;
    }
    if (is_next_height(msg.height)) {
        const size_t bytes = raw.size() + sizeof(VoteMsg);
        m_gossip.hold_next_height(HeldMessage{peer, MsgType::vote, std::move(raw), id}, bytes);
        return;
    }
    if (msg.height != m_machine.height() || m_machine.decided()) {
        return;
    }
    if (m_gossip.seen(id)) {
        return;
    }
    if (msg.validator_index >= m_validators.size()) {
        m_network->report(peer, kBadIndexPoints, "bad_validator_index");
        return;
    }
    const consensus::Vote vote = msg.to_vote(m_chain_id);
    if (!m_machine.would_count(vote)) {
        return;  // a duplicate, too far ahead, or past its validator's limit: not passed on
    }
    const auto& validator = m_validators.validators()[msg.validator_index];
    if (!consensus::verify_vote(validator.pubkey, vote.data, vote.signature)) {
        m_network->report(peer, kBadSignaturePoints, "bad_vote_signature");
        return;
    }
    m_gossip.relay(MsgType::vote, id, std::move(raw), peer);
    feed(vote);
}

void ConsensusDriver::on_equivocation(const consensus::Equivocation& e) {
    log_warn("validator " + std::to_string(e.vote_a.validator_index) + " equivocated at height " +
             std::to_string(e.vote_a.data.height) + " round " +
             std::to_string(e.vote_a.data.round));
    auto ev = consensus::make_evidence(e.vote_a, e.vote_b, m_validators);
    if (!ev || !consensus::verify_evidence(m_validators, m_chain_id, *ev)) {
        return;  // both votes were checked on arrival; nothing to prove if this fails
    }
    add_evidence(*ev, std::nullopt);
}

void ConsensusDriver::handle_evidence(const PeerId& peer, const ledger::Evidence& ev) {
    if (m_evidence.contains(ev.hash())) {
        return;
    }
    const uint64_t next = m_chain.head().height + 1;
    auto valid = consensus::check_block_evidence(m_chain.validators(), m_chain_id, next, {ev});
    if (!valid) {
        if (valid.error().kind == ErrorKind::malformed) {
            m_network->report(peer, kBadSignaturePoints, valid.error().reason);
        }
        return;  // too old, or from a future height: not provable here (yet)
    }
    add_evidence(ev, peer);
}

void ConsensusDriver::add_evidence(const ledger::Evidence& ev, const std::optional<PeerId>& from) {
    auto recorded = vm::evidence::get_evidence(m_chain.state(), ev.hash());
    if (!recorded || recorded->has_value()) {
        return;  // already on chain
    }
    if (m_evidence.add(ev) && m_network != nullptr) {
        m_network->broadcast(MsgType::evidence, ev.encode(), from);
    }
}

}  // namespace azora::node
