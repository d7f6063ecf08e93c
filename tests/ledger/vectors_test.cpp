// Golden vectors in tests/vectors/*.json, computed independently by tests/vectors/generate.py
// (pure Python from docs/protocol.md). Each case is built from its fields, encoded, hashed and
// signed here and compared byte for byte; each expected encoding is decoded back and re-encoded.

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/address.hpp"
#include "core/encoding.hpp"
#include "core/hash.hpp"
#include "core/keys.hpp"
#include "ledger/block.hpp"
#include "ledger/commit.hpp"
#include "ledger/evidence.hpp"
#include "ledger/header.hpp"
#include "ledger/limits.hpp"
#include "ledger/merkle.hpp"
#include "ledger/receipt.hpp"
#include "ledger/tx.hpp"

namespace azora::ledger {
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

Bytes bytes_of(const json& j) {
    auto b = from_hex(j.get<std::string>());
    EXPECT_TRUE(b.has_value()) << j;
    return b.value_or(Bytes{});
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

PrivateKey key_of(const json& j) {
    auto key = PrivateKey::from_bytes(fixed_of<32>(j));
    EXPECT_TRUE(key.ok());
    return std::move(key).value();
}

Tx tx_of(const json& fields, const PubKey& sender) {
    Tx tx;
    tx.version = fields["version"].get<uint32_t>();
    tx.chain_id = fields["chain_id"].get<std::string>();
    tx.sender = sender;
    tx.nonce = u64_of(fields["nonce"]);
    tx.gas_limit = u64_of(fields["gas_limit"]);
    tx.gas_price = u64_of(fields["gas_price"]);
    tx.expires_at_height = u64_of(fields["expires_at_height"]);
    tx.module = fields["module"].get<uint16_t>();
    tx.action = fields["action"].get<uint16_t>();
    tx.payload = bytes_of(fields["payload"]);
    return tx;
}

Header header_of(const json& j) {
    Header h;
    h.version = j["version"].get<uint32_t>();
    h.chain_id = j["chain_id"].get<std::string>();
    h.height = u64_of(j["height"]);
    h.time_ms = u64_of(j["time_ms"]);
    h.parent = fixed_of<32>(j["parent"]);
    h.tx_root = fixed_of<32>(j["tx_root"]);
    h.evidence_root = fixed_of<32>(j["evidence_root"]);
    h.receipts_root = fixed_of<32>(j["receipts_root"]);
    h.state_root = fixed_of<32>(j["state_root"]);
    h.validators_hash = fixed_of<32>(j["validators_hash"]);
    h.next_validators_hash = fixed_of<32>(j["next_validators_hash"]);
    h.proposer.bytes = fixed_of<20>(j["proposer"]);
    return h;
}

DuplicateVoteEvidence evidence_of(const json& j) {
    DuplicateVoteEvidence e;
    e.vote_type = j["vote_type"].get<uint8_t>();
    e.height = u64_of(j["height"]);
    e.round = j["round"].get<uint32_t>();
    e.validator_index = j["validator_index"].get<uint32_t>();
    e.validator = fixed_of<32>(j["validator"]);
    e.block_hash_a = fixed_of<32>(j["block_hash_a"]);
    e.sig_a = fixed_of<64>(j["sig_a"]);
    e.block_hash_b = fixed_of<32>(j["block_hash_b"]);
    e.sig_b = fixed_of<64>(j["sig_b"]);
    return e;
}

Receipt receipt_of(const json& j) {
    Receipt r;
    r.status = j["status"] == "success" ? TxStatus::success : TxStatus::failed;
    r.gas_used = u64_of(j["gas_used"]);
    r.error = j["error"].get<std::string>();
    for (const auto& e : j["events"]) {
        Event ev;
        ev.module = e["module"].get<uint16_t>();
        ev.type = e["type"].get<std::string>();
        for (const auto& kv : e["attributes"]) {
            ev.attributes.emplace_back(kv[0].get<std::string>(), kv[1].get<std::string>());
        }
        r.events.push_back(std::move(ev));
    }
    return r;
}

// Checks that every "invalid" entry fails `decode` with the listed reason.
template <typename F>
void expect_invalid(const json& vectors, F&& decode) {
    ASSERT_FALSE(vectors["invalid"].empty());
    for (const auto& c : vectors["invalid"]) {
        SCOPED_TRACE(c["name"].get<std::string>());
        auto r = decode(bytes_of(c["hex"]));
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().reason, c["reason"].get<std::string>());
        EXPECT_EQ(r.error().kind, ErrorKind::malformed);
    }
}

TEST(Vectors, Hashes) {
    json v = load("hash.json");
    ASSERT_FALSE(v["sha256"].empty());
    for (const auto& c : v["sha256"]) {
        EXPECT_EQ(to_hex(sha256(bytes_of(c["input"]))), c["hash"]);
    }
    ASSERT_FALSE(v["tagged"].empty());
    for (const auto& c : v["tagged"]) {
        EXPECT_EQ(to_hex(tagged_hash(c["tag"].get<std::string>(), bytes_of(c["input"]))), c["hash"])
            << c["tag"];
    }
    // Every tag the code defines has a vector.
    for (std::string_view tag :
         {tags::kTx, tags::kBlock, tags::kVote, tags::kLeaf, tags::kNode, tags::kAddr,
          tags::kTxRoot, tags::kReceiptRoot, tags::kReceipt, tags::kValidators, tags::kGenesis,
          tags::kCredential, tags::kEvidence, tags::kEvidenceRoot}) {
        bool found = false;
        for (const auto& c : v["tagged"]) {
            found |= c["tag"] == tag;
        }
        EXPECT_TRUE(found) << tag;
    }
}

TEST(Vectors, Transactions) {
    json v = load("tx.json");
    ASSERT_GE(v["cases"].size(), 3u);
    for (const auto& c : v["cases"]) {
        SCOPED_TRACE(c["name"].get<std::string>());
        const json& want = c["expected"];
        PrivateKey key = key_of(c["secret_key"]);
        EXPECT_EQ(to_hex(key.public_key()), want["pubkey"]);

        Address addr = Address::from_pubkey(key.public_key());
        EXPECT_EQ(to_hex(addr.bytes), want["address"]);
        EXPECT_EQ(addr.to_string(kTestnetHrp), want["address_text"]);
        EXPECT_EQ(addr.to_string(kMainnetHrp), want["address_text_mainnet"]);
        auto parsed = Address::parse(want["address_text"].get<std::string>(), kTestnetHrp);
        ASSERT_TRUE(parsed.ok());
        EXPECT_EQ(*parsed, addr);

        Tx tx = tx_of(c["fields"], key.public_key());
        // Token payloads, laid out as docs/protocol.md "Token module" says.
        if (c.contains("transfer")) {
            const json& t = c["transfer"];
            Writer w;
            w.fixed_bytes(fixed_of<20>(t["to"]));
            w.u64(u64_of(t["amount"]));
            EXPECT_EQ(w.data(), tx.payload);
            auto to = Address::parse(t["to_text"].get<std::string>());
            ASSERT_TRUE(to.ok());
            EXPECT_EQ(to_hex(to->bytes), t["to"]);
        }
        if (c.contains("multi_transfer")) {
            Writer w;
            w.varint(c["multi_transfer"].size());
            for (const auto& o : c["multi_transfer"]) {
                w.fixed_bytes(fixed_of<20>(o["to"]));
                w.u64(u64_of(o["amount"]));
            }
            EXPECT_EQ(w.data(), tx.payload);
        }

        EXPECT_EQ(to_hex(tx.encode_unsigned()), want["unsigned"]);
        EXPECT_EQ(to_hex(tx.signing_hash()), want["signing_hash"]);
        EXPECT_EQ(to_hex(key.sign(tx.signing_hash(), fixed_of<32>(c["aux"]))), want["signature"]);
        tx.sign(key);
        EXPECT_EQ(to_hex(tx.signature), want["signature"]);
        EXPECT_TRUE(tx.verify_signature());
        EXPECT_EQ(to_hex(tx.encode()), want["encoded"]);
        EXPECT_EQ(to_hex(tx.hash()), want["hash"]);

        auto decoded = Tx::decode(bytes_of(want["encoded"]));
        ASSERT_TRUE(decoded.ok()) << decoded.error().to_string();
        EXPECT_EQ(*decoded, tx);
        EXPECT_EQ(to_hex(decoded->encode()), want["encoded"]);
        EXPECT_EQ(to_hex(decoded->hash()), want["hash"]);
    }
    expect_invalid(v, [](const Bytes& b) { return Tx::decode(b); });

    Bytes oversize(limits::kTxMax + 1, 0);
    auto r = Tx::decode(oversize);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().reason, "tx_too_large");
}

