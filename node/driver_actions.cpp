// ConsensusDriver: what the round machine asks for: proposing (building a block), validating
// (executing a peer's block), signing votes, and committing the decided block.
#include <malloc.h>

#include <set>

#include "core/reasons.hpp"
#include "ledger/limits.hpp"
#include "node/consensus_driver.hpp"
#include "node/log.hpp"
#include "vm/accounts.hpp"

namespace azora::node {

std::optional<Address> ConsensusDriver::own_address() const {
    if (!m_signer) {
        return std::nullopt;
    }
    return Address::from_pubkey(m_signer->public_key());
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
        const auto txs = m_mempool.select(m_options.max_block_txs);
        std::vector<TxCandidate> candidates;
        candidates.reserve(txs.size());
        for (const auto& tx : txs) {
            candidates.push_back(TxCandidate{&tx->tx, tx->hash, tx->sender, tx->size});
        }
        auto built = m_chain.build_block(candidates, m_clock.wall_now_ms(), *own_address(),
                                         m_options.max_block_bytes,
                                         m_evidence.pending(ledger::limits::kBlockEvidenceMax));
        if (!built) {
            fail(built.error());
            return;
        }
        hash = built->block.hash();
        ledger::Block block = built->block;
        m_candidates.put(hash, Candidate{std::move(block), std::move(*built), a.round, 0});
    }
    const consensus::ProposalData data{m_chain_id, a.height, a.round, a.valid_round, hash};
    auto signature = m_signer->sign_proposal(data);
    if (!signature) {
        log_warn("not proposing: " + signature.error().to_string());
        return;
    }
    if (m_network != nullptr) {
        ProposalMsg msg{a.height,     a.round,    consensus::pol_round_to_wire(a.valid_round),
                        *m_own_index, *signature, m_candidates.find(hash)->block};
        Bytes raw = msg.encode();
        const Hash32 id = HeightGossip::message_id(raw);
        m_gossip.relay(MsgType::proposal, id, std::move(raw), std::nullopt);
    }
    feed(consensus::Proposal{a.height, a.round, hash, a.valid_round, *m_own_index});
}

void ConsensusDriver::validate(const consensus::ValidateBlock& a) {
    Candidate* candidate = m_candidates.find(a.block_hash);
    if (candidate != nullptr && !candidate->executed) {
        const ledger::Header& h = candidate->block.header;
        if (h.time_ms > m_clock.wall_now_ms() + m_options.max_clock_drift_ms) {
            log_warn("rejecting proposed block " + to_hex(a.block_hash) +
                     ": its time is too far ahead of this node's clock");
        } else {
            auto executed = m_chain.execute_block(
                candidate->block, [this](const Hash32& tx) { return m_mempool.contains(tx); });
            if (executed) {
                candidate->executed = std::move(executed).value();
            } else if (executed.error().kind == ErrorKind::internal) {
                fail(executed.error());
                return;
            } else {
                log_warn("rejecting proposed block " + to_hex(a.block_hash) + ": " +
                         executed.error().to_string());
            }
        }
    }
    const bool valid = candidate != nullptr && candidate->executed.has_value();
    feed(consensus::BlockVerdict{a.height, a.block_hash, valid});
}

void ConsensusDriver::sign_vote(const consensus::VoteData& vote) {
    if (!m_signer || !m_own_index) {
        return;
    }
    if (vote.type == consensus::VoteType::precommit && vote.block_hash != Hash32{}) {
        // The lock: its block is kept first, so that after a restart it can be proposed again.
        const Candidate* candidate = m_candidates.find(vote.block_hash);
        const consensus::VoteSet* prevotes =
            m_machine.votes().get(vote.round, consensus::VoteType::prevote);
        if (candidate != nullptr && prevotes != nullptr) {
            if (auto kept = m_signer->keep_locked_block(candidate->block, vote.round,
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
        const Hash32 id = HeightGossip::message_id(raw);
        m_gossip.relay(MsgType::vote, id, std::move(raw), std::nullopt);
    }
    feed(vote);
}

void ConsensusDriver::decide(const consensus::CommitBlock& a) {
    if (m_chain.head().height + 1 != a.height) {
        return;  // block sync committed this height first
    }
    auto decided = m_candidates.take(a.block_hash);
    if (!decided || !decided->executed) {
        fail(Error::internal("consensus", "decided a block that was not executed"));
        return;
    }
    // Each precommit's signature was checked on arrival (consensus_gossip.cpp) or is this
    // node's own: the commit is assembled from them without checking any signature again.
    auto commit = m_chain.commit_from_checked_precommits(a.block_hash, a.round, a.precommits);
    if (!commit) {
        fail(Error::internal("consensus",
                             "decided without a commit: " + commit.error().to_string()));
        return;
    }
    if (!commit_block(std::move(*decided->executed), *commit)) {
        return;
    }
    m_timers.start_height_at(m_clock.steady_now() + m_options.commit_wait);
}

bool ConsensusDriver::commit_block(ProposedBlock&& block,
                                   const VerifiedCommit& commit,
                                   ledger::Durability durability) {
    std::vector<Hash32> done = block.tx_hashes;
    std::set<Address> senders;
    for (const auto& tx : block.block.txs) {
        senders.insert(Address::from_pubkey(tx.sender));
    }
    for (const auto& dropped : block.dropped) {
        // A nonce ahead of the account may become valid later (remove_below drops stale
        // ones); anything else never will.
        senders.insert(dropped.sender);
        if (!dropped.error.is(reasons::kBadNonce)) {
            done.push_back(dropped.hash);
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
        fail(committed.error());
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
            fail(nonce.error());
            return false;
        }
        m_mempool.remove_below(sender, *nonce);
    }
    {
        std::lock_guard lock(m_status_mutex);
        m_status.last_commit_time_ms = m_clock.wall_now_ms();
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

}  // namespace azora::node
