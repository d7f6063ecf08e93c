#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/bytes.hpp"
#include "core/result.hpp"

namespace azora {
class Writer;
class Reader;
}  // namespace azora

namespace azora::ledger {

/// Something a transaction did, for indexers and subscribers: module id, a type such as
/// "transfer", and ordered string attributes.
struct Event {
    uint16_t module = 0;
    std::string type;
    std::vector<std::pair<std::string, std::string>> attributes;

    void encode_to(Writer& w) const;
    static Result<Event> decode_from(Reader& r);
    bool operator==(const Event&) const = default;
};

enum class TxStatus : uint8_t { success = 0, failed = 1 };

/// The outcome of an included transaction. A failed one was still charged its fee.
struct Receipt {
    TxStatus status = TxStatus::success;
    uint64_t gas_used = 0;
    std::string error;  ///< stable reason code when failed, empty on success
    std::vector<Event> events;

    Bytes encode() const;
    static Result<Receipt> decode(ByteView in);
    void encode_to(Writer& w) const;
    static Result<Receipt> decode_from(Reader& r);
    /// H_azora/receipt(encode()).
    Hash32 hash() const;

    bool operator==(const Receipt&) const = default;
};

/// list_root("azora/receiptroot", receipt hashes).
Hash32 compute_receipts_root(const std::vector<Receipt>& receipts);

/// All receipts of one block, as stored.
Bytes encode_receipts(const std::vector<Receipt>& receipts);
Result<std::vector<Receipt>> decode_receipts(ByteView in);

}  // namespace azora::ledger
