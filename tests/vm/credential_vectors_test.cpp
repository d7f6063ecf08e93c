// Golden vectors for the credential module (docs/protocol.md section 18), computed
// independently by tests/vectors/generate.py (module_vectors.py): payload and record encodings,
// state keys, credential ids, inputs that must not decode, and verdicts.

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "core/bytes.hpp"
#include "vm/modules/credential/messages.hpp"
#include "vm/modules/credential/records.hpp"
#include "vm/modules/credential/state.hpp"
#include "vm/modules/credential/verdict.hpp"

namespace azora::vm::credential {
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

template <size_t N>
std::array<uint8_t, N> fixed(const json& j) {
    auto b = fixed_from_hex<N>(j.get<std::string>());
    EXPECT_TRUE(b.has_value()) << j;
    return b.value_or(std::array<uint8_t, N>{});
}

Address addr(const json& j) {
    return Address{fixed<20>(j)};
}

uint64_t u64(const json& j) {
    return std::stoull(j.get<std::string>());
}

IssuerStatus status(const json& j) {
    return j == "active" ? IssuerStatus::active : IssuerStatus::suspended;
}

Credential credential_of(const json& f) {
    Credential c{fixed<32>(f["id"]), addr(f["issuer"]),   addr(f["holder"]),
                 f["class"],         f["title"],          fixed<32>(f["metadata_hash"]),
                 f["metadata_uri"],  u64(f["issued_at"]), u64(f["expires_at"]),
                 f["transferable"],  std::nullopt};
    if (!f["revocation"].is_null()) {
        const json& r = f["revocation"];
        c.revocation = Revocation{u64(r["height"]), u64(r["time_ms"]), r["reason"]};
    }
    return c;
}

Issuer issuer_of(const json& f) {
    Issuer i{addr(f["address"]), f["name"], f["url"], status(f["status"]), {}};
    for (const auto& h : f["history"]) {
        i.history.push_back({status(h["status"]), u64(h["height"])});
    }
    return i;
}

// Decodes `encoded` as the payload of `action` and re-encodes it.
Result<Bytes> round_trip(int action, ByteView encoded) {
    auto again = [](const auto& decoded) -> Result<Bytes> {
        if (!decoded) {
            return decoded.error();
        }
        return decoded->encode();
    };
    switch (action) {
        case kMint:
            return again(Mint::decode(encoded));
        case kBatchMint:
            return again(BatchMint::decode(encoded));
        case kRevoke:
            return again(Revoke::decode(encoded));
        case kTransfer:
            return again(Transfer::decode(encoded));
    }
    return Error::malformed("unknown_action");
}

TEST(CredentialVectors, Payloads) {
    const json v = load("credential.json");
    ASSERT_GE(v["payloads"].size(), 5u);
    for (const auto& c : v["payloads"]) {
        SCOPED_TRACE(c["name"].get<std::string>());
        const Bytes encoded = hex(c["encoded"]);
        auto back = round_trip(c["action"], encoded);
        ASSERT_TRUE(back.ok()) << back.error().to_string();
        EXPECT_EQ(to_hex(*back), c["encoded"]);
    }
    // The fields too, built from the JSON and encoded by the code.
    const json& f = v["payloads"][0]["fields"];
    Mint m{addr(f["holder"]), f["class"],           f["title"],       fixed<32>(f["metadata_hash"]),
           f["metadata_uri"], u64(f["expires_at"]), f["transferable"]};
    EXPECT_EQ(to_hex(m.encode()), v["payloads"][0]["encoded"]);

    const json& b = v["payloads"][2]["fields"];
    BatchMint batch{
        b["class"], b["title"], u64(b["expires_at"]), b["transferable"], b["metadata_uri_prefix"],
        {}};
    for (const auto& item : b["items"]) {
        batch.items.push_back(
            {addr(item["holder"]), fixed<32>(item["metadata_hash"]), item["metadata_uri_suffix"]});
    }
    EXPECT_EQ(to_hex(batch.encode()), v["payloads"][2]["encoded"]);

    const json& r = v["payloads"][3]["fields"];
    EXPECT_EQ(to_hex(Revoke{fixed<32>(r["id"]), r["reason"]}.encode()),
              v["payloads"][3]["encoded"]);
    const json& t = v["payloads"][4]["fields"];
    EXPECT_EQ(to_hex(Transfer{fixed<32>(t["id"]), addr(t["to"])}.encode()),
              v["payloads"][4]["encoded"]);
}

TEST(CredentialVectors, InvalidPayloads) {
    const json v = load("credential.json");
    ASSERT_FALSE(v["invalid_payloads"].empty());
    for (const auto& c : v["invalid_payloads"]) {
        SCOPED_TRACE(c["name"].get<std::string>());
        auto r = round_trip(c["action"], hex(c["hex"]));
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().reason, "decode_error");
    }
}

