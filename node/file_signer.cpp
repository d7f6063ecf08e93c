#include "node/file_signer.hpp"

#include "node/locked_block_file.hpp"

namespace azora::node {

Result<std::unique_ptr<FileSigner>> FileSigner::open(PrivateKey key,
                                                     const std::filesystem::path& state_file,
                                                     std::filesystem::path locked_block_file) {
    AZORA_ASSIGN(consensus::SigningState state, consensus::SigningState::open(state_file));
    return std::unique_ptr<FileSigner>(
        new FileSigner(std::move(key), std::move(state), std::move(locked_block_file)));
}

Result<Signature> FileSigner::sign_proposal(const consensus::ProposalData& proposal) {
    return m_state.sign_proposal(m_key, proposal.height, proposal.round, proposal.signing_hash());
}

Result<Signature> FileSigner::sign_vote(const consensus::VoteData& vote) {
    return m_state.sign_vote(m_key, vote);
}

std::vector<consensus::Vote> FileSigner::height_votes(const std::string& chain_id,
                                                      uint32_t own_index) const {
    std::vector<consensus::Vote> out;
    for (auto& [data, signature] : m_state.height_votes(chain_id)) {
        // A vote that does not verify (another chain id) would cost this node its peers.
        if (consensus::verify_vote(m_pub, data, signature)) {
            out.push_back(consensus::Vote{std::move(data), own_index, signature});
        }
    }
    return out;
}

Result<void> FileSigner::keep_locked_block(const ledger::Block& block,
                                           uint32_t round,
                                           const std::vector<consensus::Vote>& pol) {
    const std::pair<Hash32, uint32_t> kept{block.hash(), round};
    if (m_kept == kept) {
        return {};  // the same lock again
    }
    LockedBlock locked{block, {}};
    for (const auto& vote : pol) {
        locked.pol.push_back(VoteMsg::from_vote(vote));
    }
    AZORA_TRY(save_locked_block(m_locked_block_file, locked));
    m_kept = kept;
    return {};
}

std::optional<LockedBlock> FileSigner::locked_block() const {
    return load_locked_block(m_locked_block_file);
}

}  // namespace azora::node
