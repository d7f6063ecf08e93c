// Crash safety: kill -9 while the node is committing blocks full of transfers; after a
// restart every commit seen before the kill is still there and no block is half-applied.
#include <algorithm>
#include <csignal>
#include <cstdio>
#include <map>

#include "genesis/dev.hpp"
#include "tests/integration/helpers.hpp"
#include "tests/support/poll.hpp"

namespace azora::test {
namespace {

using nlohmann::json;

constexpr size_t kSenders = genesis::kDevAccountCount;
constexpr uint64_t kTxsPerSender = 40;   // 200 in all
constexpr uint64_t kWaveSize = 2;        // per sender: 20 waves of 10 txs
constexpr uint64_t kKillAfterWave = 15;  // waves 0..15 are sent before the kill

struct Planned {
    size_t sender = 0;
    size_t recipient = 0;
    uint64_t nonce = 0;
    uint64_t amount = 0;
    ledger::Tx tx;
    std::string hash;
};

struct Location {
    uint64_t height = 0;
    uint64_t index = 0;
    uint64_t gas_used = 0;
};

// tx_get for every hash (in batches the server accepts); committed ones with where they are.
Result<std::map<std::string, Location>> committed_now(rpc::Client& client,
                                                      const std::vector<Planned>& txs) {
    std::map<std::string, Location> out;
    constexpr size_t kBatch = 100;
    for (size_t i = 0; i < txs.size(); i += kBatch) {
        std::vector<rpc::BatchCall> calls;
        for (size_t j = i; j < std::min(txs.size(), i + kBatch); ++j) {
            calls.push_back({"tx_get", json::array({txs[j].hash})});
        }
        AZORA_ASSIGN(auto answers, client.batch(calls));
        for (size_t j = 0; j < answers.size(); ++j) {
            if (!answers[j]) {
                return answers[j].error();
            }
            const json& a = *answers[j];
            if (a.at("status") == "committed") {
                out[txs[i + j].hash] = {a.at("height").get<uint64_t>(),
                                        a.at("index").get<uint64_t>(),
                                        a.at("receipt").at("gas_used").get<uint64_t>()};
            }
        }
    }
    return out;
}

// tx_submit of each, in order, in batches the server accepts; fails on the first refusal.
Result<void> submit_all(rpc::Client& client, const std::vector<const Planned*>& txs) {
    constexpr size_t kBatch = 100;
    for (size_t i = 0; i < txs.size(); i += kBatch) {
        std::vector<rpc::BatchCall> calls;
        for (size_t j = i; j < std::min(txs.size(), i + kBatch); ++j) {
            calls.push_back({"tx_submit", json::array({to_hex(txs[j]->tx.encode())})});
        }
        AZORA_ASSIGN(auto answers, client.batch(calls));
        for (size_t j = 0; j < answers.size(); ++j) {
            if (!answers[j]) {
                return Error::rejected(answers[j].error().reason,
                                       "tx_submit of nonce " + std::to_string(txs[i + j]->nonce) +
                                           ": " + answers[j].error().to_string());
            }
        }
    }
    return {};
}

// Checks the whole ledger against the set of committed transfers: each account's nonce,
// balance and the supply, with fees to the validator.
void expect_ledger_matches(rpc::Client& client,
                           const std::vector<Planned>& plan,
                           const std::map<std::string, Location>& committed,
                           uint64_t supply) {
    const auto dev = genesis::dev_accounts();
    std::vector<uint64_t> expected_balance(kSenders, genesis::kDevAccountBalance);
    std::vector<uint64_t> expected_nonce(kSenders, 0);
    std::vector<uint64_t> committed_count(kSenders, 0);
    uint64_t fees = 0;
    for (const Planned& p : plan) {
        auto it = committed.find(p.hash);
        if (it == committed.end()) {
            continue;
        }
        expected_balance[p.sender] -= p.amount + it->second.gas_used;
        expected_balance[p.recipient] += p.amount;
        expected_nonce[p.sender] = std::max(expected_nonce[p.sender], p.nonce + 1);
        ++committed_count[p.sender];
        fees += it->second.gas_used;
    }
    uint64_t total = 0;
    for (size_t i = 0; i < kSenders; ++i) {
        ASSERT_OK_ASSIGN(Account a, get_account(client, address_of(dev[i].key)));
        EXPECT_EQ(a, (Account{expected_balance[i], expected_nonce[i]})) << dev[i].name;
        // Committed nonces have no gaps: 0 .. nonce-1, each once.
        EXPECT_EQ(committed_count[i], expected_nonce[i]) << dev[i].name;
        total += a.balance;
    }
    ASSERT_OK_ASSIGN(Account validator,
                     get_account(client, address_of(genesis::dev_validator_key())));
    EXPECT_EQ(validator.balance, fees);
    total += validator.balance;
    ASSERT_OK_ASSIGN(uint64_t supply_now, get_supply(client));
    EXPECT_EQ(supply_now, supply);
    EXPECT_EQ(total, supply);
}

// 200 transfers from dev0..dev4 (consecutive nonces, each to the next account), streamed
// into a node one wave per block.
class CrashSafety : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(node.start());
        ASSERT_OK_ASSIGN(supply, get_supply(node.rpc()));
        const auto dev = genesis::dev_accounts();
        for (size_t s = 0; s < kSenders; ++s) {
            for (uint64_t n = 0; n < kTxsPerSender; ++n) {
                Planned p;
                p.sender = s;
                p.recipient = (s + 1) % kSenders;
                p.nonce = n;
                p.amount = 1'000 + 100 * s + n;
                p.tx = make_transfer(dev[s].key, n,
                                     Address::from_pubkey(dev[p.recipient].key.public_key()),
                                     p.amount);
                p.hash = to_hex(p.tx.hash());
                plan.push_back(std::move(p));
            }
        }
    }

