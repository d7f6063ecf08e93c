#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "consensus/round_machine_options.hpp"
#include "consensus/vote.hpp"

namespace azora::consensus::sim {

/// The chain id of every simulated run.
inline constexpr std::string_view kSimChainId = "azora-sim-1";

/// How a simulated validator behaves.
enum class Behaviour : uint8_t {
    honest,
    withhold,       ///< silent: sends nothing, ever
    equivocate,     ///< different proposals and votes to different peers, votes in future rounds
    invalid_votes,  ///< proposes blocks the app rejects and prevotes/precommits them
    forge,          ///< votes honestly, plus messages claiming to come from other validators
    fork,           ///< prevotes and precommits every proposal it sees, proposes two blocks
    twins,          ///< two honest copies with the same key, each talking to one side of a
                    ///< (shifting) split of the other nodes ("Twins", Bano et al. 2020)
};

const char* to_string(Behaviour b);

/// An honest validator crashes at `time_ms` (before GST) and restarts at once: its round
/// machine and every message it held are lost; what it signed survives (its signing state,
/// with its lock and the height's votes, and the locked block, as the node keeps them).
struct CrashRestart {
    uint64_t time_ms = 0;
    uint32_t validator = 0;
};

/// One simulated run, fully determined by its fields (drawn from a seed by make_scenario).
struct Scenario {
    uint64_t seed = 0;
    std::vector<uint64_t> powers;          ///< voting power per validator
    std::vector<Behaviour> behaviours;     ///< per validator; Byzantine power < 1/3 of the total
    uint64_t gst_ms = 0;                   ///< global stabilisation time (virtual)
    double drop_rate = 0;                  ///< before GST: chance a message is lost
    double duplicate_rate = 0;             ///< before GST: chance a message arrives twice
    uint64_t max_delay_before_gst_ms = 0;  ///< before GST: delay uniform in [0, this]
    uint64_t max_delay_after_gst_ms = 0;   ///< after GST: delay uniform in [1, this] (Δ)
    bool worst_case_after_gst = false;     ///< after GST every message takes exactly Δ
    uint64_t partition_period_ms = 0;      ///< before GST: nodes split into two groups, redrawn
                                           ///< every period (0 = no partitions)
    double cross_partition_drop_rate = 0;  ///< chance a message between the groups is lost
    bool vote_censorship = false;          ///< before GST, the prevotes and the precommits of each
                                   ///< (height, round) reach only a seed-chosen subset of nodes
    uint64_t max_execution_ms = 0;       ///< a block's verdict comes within this
    uint32_t invalid_block_per_256 = 0;  ///< share of honest blocks the app rule rejects
    uint32_t liveness_heights = 0;       ///< K: commits each honest node needs after GST
    uint64_t liveness_bound_ms = 0;      ///< ... within this much virtual time after GST
    RoundMachineOptions machine;         ///< timeouts (chain id set by the simulator)
    std::vector<CrashRestart> restarts;  ///< of honest validators, in time order
};

/// The side (0 or 1) of node `node` in the partition in force at `time_ms` before GST.
int partition_side(const Scenario& s, uint32_t node, uint64_t time_ms);

/// The side (0 or 1) a node is on for twins at `time_ms`: its partition_side() (fixed for the
/// run without partitions).
int twin_side(const Scenario& s, uint32_t node_id, uint64_t time_ms);

/// Whether votes of `type` at (height, round) reach node `node` before GST under censorship.
bool vote_favoured(
    const Scenario& s, uint32_t node, uint64_t height, uint32_t round, VoteType type);

/// Which region of the parameter space a scenario is drawn from.
enum class Profile : uint8_t {
    broad,        ///< every behaviour and network condition
    lock_stress,  ///< f Byzantine voters for several values (fork, twins, equivocate), short
                  ///< prevote/precommit and long propose timeouts: nodes leave a round holding
                  ///< different locks, where a broken lock turns into a second polka or a fork
};

/// Draws a scenario for `n` = 3f + 1 validators from `seed`: equal powers (all 1) or random
/// powers 1..10, up to f Byzantine validators holding less than 1/3 of the power with random
/// behaviours, random network conditions before GST, and in half the scenarios crash restarts
/// before GST: 1 to 3 of single honest validators or (a quarter of those) of every honest
/// validator at once.
Scenario make_scenario(uint64_t seed,
                       size_t n,
                       bool equal_powers,
                       Profile profile = Profile::broad);

/// One line: seed, powers, behaviours, network parameters.
std::string describe(const Scenario& s);

}  // namespace azora::consensus::sim
