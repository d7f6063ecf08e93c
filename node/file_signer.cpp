#include "node/file_signer.hpp"

namespace azora::node {

Result<std::unique_ptr<FileSigner>> FileSigner::open(PrivateKey key,
                                                     const std::filesystem::path& state_file) {
    AZORA_ASSIGN(consensus::SigningState state, consensus::SigningState::open(state_file));
    return std::unique_ptr<FileSigner>(new FileSigner(std::move(key), std::move(state)));
}

Result<Signature> FileSigner::sign_proposal(const consensus::ProposalData& proposal) {
    return m_state.sign_proposal(m_key, proposal.height, proposal.round, proposal.signing_hash());
}

Result<Signature> FileSigner::sign_vote(const consensus::VoteData& vote) {
    return m_state.sign_vote(m_key, vote);
}

}  // namespace azora::node
