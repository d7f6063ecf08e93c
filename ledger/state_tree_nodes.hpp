#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/smt.hpp"
#include "ledger/kv_store.hpp"

/// Storage layout of the state tree (docs/state-tree.md, "Storage layout"): keys under the
/// prefix "t" and the encodings of the records stored there. Internal to ledger/state_tree*.
namespace azora::ledger::detail {

/// What occupies a position of the tree. The values are the stored type bytes.
enum class NodeKind : uint8_t { empty = 0, leaf = 1, inner = 2 };

/// A reference from a parent (or a root record) to a child: its kind, the version that wrote
/// it and its hash. The child's position follows from the parent's, so it is not stored.
struct ChildRef {
    NodeKind kind = NodeKind::empty;
    uint64_t version = 0;  ///< 0 for an empty child
    Hash32 hash = smt::kEmptyHash;
    bool operator==(const ChildRef&) const = default;
};

/// A stored node's identity: the version that wrote it and its position (depth, and the first
/// `depth` bits of `path`; later bits are ignored).
struct NodeId {
    uint64_t version = 0;
    unsigned depth = 0;
    Hash32 path{};
};

/// A leaf record: the key's path, the value hash and, when the writer supplied it, the value
/// itself, so a proof at any kept version can also return the value it proves.
struct LeafNode {
    Hash32 key_hash;
    Hash32 value_hash;
    std::optional<Bytes> value;
};

/// An inner node record: references to both children.
struct InnerNode {
    ChildRef left;
    ChildRef right;
};

/// A decoded node record; `kind` says which member is meaningful (never empty).
struct StoredNode {
    NodeKind kind = NodeKind::leaf;
    LeafNode leaf{};
    InnerNode inner{};
};

/// "tv": the latest version written, u64 little-endian.
inline constexpr std::string_view kLatestKey = "tv";
/// "tr" + big-endian u64 version: the root record (a ChildRef) of that version.
inline constexpr std::string_view kRootPrefix = "tr";
/// "tn" + big-endian u64 version + big-endian u16 depth + ceil(depth/8) path bytes.
inline constexpr std::string_view kNodePrefix = "tn";
/// "ts" + big-endian u64 stale-since version + the node key without its "tn": an empty
/// record saying that node is not part of any version >= stale-since.
inline constexpr std::string_view kStalePrefix = "ts";

/// "tp": u64 little-endian; every stale node and root record below this version is pruned,
/// so prune() starts its scans there instead of at the first (deleted) entry.
inline constexpr std::string_view kPrunedKey = "tp";
/// Largest value a leaf record carries.
inline constexpr size_t kMaxLeafValue = 4 << 20;

std::string root_key(uint64_t version);
std::string node_key(const NodeId& id);
/// The stale index entry for `node_key` (a key made by node_key()) at `stale_since`.
std::string stale_key(uint64_t stale_since, std::string_view node_key);

Bytes encode_child_ref(const ChildRef& ref);
Result<ChildRef> decode_child_ref(ByteView in);
Bytes encode_leaf(const LeafNode& leaf);
Bytes encode_inner(const InnerNode& inner);
/// Decodes a node record; "state_tree_corrupt" if it is not canonical or, for an inner node,
/// not path-compressed (a leaf or nothing beside an empty child).
Result<StoredNode> decode_node(ByteView in);

/// Loads the node `id`; "state_tree_corrupt" if it is missing or not of kind `expected`.
Result<StoredNode> load_node(const KvStore& store, const NodeId& id, NodeKind expected);

/// Error for a tree whose stored records contradict each other.
Error corrupt(std::string message);

}  // namespace azora::ledger::detail
