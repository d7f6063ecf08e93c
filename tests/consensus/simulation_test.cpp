// Randomised simulation of n = 3f + 1 RoundMachines with up to f Byzantine validators over a
// lossy, reordering network that becomes synchronous at GST (see sim/simulator.hpp).
//
// Every run is a function of its seed. To rerun one seed with a trace of every event:
//   AZORA_SIM_SEED=N AZORA_SIM_TRACE=1 ./build/tests/consensus_tests --gtest_filter=Simulation.X
// AZORA_SIM_SEEDS=M runs M seeds per configuration instead of the default (soak runs).

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>

#include "sim/crypto_cache.hpp"
#include "sim/scenario.hpp"
#include "sim/simulator.hpp"

namespace azora::consensus::sim {
namespace {

std::optional<uint64_t> env_u64(const char* name) {
    const char* v = std::getenv(name);
    if (v == nullptr || *v == '\0') {
        return std::nullopt;
    }
    return std::strtoull(v, nullptr, 10);
}

struct Totals {
    uint64_t seeds = 0;
    uint64_t failures = 0;
    uint64_t commits = 0;
    uint64_t max_round = 0;
    uint64_t events = 0;
    uint64_t forgeries = 0;
    uint64_t equivocations = 0;
    uint64_t dropped = 0;
    uint64_t restarts = 0;
    uint64_t refused = 0;            // signatures a restarted node's signing state refused
    uint64_t worst_liveness_ms = 0;  // longest virtual time from GST to K commits everywhere
};

Totals run_seeds(const std::string& test,
                 size_t n,
                 bool equal,
                 uint64_t first,
                 uint64_t count,
                 Profile profile = Profile::broad) {
    CryptoCache crypto;
    const bool trace = std::getenv("AZORA_SIM_TRACE") != nullptr;
    if (auto c = env_u64("AZORA_SIM_SEEDS")) {
        count = *c;
    }
    auto one = env_u64("AZORA_SIM_SEED");
    const uint64_t begin = one ? *one : first;
    const uint64_t end = one ? *one + 1 : first + count;

    Totals t;
    const auto started = std::chrono::steady_clock::now();
    for (uint64_t seed = begin; seed < end; ++seed) {
        const Scenario s = make_scenario(seed, n, equal, profile);
        const Outcome o = run_scenario(s, crypto, trace);
        ++t.seeds;
        t.commits += o.commits_checked;
        t.max_round = std::max<uint64_t>(t.max_round, o.max_round);
        t.events += o.events;
        t.forgeries += o.forgeries_rejected;
        t.equivocations += o.equivocations_reported;
        t.dropped += o.dropped;
        t.restarts += o.restarts;
        t.refused += o.signatures_refused;
        if (o.ok) {
            const uint64_t took = o.end_time_ms > s.gst_ms ? o.end_time_ms - s.gst_ms : 0;
            t.worst_liveness_ms = std::max(t.worst_liveness_ms, took);
        }
        if (!o.ok) {
            ++t.failures;
            ADD_FAILURE() << "seed=" << seed << "\n  " << describe(s) << "\n  " << o.failure
                          << "\n  rerun: AZORA_SIM_SEED=" << seed
                          << " AZORA_SIM_TRACE=1 ./build/tests/consensus_tests"
                          << " --gtest_filter=Simulation." << test;
            if (t.failures >= 5) {
                break;
            }
        }
    }
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
            .count();
    std::printf(
        "[ sim      ] %s: %llu seeds from %llu, %llu failed; %llu honest commits verified, "
        "max commit round %llu, %llu events, %llu drops, %llu forgeries rejected, "
        "%llu equivocations reported, %llu restarts (%llu signatures refused); slowest "
        "GST-to-liveness %llu ms (bound %llu); "
        "%llu real signs, %llu real verifies; %.0f ms\n",
        test.c_str(), static_cast<unsigned long long>(t.seeds),
        static_cast<unsigned long long>(begin), static_cast<unsigned long long>(t.failures),
        static_cast<unsigned long long>(t.commits), static_cast<unsigned long long>(t.max_round),
        static_cast<unsigned long long>(t.events), static_cast<unsigned long long>(t.dropped),
        static_cast<unsigned long long>(t.forgeries),
        static_cast<unsigned long long>(t.equivocations),
        static_cast<unsigned long long>(t.restarts), static_cast<unsigned long long>(t.refused),
        static_cast<unsigned long long>(t.worst_liveness_ms),
        static_cast<unsigned long long>(make_scenario(begin, n, equal, profile).liveness_bound_ms),
        static_cast<unsigned long long>(crypto.real_signs()),
        static_cast<unsigned long long>(crypto.real_verifies()), ms);
    return t;
}

// The full runs must also have exercised the Byzantine paths they claim to test.
void expect_coverage(const Totals& t, bool forgers = true) {
    if (t.seeds < 50) {
        return;  // a single-seed rerun
    }
    if (forgers) {
        EXPECT_GT(t.forgeries, 0u) << "no forged message was ever rejected";
    }
    EXPECT_GT(t.equivocations, 0u) << "no equivocation was ever reported";
    EXPECT_GT(t.max_round, 0u) << "every height was decided in round 0";
    EXPECT_GT(t.dropped, 0u);
    EXPECT_GT(t.restarts, 0u) << "no honest validator ever restarted";
    EXPECT_GT(t.refused, 0u) << "no restarted validator was ever kept from signing";
}

TEST(Simulation, FourEqualValidators) {
    expect_coverage(run_seeds("FourEqualValidators", 4, true, 1, 400));
}

TEST(Simulation, FourUnequalValidators) {
    expect_coverage(run_seeds("FourUnequalValidators", 4, false, 100'001, 250));
}

TEST(Simulation, SevenEqualValidators) {
    expect_coverage(run_seeds("SevenEqualValidators", 7, true, 200'001, 200));
}

TEST(Simulation, SevenUnequalValidators) {
    expect_coverage(run_seeds("SevenUnequalValidators", 7, false, 300'001, 150));
}

TEST(Simulation, LockStressFourValidators) {
    expect_coverage(
        run_seeds("LockStressFourValidators", 4, true, 400'001, 300, Profile::lock_stress),
        /*forgers=*/false);
}

TEST(Simulation, SameSeedSameRun) {
    CryptoCache crypto;
    const Scenario s = make_scenario(42, 7, false);
    const Outcome a = run_scenario(s, crypto);
    const Outcome b = run_scenario(s, crypto);
    EXPECT_TRUE(a.ok) << a.failure;
    EXPECT_EQ(a.events, b.events);
    EXPECT_EQ(a.end_time_ms, b.end_time_ms);
    EXPECT_EQ(a.sent, b.sent);
    EXPECT_EQ(a.max_height, b.max_height);
    EXPECT_EQ(a.commits_checked, b.commits_checked);
}

TEST(Simulation, ScenarioKeepsByzantinePowerBelowOneThird) {
    for (uint64_t seed = 0; seed < 500; ++seed) {
        for (size_t n : {4u, 7u}) {
            const Scenario s = make_scenario(seed, n, seed % 2 == 0);
            uint64_t total = 0;
            uint64_t byz = 0;
            size_t byz_count = 0;
            for (size_t i = 0; i < n; ++i) {
                total += s.powers[i];
                if (s.behaviours[i] != Behaviour::honest) {
                    byz += s.powers[i];
                    ++byz_count;
                }
            }
            EXPECT_LT(byz * 3, total) << describe(s);
            EXPECT_LE(byz_count, (n - 1) / 3) << describe(s);
        }
    }
}

}  // namespace
}  // namespace azora::consensus::sim
