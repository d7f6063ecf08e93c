#include "ledger/state_tree_update.hpp"

#include <algorithm>
#include <optional>
#include <string>

namespace azora::ledger::detail {

namespace {

using Update = StateTree::Update;
using Updates = std::span<const Update>;

// A subtree as rebuilt so far, before its final position is fixed: a lone leaf rises to the
// shortest prefix that separates it, which only the callers further up can see.
struct Sub {
    NodeKind kind = NodeKind::empty;
    Hash32 hash = smt::kEmptyHash;
    std::optional<NodeId> stored;  // where it already lives in the store, if it does
    std::optional<LeafNode> leaf;  // a leaf's contents, once loaded or created
};

Sub from_ref(const ChildRef& ref, unsigned depth, const Hash32& path) {
    Sub s;
    s.kind = ref.kind;
    s.hash = ref.hash;
    if (ref.kind != NodeKind::empty) {
        s.stored = NodeId{ref.version, depth, path};
    }
    return s;
}

Hash32 with_bit(Hash32 path, unsigned depth, bool bit) {
    auto mask = static_cast<uint8_t>(0x80 >> (depth % 8));
    if (bit) {
        path[depth / 8] |= mask;
    } else {
        path[depth / 8] &= static_cast<uint8_t>(~mask);
    }
    return path;
}

// The updates share their first `depth` bits and are sorted, so those going left come first.
size_t split_point(Updates ups, unsigned depth) {
    auto it = std::partition_point(ups.begin(), ups.end(), [depth](const Update& u) {
        return !smt::path_bit(u.key_hash, depth);
    });
    return static_cast<size_t>(it - ups.begin());
}

// One apply(): rebuilds the changed part of the tree depth-first over the sorted updates.
// Every node it creates is hashed once, when its children are final, and written once.
class Updater {
public:
    Updater(const KvStore& store, uint64_t version, KvBatch& batch)
        : m_store(store), m_version(version), m_batch(batch) {}

    Result<ChildRef> run(const ChildRef& root, Updates ups) {
        if (ups.empty()) {
            return root;
        }
        AZORA_ASSIGN(Sub top, update(from_ref(root, 0, ups.front().key_hash), 0, ups));
        return place(top, 0);
    }

private:
    // The subtree at (depth, the updates' common prefix) after applying `ups` to `cur`.
    Result<Sub> update(Sub cur, unsigned depth, Updates ups) {
        if (ups.empty()) {
            return cur;
        }
        if (cur.kind == NodeKind::inner) {
            return update_inner(cur, depth, ups);
        }
        if (cur.kind == NodeKind::leaf && !cur.leaf) {
            AZORA_TRY(load_leaf(cur));
        }
        return update_flat(cur, depth, ups);
    }

    Result<Sub> update_inner(const Sub& cur, unsigned depth, Updates ups) {
        if (depth >= smt::kMaxDepth) {
            return corrupt("inner node below the maximum depth");
        }
        AZORA_ASSIGN(StoredNode node, load_node(m_store, *cur.stored, NodeKind::inner));
        const Hash32& path = cur.stored->path;
        size_t mid = split_point(ups, depth);
        AZORA_ASSIGN(Sub left,
                     update(from_ref(node.inner.left, depth + 1, with_bit(path, depth, false)),
                            depth + 1, ups.first(mid)));
        AZORA_ASSIGN(Sub right,
                     update(from_ref(node.inner.right, depth + 1, with_bit(path, depth, true)),
                            depth + 1, ups.subspan(mid)));
        return combine(left, right, depth, path, &cur, &node.inner);
    }

