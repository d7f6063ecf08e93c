#include "ledger/receipt.hpp"

#include "core/encoding.hpp"
#include "core/hash.hpp"
#include "core/reasons.hpp"
#include "ledger/limits.hpp"
#include "ledger/merkle.hpp"

namespace azora::ledger {

void Event::encode_to(Writer& w) const {
    w.u16(module);
    w.string(type);
    w.varint(attributes.size());
    for (const auto& [k, v] : attributes) {
        w.string(k);
        w.string(v);
    }
}

Result<Event> Event::decode_from(Reader& r) {
    Event e;
    AZORA_ASSIGN(e.module, r.u16());
    AZORA_ASSIGN(e.type, r.string(limits::kEventKeyMax));
    AZORA_ASSIGN(size_t n, r.count(limits::kEventAttrsMax));
    e.attributes.reserve(n);
    for (size_t i = 0; i < n; ++i) {
        AZORA_ASSIGN(std::string k, r.string(limits::kEventKeyMax));
        AZORA_ASSIGN(std::string v, r.string(limits::kEventValueMax));
        e.attributes.emplace_back(std::move(k), std::move(v));
    }
    return e;
}

void Receipt::encode_to(Writer& w) const {
    w.u8(static_cast<uint8_t>(status));
    w.u64(gas_used);
    w.string(error);
    w.varint(events.size());
    for (const auto& e : events) {
        e.encode_to(w);
    }
}

Bytes Receipt::encode() const {
    Writer w;
    encode_to(w);
    return w.take();
}

Result<Receipt> Receipt::decode_from(Reader& r) {
    Receipt rc;
    AZORA_ASSIGN(uint8_t status, r.u8());
    if (status > 1) {
        return Error::from(reasons::kDecodeError, "unknown receipt status");
    }
    rc.status = static_cast<TxStatus>(status);
    AZORA_ASSIGN(rc.gas_used, r.u64());
    AZORA_ASSIGN(rc.error, r.string(limits::kErrorTextMax));
    AZORA_ASSIGN(size_t n, r.count(limits::kEventsMax));
    rc.events.reserve(n);
    for (size_t i = 0; i < n; ++i) {
        AZORA_ASSIGN(Event e, Event::decode_from(r));
        rc.events.push_back(std::move(e));
    }
    return rc;
}

Result<Receipt> Receipt::decode(ByteView in) {
    return decode_all<Receipt>(in, [](Reader& r) { return decode_from(r); });
}

Hash32 Receipt::hash() const {
    return tagged_hash(tags::kReceipt, encode());
}

Hash32 compute_receipts_root(const std::vector<Receipt>& receipts) {
    std::vector<Hash32> leaves;
    leaves.reserve(receipts.size());
    for (const auto& r : receipts) {
        leaves.push_back(r.hash());
    }
    return list_root(tags::kReceiptRoot, leaves);
}

Bytes encode_receipts(const std::vector<Receipt>& receipts) {
    Writer w;
    w.varint(receipts.size());
    for (const auto& r : receipts) {
        r.encode_to(w);
    }
    return w.take();
}

Result<std::vector<Receipt>> decode_receipts(ByteView in) {
    return decode_all<std::vector<Receipt>>(in, [](Reader& r) -> Result<std::vector<Receipt>> {
        AZORA_ASSIGN(size_t n, r.count(limits::kBlockTxsMax, limits::kMinReceiptBytes));
        std::vector<Receipt> out;
        out.reserve(n);
        for (size_t i = 0; i < n; ++i) {
            AZORA_ASSIGN(Receipt rc, Receipt::decode_from(r));
            out.push_back(std::move(rc));
        }
        return out;
    });
}

}  // namespace azora::ledger
