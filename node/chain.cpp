// The node's chain database: a kernel Chain over LevelDB in the data dir.
#include "node/chain.hpp"

#include "core/reasons.hpp"

namespace azora::node {

namespace {

// Builds the genesis database beside its final place and renames it in only when complete, so
// a crash during the very first start leaves nothing that looks like a chain.
Result<void> initialise_db(const std::filesystem::path& db_dir, const genesis::Genesis& genesis) {
    std::filesystem::path staging = db_dir;
    staging += ".init";
    std::error_code ec;
    std::filesystem::remove_all(staging, ec);
    {
        ledger::LevelDbOptions options;
        options.create_if_missing = true;
        AZORA_ASSIGN(auto db, ledger::open_leveldb(staging.string(), options));
        AZORA_TRY(Chain::initialise(*db, genesis));
    }
    std::filesystem::rename(staging, db_dir, ec);
    if (ec) {
        return Error::internal("storage_io", "cannot move " + staging.string() + " to " +
                                                 db_dir.string() + ": " + ec.message());
    }
    return {};
}

}  // namespace

Result<std::unique_ptr<Chain>> open_chain_db(const std::filesystem::path& db_dir,
                                             const genesis::Genesis& genesis,
                                             const ChainOptions& options) {
    if (options.state_versions_kept == 0) {
        return Error::malformed("bad_config", "state_versions_kept must be at least 1");
    }
    std::error_code ec;
    if (!std::filesystem::exists(db_dir, ec)) {
        AZORA_TRY(initialise_db(db_dir, genesis));
    }
    // LevelDB would report a directory without CURRENT as "does not exist"; say what is wrong.
    if (!std::filesystem::exists(db_dir / "CURRENT", ec)) {
        const bool empty = std::filesystem::is_empty(db_dir, ec) && !ec;
        return Error::internal(
            "storage_corrupt",
            db_dir.string() +
                (empty ? " is empty" : " has no CURRENT file (the LevelDB manifest pointer)") +
                ": the chain database is missing or damaged; refusing to start rather than "
                "create a new chain in its place");
    }
    AZORA_ASSIGN(auto db, ledger::open_leveldb(db_dir.string(), ledger::LevelDbOptions{}));
    auto chain = Chain::open(std::move(db), genesis, options);
    if (!chain && chain.error().is(reasons::kStorageCorrupt)) {
        return Error::internal("storage_corrupt", db_dir.string() + ": " + chain.error().message);
    }
    return chain;
}

}  // namespace azora::node
