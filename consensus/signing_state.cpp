#include "consensus/signing_state.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <string>
#include <tuple>

#include "core/encoding.hpp"
#include "core/hash.hpp"
#include "core/reasons.hpp"
#include "core/unique_fd.hpp"

namespace azora::consensus {
namespace {

constexpr std::array<uint8_t, 4> kMagic = {'a', 'z', 's', 's'};
constexpr uint32_t kVersion = 2;
constexpr uint32_t kVersionWithoutLock = 1;
// magic, version, has_record, record, has_lock, lock, checksum: the largest valid file.
constexpr size_t kMaxFileBytes = 4 + 4 + 1 + (8 + 4 + 1 + 32 + 64) + 1 + (8 + 4 + 32) + 1 +
                                 kMaxHeightVotes * (1 + 4 + 32 + 64) + 32;

Error io_error(const std::string& what, const std::filesystem::path& path) {
    return Error::from(reasons::kSigningStateIo,
                       what + " " + path.string() + ": " + std::strerror(errno));
}

Error bad_state(const std::string& why) {
    return Error::from(reasons::kBadSigningState, why);
}

Result<std::optional<Bytes>> read_file(const std::filesystem::path& file) {
    UniqueFd fd(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) {
        if (errno == ENOENT) {
            return std::optional<Bytes>{};
        }
        return io_error("cannot open", file);
    }
    // One byte more than the largest valid file, so an oversized file is seen as such.
    Bytes data(kMaxFileBytes + 1);
    size_t got = 0;
    while (got < data.size()) {
        const ssize_t n = ::read(fd.get(), data.data() + got, data.size() - got);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            return io_error("cannot read", file);
        }
        if (n == 0) {
            break;
        }
        got += static_cast<size_t>(n);
    }
    data.resize(got);
    return std::optional<Bytes>{std::move(data)};
}

bool precedes(const SignedRecord& r, uint64_t height, uint32_t round, SignStep step) {
    return std::tuple(r.height, r.round, static_cast<uint8_t>(r.step)) <
           std::tuple(height, round, static_cast<uint8_t>(step));
}

}  // namespace

Result<void> write_file_durably(const std::filesystem::path& file, ByteView data) {
    std::filesystem::path tmp = file;
    tmp += ".tmp";
    {
        UniqueFd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
        if (fd.get() < 0) {
            return io_error("cannot create", tmp);
        }
        size_t done = 0;
        while (done < data.size()) {
            const ssize_t n = ::write(fd.get(), data.data() + done, data.size() - done);
            if (n < 0 && errno == EINTR) {
                continue;
            }
            if (n < 0) {
                auto err = io_error("cannot write", tmp);
                ::unlink(tmp.c_str());
                return err;
            }
            done += static_cast<size_t>(n);
        }
        if (::fsync(fd.get()) != 0 || !fd.close()) {
            auto err = io_error("cannot sync", tmp);
            ::unlink(tmp.c_str());
            return err;
        }
    }
    if (::rename(tmp.c_str(), file.c_str()) != 0) {
        auto err = io_error("cannot rename to", file);
        ::unlink(tmp.c_str());
        return err;
    }
    // The rename is durable only once the directory entry is synced.
    std::filesystem::path dir = file.parent_path();
    if (dir.empty()) {
        dir = ".";
    }
    UniqueFd dfd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dfd.get() < 0) {
        return io_error("cannot open directory", dir);
    }
    if (::fsync(dfd.get()) != 0) {
        return io_error("cannot sync directory", dir);
    }
    return ok_result();
}

Bytes SigningState::encode(const SignerRecords& records) {
    Writer w;
    w.fixed_bytes(kMagic);
    w.u32(kVersion);
    const auto& last = records.last;
    w.boolean(last.has_value());
    if (last) {
        w.u64(last->height);
        w.u32(last->round);
        w.u8(static_cast<uint8_t>(last->step));
        w.fixed_bytes(last->message);
        w.fixed_bytes(last->signature);
    }
    const auto& lock = records.lock;
    w.boolean(lock.has_value());
    if (lock) {
        w.u64(lock->height);
        w.u32(lock->round);
        w.fixed_bytes(lock->block_hash);
    }
    w.u8(static_cast<uint8_t>(records.height_votes.size()));
    for (const HeightVote& v : records.height_votes) {
        w.u8(static_cast<uint8_t>(v.type));
        w.u32(v.round);
        w.fixed_bytes(v.block_hash);
        w.fixed_bytes(v.signature);
    }
    w.fixed_bytes(sha256(w.data()));
    return w.take();
}

