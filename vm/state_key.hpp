#pragma once

#include <algorithm>
#include <cstdint>

#include "core/bytes.hpp"

namespace azora::vm {

/// A state key in a module's keyspace: the module id byte, a record tag byte, then `rest`.
inline Bytes state_key(uint16_t module, char tag, ByteView rest = {}) {
    Bytes k(2 + rest.size());
    k[0] = static_cast<uint8_t>(module);
    k[1] = static_cast<uint8_t>(tag);
    std::copy(rest.begin(), rest.end(), k.begin() + 2);
    return k;
}

/// True when `key` starts with `prefix`.
inline bool key_has_prefix(ByteView key, ByteView prefix) {
    return key.size() >= prefix.size() && std::equal(prefix.begin(), prefix.end(), key.begin());
}

}  // namespace azora::vm
