#include <leveldb/cache.h>
#include <leveldb/db.h>
#include <leveldb/filter_policy.h>
#include <leveldb/write_batch.h>

#include "core/reasons.hpp"
#include "ledger/kv_store.hpp"

namespace azora::ledger {
namespace {

leveldb::Slice slice(std::string_view s) {
    return {s.data(), s.size()};
}

Error storage_error(const leveldb::Status& s) {
    return Error::internal(s.IsCorruption() ? "storage_corrupt" : "storage_io", s.ToString());
}

class LevelDbStore final : public KvStore {
public:
    LevelDbStore(leveldb::DB* db, leveldb::Cache* cache, const leveldb::FilterPolicy* filter)
        : m_db(db), m_cache(cache), m_filter(filter) {}

    ~LevelDbStore() override {
        m_db.reset();  // the DB must close before its cache and filter go
        delete m_cache;
        delete m_filter;
    }

    Result<std::optional<Bytes>> get(std::string_view key) const override {
        std::string value;
        leveldb::ReadOptions ro;
        ro.verify_checksums = true;
        auto s = m_db->Get(ro, slice(key), &value);
        if (s.IsNotFound()) {
            return std::optional<Bytes>{};
        }
        if (!s.ok()) {
            return storage_error(s);
        }
        return std::optional<Bytes>{Bytes(value.begin(), value.end())};
    }

    Result<void> write(const KvBatch& batch, bool sync) override {
        leveldb::WriteBatch wb;
        for (const auto& op : batch.ops()) {
            if (op.value) {
                wb.Put(slice(op.key), slice(as_string_view(*op.value)));
            } else {
                wb.Delete(slice(op.key));
            }
        }
        leveldb::WriteOptions wo;
        wo.sync = sync;
        auto s = m_db->Write(wo, &wb);
        if (!s.ok()) {
            return storage_error(s);
        }
        return {};
    }

    Result<void> scan(std::string_view prefix,
                      std::string_view start,
                      const std::function<bool(std::string_view, ByteView)>& visit) const override {
        leveldb::ReadOptions ro;
        ro.verify_checksums = true;
        ro.fill_cache = false;
        std::unique_ptr<leveldb::Iterator> it(m_db->NewIterator(ro));
        auto from = start > prefix ? start : prefix;
        for (it->Seek(slice(from)); it->Valid(); it->Next()) {
            std::string_view key(it->key().data(), it->key().size());
            if (!key.starts_with(prefix)) {
                break;
            }
            auto v = it->value();
            if (!visit(key, as_bytes(std::string_view(v.data(), v.size())))) {
                break;
            }
        }
        if (!it->status().ok()) {
            return storage_error(it->status());
        }
        return {};
    }

private:
    std::unique_ptr<leveldb::DB> m_db;
    leveldb::Cache* m_cache;
    const leveldb::FilterPolicy* m_filter;
};

}  // namespace

Result<std::unique_ptr<KvStore>> open_leveldb(const std::string& path,
                                              const LevelDbOptions& options) {
    leveldb::Options o;
    o.create_if_missing = options.create_if_missing;
    o.paranoid_checks = true;
    o.block_cache = leveldb::NewLRUCache(options.block_cache_bytes);
    o.filter_policy = leveldb::NewBloomFilterPolicy(10);
    o.write_buffer_size = options.write_buffer_bytes;
    o.max_open_files = 256;
    leveldb::DB* db = nullptr;
    auto s = leveldb::DB::Open(o, path, &db);
    if (!s.ok()) {
        delete o.block_cache;
        delete o.filter_policy;
        return Error::from(reasons::kStorageOpen, s.ToString());
    }
    return std::unique_ptr<KvStore>(
        std::make_unique<LevelDbStore>(db, o.block_cache, o.filter_policy));
}

}  // namespace azora::ledger
