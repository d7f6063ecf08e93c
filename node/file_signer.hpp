#pragma once

#include <filesystem>
#include <memory>

#include "consensus/signing_state.hpp"
#include "node/validator_signer.hpp"

namespace azora::node {

/// The validator key with its signing-state file (consensus/signing_state.hpp): every
/// signature is on disk before it is returned, and a conflicting request is refused.
class FileSigner final : public ValidatorSigner {
public:
    /// Opens (or creates) the signing-state file; fails with its reasons.
    static Result<std::unique_ptr<FileSigner>> open(PrivateKey key,
                                                    const std::filesystem::path& state_file);

    const PubKey& public_key() const override { return m_pub; }
    Result<Signature> sign_proposal(const consensus::ProposalData& proposal) override;
    Result<Signature> sign_vote(const consensus::VoteData& vote) override;
    std::optional<consensus::PrecommitLock> lock() const override { return m_state.lock(); }
    std::vector<consensus::Vote> height_votes(const std::string& chain_id,
                                              uint32_t own_index) const override;

private:
    FileSigner(PrivateKey key, consensus::SigningState state)
        : m_key(std::move(key)), m_pub(m_key.public_key()), m_state(std::move(state)) {}

    PrivateKey m_key;
    PubKey m_pub;
    consensus::SigningState m_state;
};

}  // namespace azora::node
