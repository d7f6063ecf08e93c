#include "node/locked_block_file.hpp"

#include <fstream>

#include "consensus/signing_state.hpp"
#include "core/encoding.hpp"
#include "core/reasons.hpp"
#include "ledger/limits.hpp"

namespace azora::node {

namespace {

constexpr uint32_t kMagic = 0x626c7a61;  // "azlb" in little-endian byte order
constexpr uint32_t kVersion = 1;
// Far above any block a P2P frame can carry plus its votes, so only a damaged file is refused.
constexpr size_t kMaxFileBytes = 64u << 20;
constexpr size_t kMaxVoteBytes = 256;  // a vote payload is 110 bytes

}  // namespace

Result<void> save_locked_block(const std::filesystem::path& file, const LockedBlock& locked) {
    Writer w;
    w.u32(kMagic);
    w.u32(kVersion);
    w.bytes(locked.block.encode());
    w.varint(locked.pol.size());
    for (const VoteMsg& vote : locked.pol) {
        w.bytes(vote.encode());
    }
    return consensus::write_file_durably(file, w.data());
}

std::optional<LockedBlock> load_locked_block(const std::filesystem::path& file) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(file, ec);
    if (ec || size > kMaxFileBytes) {
        return std::nullopt;
    }
    Bytes data(static_cast<size_t>(size));
    std::ifstream in(file, std::ios::binary);
    if (!in.read(reinterpret_cast<char*>(data.data()), static_cast<std::streamsize>(data.size()))) {
        return std::nullopt;
    }
    auto parsed = decode_all<LockedBlock>(data, [](Reader& r) -> Result<LockedBlock> {
        AZORA_ASSIGN(uint32_t magic, r.u32());
        AZORA_ASSIGN(uint32_t version, r.u32());
        if (magic != kMagic || version != kVersion) {
            return Error::from(reasons::kBadVersion, "not a version 1 locked block file");
        }
        LockedBlock out;
        AZORA_ASSIGN(Bytes block, r.bytes(kMaxFileBytes));
        AZORA_ASSIGN(out.block, ledger::Block::decode(block));
        AZORA_ASSIGN(uint64_t count, r.varint());
        if (count > ledger::limits::kCommitSignaturesMax) {
            return Error::from(reasons::kDecodeError, "too many votes");
        }
        for (uint64_t i = 0; i < count; ++i) {
            AZORA_ASSIGN(Bytes vote, r.bytes(kMaxVoteBytes));
            AZORA_ASSIGN(VoteMsg msg, VoteMsg::decode(vote));
            out.pol.push_back(msg);
        }
        return out;
    });
    if (!parsed) {
        return std::nullopt;
    }
    return std::move(parsed).value();
}

}  // namespace azora::node