Result<SignerRecords> SigningState::decode(ByteView data) {
    if (data.size() < 32) {
        return bad_state("signing state file truncated");
    }
    const ByteView body = data.first(data.size() - 32);
    const Hash32 sum = sha256(body);
    if (!std::equal(sum.begin(), sum.end(), data.begin() + body.size())) {
        return bad_state("signing state file checksum mismatch");
    }
    auto parsed = decode_all<SignerRecords>(body, [](Reader& r) -> Result<SignerRecords> {
        AZORA_ASSIGN(auto magic, r.fixed_bytes<4>());
        AZORA_ASSIGN(uint32_t version, r.u32());
        if (magic != kMagic || (version != kVersion && version != kVersionWithoutLock)) {
            return Error::from(reasons::kBadVersion, "not a version 1 or 2 signing state file");
        }
        SignerRecords out;
        AZORA_ASSIGN(bool has_record, r.boolean());
        if (has_record) {
            SignedRecord rec;
            AZORA_ASSIGN(rec.height, r.u64());
            AZORA_ASSIGN(rec.round, r.u32());
            AZORA_ASSIGN(uint8_t step, r.u8());
            if (step > static_cast<uint8_t>(SignStep::precommit)) {
                return Error::from(reasons::kDecodeError, "unknown step");
            }
            rec.step = static_cast<SignStep>(step);
            AZORA_ASSIGN(rec.message, r.fixed_bytes<32>());
            AZORA_ASSIGN(rec.signature, r.fixed_bytes<64>());
            out.last = rec;
        }
        if (version == kVersionWithoutLock) {
            return out;
        }
        AZORA_ASSIGN(bool has_lock, r.boolean());
        if (has_lock) {
            PrecommitLock lock;
            AZORA_ASSIGN(lock.height, r.u64());
            AZORA_ASSIGN(lock.round, r.u32());
            AZORA_ASSIGN(lock.block_hash, r.fixed_bytes<32>());
            out.lock = lock;
        }
        AZORA_ASSIGN(uint8_t count, r.u8());
        if (count > kMaxHeightVotes || (count > 0 && !out.last)) {
            return Error::from(reasons::kDecodeError, "bad vote count");
        }
        for (uint8_t i = 0; i < count; ++i) {
            HeightVote v;
            AZORA_ASSIGN(uint8_t type, r.u8());
            if (type != static_cast<uint8_t>(VoteType::prevote) &&
                type != static_cast<uint8_t>(VoteType::precommit)) {
                return Error::from(reasons::kDecodeError, "unknown vote type");
            }
            v.type = static_cast<VoteType>(type);
            AZORA_ASSIGN(v.round, r.u32());
            AZORA_ASSIGN(v.block_hash, r.fixed_bytes<32>());
            AZORA_ASSIGN(v.signature, r.fixed_bytes<64>());
            out.height_votes.push_back(v);
        }
        return out;
    });
    if (!parsed) {
        return bad_state("signing state file: " + parsed.error().to_string());
    }
    return parsed;
}

Result<SigningState> SigningState::open(const std::filesystem::path& file, DurableWriter writer) {
    SigningState state(file, std::move(writer));
    AZORA_ASSIGN(auto data, read_file(file));
    if (!data) {
        // Created at once, so a node that cannot write its state never starts signing.
        AZORA_TRY(state.m_writer(file, encode(SignerRecords{})));
        return state;
    }
    AZORA_ASSIGN(state.m_records, decode(*data));
    return state;
}

Result<Signature> SigningState::sign(const PrivateKey& key,
                                     uint64_t height,
                                     uint32_t round,
                                     SignStep step,
                                     const Hash32& message,
                                     const std::optional<HeightVote>& vote) {
    if (m_records.last) {
        const SignedRecord& last = *m_records.last;
        if (last.height == height && last.round == round && last.step == step) {
            if (last.message == message) {
                return last.signature;
            }
            return Error::from(reasons::kDoubleSign, "already signed another message at height " +
                                                         std::to_string(height) + " round " +
                                                         std::to_string(round));
        }
        if (!precedes(last, height, round, step)) {
            return Error::from(reasons::kSignRegression, "height " + std::to_string(height) +
                                                             " round " + std::to_string(round) +
                                                             " is below the last signed");
        }
    }
    SignerRecords next{
        SignedRecord{height, round, step, message, key.sign(message)}, m_records.lock, {}};
    if (m_records.last && m_records.last->height == height) {
        next.height_votes = m_records.height_votes;
    }
    if (vote) {
        HeightVote signed_vote = *vote;
        signed_vote.signature = next.last->signature;
        if (next.height_votes.size() == kMaxHeightVotes) {
            next.height_votes.erase(next.height_votes.begin());
        }
        next.height_votes.push_back(signed_vote);
        // Tendermint locks on a block exactly when it precommits it.
        if (vote->type == VoteType::precommit && vote->block_hash != Hash32{}) {
            next.lock = PrecommitLock{height, round, vote->block_hash};
        }
    }
    AZORA_TRY(m_writer(m_file, encode(next)));
    m_records = std::move(next);
    return m_records.last->signature;
}

Result<Signature> SigningState::sign_vote(const PrivateKey& key, const VoteData& vote) {
    const SignStep step = vote.type == VoteType::prevote ? SignStep::prevote : SignStep::precommit;
    return sign(key, vote.height, vote.round, step, vote.signing_hash(),
                HeightVote{vote.type, vote.round, vote.block_hash, {}});
}

Result<Signature> SigningState::sign_proposal(const PrivateKey& key,
                                              uint64_t height,
                                              uint32_t round,
                                              const Hash32& signing_hash) {
    return sign(key, height, round, SignStep::proposal, signing_hash, std::nullopt);
}

std::vector<std::pair<VoteData, Signature>> SigningState::height_votes(
    const std::string& chain_id) const {
    std::vector<std::pair<VoteData, Signature>> out;
    for (const HeightVote& v : m_records.height_votes) {
        out.emplace_back(VoteData{v.type, chain_id, m_records.last->height, v.round, v.block_hash},
                         v.signature);
    }
    return out;
}

}  // namespace azora::consensus
