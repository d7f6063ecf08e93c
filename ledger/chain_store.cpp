#include "ledger/chain_store.hpp"

#include "core/encoding.hpp"
#include "core/hash.hpp"
#include "core/reasons.hpp"
#include "core/smt.hpp"

namespace azora::ledger {
namespace {

// Key layout (docs/storage.md). Heights are big-endian so they sort numerically.
constexpr char kBlockPrefix = 'b';
constexpr char kHashPrefix = 'h';
constexpr char kCommitPrefix = 'c';
constexpr char kTxPrefix = 'x';
constexpr char kStatePrefix = 's';
constexpr std::string_view kHeadKey = "m/head";
constexpr std::string_view kGenesisKey = "m/genesis";

std::string height_key(char prefix, uint64_t height) {
    std::string k(9, '\0');
    k[0] = prefix;
    for (int i = 0; i < 8; ++i) {
        k[1 + i] = static_cast<char>(height >> (56 - 8 * i));
    }
    return k;
}

std::string bytes_key(char prefix, ByteView b) {
    std::string k(1, prefix);
    k.append(as_string_view(b));
    return k;
}

Error corrupt(std::string what) {
    return Error::from(reasons::kStorageCorrupt, std::move(what));
}

}  // namespace

Result<std::optional<ChainHead>> ChainStore::head() const {
    AZORA_ASSIGN(auto raw, m_store.get(kHeadKey));
    if (!raw) {
        return std::optional<ChainHead>{};
    }
    Reader r(*raw);
    auto height = r.u64();
    auto hash = r.fixed_bytes<32>();
    if (!height || !hash || !r.finish()) {
        return corrupt("head record is damaged");
    }
    return std::optional<ChainHead>{ChainHead{*height, *hash}};
}

Result<std::optional<std::pair<Hash32, std::string>>> ChainStore::genesis_info() const {
    using Out = std::optional<std::pair<Hash32, std::string>>;
    AZORA_ASSIGN(auto raw, m_store.get(kGenesisKey));
    if (!raw) {
        return Out{};
    }
    Reader r(*raw);
    auto hash = r.fixed_bytes<32>();
    auto chain_id = r.string(256);
    if (!hash || !chain_id || !r.finish()) {
        return corrupt("genesis record is damaged");
    }
    return Out{std::make_pair(*hash, *chain_id)};
}

Result<void> ChainStore::check_integrity() const {
    AZORA_ASSIGN(auto head_rec, head());
    AZORA_ASSIGN(auto genesis, genesis_info());
    if (!head_rec || !genesis) {
        return corrupt("no chain head or genesis record: the data dir is incomplete");
    }
    AZORA_ASSIGN(auto latest, m_tree.latest_version());
    if (!latest || *latest != head_rec->height) {
        return corrupt("state tree version does not match the chain head");
    }
    AZORA_ASSIGN(Hash32 root, m_tree.root(head_rec->height));
    if (head_rec->height == 0) {
        if (head_rec->hash != genesis->first) {
            return corrupt("head at height 0 is not the genesis");
        }
        return {};
    }
    AZORA_ASSIGN(auto blk, block(head_rec->height));
    AZORA_ASSIGN(auto cmt, commit(head_rec->height));
    if (!blk || !cmt) {
        return corrupt("head block or its commit is missing");
    }
    if (blk->hash() != head_rec->hash || cmt->block_hash != head_rec->hash) {
        return corrupt("head block, commit and head record disagree");
    }
    if (blk->header.state_root != root) {
        return corrupt("state root of the head block does not match the state tree");
    }
    return {};
}

Result<std::optional<Block>> ChainStore::block(uint64_t height) const {
    AZORA_ASSIGN(auto raw, m_store.get(height_key(kBlockPrefix, height)));
    if (!raw) {
        return std::optional<Block>{};
    }
    auto b = Block::decode(*raw);
    if (!b) {
        return corrupt("block " + std::to_string(height) + ": " + b.error().to_string());
    }
    return std::optional<Block>{std::move(b).value()};
}

Result<std::optional<Header>> ChainStore::header(uint64_t height) const {
    AZORA_ASSIGN(auto raw, m_store.get(height_key(kBlockPrefix, height)));
    if (!raw) {
        return std::optional<Header>{};
    }
    // The header leads the block encoding, so decode just that prefix.
    Reader r(*raw);
    auto h = Header::decode_from(r);
    if (!h) {
        return corrupt("header " + std::to_string(height) + ": " + h.error().to_string());
    }
    return std::optional<Header>{std::move(h).value()};
}

Result<std::optional<uint64_t>> ChainStore::height_of(const Hash32& block_hash) const {
    AZORA_ASSIGN(auto raw, m_store.get(bytes_key(kHashPrefix, block_hash)));
    if (!raw) {
        return std::optional<uint64_t>{};
    }
    Reader r(*raw);
    auto h = r.u64();
    if (!h || !r.finish()) {
        return corrupt("block hash index is damaged");
    }
    return std::optional<uint64_t>{*h};
}

Result<std::optional<Commit>> ChainStore::commit(uint64_t height) const {
    AZORA_ASSIGN(auto raw, m_store.get(height_key(kCommitPrefix, height)));
    if (!raw) {
        return std::optional<Commit>{};
    }
    auto c = Commit::decode(*raw);
    if (!c) {
        return corrupt("commit " + std::to_string(height) + ": " + c.error().to_string());
    }
    return std::optional<Commit>{std::move(c).value()};
}

Result<std::optional<TxLocation>> ChainStore::tx(const Hash32& tx_hash) const {
    AZORA_ASSIGN(auto raw, m_store.get(bytes_key(kTxPrefix, tx_hash)));
    if (!raw) {
        return std::optional<TxLocation>{};
    }
    Reader r(*raw);
    TxLocation loc;
    auto height = r.u64();
    auto index = r.u32();
    if (!height || !index) {
        return corrupt("tx index entry is damaged");
    }
    auto receipt = Receipt::decode_from(r);
    if (!receipt || !r.finish()) {
        return corrupt("tx receipt is damaged");
    }
    loc.height = *height;
    loc.index = *index;
    loc.receipt = std::move(receipt).value();
    return std::optional<TxLocation>{std::move(loc)};
}

Result<std::optional<Bytes>> ChainStore::state_get(ByteView key) const {
    return m_store.get(bytes_key(kStatePrefix, key));
}

Result<void> ChainStore::state_scan(ByteView prefix,
                                    const std::function<bool(ByteView, ByteView)>& visit) const {
    return state_scan(prefix, {}, visit);
}

Result<void> ChainStore::state_scan(ByteView prefix,
                                    ByteView start,
                                    const std::function<bool(ByteView, ByteView)>& visit) const {
    std::string p = bytes_key(kStatePrefix, prefix);
    std::string from = start.empty() ? std::string() : bytes_key(kStatePrefix, start);
    return m_store.scan(p, from, [&](std::string_view key, ByteView value) {
        return visit(as_bytes(key.substr(1)), value);
    });
}

Result<PreparedState> ChainStore::prepare_state(uint64_t height,
                                                const StateChanges& changes) const {
    PreparedState out;
    out.height = height;
    std::vector<StateTree::Update> updates;
    updates.reserve(changes.size());
    for (const auto& [key, value] : changes) {
        StateTree::Update u{smt::key_path(key), std::nullopt};
        if (value) {
            u.value_hash = sha256(*value);
            u.value = *value;
            out.batch.put(bytes_key(kStatePrefix, key), *value);
        } else {
            out.batch.del(bytes_key(kStatePrefix, key));
        }
        updates.push_back(u);
    }
    std::sort(updates.begin(), updates.end(),
              [](const auto& a, const auto& b) { return a.key_hash < b.key_hash; });
    AZORA_ASSIGN(out.state_root, m_tree.apply(height, updates, out.batch));
    return out;
}

Result<void> ChainStore::commit_genesis(const Hash32& genesis_hash,
                                        const std::string& chain_id,
                                        PreparedState&& state) {
    if (state.height != 0) {
        return Error::from(reasons::kBadCommit, "genesis state must be version 0");
    }
    KvBatch& batch = state.batch;
    Writer g;
    g.fixed_bytes(genesis_hash);
    g.string(chain_id);
    batch.put(kGenesisKey, g.take());
    Writer h;
    h.u64(0);
    h.fixed_bytes(genesis_hash);
    batch.put(kHeadKey, h.take());
    return m_store.write(batch, true);
}

Result<void> ChainStore::commit_block(const Block& block,
                                      const std::vector<Hash32>& tx_hashes,
                                      const Commit& commit,
                                      const std::vector<Receipt>& receipts,
                                      PreparedState&& state,
                                      uint64_t prune_below,
                                      Durability durability) {
    const uint64_t height = block.header.height;
    if (state.height != height || receipts.size() != block.txs.size() ||
        tx_hashes.size() != block.txs.size()) {
        return Error::from(reasons::kBadCommit, "state or receipts do not belong to this block");
    }
    const Hash32 hash = block.hash();
    if (commit.height != height || commit.block_hash != hash ||
        block.header.state_root != state.state_root) {
        return Error::from(reasons::kBadCommit, "commit or state root does not match the block");
    }
    AZORA_ASSIGN(auto head_rec, head());
    if (!head_rec || head_rec->height + 1 != height || block.header.parent != head_rec->hash) {
        return Error::from(reasons::kBadCommit, "block does not extend the current head");
    }
    KvBatch& batch = state.batch;
    batch.put(height_key(kBlockPrefix, height), block.encode());
    Writer hw;
    hw.u64(height);
    batch.put(bytes_key(kHashPrefix, hash), hw.take());
    batch.put(height_key(kCommitPrefix, height), commit.encode());
    for (size_t i = 0; i < block.txs.size(); ++i) {
        Writer w;
        w.u64(height);
        w.u32(static_cast<uint32_t>(i));
        receipts[i].encode_to(w);
        batch.put(bytes_key(kTxPrefix, tx_hashes[i]), w.take());
    }
    if (prune_below > 0) {
        AZORA_TRY(m_tree.prune(prune_below, batch));
    }
    Writer head;
    head.u64(height);
    head.fixed_bytes(hash);
    batch.put(kHeadKey, head.take());
    return m_store.write(batch, durability == Durability::synced);
}

}  // namespace azora::ledger
