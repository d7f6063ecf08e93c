#include "ledger/merkle.hpp"

#include "core/hash.hpp"

namespace azora::ledger {

Hash32 list_root(std::string_view tag, std::span<const Hash32> leaves) {
    if (leaves.empty()) {
        return Hash32{};
    }
    if (leaves.size() == 1) {
        return leaves[0];
    }
    size_t split = 1;
    while (split * 2 < leaves.size()) {
        split *= 2;
    }
    return tagged_hash(tag, list_root(tag, leaves.first(split)),
                       list_root(tag, leaves.subspan(split)));
}

}  // namespace azora::ledger
