#include "node/node.hpp"

#include <malloc.h>

#include <fstream>

#include "core/reasons.hpp"
#include "genesis/dev.hpp"
#include "node/file_signer.hpp"
#include "node/key_file.hpp"
#include "node/log.hpp"
#include "rpc/cookie.hpp"

namespace azora::node {

Result<PrivateKey> load_key_file(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::string line;
    if (!in || !std::getline(in, line)) {
        return Error::from(reasons::kBadKeyFile, "cannot read key file " + path.string());
    }
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) {
        line.pop_back();
    }
    auto secret = fixed_from_hex<32>(line);
    if (!secret) {
        return Error::from(reasons::kBadKeyFile, path.string() + ": expected 64 hex digits");
    }
    return PrivateKey::from_bytes(*secret);
}

namespace {

Result<genesis::Genesis> load_genesis(const NodeOptions& o) {
    if (o.genesis_file) {
        return genesis::Genesis::load(*o.genesis_file);
    }
    if (o.dev) {
        return genesis::dev_genesis();
    }
    return genesis::Genesis::load(o.datadir / "genesis.json");
}

Result<std::optional<PrivateKey>> load_validator_key(const NodeOptions& o) {
    if (o.validator_key_file) {
        AZORA_ASSIGN(PrivateKey key, load_key_file(*o.validator_key_file));
        return std::optional<PrivateKey>(std::move(key));
    }
    if (o.dev) {
        return std::optional<PrivateKey>(genesis::dev_validator_key());
    }
    return std::optional<PrivateKey>{};
}

// The largest block leaves room in a P2P frame for the proposal around it.
constexpr size_t kProposalOverheadBytes = 64u << 10;

DriverOptions driver_options(const NodeOptions& o) {
    DriverOptions d = o.consensus;
    d.max_block_bytes = o.p2p.max_frame_bytes - kProposalOverheadBytes;
    return d;
}

p2p::P2pOptions p2p_options(const NodeOptions& o, const Chain& chain, PrivateKey node_key) {
    p2p::P2pOptions p = o.p2p;
    p.chain_id = chain.genesis().chain_id;
    p.genesis_hash = chain.genesis_hash();
    p.node_key = std::move(node_key);
    p.log = [](const std::string& line) { log_info("p2p: " + line); };
    return p;
}

}  // namespace

Result<std::unique_ptr<Node>> Node::start(const NodeOptions& options,
                                          std::function<void(const Error&)> on_fatal) {
    std::unique_ptr<Node> node(new Node(options));
    std::error_code ec;
    std::filesystem::create_directories(options.datadir, ec);
    if (ec) {
        return Error::from(reasons::kDatadir,
                           "cannot create " + options.datadir.string() + ": " + ec.message());
    }
    std::filesystem::permissions(options.datadir, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::replace, ec);

    AZORA_ASSIGN(genesis::Genesis gen, load_genesis(options));
    AZORA_ASSIGN(auto key, load_validator_key(options));
    AZORA_ASSIGN(node->m_chain, open_chain_db(options.datadir / "chain", gen,
                                              ChainOptions{options.state_versions_kept}));

    const auto validators = node->m_chain->validators();
    const bool is_validator = key && validators.index_of(key->public_key()).has_value();
    if (key && !is_validator) {
        log_warn("the validator key is not in this chain's validator set: following only");
    }

    malloc_trim(0);  // parsing a large genesis leaves freed heap behind

    node->m_mempool = std::make_unique<Mempool>(options.mempool);

    std::unique_ptr<ValidatorSigner> signer;
    if (is_validator) {
        AZORA_ASSIGN(signer, FileSigner::open(std::move(*key), options.datadir / "signing_state",
                                              options.datadir / "locked_block"));
    }
    if (options.p2p_enabled) {
        AZORA_ASSIGN(
            PrivateKey node_key,
            load_or_create_key_file(options.node_key_file.value_or(options.datadir / "node_key")));
        node->m_p2p =
            std::make_unique<P2pNetwork>(p2p_options(options, *node->m_chain, std::move(node_key)));
    }
    node->m_tx_relay = std::make_unique<TxRelay>(*node->m_chain, *node->m_mempool,
                                                 node->m_p2p.get(), options.tx_relay);
    node->m_driver = std::make_unique<ConsensusDriver>(
        *node->m_chain, *node->m_mempool, std::move(signer), node->m_p2p.get(), node->m_clock,
        driver_options(options), std::move(on_fatal));

    node->m_backend = std::make_unique<RpcBackend>(
        RpcBackend{*node->m_chain, *node->m_mempool, std::string(kNodeVersion), is_validator, {}});
    node->m_backend->on_admitted = [relay = node->m_tx_relay.get()](const PendingTxPtr& tx) {
        relay->announce({tx});
    };
    node->m_backend->consensus_status = [driver = node->m_driver.get()] {
        return driver->status();
    };
    node->m_backend->network = node->m_p2p.get();
    AZORA_TRY(node->start_rpc());
    if (node->m_p2p) {
        node->m_p2p->attach(*node->m_driver, *node->m_tx_relay);
        AZORA_TRY(node->m_p2p->start());
    }
    node->m_tx_relay->start();
    node->m_driver->start();
    return node;
}

Result<void> Node::start_rpc() {
    m_methods =
        std::make_unique<rpc::MethodTable>("Azora chain JSON-RPC", std::string(kNodeVersion));
    AZORA_TRY(register_node_methods(*m_methods, *m_backend));

    AZORA_ASSIGN(std::string token, rpc::write_cookie(m_options.datadir));
    rpc::ServerOptions so = m_options.rpc;
    so.admin_token = token;
    m_server = std::make_unique<rpc::Server>(so, *m_methods);
    return m_server->start();
}

Node::~Node() {
    stop();
}

void Node::stop() {
    if (m_driver) {
        m_driver->stop();
    }
    if (m_tx_relay) {
        m_tx_relay->stop();
    }
    if (m_p2p) {
        m_p2p->stop();
    }
    if (m_server) {
        m_server->stop();
    }
}

}  // namespace azora::node
