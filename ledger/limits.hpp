#pragma once

#include <cstddef>

/// Upper bounds that canonical decoders enforce (docs/protocol.md, "Limits").
namespace azora::ledger::limits {
inline constexpr size_t kChainIdMax = 64;
inline constexpr size_t kPayloadMax = 256 * 1024;
inline constexpr size_t kTxMax = kPayloadMax + 512;
inline constexpr size_t kBlockTxsMax = 100'000;
inline constexpr size_t kCommitSignaturesMax = 10'000;
/// Evidence items in a Block (each a fixed-size DuplicateVoteEvidence).
inline constexpr size_t kBlockEvidenceMax = 64;
inline constexpr size_t kEventsMax = 1024;
inline constexpr size_t kEventAttrsMax = 32;
inline constexpr size_t kEventKeyMax = 64;
inline constexpr size_t kEventValueMax = 1024;
inline constexpr size_t kErrorTextMax = 256;
/// Smallest possible encodings, used to reject list counts the input cannot hold.
inline constexpr size_t kMinTxBytes = 1 + 4 + 1 + 32 + 8 * 4 + 2 + 2 + 1 + 64;  // with its length
inline constexpr size_t kMinReceiptBytes = 1 + 8 + 1 + 1;
}  // namespace azora::ledger::limits
