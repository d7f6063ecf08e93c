#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "consensus/vote.hpp"
#include "core/bytes.hpp"
#include "core/keys.hpp"
#include "core/result.hpp"

namespace azora::consensus {

/// What a validator signs within a round, in the order it signs them.
enum class SignStep : uint8_t { proposal = 0, prevote = 1, precommit = 2 };

/// The last thing a validator signed: (height, round, step), the 32-byte message it signed
/// (a vote's or proposal's signing hash) and the signature.
struct SignedRecord {
    uint64_t height = 0;
    uint32_t round = 0;
    SignStep step = SignStep::proposal;
    Hash32 message{};
    Signature signature{};

    bool operator==(const SignedRecord&) const = default;
};

/// This validator's lock: its last precommit for a block (not nil). Tendermint locks on a block
/// exactly when it precommits it and only moves the lock by precommitting another block in a
/// later round, so a restarted validator that restores this keeps the lock it had (without it,
/// a restart forgets the lock, "amnesia", and two commits at one height become possible with
/// one Byzantine validator and one honest restart among four).
struct PrecommitLock {
    uint64_t height = 0;
    uint32_t round = 0;
    Hash32 block_hash{};

    bool operator==(const PrecommitLock&) const = default;
};

/// A vote signed at the height of the last record, kept so that a restarted validator can
/// send it again: the messages it held are gone, and no other vote of that (round, type) may
/// be signed, so without them its peers could wait for its votes forever.
struct HeightVote {
    VoteType type = VoteType::prevote;
    uint32_t round = 0;
    Hash32 block_hash{};
    Signature signature{};

    bool operator==(const HeightVote&) const = default;
};

/// Votes kept per height (the newest); a height rarely needs more than a few rounds.
inline constexpr size_t kMaxHeightVotes = 32;

/// Everything the signing-state file holds.
struct SignerRecords {
    std::optional<SignedRecord> last;
    std::optional<PrecommitLock> lock;
    std::vector<HeightVote> height_votes;  ///< at last->height, oldest first

    bool operator==(const SignerRecords&) const = default;
};

/// Replaces `file` with `data` durably: write a temporary file next to it, fsync it, rename it
/// over `file`, fsync the directory. Fails with "signing_state_io" (internal).
using DurableWriter = std::function<Result<void>(const std::filesystem::path&, ByteView)>;
Result<void> write_file_durably(const std::filesystem::path& file, ByteView data);

/// A validator's last-sign state (like CometBFT's privval LastSignState), kept in one file so
/// that no crash or restart can make it sign two different messages for one (height, round,
/// step), or sign below what it already signed. The new state is on disk before a signature
/// is returned. Not thread-safe: one owner signs. The file must not be deleted or restored
/// from a backup while its validator key is in use: that is the one way to double-sign.
///
/// File layout (local to the node, not part of the protocol): "azss", u32 version 2, bool
/// has_record, then if present u64 height, u32 round, u8 step, hash message, sig signature;
/// bool has_lock, then if present u64 height, u32 round, hash block_hash; u8 count (at most
/// kMaxHeightVotes), then count x (u8 type, u32 round, hash block_hash, sig signature); then
/// SHA256 of everything before it. Version 1 files (no lock, no votes) are still read.
class SigningState {
public:
    /// Loads `file`, or creates it with an empty state when it does not exist. A file that
    /// does not parse or whose checksum is wrong is "bad_signing_state" (internal): it is never
    /// reset, since that could double-sign. Read or write errors are "signing_state_io".
    static Result<SigningState> open(const std::filesystem::path& file,
                                     DurableWriter writer = write_file_durably);

    /// Signs `vote` with `key` (the signature verify_vote accepts), step prevote or precommit.
    /// Below the last (height, round, step): "sign_regression". The same (height, round, step)
    /// and the same vote: the stored signature again (re-broadcast after a restart); a
    /// different vote: "double_sign" (both rejected). Otherwise the new state is written
    /// durably first; if that fails ("signing_state_io") nothing is signed and the state is
    /// unchanged. A precommit for a block also becomes the lock.
    Result<Signature> sign_vote(const PrivateKey& key, const VoteData& vote);

    /// As sign_vote for a proposal (step 0) of (height, round), whose 32-byte `signing_hash`
    /// the caller defines; the signature is key.sign(signing_hash).
    Result<Signature> sign_proposal(const PrivateKey& key,
                                    uint64_t height,
                                    uint32_t round,
                                    const Hash32& signing_hash);

    /// The votes signed at the last record's height, as votes on `chain_id`, oldest first.
    std::vector<std::pair<VoteData, Signature>> height_votes(const std::string& chain_id) const;

    /// The last signed record; nullopt if nothing was ever signed.
    const std::optional<SignedRecord>& last() const { return m_records.last; }
    /// The last precommit for a block; nullopt if there was none.
    const std::optional<PrecommitLock>& lock() const { return m_records.lock; }
    const std::filesystem::path& file() const { return m_file; }

    /// The file's bytes for `records` (exposed for tests of damaged files).
    static Bytes encode(const SignerRecords& records);
    /// Parses a file's bytes; "bad_signing_state" unless they are exactly an encode() output
    /// (or a version 1 file).
    static Result<SignerRecords> decode(ByteView data);

private:
    SigningState(std::filesystem::path file, DurableWriter writer)
        : m_file(std::move(file)), m_writer(std::move(writer)) {}

    Result<Signature> sign(const PrivateKey& key,
                           uint64_t height,
                           uint32_t round,
                           SignStep step,
                           const Hash32& message,
                           const std::optional<HeightVote>& vote);

    std::filesystem::path m_file;
    DurableWriter m_writer;
    SignerRecords m_records;
};

}  // namespace azora::consensus
