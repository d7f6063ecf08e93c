#include "node/p2p/address_book.hpp"

#include <algorithm>

namespace azora::p2p {

std::chrono::milliseconds backoff_delay(uint32_t failures,
                                        std::chrono::milliseconds min,
                                        std::chrono::milliseconds max) {
    auto delay = min;
    for (uint32_t i = 0; i < failures && delay < max; ++i) {
        delay *= 2;
    }
    return std::min(delay, max);
}

void AddressBook::add(const PeerAddress& address) {
    const std::string key = address.endpoint();
    if (auto it = m_entries.find(key); it != m_entries.end()) {
        if (address.id) {
            it->second.address.id = address.id;
        }
        return;
    }
    if (m_entries.size() >= kMaxEntries) {
        auto worst = std::max_element(m_entries.begin(), m_entries.end(), [](auto& a, auto& b) {
            return a.second.failures < b.second.failures;
        });
        if (worst->second.dialing) {
            return;  // every slot is busy with something better; drop the newcomer
        }
        m_entries.erase(worst);
    }
    m_entries.emplace(key, DialTarget{address});
}

DialTarget* AddressBook::find(const std::string& endpoint) {
    auto it = m_entries.find(endpoint);
    return it == m_entries.end() ? nullptr : &it->second;
}

}  // namespace azora::p2p
