// The verifier against a lying node (issue 4 point 5): a proxy in front of a real azorad
// rewrites credential_verify answers, and `azora-wallet verify` must refuse each lie with its
// own reason while accepting the honest node's answer.
#include <fstream>

#include "tests/integration/helpers.hpp"
#include "tests/support/lying_proxy.hpp"
#include "tests/support/poll.hpp"

namespace azora::test {
namespace {

using nlohmann::json;

std::filesystem::path write_password_file(const std::filesystem::path& dir) {
    const auto path = dir / "password";
    std::ofstream(path) << "unused by --dev keys\n";
    return path;
}

/// Flips the lowest bit of the last byte of a hex string.
std::string flip_last_byte(std::string hex) {
    char& c = hex.back();
    c = c == '0' ? '1' : '0';
    return hex;
}

class LyingNode : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(m_node.start());
        m_password = write_password_file(m_node.work_dir());
        m_proxy = std::make_unique<LyingProxy>(m_node.port());
    }

    WalletRun wallet(const std::string& rpc_url, const std::vector<std::string>& args) {
        std::vector<std::string> all{"--dev"};
        all.insert(all.end(), args.begin(), args.end());
        return run_wallet(m_node.work_dir(), rpc_url, m_node.work_dir() / "keystore", m_password,
                          all);
    }

    /// Issues a badge from dev1 to dev2 with the real wallet; sets its id.
    void issue(std::string* id) {
        auto issued = wallet(m_node.url(), {"credential", "issue", "--from", "dev1", "--to", "dev2",
                                            "--class", "badge", "--title", "T"});
        ASSERT_TRUE(issued.run.status.success()) << issued.run.out << issued.run.err;
        ASSERT_TRUE(issued.json.is_object() && issued.json.contains("id")) << issued.run.out;
        *id = issued.json.at("id").get<std::string>();
    }

    /// verify through the proxy with `tamper`: must fail with `reason`.
    void expect_refused(const std::string& id,
                        LyingProxy::Tamper tamper,
                        const std::string& reason) {
        m_proxy->set_tamper(std::move(tamper));
        const int before = m_proxy->tampered();
        auto v = wallet(m_proxy->url(), {"verify", id});
        EXPECT_EQ(m_proxy->tampered(), before + 1) << "the proxy did not see credential_verify";
        EXPECT_FALSE(v.run.status.success()) << v.run.out;
        ASSERT_TRUE(v.json.is_object() && v.json.contains("error"))
            << v.run.out << "\nstderr: " << v.run.err;
        EXPECT_EQ(v.json.at("error").at("reason"), reason) << v.json.dump();
    }

    DevNode m_node{dev_node_options()};
    std::filesystem::path m_password;
    std::unique_ptr<LyingProxy> m_proxy;  // declared after the node: stopped first
};

TEST_F(LyingNode, EveryLieIsRefusedWithItsOwnReason) {
    std::string valid_id, revoked_id;
    ASSERT_NO_FATAL_FAILURE(issue(&valid_id));
    ASSERT_NO_FATAL_FAILURE(issue(&revoked_id));
    auto revoked = wallet(
        m_node.url(), {"credential", "revoke", "--from", "dev1", revoked_id, "--reason", "test"});
    ASSERT_TRUE(revoked.run.status.success()) << revoked.run.out << revoked.run.err;

    // The honest node: valid exits 0, revoked exits 1 with the proven verdict. The newest
    // block with a commit may trail the wallet's commit, so poll until the proofs show both.
    WalletRun honest, honest_revoked;
    ASSERT_TRUE(poll_until(
        [&] {
            honest = wallet(m_node.url(), {"verify", valid_id});
            honest_revoked = wallet(m_node.url(), {"verify", revoked_id});
            return honest.json.value("verdict", "") == "valid" &&
                   honest_revoked.json.value("verdict", "") == "revoked";
        },
        kCommitTimeout, std::chrono::milliseconds(100)))
        << honest.run.out << honest.run.err << honest_revoked.run.out << honest_revoked.run.err;
    EXPECT_TRUE(honest.run.status.success()) << honest.run.out << honest.run.err;
    EXPECT_FALSE(honest_revoked.run.status.success()) << honest_revoked.run.out;

    // The proxy itself is transparent without a tamper function.
    auto through = wallet(m_proxy->url(), {"verify", valid_id});
    EXPECT_TRUE(through.run.status.success()) << through.run.out << through.run.err;
    EXPECT_EQ(through.json.value("verdict", ""), "valid") << through.run.out;

    expect_refused(
        revoked_id, [](json& r) { r["verdict"] = "valid"; }, "verdict_mismatch");
    expect_refused(
        valid_id,
        [](json& r) {
            auto& value = r["bundle"]["credential_proof"]["value"];
            value = flip_last_byte(value.get<std::string>());
        },
        "tampered_value");
    expect_refused(
        valid_id,
        [](json& r) {
            auto& proof = r["bundle"]["credential_proof"]["proof"];
            proof = flip_last_byte(proof.get<std::string>());  // the last sibling hash
        },
        "bad_proof");
    expect_refused(
        valid_id,
        [](json& r) {
            auto& key = r["bundle"]["credential_proof"]["key"];
            key = flip_last_byte(key.get<std::string>());
        },
        "wrong_key");
    expect_refused(
        valid_id, [](json& r) { r.erase("bundle"); }, "bad_bundle");
}

}  // namespace
}  // namespace azora::test