TEST(Vectors, HeadersAndBlocks) {
    json v = load("header.json");
    json txv = load("tx.json");
    json rv = load("receipt.json");
    json ev = load("evidence.json");
    ASSERT_FALSE(v["cases"].empty());
    for (const auto& c : v["cases"]) {
        SCOPED_TRACE(c["name"].get<std::string>());
        const json& want = c["expected"];
        Header h = header_of(c["header"]);
        EXPECT_EQ(to_hex(h.encode()), want["encoded"]);
        EXPECT_EQ(to_hex(h.hash()), want["hash"]);
        auto decoded = Header::decode(bytes_of(want["encoded"]));
        ASSERT_TRUE(decoded.ok()) << decoded.error().to_string();
        EXPECT_EQ(*decoded, h);

        Block block{h, {}, {}};
        std::vector<Hash32> tx_hashes;
        for (const auto& index : c["block_txs"]) {
            auto tx =
                Tx::decode(bytes_of(txv["cases"][index.get<size_t>()]["expected"]["encoded"]));
            ASSERT_TRUE(tx.ok());
            tx_hashes.push_back(tx->hash());
            block.txs.push_back(std::move(tx).value());
        }
        EXPECT_EQ(compute_tx_root(tx_hashes), h.tx_root);
        for (const auto& index : c["block_evidence"]) {
            block.evidence.push_back(evidence_of(ev["cases"][index.get<size_t>()]["evidence"]));
        }
        EXPECT_EQ(compute_evidence_root(block.evidence), h.evidence_root);
        if (!block.txs.empty()) {
            EXPECT_EQ(to_hex(h.receipts_root), rv["receipts_root"]);
        }
        EXPECT_EQ(to_hex(block.encode()), want["block_encoded"]);
        EXPECT_EQ(to_hex(block.hash()), want["hash"]);
        auto decoded_block = Block::decode(bytes_of(want["block_encoded"]));
        ASSERT_TRUE(decoded_block.ok()) << decoded_block.error().to_string();
        EXPECT_EQ(*decoded_block, block);
    }
    expect_invalid(v, [](const Bytes& b) { return Header::decode(b); });
}

