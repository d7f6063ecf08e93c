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

namespace azora::consensus {
namespace {

constexpr std::array<uint8_t, 4> kMagic = {'a', 'z', 's', 's'};
constexpr uint32_t kVersion = 1;
// magic, version, has_record, record, checksum: the largest valid file.
constexpr size_t kMaxFileBytes = 4 + 4 + 1 + (8 + 4 + 1 + 32 + 64) + 32;

Error io_error(const std::string& what, const std::filesystem::path& path) {
    return Error::internal("signing_state_io",
                           what + " " + path.string() + ": " + std::strerror(errno));
}

Error bad_state(const std::string& why) {
    return Error::internal("bad_signing_state", why);
}

// Closes the descriptor on every path out of a function.
class Fd {
public:
    explicit Fd(int fd) : m_fd(fd) {}
    ~Fd() {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    int get() const { return m_fd; }
    /// Closes now so a close error (a lost write on some filesystems) is reported.
    bool close() {
        const int fd = m_fd;
        m_fd = -1;
        return ::close(fd) == 0;
    }

private:
    int m_fd;
};

Result<std::optional<Bytes>> read_file(const std::filesystem::path& file) {
    Fd fd(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
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
        Fd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
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
    Fd dfd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dfd.get() < 0) {
        return io_error("cannot open directory", dir);
    }
    if (::fsync(dfd.get()) != 0) {
        return io_error("cannot sync directory", dir);
    }
    return ok_result();
}

Bytes SigningState::encode(const std::optional<SignedRecord>& last) {
    Writer w;
    w.fixed_bytes(kMagic);
    w.u32(kVersion);
    w.boolean(last.has_value());
    if (last) {
        w.u64(last->height);
        w.u32(last->round);
        w.u8(static_cast<uint8_t>(last->step));
        w.fixed_bytes(last->message);
        w.fixed_bytes(last->signature);
    }
    w.fixed_bytes(sha256(w.data()));
    return w.take();
}

Result<std::optional<SignedRecord>> SigningState::decode(ByteView data) {
    if (data.size() < 32) {
        return bad_state("signing state file truncated");
    }
    const ByteView body = data.first(data.size() - 32);
    const Hash32 sum = sha256(body);
    if (!std::equal(sum.begin(), sum.end(), data.begin() + body.size())) {
        return bad_state("signing state checksum mismatch");
    }
    auto parsed = decode_all<std::optional<SignedRecord>>(
        body, [](Reader& r) -> Result<std::optional<SignedRecord>> {
            AZORA_ASSIGN(auto magic, r.fixed_bytes<4>());
            AZORA_ASSIGN(uint32_t version, r.u32());
            if (magic != kMagic || version != kVersion) {
                return Error::malformed("bad_version", "not a version 1 signing state file");
            }
            AZORA_ASSIGN(bool present, r.boolean());
            if (!present) {
                return std::optional<SignedRecord>{};
            }
            SignedRecord rec;
            AZORA_ASSIGN(rec.height, r.u64());
            AZORA_ASSIGN(rec.round, r.u32());
            AZORA_ASSIGN(uint8_t step, r.u8());
            if (step > static_cast<uint8_t>(SignStep::precommit)) {
                return Error::malformed("decode_error", "unknown step");
            }
            rec.step = static_cast<SignStep>(step);
            AZORA_ASSIGN(rec.message, r.fixed_bytes<32>());
            AZORA_ASSIGN(rec.signature, r.fixed_bytes<64>());
            return std::optional<SignedRecord>{rec};
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
        AZORA_TRY(state.m_writer(file, encode(std::nullopt)));
        return state;
    }
    AZORA_ASSIGN(state.m_last, decode(*data));
    return state;
}

Result<Signature> SigningState::sign(
    const PrivateKey& key, uint64_t height, uint32_t round, SignStep step, const Hash32& message) {
    if (m_last) {
        const SignedRecord& last = *m_last;
        if (last.height == height && last.round == round && last.step == step) {
            if (last.message == message) {
                return last.signature;
            }
            return Error::rejected("double_sign", "already signed another message at height " +
                                                      std::to_string(height) + " round " +
                                                      std::to_string(round));
        }
        if (!precedes(last, height, round, step)) {
            return Error::rejected("sign_regression", "height " + std::to_string(height) +
                                                          " round " + std::to_string(round) +
                                                          " is below the last signed");
        }
    }
    const SignedRecord next{height, round, step, message, key.sign(message)};
    AZORA_TRY(m_writer(m_file, encode(next)));
    m_last = next;
    return next.signature;
}

Result<Signature> SigningState::sign_vote(const PrivateKey& key, const VoteData& vote) {
    const SignStep step = vote.type == VoteType::prevote ? SignStep::prevote : SignStep::precommit;
    return sign(key, vote.height, vote.round, step, vote.signing_hash());
}

Result<Signature> SigningState::sign_proposal(const PrivateKey& key,
                                              uint64_t height,
                                              uint32_t round,
                                              const Hash32& signing_hash) {
    return sign(key, height, round, SignStep::proposal, signing_hash);
}

}  // namespace azora::consensus
