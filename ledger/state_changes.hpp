#pragma once

#include <map>
#include <optional>

#include "core/bytes.hpp"

namespace azora::ledger {

/// State writes of one block: key -> new value, nullopt deletes. Ordered, so iteration is
/// deterministic. Produced by execution (vm) and genesis, consumed by `ChainStore`.
using StateChanges = std::map<Bytes, std::optional<Bytes>, BytesLess>;

}  // namespace azora::ledger
