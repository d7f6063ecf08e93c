#include "ledger/state_tree_nodes.hpp"

#include "core/encoding.hpp"
#include "core/hash.hpp"
#include "core/reasons.hpp"

namespace azora::ledger::detail {

namespace {

void put_be(std::string& out, uint64_t v, int width) {
    for (int i = width - 1; i >= 0; --i) {
        out.push_back(static_cast<char>(v >> (8 * i)));
    }
}

void write_child_ref(Writer& w, const ChildRef& ref) {
    w.u8(static_cast<uint8_t>(ref.kind));
    if (ref.kind != NodeKind::empty) {
        w.varint(ref.version);
        w.fixed_bytes(ref.hash);
    }
}

Result<ChildRef> read_child_ref(Reader& r) {
    AZORA_ASSIGN(uint8_t kind, r.u8());
    if (kind > static_cast<uint8_t>(NodeKind::inner)) {
        return Error::from(reasons::kDecodeError, "unknown node kind");
    }
    ChildRef ref;
    ref.kind = static_cast<NodeKind>(kind);
    if (ref.kind != NodeKind::empty) {
        AZORA_ASSIGN(ref.version, r.varint());
        AZORA_ASSIGN(ref.hash, r.fixed_bytes<32>());
    }
    return ref;
}

// An inner node holds at least two leaves, so neither child may be empty beside a leaf or
// beside another empty child.
bool path_compressed(const InnerNode& n) {
    auto lone = [](const ChildRef& a, const ChildRef& b) {
        return a.kind == NodeKind::empty && b.kind != NodeKind::inner;
    };
    return !lone(n.left, n.right) && !lone(n.right, n.left);
}

Result<StoredNode> read_node(Reader& r) {
    AZORA_ASSIGN(uint8_t kind, r.u8());
    StoredNode node;
    if (kind == static_cast<uint8_t>(NodeKind::leaf)) {
        node.kind = NodeKind::leaf;
        AZORA_ASSIGN(node.leaf.key_hash, r.fixed_bytes<32>());
        AZORA_ASSIGN(node.leaf.value_hash, r.fixed_bytes<32>());
        AZORA_ASSIGN(bool has_value, r.boolean());
        if (has_value) {
            AZORA_ASSIGN(Bytes value, r.bytes(kMaxLeafValue));
            if (sha256(value) != node.leaf.value_hash) {
                return Error::from(reasons::kDecodeError, "leaf value does not match its hash");
            }
            node.leaf.value = std::move(value);
        }
        return node;
    }
    if (kind == static_cast<uint8_t>(NodeKind::inner)) {
        node.kind = NodeKind::inner;
        AZORA_ASSIGN(node.inner.left, read_child_ref(r));
        AZORA_ASSIGN(node.inner.right, read_child_ref(r));
        if (!path_compressed(node.inner)) {
            return Error::from(reasons::kDecodeError, "inner node is not path-compressed");
        }
        return node;
    }
    return Error::from(reasons::kDecodeError, "unknown node record type");
}

}  // namespace

Error corrupt(std::string message) {
    return Error::from(reasons::kStateTreeCorrupt, std::move(message));
}

std::string root_key(uint64_t version) {
    std::string k(kRootPrefix);
    put_be(k, version, 8);
    return k;
}

std::string node_key(const NodeId& id) {
    std::string k(kNodePrefix);
    k.reserve(k.size() + 8 + 2 + 32);
    put_be(k, id.version, 8);
    put_be(k, id.depth, 2);
    // Only the first `depth` bits name the position; the rest are zeroed so any path through
    // the position yields the same key.
    unsigned whole = id.depth / 8;
    for (unsigned i = 0; i < whole; ++i) {
        k.push_back(static_cast<char>(id.path[i]));
    }
    if (unsigned rest = id.depth % 8; rest != 0) {
        k.push_back(static_cast<char>(id.path[whole] & static_cast<uint8_t>(0xff << (8 - rest))));
    }
    return k;
}

std::string stale_key(uint64_t stale_since, std::string_view node_key) {
    std::string k(kStalePrefix);
    put_be(k, stale_since, 8);
    k.append(node_key.substr(kNodePrefix.size()));
    return k;
}

Bytes encode_child_ref(const ChildRef& ref) {
    Writer w;
    write_child_ref(w, ref);
    return w.take();
}

Result<ChildRef> decode_child_ref(ByteView in) {
    auto ref = decode_all<ChildRef>(in, read_child_ref);
    if (!ref.ok()) {
        return corrupt("root record: " + ref.error().to_string());
    }
    return ref;
}

Bytes encode_leaf(const LeafNode& leaf) {
    Writer w;
    w.reserve(80 + (leaf.value ? leaf.value->size() : 0));
    w.u8(static_cast<uint8_t>(NodeKind::leaf));
    w.fixed_bytes(leaf.key_hash);
    w.fixed_bytes(leaf.value_hash);
    w.boolean(leaf.value.has_value());
    if (leaf.value) {
        w.bytes(*leaf.value);
    }
    return w.take();
}

Bytes encode_inner(const InnerNode& inner) {
    Writer w;
    w.reserve(1 + 2 * (1 + 10 + 32));
    w.u8(static_cast<uint8_t>(NodeKind::inner));
    write_child_ref(w, inner.left);
    write_child_ref(w, inner.right);
    return w.take();
}

Result<StoredNode> decode_node(ByteView in) {
    auto node = decode_all<StoredNode>(in, read_node);
    if (!node.ok()) {
        return corrupt("node record: " + node.error().to_string());
    }
    return node;
}

Result<StoredNode> load_node(const KvStore& store, const NodeId& id, NodeKind expected) {
    AZORA_ASSIGN(auto raw, store.get(node_key(id)));
    if (!raw) {
        return corrupt("missing node at version " + std::to_string(id.version) + " depth " +
                       std::to_string(id.depth));
    }
    AZORA_ASSIGN(StoredNode node, decode_node(*raw));
    if (node.kind != expected) {
        return corrupt("node kind differs from its parent's reference");
    }
    return node;
}

}  // namespace azora::ledger::detail
