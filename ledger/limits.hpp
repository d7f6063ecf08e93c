#pragma once

#include <cstddef>

/// Upper bounds that canonical decoders enforce (docs/protocol.md, "Limits").
namespace azora::ledger::limits {
inline constexpr size_t kChainIdMax = 64;
inline constexpr size_t kPayloadMax = 256 * 1024;
inline constexpr size_t kTxMax = kPayloadMax + 512;
inline constexpr size_t kBlockTxsMax = 100'000;
inline constexpr size_t kCommitSignaturesMax = 10'000;
inline constexpr size_t kEventsMax = 1024;
inline constexpr size_t kEventAttrsMax = 32;
inline constexpr size_t kEventKeyMax = 64;
inline constexpr size_t kEventValueMax = 1024;
inline constexpr size_t kErrorTextMax = 256;
}  // namespace azora::ledger::limits