    // `cur` is empty or a leaf with known contents, so the subtree holds at most
    // ups.size() + 1 keys: split only while two or more of them remain.
    Result<Sub> update_flat(const Sub& cur, unsigned depth, Updates ups) {
        const LeafNode* old = cur.leaf ? &*cur.leaf : nullptr;
        const Update* touching = nullptr;
        if (old) {
            auto it =
                std::lower_bound(ups.begin(), ups.end(), old->key_hash,
                                 [](const Update& u, const Hash32& k) { return u.key_hash < k; });
            if (it != ups.end() && it->key_hash == old->key_hash) {
                touching = &*it;
            }
        }
        size_t live = (old && !touching) ? 1 : 0;
        const Update* last_set = nullptr;
        for (const auto& u : ups) {
            if (u.value_hash) {
                ++live;
                last_set = &u;
            }
        }
        if (live >= 2) {
            // Two distinct keys differ within 256 bits, so this stays inside the path.
            if (depth >= smt::kMaxDepth) {
                return corrupt("distinct keys with the same path");
            }
            size_t mid = split_point(ups, depth);
            Sub left_cur;
            Sub right_cur;
            if (old) {
                (smt::path_bit(old->key_hash, depth) ? right_cur : left_cur) = cur;
            }
            AZORA_ASSIGN(Sub left, update(left_cur, depth + 1, ups.first(mid)));
            AZORA_ASSIGN(Sub right, update(right_cur, depth + 1, ups.subspan(mid)));
            return combine(left, right, depth, ups.front().key_hash, nullptr, nullptr);
        }
        if (old && !touching) {
            return cur;  // only deletions of absent keys
        }
        if (old && touching->value_hash == old->value_hash && (old->value || !touching->value)) {
            return cur;  // rewritten with the same value
        }
        if (cur.stored) {
            mark_stale(*cur.stored);  // the old leaf is deleted or replaced
        }
        if (live == 0) {
            return Sub{};
        }
        Sub s;
        s.kind = NodeKind::leaf;
        s.leaf = LeafNode{last_set->key_hash, *last_set->value_hash, last_set->value};
        s.hash = smt::leaf_hash(s.leaf->key_hash, s.leaf->value_hash);
        return s;
    }

    // The subtree at (depth, path) with children `left` and `right`. `old` and `old_node` are
    // the inner node previously there, if any, kept as is when neither child changed.
    Result<Sub> combine(Sub& left,
                        Sub& right,
                        unsigned depth,
                        const Hash32& path,
                        const Sub* old,
                        const InnerNode* old_node) {
        bool l_empty = left.kind == NodeKind::empty;
        bool r_empty = right.kind == NodeKind::empty;
        if ((l_empty && right.kind != NodeKind::inner) ||
            (r_empty && left.kind != NodeKind::inner)) {
            // At most one leaf remains: it rises, and this position stops being a node.
            if (old) {
                mark_stale(*old->stored);
            }
            return l_empty ? right : left;
        }
        AZORA_ASSIGN(ChildRef left_ref, place(left, depth + 1));
        AZORA_ASSIGN(ChildRef right_ref, place(right, depth + 1));
        if (old_node && left_ref == old_node->left && right_ref == old_node->right) {
            return *old;
        }
        if (old) {
            mark_stale(*old->stored);
        }
        Sub s;
        s.kind = NodeKind::inner;
        s.hash = smt::node_hash(left_ref.hash, right_ref.hash);
        s.stored = NodeId{m_version, depth, path};
        m_batch.put(node_key(*s.stored), encode_inner(InnerNode{left_ref, right_ref}));
        return s;
    }

    // Fixes `s` at `depth` and returns the reference its parent stores. A leaf that is new or
    // has moved is written at its new position (without rehashing: its hash has no position).
    Result<ChildRef> place(Sub& s, unsigned depth) {
        if (s.kind == NodeKind::empty) {
            return ChildRef{};
        }
        if (s.stored && s.stored->depth == depth) {
            return ChildRef{s.kind, s.stored->version, s.hash};
        }
        if (s.kind != NodeKind::leaf) {
            return corrupt("inner node changed depth");
        }
        if (!s.leaf) {
            AZORA_TRY(load_leaf(s));
        }
        if (s.stored) {
            mark_stale(*s.stored);
        }
        s.stored = NodeId{m_version, depth, s.leaf->key_hash};
        m_batch.put(node_key(*s.stored), encode_leaf(*s.leaf));
        return ChildRef{NodeKind::leaf, m_version, s.hash};
    }

    Result<void> load_leaf(Sub& s) {
        AZORA_ASSIGN(StoredNode node, load_node(m_store, *s.stored, NodeKind::leaf));
        if (!smt::same_prefix(node.leaf.key_hash, s.stored->path, s.stored->depth)) {
            return corrupt("leaf stored off its key's path");
        }
        s.leaf = node.leaf;
        return ok_result();
    }

    // Records that `id` is not part of this version or any later one, for prune().
    void mark_stale(const NodeId& id) { m_batch.put(stale_key(m_version, node_key(id)), Bytes{}); }

    const KvStore& m_store;
    uint64_t m_version;
    KvBatch& m_batch;
};

}  // namespace

Result<ChildRef> apply_updates(const KvStore& store,
                               const ChildRef& root,
                               uint64_t version,
                               std::span<const StateTree::Update> updates,
                               KvBatch& batch) {
    Updater updater(store, version, batch);
    return updater.run(root, updates);
}

}  // namespace azora::ledger::detail
