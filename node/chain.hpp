#pragma once

#include <filesystem>
#include <memory>

#include "genesis/genesis.hpp"
#include "node/chain/chain.hpp"

namespace azora::node {

using chain::Chain;
using chain::ChainOptions;
using chain::ProposedBlock;
using chain::TxCandidate;
using chain::VerifiedCommit;

/// Opens the node's chain: the kernel's Chain over the LevelDB database in `db_dir`, owning it.
/// A directory that does not exist is initialised from `genesis` (built beside it and renamed
/// in when complete); an existing one must hold this genesis and pass the integrity check,
/// otherwise this fails with a clear reason (it never resets data).
Result<std::unique_ptr<Chain>> open_chain_db(const std::filesystem::path& db_dir,
                                             const genesis::Genesis& genesis,
                                             const ChainOptions& options);

}  // namespace azora::node
