#include <map>
#include <mutex>
#include <shared_mutex>

#include "ledger/kv_store.hpp"

namespace azora::ledger {
namespace {

class MemoryStore final : public KvStore {
public:
    Result<std::optional<Bytes>> get(std::string_view key) const override {
        std::shared_lock lock(m_mutex);
        auto it = m_map.find(key);
        if (it == m_map.end()) {
            return std::optional<Bytes>{};
        }
        return std::optional<Bytes>{it->second};
    }

    Result<void> write(const KvBatch& batch, bool /*sync*/) override {
        std::unique_lock lock(m_mutex);
        for (const auto& op : batch.ops()) {
            if (op.value) {
                m_map.insert_or_assign(op.key, *op.value);
            } else {
                m_map.erase(op.key);
            }
        }
        return {};
    }

    Result<void> scan(std::string_view prefix,
                      std::string_view start,
                      const std::function<bool(std::string_view, ByteView)>& visit) const override {
        std::shared_lock lock(m_mutex);
        auto from = start > prefix ? start : prefix;
        for (auto it = m_map.lower_bound(from); it != m_map.end(); ++it) {
            if (!std::string_view(it->first).starts_with(prefix)) {
                break;
            }
            if (!visit(it->first, it->second)) {
                break;
            }
        }
        return {};
    }

private:
    mutable std::shared_mutex m_mutex;
    std::map<std::string, Bytes, std::less<>> m_map;  // guarded by m_mutex
};

}  // namespace

std::unique_ptr<KvStore> make_memory_store() {
    return std::make_unique<MemoryStore>();
}

}  // namespace azora::ledger
