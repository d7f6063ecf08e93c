#pragma once

#include <filesystem>
#include <optional>
#include <vector>

#include "core/result.hpp"
#include "ledger/block.hpp"
#include "node/messages.hpp"

/// The block a validator last precommitted and the prevotes that made it lock on it (its POL),
/// kept in DATADIR/locked_block next to the signing state. After a restart mid-height the block
/// is again the validator's validValue, which it can propose again, and the prevotes go out
/// again so that its peers can check that proposal's POL round (the signing state keeps the
/// lock, but neither the block nor the prevotes of others).
namespace azora::node {

struct LockedBlock {
    ledger::Block block;
    std::vector<VoteMsg> pol;  ///< prevotes for the block in the lock's round
};

/// Durably replaces `file` ("signing_state_io" on failure). File layout (local to the node):
/// "azlb", u32 version 1, bytes block, varint n, n x bytes vote (docs/p2p.md vote payload).
Result<void> save_locked_block(const std::filesystem::path& file, const LockedBlock& locked);

/// What `file` holds; nullopt if there is no file, or it is larger than any block and its
/// votes, or it does not decode. Only a hint: the node uses it only if the block's hash is the
/// recorded lock's, and checks every vote.
std::optional<LockedBlock> load_locked_block(const std::filesystem::path& file);

}  // namespace azora::node
