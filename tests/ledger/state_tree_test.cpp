#include "ledger/state_tree.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <vector>

#include "core/hash.hpp"

namespace azora::ledger {
namespace {

using Update = StateTree::Update;
using Model = std::map<Hash32, Hash32>;  // key_hash -> value_hash

// The root recomputed from scratch by the definition, as an independent reference.
template <typename It>
Hash32 reference_root(It begin, It end, unsigned depth) {
    auto n = std::distance(begin, end);
    if (n == 0) {
        return smt::kEmptyHash;
    }
    if (n == 1) {
        return smt::leaf_hash(begin->first, begin->second);
    }
    auto mid = std::partition_point(
        begin, end, [depth](const auto& e) { return !smt::path_bit(e.first, depth); });
    return smt::node_hash(reference_root(begin, mid, depth + 1),
                          reference_root(mid, end, depth + 1));
}

Hash32 reference_root(const Model& m) {
    return reference_root(m.begin(), m.end(), 0);
}

// Nodes in the path-compressed tree of `m`: one per leaf and one per subtree with >= 2 leaves.
template <typename It>
size_t reference_node_count(It begin, It end, unsigned depth) {
    auto n = std::distance(begin, end);
    if (n <= 1) {
        return static_cast<size_t>(n);
    }
    auto mid = std::partition_point(
        begin, end, [depth](const auto& e) { return !smt::path_bit(e.first, depth); });
    return 1 + reference_node_count(begin, mid, depth + 1) +
           reference_node_count(mid, end, depth + 1);
}

size_t count_prefix(const KvStore& store, std::string_view prefix) {
    size_t n = 0;
    EXPECT_TRUE(store
                    .scan(prefix, "",
                          [&](std::string_view, ByteView) {
                              ++n;
                              return true;
                          })
                    .ok());
    return n;
}

Hash32 random_hash(std::mt19937_64& rng) {
    Hash32 h;
    for (auto& b : h) {
        b = static_cast<uint8_t>(rng());
    }
    return h;
}

// Applies `updates` (any order) as `version`, commits the batch and mirrors it in `model`.
Hash32 commit(KvStore& store, uint64_t version, std::vector<Update> updates, Model* model) {
    std::sort(updates.begin(), updates.end(),
              [](const Update& a, const Update& b) { return a.key_hash < b.key_hash; });
    StateTree tree(store);
    KvBatch batch;
    auto root = tree.apply(version, updates, batch);
    EXPECT_TRUE(root.ok()) << root.error().to_string();
    EXPECT_TRUE(store.write(batch, false).ok());
    if (model) {
        for (const auto& u : updates) {
            if (u.value_hash) {
                (*model)[u.key_hash] = *u.value_hash;
            } else {
                model->erase(u.key_hash);
            }
        }
    }
    return root.ok() ? *root : Hash32{};
}

void expect_proof(const StateTree& tree, uint64_t version, const Model& m, const Hash32& key) {
    auto root = tree.root(version);
    ASSERT_TRUE(root.ok()) << root.error().to_string();
    auto proof = tree.prove(version, key);
    ASSERT_TRUE(proof.ok()) << proof.error().to_string();
    auto decoded = smt::Proof::decode(proof->encode());
    ASSERT_TRUE(decoded.ok());
    auto got = smt::verify_proof(*root, key, *decoded);
    ASSERT_TRUE(got.ok()) << got.error().to_string() << " at version " << version;
    auto it = m.find(key);
    if (it == m.end()) {
        EXPECT_FALSE(got->has_value());
    } else {
        EXPECT_EQ(*got, std::optional<Hash32>(it->second));
    }
}

// A fresh random key; a third share a random-length prefix with an earlier key and differ
// from it in the next bit, so deep splits, chains of inner nodes beside empty subtrees and
// full-depth neighbours all occur.
Hash32 new_key(std::mt19937_64& rng, const std::vector<Hash32>& known) {
    for (;;) {
        Hash32 k = random_hash(rng);
        if (!known.empty() && rng() % 3 == 0) {
            const Hash32& base = known[rng() % known.size()];
            unsigned bits = static_cast<unsigned>(rng() % 256);
            for (unsigned i = 0; i <= bits; ++i) {
                auto mask = static_cast<uint8_t>(0x80 >> (i % 8));
                uint8_t want = i < bits ? base[i / 8] : static_cast<uint8_t>(~base[i / 8]);
                k[i / 8] = static_cast<uint8_t>((k[i / 8] & ~mask) | (want & mask));
            }
        }
        if (std::find(known.begin(), known.end(), k) == known.end()) {
            return k;
        }
    }
}

TEST(StateTree, EmptyStoreHasNoVersions) {
    auto store = make_memory_store();
    StateTree tree(*store);
    auto latest = tree.latest_version();
    ASSERT_TRUE(latest.ok());
    EXPECT_FALSE(latest->has_value());
    auto root = tree.root(0);
    ASSERT_FALSE(root.ok());
    EXPECT_EQ(root.error().reason, "version_unknown");
    EXPECT_FALSE(tree.prove(0, Hash32{}).ok());
}

TEST(StateTree, MatchesReferenceOverRandomVersionsAndProvesEveryVersion) {
    std::mt19937_64 rng(20240601);
    auto store = make_memory_store();
    StateTree tree(*store);
    Model model;
    std::vector<Hash32> known;
    std::vector<Model> snapshots;  // index = version
    const uint64_t kVersions = 40;
    for (uint64_t version = 0; version < kVersions; ++version) {
        std::map<Hash32, std::optional<Hash32>> changes;
        size_t n = rng() % 80;
        for (size_t i = 0; i < n; ++i) {
            unsigned op = static_cast<unsigned>(rng() % 10);
            if (op < 5 || known.empty()) {
                Hash32 k = new_key(rng, known);
                known.push_back(k);
                changes[k] = random_hash(rng);
            } else if (op < 7) {
                changes[known[rng() % known.size()]] = random_hash(rng);
            } else if (op < 9) {
                changes[known[rng() % known.size()]] = std::nullopt;
            } else {
                changes[random_hash(rng)] = std::nullopt;  // deleting an absent key
            }
        }
        std::vector<Update> updates;
        for (const auto& [k, v] : changes) {
            updates.push_back({k, v});
        }
        std::shuffle(updates.begin(), updates.end(), rng);
        Hash32 root = commit(*store, version, updates, &model);
        ASSERT_EQ(root, reference_root(model)) << "version " << version;
        ASSERT_EQ(*tree.root(version), root);
        ASSERT_EQ(**tree.latest_version(), version);
        snapshots.push_back(model);

        // Proofs at every version so far, for present, deleted and never-seen keys.
        for (uint64_t v = 0; v <= version; ++v) {
            for (int i = 0; i < 6; ++i) {
                expect_proof(tree, v, snapshots[v], known[rng() % known.size()]);
            }
            expect_proof(tree, v, snapshots[v], random_hash(rng));
            expect_proof(tree, v, snapshots[v], new_key(rng, known));
        }
    }
    ASSERT_GT(model.size(), 200u);
    // Every key of the final version, present or deleted, proves.
    for (const auto& k : known) {
        expect_proof(tree, kVersions - 1, model, k);
    }
}

TEST(StateTree, SplittingChangesAcrossVersionsGivesTheSameRoot) {
    std::mt19937_64 rng(7);
    std::vector<Update> base, later;
    std::vector<Hash32> keys;
    for (int i = 0; i < 300; ++i) {
        keys.push_back(new_key(rng, keys));
        base.push_back({keys.back(), random_hash(rng)});
    }
    for (int i = 0; i < 150; ++i) {
        bool del = i % 3 == 0;
        later.push_back({keys[static_cast<size_t>(i) * 2],
                         del ? std::nullopt : std::optional<Hash32>(random_hash(rng))});
    }
    for (int i = 0; i < 50; ++i) {
        keys.push_back(new_key(rng, keys));
        later.push_back({keys.back(), random_hash(rng)});
    }

    auto one = make_memory_store();
    Model model;
    commit(*one, 1, base, &model);
    Hash32 all_at_once = commit(*one, 2, later, &model);
    EXPECT_EQ(all_at_once, reference_root(model));

    // The same changes in two halves, the second half first.
    auto two = make_memory_store();
    commit(*two, 1, base, nullptr);
    size_t half = later.size() / 2;
    commit(*two, 2, std::vector<Update>(later.begin() + half, later.end()), nullptr);
    EXPECT_EQ(commit(*two, 3, std::vector<Update>(later.begin(), later.begin() + half), nullptr),
              all_at_once);

    // And one key per version, in reverse order.
    auto three = make_memory_store();
    commit(*three, 1, base, nullptr);
    Hash32 root{};
    uint64_t version = 2;
    for (auto it = later.rbegin(); it != later.rend(); ++it) {
        root = commit(*three, version++, {*it}, nullptr);
    }
    EXPECT_EQ(root, all_at_once);
}

TEST(StateTree, DeletingEverythingLeavesTheEmptyTreeAndNoNodes) {
    std::mt19937_64 rng(11);
    auto store = make_memory_store();
    StateTree tree(*store);
    std::vector<Update> inserts;
    std::vector<Hash32> keys;
    for (int i = 0; i < 200; ++i) {
        keys.push_back(new_key(rng, keys));
        inserts.push_back({keys.back(), random_hash(rng)});
    }
    Model model;
    commit(*store, 1, inserts, &model);
    // Delete down to one key, then none; path compression must bring the survivor to the root.
    std::vector<Update> deletes;
    for (size_t i = 1; i < keys.size(); ++i) {
        deletes.push_back({keys[i], std::nullopt});
    }
    Hash32 root = commit(*store, 2, deletes, &model);
    EXPECT_EQ(root, smt::leaf_hash(keys[0], inserts[0].value_hash.value()));
    auto proof = tree.prove(2, keys[0]);
    ASSERT_TRUE(proof.ok());
    EXPECT_TRUE(proof->siblings.empty());
    EXPECT_EQ(commit(*store, 3, {{keys[0], std::nullopt}}, &model), smt::kEmptyHash);
    expect_proof(tree, 3, model, keys[0]);

    KvBatch prune;
    ASSERT_TRUE(tree.prune(3, prune).ok());
    ASSERT_TRUE(store->write(prune, false).ok());
    EXPECT_EQ(count_prefix(*store, "tn"), 0u);
    EXPECT_EQ(count_prefix(*store, "ts"), 0u);
    EXPECT_EQ(*tree.root(3), smt::kEmptyHash);
}

TEST(StateTree, NoOpUpdatesKeepTheRootAndWriteNoNodes) {
    std::mt19937_64 rng(5);
    auto store = make_memory_store();
    StateTree tree(*store);
    std::vector<Update> inserts;
    for (int i = 0; i < 50; ++i) {
        inserts.push_back({random_hash(rng), random_hash(rng)});
    }
    Hash32 root = commit(*store, 1, inserts, nullptr);
    std::vector<Update> same = inserts;
    same.push_back({random_hash(rng), std::nullopt});
    std::sort(same.begin(), same.end(),
              [](const Update& a, const Update& b) { return a.key_hash < b.key_hash; });
    KvBatch batch;
    auto again = tree.apply(2, same, batch);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(*again, root);
    EXPECT_EQ(batch.size(), 2u);  // the root record and the latest version only
    KvBatch empty_batch;
    auto unchanged = tree.apply(2, {}, empty_batch);
    ASSERT_TRUE(unchanged.ok());
    EXPECT_EQ(*unchanged, root);
}

TEST(StateTree, ApplyOnlyFillsTheBatch) {
    std::mt19937_64 rng(3);
    auto store = make_memory_store();
    StateTree tree(*store);
    commit(*store, 1, {{random_hash(rng), random_hash(rng)}}, nullptr);
    size_t before = count_prefix(*store, "");
    KvBatch batch;
    ASSERT_TRUE(tree.apply(2, std::vector<Update>{{random_hash(rng), random_hash(rng)}}, batch));
    EXPECT_EQ(count_prefix(*store, ""), before);
    EXPECT_EQ(**tree.latest_version(), 1u);
    for (const auto& op : batch.ops()) {
        EXPECT_TRUE(op.key.starts_with("t"));
    }
}

TEST(StateTree, PruneDropsOldVersionsAndKeepsNewerProvable) {
    std::mt19937_64 rng(99);
    auto store = make_memory_store();
    StateTree tree(*store);
    Model model;
    std::vector<Hash32> keys;
    std::vector<Model> snapshots;
    for (uint64_t version = 1; version <= 12; ++version) {
        std::vector<Update> updates;
        for (int i = 0; i < 40; ++i) {
            if (keys.empty() || rng() % 2 == 0) {
                keys.push_back(new_key(rng, keys));
                updates.push_back({keys.back(), random_hash(rng)});
            }
        }
        // Keys from earlier versions (those before this version's new ones): modify or delete.
        size_t old_keys = keys.size() - updates.size();
        for (int i = 0; i < 10 && old_keys > 0; ++i) {
            Hash32 k = keys[rng() % old_keys];
            bool del = rng() % 2 == 0;
            if (std::none_of(updates.begin(), updates.end(),
                             [&](const Update& u) { return u.key_hash == k; })) {
                updates.push_back({k, del ? std::nullopt : std::optional(random_hash(rng))});
            }
        }
        commit(*store, version, updates, &model);
        snapshots.push_back(model);  // index = version - 1
    }

    KvBatch batch;
    auto refused = tree.prune(13, batch);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().reason, "prune_beyond_latest");