    std::vector<const Planned*> wave(uint64_t w) const {
        std::vector<const Planned*> out;
        for (const Planned& p : plan) {
            if (p.nonce / kWaveSize == w) {
                out.push_back(&p);
            }
        }
        return out;
    }

    // Sends waves 0..kKillAfterWave-1 one per block interval, so blocks keep carrying
    // transfers, then wave kKillAfterWave without waiting, and records what is committed and
    // the height right after: the moment to crash or stop the node.
    void stream_then_observe() {
        for (uint64_t w = 0; w < kKillAfterWave; ++w) {
            ASSERT_OK_ASSIGN(json info, node.rpc().call("node_info"));
            ASSERT_OK(submit_all(node.rpc(), wave(w)));
            ASSERT_TRUE(node.wait_for_height(info.at("height").get<uint64_t>() + 1));
        }
        ASSERT_OK(submit_all(node.rpc(), wave(kKillAfterWave)));
        ASSERT_OK_ASSIGN(seen, committed_now(node.rpc(), plan));
        ASSERT_OK_ASSIGN(json info, node.rpc().call("node_info"));
        last_height = info.at("height").get<uint64_t>();
        // Most of the stream was committed before the end, or the test proves little.
        ASSERT_GE(seen.size(), kSenders * kWaveSize * (kKillAfterWave - 2));
    }

    // Restarts on the same data dir and checks that everything seen committed is still there,
    // at the same place, that no block is partly applied, and that the node carries on.
    void restart_and_check() {
        ASSERT_TRUE(node.start());
        rpc::Client& client = node.rpc();
        ASSERT_OK_ASSIGN(json restarted, client.call("node_info"));
        const uint64_t head = restarted.at("height").get<uint64_t>();
        EXPECT_GE(head, last_height);

        ASSERT_OK_ASSIGN(auto after, committed_now(client, plan));
        for (const auto& [hash, loc] : seen) {
            auto it = after.find(hash);
            ASSERT_NE(it, after.end())
                << "tx " << hash << " committed at " << loc.height << " before the stop is gone";
            EXPECT_EQ(it->second.height, loc.height) << hash;
            EXPECT_EQ(it->second.index, loc.index) << hash;
        }
        // Every nonce, balance and the supply follow from exactly the committed transfers.
        expect_ledger_matches(client, plan, after, supply);
        if (HasFatalFailure()) {
            return;
        }
        // Blocks are whole: each block holds exactly the committed txs that point into it.
        std::map<uint64_t, size_t> per_block;
        for (const auto& [hash, loc] : after) {
            EXPECT_LE(loc.height, head) << hash;
            ++per_block[loc.height];
        }
        for (const auto& [height, count] : per_block) {
            ASSERT_OK_ASSIGN(json block, client.call("chain_getBlock", json::array({height})));
            EXPECT_EQ(block.at("txs").size(), count) << "block " << height;
        }

        // It keeps going: new blocks, and the transfers lost with the mempool (sent again)
        // and those never sent go through, in nonce order.
        ASSERT_TRUE(node.wait_for_height(head + 2));
        std::vector<const Planned*> rest;
        for (const Planned& p : plan) {
            if (!after.contains(p.hash)) {
                rest.push_back(&p);
            }
        }
        if (!rest.empty()) {
            ASSERT_OK(submit_all(client, rest));
        }
        std::map<std::string, Location> all;
        ASSERT_TRUE(poll_until(
            [&] {
                auto c = committed_now(client, plan);
                if (c) {
                    all = std::move(c).value();
                }
                return all.size() == plan.size();
            },
            kCommitTimeout))
            << all.size() << " of " << plan.size() << " committed after the restart";
        expect_ledger_matches(client, plan, all, supply);
        EXPECT_TRUE(node.stop());
    }

    void report(const char* how) const {
        std::printf("[          ] %s at height %llu with %zu of %zu txs seen committed\n", how,
                    static_cast<unsigned long long>(last_height), seen.size(), plan.size());
    }

    DevNode node{dev_node_options()};
    uint64_t supply = 0;
    std::vector<Planned> plan;
    std::map<std::string, Location> seen;
    uint64_t last_height = 0;
};

TEST_F(CrashSafety, KillDashNineWhileCommittingLosesNothingCommitted) {
    stream_then_observe();
    ASSERT_FALSE(HasFatalFailure());
    const ExitStatus killed = node.kill9();
    EXPECT_FALSE(killed.exited) << killed.to_string();
    EXPECT_EQ(killed.signal, SIGKILL);
    report("killed");
    restart_and_check();
}

TEST_F(CrashSafety, SigtermWhileCommittingExitsCleanly) {
    stream_then_observe();
    ASSERT_FALSE(HasFatalFailure());
    ASSERT_TRUE(node.stop());
    report("stopped");
    restart_and_check();
}

}  // namespace
}  // namespace azora::test
