#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/address.hpp"
#include "core/result.hpp"
#include "vm/modules/credential/records.hpp"

/// Credential module actions and their canonical payload codecs (docs/protocol.md section 18).
/// Decoders check the syntax only: a string is bounded by the payload size, and its field
/// limit is checked by the action's stateless check (reason "bad_field", naming the field).
namespace azora::vm::credential {

enum Action : uint16_t {
    kMint = 1,
    kBatchMint = 2,
    kRevoke = 3,
    kTransfer = 4,
};

/// Items of a batch mint (inclusive).
inline constexpr size_t kBatchMin = 1;
inline constexpr size_t kBatchMax = 1000;
/// Limit of a batch's shared URI prefix and of each item's URI suffix, so prefix || suffix is
/// within kMetadataUriMax (512). With them, 500 items of maximal size take 155,592 bytes, well
/// under the 256 KiB payload limit.
inline constexpr size_t kBatchUriPartMax = 256;

/// Mints one credential to `holder`; the sender must be an active issuer.
struct Mint {
    Address holder{};
    std::string credential_class;
    std::string title;
    Hash32 metadata_hash{};
    std::string metadata_uri;
    uint64_t expires_at = 0;  ///< ms since the Unix epoch, 0 = never
    bool transferable = false;

    Bytes encode() const;
    static Result<Mint> decode(ByteView payload);
};

/// Mints kBatchMin..kBatchMax credentials sharing class, title, expiry and transferability,
/// all or nothing. Item i's URI is metadata_uri_prefix || items[i].metadata_uri_suffix.
struct BatchMint {
    struct Item {
        Address holder{};
        Hash32 metadata_hash{};
        std::string metadata_uri_suffix;
    };
    std::string credential_class;
    std::string title;
    uint64_t expires_at = 0;
    bool transferable = false;
    std::string metadata_uri_prefix;
    std::vector<Item> items;

    Bytes encode() const;
    static Result<BatchMint> decode(ByteView payload);
};

/// Revokes a credential; only its issuer may, even while suspended.
struct Revoke {
    Hash32 id{};
    std::string reason;  ///< 1..kReasonMax bytes

    Bytes encode() const;
    static Result<Revoke> decode(ByteView payload);
};

/// Gives a transferable, unrevoked credential to `to`; only its holder may.
struct Transfer {
    Hash32 id{};
    Address to{};

    Bytes encode() const;
    static Result<Transfer> decode(ByteView payload);
};

}  // namespace azora::vm::credential