TEST(Vectors, Evidence) {
    json v = load("evidence.json");
    ASSERT_FALSE(v["cases"].empty());
    std::vector<Evidence> all;
    for (const auto& c : v["cases"]) {
        SCOPED_TRACE(c["name"].get<std::string>());
        const DuplicateVoteEvidence e = evidence_of(c["evidence"]);
        EXPECT_EQ(to_hex(e.encode()), c["expected"]["encoded"]);
        EXPECT_EQ(to_hex(e.hash()), c["expected"]["hash"]);
        auto decoded = DuplicateVoteEvidence::decode(bytes_of(c["expected"]["encoded"]));
        ASSERT_TRUE(decoded.ok()) << decoded.error().to_string();
        EXPECT_EQ(*decoded, e);
        all.push_back(e);
    }
    EXPECT_EQ(to_hex(compute_evidence_root(all)), v["evidence_root"]);
    expect_invalid(v, [](const Bytes& b) { return DuplicateVoteEvidence::decode(b); });
}

TEST(Vectors, Commits) {
    json v = load("commit.json");
    ASSERT_FALSE(v["cases"].empty());
    for (const auto& c : v["cases"]) {
        SCOPED_TRACE(c["name"].get<std::string>());
        Commit commit;
        commit.height = u64_of(c["height"]);
        commit.round = c["round"].get<uint32_t>();
        commit.block_hash = fixed_of<32>(c["block_hash"]);
        for (const auto& s : c["signatures"]) {
            commit.signatures.push_back(
                {s["validator_index"].get<uint32_t>(), fixed_of<64>(s["signature"])});
        }
        EXPECT_EQ(to_hex(commit.encode()), c["expected"]["encoded"]);
        auto decoded = Commit::decode(bytes_of(c["expected"]["encoded"]));
        ASSERT_TRUE(decoded.ok()) << decoded.error().to_string();
        EXPECT_EQ(*decoded, commit);
    }
    expect_invalid(v, [](const Bytes& b) { return Commit::decode(b); });
}

TEST(Vectors, Receipts) {
    json v = load("receipt.json");
    ASSERT_FALSE(v["cases"].empty());
    std::vector<Receipt> all;
    for (const auto& c : v["cases"]) {
        SCOPED_TRACE(c["name"].get<std::string>());
        Receipt r = receipt_of(c);
        EXPECT_EQ(to_hex(r.encode()), c["expected"]["encoded"]);
        EXPECT_EQ(to_hex(r.hash()), c["expected"]["hash"]);
        auto decoded = Receipt::decode(bytes_of(c["expected"]["encoded"]));
        ASSERT_TRUE(decoded.ok()) << decoded.error().to_string();
        EXPECT_EQ(*decoded, r);
        all.push_back(std::move(r));
    }
    EXPECT_EQ(to_hex(compute_receipts_root(all)), v["receipts_root"]);
    expect_invalid(v, [](const Bytes& b) { return Receipt::decode(b); });
}

TEST(Vectors, ListRoots) {
    json v = load("merkle.json");
    ASSERT_FALSE(v["cases"].empty());
    for (const auto& c : v["cases"]) {
        std::vector<Hash32> leaves;
        for (const auto& leaf : c["leaves"]) {
            leaves.push_back(fixed_of<32>(leaf));
        }
        EXPECT_EQ(to_hex(list_root(c["tag"].get<std::string>(), leaves)), c["root"])
            << c["tag"] << " with " << leaves.size() << " leaves";
    }
}

}  // namespace
}  // namespace azora::ledger
