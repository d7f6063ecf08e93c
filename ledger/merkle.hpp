#pragma once

#include <span>
#include <string_view>

#include "core/bytes.hpp"

namespace azora::ledger {

/// Root of an ordered list of leaf hashes: empty -> 32 zero bytes; one leaf -> the leaf;
/// otherwise H_tag(root(first k) || root(rest)) where k is the largest power of two < n
/// (the RFC 6962 split). Used for tx_root and receipts_root.
Hash32 list_root(std::string_view tag, std::span<const Hash32> leaves);

}  // namespace azora::ledger
