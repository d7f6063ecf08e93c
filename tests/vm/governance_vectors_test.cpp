// Golden vectors for the governance module (docs/protocol.md section 19), computed
// independently by tests/vectors/generate.py (module_vectors.py).

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "core/bytes.hpp"
#include "vm/modules/governance/messages.hpp"
#include "vm/modules/governance/records.hpp"
#include "vm/modules/governance/state.hpp"

namespace azora::vm::governance {
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

Bytes hex(const json& j) {
    auto b = from_hex(j.get<std::string>());
    EXPECT_TRUE(b.has_value()) << j;
    return b.value_or(Bytes{});
}

Address addr(const json& j) {
    auto b = fixed_from_hex<20>(j.get<std::string>());
    EXPECT_TRUE(b.has_value()) << j;
    return Address{b.value_or(std::array<uint8_t, 20>{})};
}

uint64_t u64(const json& j) {
    return std::stoull(j.get<std::string>());
}

ProposalKind kind_of(const json& j) {
    for (auto k : {ProposalKind::admit_issuer, ProposalKind::suspend_issuer,
                   ProposalKind::reinstate_issuer}) {
        if (to_string(k) == j.get<std::string>()) {
            return k;
        }
    }
    ADD_FAILURE() << "unknown kind " << j;
    return ProposalKind::admit_issuer;
}

TEST(GovernanceVectors, Payloads) {
    const json v = load("governance.json");
    ASSERT_GE(v["payloads"].size(), 4u);
    for (const auto& c : v["payloads"]) {
        SCOPED_TRACE(c["name"].get<std::string>());
        const json& f = c["fields"];
        if (c["action"] == kPropose) {
            Propose p{kind_of(f["kind"]), addr(f["target"]), f["name"], f["url"]};
            EXPECT_EQ(to_hex(p.encode()), c["encoded"]);
            auto back = Propose::decode(hex(c["encoded"]));
            ASSERT_TRUE(back.ok()) << back.error().to_string();
            EXPECT_EQ(to_hex(back->encode()), c["encoded"]);
        } else {
            Approve a{u64(f["proposal_id"])};
            EXPECT_EQ(to_hex(a.encode()), c["encoded"]);
            auto back = Approve::decode(hex(c["encoded"]));
            ASSERT_TRUE(back.ok());
            EXPECT_EQ(back->proposal_id, a.proposal_id);
        }
    }
    for (const auto& c : v["invalid_payloads"]) {
        SCOPED_TRACE(c["name"].get<std::string>());
        const Bytes in = hex(c["hex"]);
        const Error e =
            c["action"] == kPropose ? Propose::decode(in).error() : Approve::decode(in).error();
        EXPECT_EQ(e.reason, "decode_error");
    }
}

TEST(GovernanceVectors, Council) {
    const json v = load("governance.json");
    const json& c = v["council"];
    Council council;
    for (const auto& m : c["members"]) {
        council.members.push_back(addr(m));
    }
    council.threshold = u64(c["threshold"]);
    council.proposal_ttl_blocks = u64(c["proposal_ttl_blocks"]);
    EXPECT_EQ(to_hex(council.encode()), c["encoded"]);
    auto back = Council::decode(hex(c["encoded"]));
    ASSERT_TRUE(back.ok()) << back.error().to_string();
    EXPECT_EQ(*back, council);
    EXPECT_EQ(to_hex(council_key()), c["key"]);
    EXPECT_EQ(to_hex(next_proposal_id_key()), v["next_proposal_id_key"]);
    ASSERT_FALSE(v["invalid_councils"].empty());
    for (const auto& bad : v["invalid_councils"]) {
        SCOPED_TRACE(bad["name"].get<std::string>());
        auto r = Council::decode(hex(bad["hex"]));
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().reason, "decode_error");
    }
}

TEST(GovernanceVectors, Proposals) {
    const json v = load("governance.json");
    ASSERT_FALSE(v["proposals"].empty());
    for (const auto& c : v["proposals"]) {
        SCOPED_TRACE(c["name"].get<std::string>());
        const json& f = c["fields"];
        Proposal p;
        p.id = u64(f["id"]);
        p.kind = kind_of(f["kind"]);
        p.target = addr(f["target"]);
        p.name = f["name"];
        p.url = f["url"];
        p.proposer = addr(f["proposer"]);
        for (const auto& a : f["approvals"]) {
            p.approvals.push_back(addr(a));
        }
        p.created_height = u64(f["created_height"]);
        p.expires_height = u64(f["expires_height"]);
        p.status = f["status"] == "open" ? ProposalStatus::open : ProposalStatus::executed;
        EXPECT_EQ(to_hex(p.encode()), c["encoded"]);
        auto back = Proposal::decode(hex(c["encoded"]));
        ASSERT_TRUE(back.ok()) << back.error().to_string();
        EXPECT_EQ(*back, p);
        EXPECT_EQ(to_hex(proposal_key(p.id)), c["key"]);
    }
    for (const auto& bad : v["invalid_proposals"]) {
        SCOPED_TRACE(bad["name"].get<std::string>());
        auto r = Proposal::decode(hex(bad["hex"]));
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().reason, "decode_error");
    }
}

}  // namespace
}  // namespace azora::vm::governance
