#include "scenario.hpp"

#include <algorithm>
#include <numeric>
#include <random>
#include <sstream>

namespace azora::consensus::sim {

const char* to_string(Behaviour b) {
    switch (b) {
        case Behaviour::honest:
            return "honest";
        case Behaviour::withhold:
            return "withhold";
        case Behaviour::equivocate:
            return "equivocate";
        case Behaviour::invalid_votes:
            return "invalid_votes";
        case Behaviour::forge:
            return "forge";
        case Behaviour::fork:
            return "fork";
        case Behaviour::twins:
            return "twins";
    }
    return "?";
}

Scenario make_scenario(uint64_t seed, size_t n, bool equal_powers, Profile profile) {
    const bool stress = profile == Profile::lock_stress;
    std::mt19937_64 rng(seed);
    auto uniform = [&rng](uint64_t lo, uint64_t hi) {
        return std::uniform_int_distribution<uint64_t>(lo, hi)(rng);
    };
    Scenario s;
    s.seed = seed;
    for (size_t i = 0; i < n; ++i) {
        s.powers.push_back(equal_powers ? 1 : uniform(1, 10));
    }
    const uint64_t total = std::accumulate(s.powers.begin(), s.powers.end(), uint64_t{0});

    // Up to f Byzantine validators (usually exactly f), dropping the strongest until their
    // power is below 1/3.
    const size_t f = (n - 1) / 3;
    size_t count = !stress && uniform(0, 3) == 0 ? uniform(0, f) : f;
    std::vector<uint32_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::shuffle(order.begin(), order.end(), rng);
    std::vector<uint32_t> byz(order.begin(), order.begin() + static_cast<ptrdiff_t>(count));
    auto byz_power = [&] {
        uint64_t p = 0;
        for (uint32_t i : byz) {
            p += s.powers[i];
        }
        return p;
    };
    while (!byz.empty() && byz_power() * 3 >= total) {
        auto strongest = std::max_element(byz.begin(), byz.end(), [&](uint32_t a, uint32_t b) {
            return s.powers[a] < s.powers[b];
        });
        byz.erase(strongest);
    }
    s.behaviours.assign(n, Behaviour::honest);
    for (uint32_t i : byz) {
        static constexpr Behaviour kStress[] = {Behaviour::fork, Behaviour::twins,
                                                Behaviour::equivocate};
        s.behaviours[i] = stress ? kStress[uniform(0, 2)] : static_cast<Behaviour>(uniform(1, 6));
    }

    s.gst_ms = uniform(0, 10'000);
    s.drop_rate = static_cast<double>(uniform(0, 40)) / 100.0;
    s.duplicate_rate = static_cast<double>(uniform(0, 30)) / 100.0;
    s.max_delay_before_gst_ms = uniform(50, 4'000);
    s.max_delay_after_gst_ms = uniform(20, 300);
    s.worst_case_after_gst = uniform(0, 2) == 0;
    s.vote_censorship = uniform(0, 2) == 0;
    const bool twins =
        std::find(s.behaviours.begin(), s.behaviours.end(), Behaviour::twins) != s.behaviours.end();
    if (twins || uniform(0, 1) == 0) {
        s.partition_period_ms = uniform(500, 5'000);
        s.cross_partition_drop_rate = static_cast<double>(uniform(50, 100)) / 100.0;
    }
    s.max_execution_ms = uniform(0, 50);
    s.invalid_block_per_256 = static_cast<uint32_t>(uniform(0, 32));
    s.liveness_heights = 3;
    s.liveness_bound_ms = 120'000;

    // Timeouts from short (rounds churn before GST and the first rounds after it time out
    // before a message can cross) to comfortable; linear growth restores liveness after GST.
    s.machine.timeout_propose_ms = uniform(100, 1'500);
    s.machine.timeout_propose_delta_ms = uniform(20, 500);
    s.machine.timeout_prevote_ms = uniform(20, 600);
    s.machine.timeout_prevote_delta_ms = uniform(20, 500);
    s.machine.timeout_precommit_ms = uniform(20, 400);
    s.machine.timeout_precommit_delta_ms = uniform(20, 300);
    if (stress) {
        s.machine.timeout_propose_ms = uniform(600, 1'500);
        s.machine.timeout_prevote_ms = uniform(20, 400);
        s.machine.timeout_precommit_ms = uniform(20, 150);
    }

    // Drawn last, so the draws above are those of the scenarios from before restarts existed.
    std::vector<uint32_t> honest;
    for (uint32_t i = 0; i < n; ++i) {
        if (s.behaviours[i] == Behaviour::honest) {
            honest.push_back(i);
        }
    }
    if (!honest.empty() && uniform(0, 1) == 0) {
        if (uniform(0, 3) == 0) {
            // A power cut: every honest validator at once, so no one remembers the round.
            const uint64_t time = uniform(0, s.gst_ms);
            for (const uint32_t who : honest) {
                s.restarts.push_back(CrashRestart{time, who});
            }
        } else {
            const uint64_t count = uniform(1, 3);
            for (uint64_t k = 0; k < count; ++k) {
                const uint64_t time = uniform(0, s.gst_ms);
                const auto who = honest[uniform(0, honest.size() - 1)];
                s.restarts.push_back(CrashRestart{time, who});
            }
        }
        std::sort(
            s.restarts.begin(), s.restarts.end(),
            [](const CrashRestart& a, const CrashRestart& b) { return a.time_ms < b.time_ms; });
    }
    return s;
}

namespace {

// SplitMix64 finaliser over the inputs: a stable pseudo-random function, independent of the
// run's random stream.
uint64_t mix(uint64_t a, uint64_t b, uint64_t c, uint64_t d) {
    uint64_t x = a * 0x9e3779b97f4a7c15ull + b * 0xbf58476d1ce4e5b9ull + c * 0x94d049bb133111ebull +
                 d * 0xd6e8feb86659fd93ull;
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ull;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebull;
    x ^= x >> 31;
    return x;
}

}  // namespace

int partition_side(const Scenario& s, uint32_t node, uint64_t time_ms) {
    if (s.partition_period_ms == 0) {
        return 0;
    }
    return static_cast<int>(mix(s.seed, time_ms / s.partition_period_ms, node, 1) & 1);
}

int twin_side(const Scenario& s, uint32_t node_id, uint64_t time_ms) {
    // The network partition when there is one, so each twin lives inside one side of it.
    return s.partition_period_ms == 0 ? static_cast<int>(mix(s.seed, 0, node_id, 3) & 1)
                                      : partition_side(s, node_id, time_ms);
}

bool vote_favoured(
    const Scenario& s, uint32_t node, uint64_t height, uint32_t round, VoteType type) {
    return mix(s.seed, height, round, node * 4 + static_cast<uint64_t>(type) + 2) % 2 == 0;
}

std::string describe(const Scenario& s) {
    std::ostringstream o;
    o << "seed=" << s.seed << " powers=[";
    for (size_t i = 0; i < s.powers.size(); ++i) {
        o << (i ? "," : "") << s.powers[i];
    }
    o << "] byzantine=[";
    bool first = true;
    for (size_t i = 0; i < s.behaviours.size(); ++i) {
        if (s.behaviours[i] != Behaviour::honest) {
            o << (first ? "" : ",") << i << ":" << to_string(s.behaviours[i]);
            first = false;
        }
    }
    o << "] gst=" << s.gst_ms << "ms drop=" << s.drop_rate << " dup=" << s.duplicate_rate
      << " delay<=" << s.max_delay_before_gst_ms << "ms delta=" << s.max_delay_after_gst_ms
      << (s.worst_case_after_gst ? "(fixed)" : "")
      << "ms partition_period=" << s.partition_period_ms
      << "ms cross_drop=" << s.cross_partition_drop_rate << " censor=" << s.vote_censorship
      << " exec<=" << s.max_execution_ms << "ms invalid=" << s.invalid_block_per_256
      << "/256 timeouts=" << s.machine.timeout_propose_ms << "+"
      << s.machine.timeout_propose_delta_ms << "r," << s.machine.timeout_prevote_ms << "+"
      << s.machine.timeout_prevote_delta_ms << "r," << s.machine.timeout_precommit_ms << "+"
      << s.machine.timeout_precommit_delta_ms << "r restarts=[";
    for (size_t i = 0; i < s.restarts.size(); ++i) {
        o << (i ? "," : "") << s.restarts[i].validator << "@" << s.restarts[i].time_ms << "ms";
    }
    o << "]";
    return o.str();
}

}  // namespace azora::consensus::sim
