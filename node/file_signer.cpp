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

}  // namespace azora::node
