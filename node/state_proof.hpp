#pragma once

#include <nlohmann/json.hpp>
#include <optional>

#include "core/result.hpp"
#include "core/smt.hpp"
#include "node/chain.hpp"

namespace azora::node {

/// One state value at a height with its proof against that height's state root.
struct ProvenValue {
    Bytes key;
    std::optional<Bytes> value;  ///< nullopt: the key was absent
    smt::Proof proof;

    /// {key, value (hex or null), proof (hex)}.
    nlohmann::json to_json() const;
};

/// Proves `key` at `height` and checks the answer against `state_root` before it is served: a
/// proof that does not lead to the committed root means the store is damaged
/// ("state_tree_corrupt", internal). "version_unknown" when that height has been pruned.
Result<ProvenValue> prove_state_value(const Chain& chain,
                                      uint64_t height,
                                      const Hash32& state_root,
                                      Bytes key);

}  // namespace azora::node
