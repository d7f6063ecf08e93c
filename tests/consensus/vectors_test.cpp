// Golden vectors for consensus (docs/protocol.md section 16), computed independently by
// tests/vectors/generate.py: vote.json (VoteData encoding, signing hash, signature),
// validators.json (validator set hash and quorum), commit_verify.json (verify_commit) and
// evidence.json (verify_evidence, make_evidence).

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "consensus/commit_verifier.hpp"
#include "consensus/evidence.hpp"
#include "consensus/validator_set.hpp"
#include "consensus/vote.hpp"
#include "core/bytes.hpp"
#include "core/keys.hpp"
#include "ledger/commit.hpp"

namespace azora::consensus {
namespace {

using nlohmann::json;

json load(const std::string& name) {
    std::ifstream in(std::string(AZORA_TEST_VECTORS) + "/" + name);
    if (!in) {
        ADD_FAILURE() << "cannot open " << name;
        return json::object();
    }
    return json::parse(in);
}

template <size_t N>
std::array<uint8_t, N> fixed_of(const json& j) {
    auto a = fixed_from_hex<N>(j.get<std::string>());
    EXPECT_TRUE(a.has_value()) << j;
    return a.value_or(std::array<uint8_t, N>{});
}

// u64 fields are decimal strings so JSON readers need no 64-bit integers.
uint64_t u64_of(const json& j) {
    return std::stoull(j.get<std::string>());
}

std::vector<std::pair<PubKey, uint64_t>> members_of(const json& validators) {
    std::vector<std::pair<PubKey, uint64_t>> out;
    for (const auto& v : validators) {
        out.emplace_back(fixed_of<32>(v.at("pubkey")), u64_of(v.at("power")));
    }
    return out;
}

TEST(ConsensusVectors, Votes) {
    const json j = load("vote.json");
    ASSERT_FALSE(j.value("cases", json::array()).empty());
    for (const auto& c : j.at("cases")) {
        SCOPED_TRACE(c.at("name").get<std::string>());
        const json& v = c.at("vote");
        const json& want = c.at("expected");
        VoteData data;
        data.type = static_cast<VoteType>(v.at("type").get<uint8_t>());
        data.chain_id = v.at("chain_id").get<std::string>();
        data.height = u64_of(v.at("height"));
        data.round = v.at("round").get<uint32_t>();
        data.block_hash = fixed_of<32>(v.at("block_hash"));

        EXPECT_EQ(to_hex(data.encode()), want.at("encoded").get<std::string>());
        EXPECT_EQ(to_hex(data.signing_hash()), want.at("signing_hash").get<std::string>());

        auto key = PrivateKey::from_bytes(fixed_of<32>(c.at("secret_key")));
        ASSERT_TRUE(key.ok());
        EXPECT_EQ(to_hex(key->public_key()), want.at("pubkey").get<std::string>());
        const Signature sig = sign_vote(*key, data);
        EXPECT_EQ(to_hex(sig), want.at("signature").get<std::string>());
        const Signature expected_sig = fixed_of<64>(want.at("signature"));
        EXPECT_TRUE(verify_vote(key->public_key(), data, expected_sig));

        // The signature binds every field.
        VoteData other = data;
        other.type = data.type == VoteType::prevote ? VoteType::precommit : VoteType::prevote;
        EXPECT_FALSE(verify_vote(key->public_key(), other, expected_sig));
        other = data;
        other.round ^= 1;
        EXPECT_FALSE(verify_vote(key->public_key(), other, expected_sig));
        other = data;
        other.chain_id += "x";
        EXPECT_FALSE(verify_vote(key->public_key(), other, expected_sig));
    }
}

TEST(ConsensusVectors, ValidatorSets) {
    const json j = load("validators.json");
    ASSERT_FALSE(j.value("cases", json::array()).empty());
    for (const auto& c : j.at("cases")) {
        SCOPED_TRACE(c.at("name").get<std::string>());
        auto set = ValidatorSet::create(members_of(c.at("validators")));
        ASSERT_TRUE(set.ok()) << set.error().to_string();
        const json& want = c.at("expected");
        EXPECT_EQ(to_hex(set->hash()), want.at("hash").get<std::string>());
        EXPECT_EQ(set->total_power(), u64_of(want.at("total_power")));
        EXPECT_EQ(set->quorum_power(), u64_of(want.at("quorum_power")));
        // The hash covers membership and order only, not the proposer rotation state.
        set->advance_proposer(3);
        EXPECT_EQ(to_hex(set->hash()), want.at("hash").get<std::string>());
    }
    ASSERT_FALSE(j.value("invalid", json::array()).empty());
    for (const auto& c : j.at("invalid")) {
        SCOPED_TRACE(c.at("name").get<std::string>());
        auto set = ValidatorSet::create(members_of(c.at("validators")));
        ASSERT_FALSE(set.ok());
        EXPECT_EQ(set.error().reason, c.at("reason").get<std::string>());
    }
}

std::map<std::string, ValidatorSet> vector_sets() {
    const json sets_json = load("validators.json");
    std::map<std::string, ValidatorSet> sets;
    for (const auto& c : sets_json.at("cases")) {
        auto set = ValidatorSet::create(members_of(c.at("validators")));
        EXPECT_TRUE(set.ok());
        if (set.ok()) {
            sets.emplace(c.at("name").get<std::string>(), std::move(set).value());
        }
    }
    return sets;
}

TEST(ConsensusVectors, CommitVerification) {
    const std::map<std::string, ValidatorSet> sets = vector_sets();

    const json j = load("commit_verify.json");
    const std::string chain_id = j.at("chain_id").get<std::string>();
    const uint64_t height = u64_of(j.at("height"));
    const Hash32 block_hash = fixed_of<32>(j.at("block_hash"));
    ASSERT_FALSE(j.value("cases", json::array()).empty());
    for (const auto& c : j.at("cases")) {
        SCOPED_TRACE(c.at("name").get<std::string>());
        const json& cj = c.at("commit");
        ledger::Commit commit;
        commit.height = u64_of(cj.at("height"));
        commit.round = cj.at("round").get<uint32_t>();
        commit.block_hash = fixed_of<32>(cj.at("block_hash"));
        for (const auto& s : cj.at("signatures")) {
            commit.signatures.push_back(
                {s.at("validator_index").get<uint32_t>(), fixed_of<64>(s.at("signature"))});
        }
        EXPECT_EQ(to_hex(commit.encode()), cj.at("encoded").get<std::string>());

        auto set = sets.find(c.at("validator_set").get<std::string>());
        ASSERT_NE(set, sets.end());
        auto r = verify_commit(set->second, chain_id, height, block_hash, commit);
        if (c.at("expected").at("valid").get<bool>()) {
            EXPECT_TRUE(r.ok()) << r.error().to_string();
        } else {
            ASSERT_FALSE(r.ok());
            EXPECT_EQ(r.error().reason, c.at("expected").at("reason").get<std::string>());
        }
    }
}

// make_commit over the vector keys' precommits yields a commit verify_commit accepts, with
// exactly the signatures of commit_verify.json (signing is deterministic).
TEST(ConsensusVectors, MakeCommitMatchesVectors) {
    const json j = load("commit_verify.json");
    const std::string chain_id = j.at("chain_id").get<std::string>();
    const uint64_t height = u64_of(j.at("height"));
    const Hash32 block_hash = fixed_of<32>(j.at("block_hash"));
    std::vector<PrivateKey> keys;
    for (const auto& k : j.at("validator_secret_keys")) {
        auto key = PrivateKey::from_bytes(fixed_of<32>(k));
        ASSERT_TRUE(key.ok());
        keys.push_back(std::move(key).value());
    }
    const json* three = nullptr;
    for (const auto& c : j.at("cases")) {
        if (c.at("name") == "three_of_four") {
            three = &c;
        }
    }
    ASSERT_NE(three, nullptr);
    const uint32_t round = three->at("commit").at("round").get<uint32_t>();
    std::vector<Vote> votes;
    for (uint32_t i : {2u, 0u, 1u}) {  // any order: make_commit sorts by index
        VoteData data{VoteType::precommit, chain_id, height, round, block_hash};
        votes.push_back({data, i, sign_vote(keys[i], data)});
    }
    const ledger::Commit commit = make_commit(height, round, block_hash, votes);
    EXPECT_EQ(to_hex(commit.encode()), three->at("commit").at("encoded").get<std::string>());
}

TEST(ConsensusVectors, EvidenceVerification) {
    const std::map<std::string, ValidatorSet> sets = vector_sets();
    const json j = load("evidence.json");
    const std::string chain_id = j.at("chain_id").get<std::string>();
    auto set = sets.find(j.at("validator_set").get<std::string>());
    ASSERT_NE(set, sets.end());
    ASSERT_FALSE(j.value("cases", json::array()).empty());
    for (const auto& c : j.at("cases")) {
        SCOPED_TRACE(c.at("name").get<std::string>());
        auto ev = ledger::DuplicateVoteEvidence::decode(
            *from_hex(c.at("expected").at("encoded").get<std::string>()));
        ASSERT_TRUE(ev.ok()) << ev.error().to_string();
        auto r = verify_evidence(set->second, chain_id, *ev);
        if (c.at("expected").at("valid").get<bool>()) {
            EXPECT_TRUE(r.ok()) << r.error().to_string();
        } else {
            ASSERT_FALSE(r.ok());
            EXPECT_EQ(r.error().reason, c.at("expected").at("reason").get<std::string>());
            EXPECT_EQ(r.error().kind, ErrorKind::malformed);
        }
    }
}

// make_evidence over two votes signed with the vector keys yields exactly the valid cases of
// evidence.json (signing is deterministic), in whichever order the votes arrive.
TEST(ConsensusVectors, MakeEvidenceMatchesVectors) {
    const std::map<std::string, ValidatorSet> sets = vector_sets();
    const json keys_json = load("commit_verify.json").at("validator_secret_keys");
    const json j = load("evidence.json");
    const std::string chain_id = j.at("chain_id").get<std::string>();
    const ValidatorSet& set = sets.at(j.at("validator_set").get<std::string>());
    size_t checked = 0;
    for (const auto& c : j.at("cases")) {
        if (!c.at("expected").at("valid").get<bool>()) {
            continue;
        }
        SCOPED_TRACE(c.at("name").get<std::string>());
        const json& e = c.at("evidence");
        const uint32_t index = e.at("validator_index").get<uint32_t>();
        auto key = PrivateKey::from_bytes(fixed_of<32>(keys_json.at(index)));
        ASSERT_TRUE(key.ok());
        auto vote_for = [&](const char* field) {
            VoteData d{static_cast<VoteType>(e.at("vote_type").get<uint8_t>()), chain_id,
                       u64_of(e.at("height")), e.at("round").get<uint32_t>(),
                       fixed_of<32>(e.at(field))};
            return Vote{d, index, sign_vote(*key, d)};
        };
        const Vote a = vote_for("block_hash_a");
        const Vote b = vote_for("block_hash_b");
        for (const auto& [first, second] : {std::pair(a, b), std::pair(b, a)}) {
            auto made = make_evidence(first, second, set);
            ASSERT_TRUE(made.ok()) << made.error().to_string();
            EXPECT_EQ(to_hex(made->encode()), c.at("expected").at("encoded").get<std::string>());
        }
        ++checked;
    }
    EXPECT_EQ(checked, 3u);
}

}  // namespace
}  // namespace azora::consensus