    ASSERT_TRUE(tree.prune(8, batch).ok());
    ASSERT_TRUE(store->write(batch, false).ok());
    for (uint64_t v = 1; v < 8; ++v) {
        auto r = tree.root(v);
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().reason, "version_unknown");
        EXPECT_FALSE(tree.prove(v, keys[0]).ok());
    }
    for (uint64_t v = 8; v <= 12; ++v) {
        EXPECT_EQ(*tree.root(v), reference_root(snapshots[v - 1]));
        for (const auto& k : keys) {
            expect_proof(tree, v, snapshots[v - 1], k);
        }
    }

    // Pruning to the latest version leaves exactly the latest tree's nodes.
    KvBatch last;
    ASSERT_TRUE(tree.prune(12, last).ok());
    ASSERT_TRUE(store->write(last, false).ok());
    EXPECT_EQ(count_prefix(*store, "tn"), reference_node_count(model.begin(), model.end(), 0));
    EXPECT_EQ(count_prefix(*store, "tr"), 1u);
    for (const auto& k : keys) {
        expect_proof(tree, 12, model, k);
    }
    // The tree keeps growing from the pruned state.
    Hash32 next = commit(*store, 13, {{keys[0], random_hash(rng)}}, &model);
    EXPECT_EQ(next, reference_root(model));
}