TEST(CredentialVectors, Records) {
    const json v = load("credential.json")["records"];
    ASSERT_FALSE(v["credentials"].empty());
    for (const auto& c : v["credentials"]) {
        SCOPED_TRACE(c["name"].get<std::string>());
        const Credential want = credential_of(c["fields"]);
        EXPECT_EQ(to_hex(want.encode()), c["encoded"]);
        auto back = Credential::decode(hex(c["encoded"]));
        ASSERT_TRUE(back.ok()) << back.error().to_string();
        EXPECT_EQ(*back, want);
        EXPECT_EQ(to_hex(credential_key(want.id)), c["key"]);
        EXPECT_EQ(to_hex(holder_index_key(want.holder, want.id)), c["holder_index_key"]);
        EXPECT_EQ(to_hex(issuer_index_key(want.issuer, want.id)), c["issuer_index_key"]);
    }
    ASSERT_FALSE(v["issuers"].empty());
    for (const auto& c : v["issuers"]) {
        SCOPED_TRACE(c["name"].get<std::string>());
        const Issuer want = issuer_of(c["fields"]);
        EXPECT_EQ(to_hex(want.encode()), c["encoded"]);
        auto back = Issuer::decode(hex(c["encoded"]));
        ASSERT_TRUE(back.ok()) << back.error().to_string();
        EXPECT_EQ(*back, want);
        EXPECT_EQ(to_hex(issuer_key(want.address)), c["key"]);
    }
    for (const auto& c : v["invalid_issuers"]) {
        SCOPED_TRACE(c["name"].get<std::string>());
        auto r = Issuer::decode(hex(c["hex"]));
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().reason, "decode_error");
    }
    for (const auto& c : v["invalid_credentials"]) {
        SCOPED_TRACE(c["name"].get<std::string>());
        auto r = Credential::decode(hex(c["hex"]));
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().reason, "decode_error");
    }
}

TEST(CredentialVectors, Ids) {
    const json v = load("credential.json");
    ASSERT_FALSE(v["ids"].empty());
    for (const auto& c : v["ids"]) {
        EXPECT_EQ(to_hex(credential_id(addr(c["issuer"]), fixed<32>(c["tx_hash"]),
                                       c["index"].get<uint32_t>())),
                  c["id"]);
    }
}

TEST(CredentialVectors, Verdicts) {
    const json v = load("credential.json");
    ASSERT_GE(v["verdicts"].size(), 7u);
    for (const auto& c : v["verdicts"]) {
        SCOPED_TRACE(c["name"].get<std::string>());
        std::optional<Credential> cred;
        std::optional<Issuer> issuer;
        std::optional<Hash32> document;
        if (!c["credential"].is_null()) {
            auto r = Credential::decode(hex(c["credential"]));
            ASSERT_TRUE(r.ok());
            cred = *r;
        }
        if (!c["issuer"].is_null()) {
            auto r = Issuer::decode(hex(c["issuer"]));
            ASSERT_TRUE(r.ok());
            issuer = *r;
        }
        if (!c["document_hash"].is_null()) {
            document = fixed<32>(c["document_hash"]);
        }
        const Verdict got = verdict(cred ? &*cred : nullptr, issuer ? &*issuer : nullptr,
                                    u64(c["now_ms"]), document);
        EXPECT_EQ(to_string(got), c["verdict"].get<std::string>());
    }
}

}  // namespace
}  // namespace azora::vm::credential
