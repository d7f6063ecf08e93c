#pragma once

#include <filesystem>
#include <memory>

#include "consensus/signing_state.hpp"
#include "node/validator_signer.hpp"

namespace azora::node {

/// The validator key with its signing-state file (consensus/signing_state.hpp): every
/// signature is on disk before it is returned, and a conflicting request is refused. The
/// locked block is kept in a file of its own (node/locked_block_file.hpp).
class FileSigner final : public ValidatorSigner {
public:
    /// Opens (or creates) the signing-state file; fails with its reasons.
    static Result<std::unique_ptr<FileSigner>> open(PrivateKey key,
                                                    const std::filesystem::path& state_file,
                                                    std::filesystem::path locked_block_file);

    const PubKey& public_key() const override { return m_pub; }
    Result<Signature> sign_proposal(const consensus::ProposalData& proposal) override;
    Result<Signature> sign_vote(const consensus::VoteData& vote) override;
    std::optional<consensus::PrecommitLock> lock() const override { return m_state.lock(); }
    std::vector<consensus::Vote> height_votes(const std::string& chain_id,
                                              uint32_t own_index) const override;
    Result<void> keep_locked_block(const ledger::Block& block,
                                   uint32_t round,
                                   const std::vector<consensus::Vote>& pol) override;
    std::optional<LockedBlock> locked_block() const override;

private:
    FileSigner(PrivateKey key,
               consensus::SigningState state,
               std::filesystem::path locked_block_file)
        : m_key(std::move(key)),
          m_pub(m_key.public_key()),
          m_state(std::move(state)),
          m_locked_block_file(std::move(locked_block_file)) {}

    PrivateKey m_key;
    PubKey m_pub;
    consensus::SigningState m_state;
    std::filesystem::path m_locked_block_file;
    std::optional<std::pair<Hash32, uint32_t>> m_kept;  // block and round in the file
};

}  // namespace azora::node