TEST(StateTree, RefusesUnsortedDuplicateAndOldVersions) {
    auto store = make_memory_store();
    StateTree tree(*store);
    Hash32 a{}, b{};
    b[0] = 1;
    KvBatch batch;
    auto unsorted = tree.apply(1, std::vector<Update>{{b, a}, {a, a}}, batch);
    ASSERT_FALSE(unsorted.ok());
    EXPECT_EQ(unsorted.error().reason, "unsorted_updates");
    auto duplicate = tree.apply(1, std::vector<Update>{{a, a}, {a, std::nullopt}}, batch);
    ASSERT_FALSE(duplicate.ok());
    EXPECT_EQ(duplicate.error().reason, "unsorted_updates");
    EXPECT_TRUE(batch.empty());

    commit(*store, 5, {{a, b}}, nullptr);
    for (uint64_t v : {0u, 5u}) {
        auto old = tree.apply(v, std::vector<Update>{{b, a}}, batch);
        ASSERT_FALSE(old.ok());
        EXPECT_EQ(old.error().reason, "version_not_increasing");
    }
}

TEST(StateTree, Vectors) {
    std::ifstream in(std::string(AZORA_TEST_VECTORS) + "/state_tree.json");
    ASSERT_TRUE(in) << "missing tests/vectors/state_tree.json";
    auto j = nlohmann::json::parse(in);
    auto store = make_memory_store();
    StateTree tree(*store);
    std::vector<Update> updates;
    for (const auto& e : j.at("entries")) {
        auto key = from_hex(e.at("key").get<std::string>());
        auto value = from_hex(e.at("value").get<std::string>());
        ASSERT_TRUE(key && value);
        updates.push_back({smt::key_path(*key), sha256(*value)});
    }
    Hash32 root = commit(*store, 1, updates, nullptr);
    EXPECT_EQ(to_hex(root), j.at("root").get<std::string>());

    for (const auto& p : j.at("proofs")) {
        auto key = from_hex(p.at("key").get<std::string>());
        ASSERT_TRUE(key);
        Hash32 key_hash = smt::key_path(*key);
        EXPECT_EQ(to_hex(key_hash), p.at("key_hash").get<std::string>());
        auto proof = tree.prove(1, key_hash);
        ASSERT_TRUE(proof.ok());
        EXPECT_EQ(to_hex(proof->encode()), p.at("proof").get<std::string>());

        auto encoded = from_hex(p.at("proof").get<std::string>());
        ASSERT_TRUE(encoded);
        auto decoded = smt::Proof::decode(*encoded);
        ASSERT_TRUE(decoded.ok());
        auto got = smt::verify_proof(root, key_hash, *decoded);
        ASSERT_TRUE(got.ok()) << got.error().to_string();
        if (p.at("present").get<bool>()) {
            ASSERT_TRUE(got->has_value());
            EXPECT_EQ(to_hex(**got), p.at("value_hash").get<std::string>());
        } else {
            EXPECT_FALSE(got->has_value());
        }
    }
}

}  // namespace
}  // namespace azora::ledger
