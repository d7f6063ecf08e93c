#include "ledger/state_tree.hpp"

#include <string>
#include <vector>

#include "core/encoding.hpp"
#include "core/reasons.hpp"
#include "ledger/state_tree_nodes.hpp"
#include "ledger/state_tree_update.hpp"

namespace azora::ledger {

namespace {

using detail::ChildRef;
using detail::NodeKind;

uint64_t read_be64(std::string_view s) {
    uint64_t v = 0;
    for (size_t i = 0; i < 8; ++i) {
        v = (v << 8) | static_cast<uint8_t>(s[i]);
    }
    return v;
}

Result<ChildRef> load_root(const KvStore& store, uint64_t version) {
    AZORA_ASSIGN(auto raw, store.get(detail::root_key(version)));
    if (!raw) {
        return Error::from(reasons::kVersionUnknown,
                           "no state tree at version " + std::to_string(version));
    }
    return detail::decode_child_ref(*raw);
}

}  // namespace

Result<std::optional<uint64_t>> StateTree::latest_version() const {
    AZORA_ASSIGN(auto raw, m_store.get(detail::kLatestKey));
    if (!raw) {
        return std::optional<uint64_t>{};
    }
    auto version = decode_all<uint64_t>(*raw, [](Reader& r) { return r.u64(); });
    if (!version.ok()) {
        return detail::corrupt("latest version record: " + version.error().to_string());
    }
    return std::optional<uint64_t>{*version};
}

Result<Hash32> StateTree::root(uint64_t version) const {
    AZORA_ASSIGN(ChildRef ref, load_root(m_store, version));
    return ref.hash;
}

Result<Hash32> StateTree::apply(uint64_t version,
                                std::span<const Update> updates,
                                KvBatch& batch) const {
    for (size_t i = 1; i < updates.size(); ++i) {
        if (!(updates[i - 1].key_hash < updates[i].key_hash)) {
            return Error::from(reasons::kUnsortedUpdates,
                               "updates must be sorted by key_hash without duplicates");
        }
    }
    AZORA_ASSIGN(std::optional<uint64_t> latest, latest_version());
    ChildRef base;
    if (latest) {
        if (version <= *latest) {
            return Error::from(reasons::kVersionNotIncreasing,
                               "version " + std::to_string(version) + " does not exceed latest " +
                                   std::to_string(*latest));
        }
        AZORA_ASSIGN(base, load_root(m_store, *latest));
    }
    AZORA_ASSIGN(ChildRef root, detail::apply_updates(m_store, base, version, updates, batch));
    batch.put(detail::root_key(version), detail::encode_child_ref(root));
    Writer w;
    w.u64(version);
    batch.put(detail::kLatestKey, w.take());
    return root.hash;
}

Result<smt::Proof> StateTree::prove(uint64_t version, const Hash32& key_hash) const {
    AZORA_ASSIGN(ValueProof vp, prove_value(version, key_hash));
    return std::move(vp.proof);
}

Result<StateTree::ValueProof> StateTree::prove_value(uint64_t version,
                                                     const Hash32& key_hash) const {
    AZORA_ASSIGN(ChildRef ref, load_root(m_store, version));
    ValueProof out;
    smt::Proof& proof = out.proof;
    for (unsigned depth = 0; ref.kind != NodeKind::empty; ++depth) {
        detail::NodeId id{ref.version, depth, key_hash};
        if (ref.kind == NodeKind::leaf) {
            AZORA_ASSIGN(detail::StoredNode node, detail::load_node(m_store, id, NodeKind::leaf));
            proof.leaf = smt::ProofLeaf{node.leaf.key_hash, node.leaf.value_hash};
            if (node.leaf.key_hash == key_hash) {
                out.value = std::move(node.leaf.value);
            }
            break;
        }
        if (depth >= smt::kMaxDepth) {
            return detail::corrupt("inner node below the maximum depth");
        }
        AZORA_ASSIGN(detail::StoredNode node, detail::load_node(m_store, id, NodeKind::inner));
        bool right = smt::path_bit(key_hash, depth);
        proof.siblings.push_back(right ? node.inner.left.hash : node.inner.right.hash);
        ref = right ? node.inner.right : node.inner.left;
    }
    return out;
}

Result<void> StateTree::prune(uint64_t keep_from, KvBatch& batch) const {
    AZORA_ASSIGN(std::optional<uint64_t> latest, latest_version());
    if (!latest) {
        return ok_result();
    }
    if (keep_from > *latest) {
        return Error::from(reasons::kPruneBeyondLatest, "keep_from " + std::to_string(keep_from) +
                                                            " exceeds latest " +
                                                            std::to_string(*latest));
    }
    // Scans start where the previous prune stopped: below that everything is deleted, and
    // walking LevelDB tombstones from the start of the prefix costs more every block.
    uint64_t pruned_below = 0;
    AZORA_ASSIGN(auto mark, m_store.get(detail::kPrunedKey));
    if (mark) {
        Reader r(*mark);
        auto v = r.u64();
        if (!v || !r.finish()) {
            return detail::corrupt("malformed prune mark");
        }
        pruned_below = *v;
    }
    if (keep_from <= pruned_below) {
        return ok_result();
    }
    // A node stale since version s belongs only to versions before s, so it goes once
    // s <= keep_from. The stale index is ordered by s: the scan stops at the first later one.
    bool bad_key = false;
    AZORA_TRY(m_store.scan(detail::kStalePrefix,
                           detail::stale_key(pruned_below, detail::kNodePrefix),
                           [&](std::string_view key, ByteView) {
                               std::string_view rest = key.substr(detail::kStalePrefix.size());
                               if (rest.size() < 8 + 2) {
                                   bad_key = true;
                                   return false;
                               }
                               if (read_be64(rest) > keep_from) {
                                   return false;
                               }
                               batch.del(std::string(detail::kNodePrefix).append(rest.substr(8)));
                               batch.del(key);
                               return true;
                           }));
    AZORA_TRY(m_store.scan(detail::kRootPrefix, detail::root_key(pruned_below),
                           [&](std::string_view key, ByteView) {
                               std::string_view rest = key.substr(detail::kRootPrefix.size());
                               if (rest.size() != 8) {
                                   bad_key = true;
                                   return false;
                               }
                               if (read_be64(rest) >= keep_from) {
                                   return false;
                               }
                               batch.del(key);
                               return true;
                           }));
    Writer w;
    w.u64(keep_from);
    batch.put(detail::kPrunedKey, w.take());
    if (bad_key) {
        return detail::corrupt("malformed key under the state tree prefix");
    }
    return ok_result();
}

}  // namespace azora::ledger
