#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/bytes.hpp"
#include "core/result.hpp"

namespace azora::ledger {

/// Writes applied together, atomically, in order.
class KvBatch {
public:
    struct Op {
        std::string key;
        std::optional<Bytes> value;  ///< nullopt deletes the key
    };

    void put(std::string_view key, ByteView value) {
        m_ops.push_back({std::string(key), Bytes(value.begin(), value.end())});
    }
    void put(std::string_view key, Bytes&& value) {
        m_ops.push_back({std::string(key), std::move(value)});
    }
    void del(std::string_view key) { m_ops.push_back({std::string(key), std::nullopt}); }

    const std::vector<Op>& ops() const { return m_ops; }
    size_t size() const { return m_ops.size(); }
    bool empty() const { return m_ops.empty(); }

private:
    std::vector<Op> m_ops;
};

/// An ordered key-value store (LevelDB in the node, a map in tests). Keys compare as raw bytes.
/// Thread-safe for concurrent reads and one writer.
class KvStore {
public:
    virtual ~KvStore() = default;

    /// The value under `key`, nullopt if absent; an error only on storage failure or corruption.
    virtual Result<std::optional<Bytes>> get(std::string_view key) const = 0;

    /// Applies `batch` atomically; with `sync` it is on disk before this returns.
    virtual Result<void> write(const KvBatch& batch, bool sync) = 0;

    /// Visits, in ascending key order, the entries whose key starts with `prefix` and is
    /// >= `start`; stops early when `visit` returns false.
    virtual Result<void> scan(
        std::string_view prefix,
        std::string_view start,
        const std::function<bool(std::string_view key, ByteView value)>& visit) const = 0;
};

/// A store held in memory, for tests and tools.
std::unique_ptr<KvStore> make_memory_store();

/// Options for opening the on-disk store.
struct LevelDbOptions {
    bool create_if_missing = false;
    size_t block_cache_bytes = 8 << 20;
    size_t write_buffer_bytes = 4 << 20;
};

/// Opens (or creates) a LevelDB database at `path`. Fails with "storage_open" and LevelDB's
/// message if it is missing, locked or corrupt; paranoid checks are on.
Result<std::unique_ptr<KvStore>> open_leveldb(const std::string& path,
                                              const LevelDbOptions& options);

}  // namespace azora::ledger
