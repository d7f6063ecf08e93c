#pragma once

#include <cstdint>
#include <vector>

#include "core/address.hpp"
#include "core/result.hpp"

/// Token module actions and their canonical payload codecs (docs/protocol.md, "Token").
namespace azora::vm::token {

enum Action : uint16_t {
    kTransfer = 1,
    kMultiTransfer = 2,
};

inline constexpr size_t kMaxOutputs = 256;

/// Moves `amount` uazr from the sender to `to`.
struct Transfer {
    Address to{};
    uint64_t amount = 0;

    Bytes encode() const;
    static Result<Transfer> decode(ByteView payload);
};

/// Pays several recipients at once, all or nothing.
struct MultiTransfer {
    struct Output {
        Address to{};
        uint64_t amount = 0;
    };
    std::vector<Output> outputs;  ///< 1..kMaxOutputs

    Bytes encode() const;
    static Result<MultiTransfer> decode(ByteView payload);
};

}  // namespace azora::vm::token
