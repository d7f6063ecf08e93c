#include "vm/modules/token/messages.hpp"

#include "core/encoding.hpp"

namespace azora::vm::token {

Bytes Transfer::encode() const {
    Writer w;
    w.fixed_bytes(to.bytes);
    w.u64(amount);
    return w.take();
}

Result<Transfer> Transfer::decode(ByteView payload) {
    return decode_all<Transfer>(payload, [](Reader& r) -> Result<Transfer> {
        Transfer t;
        AZORA_ASSIGN(t.to.bytes, r.fixed_bytes<20>());
        AZORA_ASSIGN(t.amount, r.u64());
        return t;
    });
}

Bytes MultiTransfer::encode() const {
    Writer w;
    w.varint(outputs.size());
    for (const auto& o : outputs) {
        w.fixed_bytes(o.to.bytes);
        w.u64(o.amount);
    }
    return w.take();
}

Result<MultiTransfer> MultiTransfer::decode(ByteView payload) {
    return decode_all<MultiTransfer>(payload, [](Reader& r) -> Result<MultiTransfer> {
        MultiTransfer m;
        AZORA_ASSIGN(size_t n, r.count(kMaxOutputs));
        m.outputs.resize(n);
        for (auto& o : m.outputs) {
            AZORA_ASSIGN(o.to.bytes, r.fixed_bytes<20>());
            AZORA_ASSIGN(o.amount, r.u64());
        }
        return m;
    });
}

}  // namespace azora::vm::token
