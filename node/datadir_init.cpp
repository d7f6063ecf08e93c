#include "node/datadir_init.hpp"

#include <vector>

#include "core/bytes.hpp"
#include "core/reasons.hpp"
#include "node/key_file.hpp"
#include "node/new_file.hpp"
#include "node/options.hpp"

namespace azora::node {
namespace {

bool exists_or_dangling(const std::filesystem::path& path) {
    std::error_code ec;
    return std::filesystem::symlink_status(path, ec).type() !=
           std::filesystem::file_type::not_found;
}

}  // namespace

Result<void> write_datadir(const std::filesystem::path& dir, const DatadirContents& contents) {
    for (const char* key : {kNodeKeyFileName, kValidatorKeyFileName}) {
        if (exists_or_dangling(dir / key)) {
            return Error::from(reasons::kKeyFileExists, (dir / key).string() +
                                                            " already exists; a key is never "
                                                            "overwritten");
        }
    }
    std::vector<const char*> files = {kConfigFileName};
    if (contents.genesis) {
        files.push_back(kGenesisFileName);
    }
    for (const char* name : files) {
        if (exists_or_dangling(dir / name)) {
            return Error::from(reasons::kFileExists, (dir / name).string() + " already exists");
        }
    }
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (!ec) {
        std::filesystem::permissions(dir, std::filesystem::perms::owner_all,
                                     std::filesystem::perm_options::replace, ec);
    }
    if (ec) {
        return Error::from(reasons::kDatadir,
                           "cannot create " + dir.string() + ": " + ec.message());
    }
    AZORA_TRY(write_key_file(dir / kNodeKeyFileName, contents.node_key));
    if (contents.validator_key) {
        AZORA_TRY(write_key_file(dir / kValidatorKeyFileName, *contents.validator_key));
    }
    if (contents.genesis) {
        AZORA_TRY(write_new_file(dir / kGenesisFileName, contents.genesis->dump(2) + "\n", 0644));
    }
    return write_new_file(dir / kConfigFileName, contents.config.dump(2) + "\n", 0600);
}

nlohmann::json init_config_skeleton() {
    const NodeOptions defaults;
    return {{"datadir", "."},
            {"genesis_file", kGenesisFileName},
            {"validator_key_file", kValidatorKeyFileName},
            {"node_key_file", kNodeKeyFileName},
            {"rpc_bind", defaults.rpc.bind_address},
            {"rpc_port", defaults.rpc.port},
            {"p2p_bind", defaults.p2p.bind},
            {"p2p_port", defaults.p2p.port},
            {"persistent_peers", nlohmann::json::array()},
            {"seeds", nlohmann::json::array()}};
}

std::string node_id_hex(const PrivateKey& node_key) {
    return to_hex(node_key.public_key());
}

}  // namespace azora::node
