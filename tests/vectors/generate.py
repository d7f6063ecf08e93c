#!/usr/bin/env python3
"""Generates the golden vectors in tests/vectors/ from an independent implementation.

Everything here is written from docs/protocol.md (and the BIP-340 / BIP-350 reference
algorithms), in pure Python 3 with only the standard library, so that the vectors do not
merely echo what the C++ code outputs. tests/ledger/vectors_test.cpp checks the C++ code
against the files this script writes.

    python3 tests/vectors/generate.py             # rewrite the JSON files next to this script
    python3 tests/vectors/generate.py --check     # fail if a JSON file would change
    python3 tests/vectors/generate.py --annotate  # print the worked example of docs/protocol.md

Before writing, the script checks its own BIP-340 and bech32m code against the shared BIP
test vectors (../shared/testvectors, next to the repository) when they are present.
"""

import csv
import hashlib
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED_VECTORS = os.path.join(HERE, "..", "..", "..", "shared", "testvectors")

# --------------------------------------------------------------------------------------------
# Hashes


def sha256(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def tagged_hash(tag: str, data: bytes) -> bytes:
    t = sha256(tag.encode("ascii"))
    return sha256(t + t + data)


TAG_TX = "azora/tx"
TAG_BLOCK = "azora/block"
TAG_VOTE = "azora/vote"
TAG_LEAF = "azora/leaf"
TAG_NODE = "azora/node"
TAG_ADDR = "azora/addr"
TAG_TXROOT = "azora/txroot"
TAG_RECEIPTROOT = "azora/receiptroot"
TAG_RECEIPT = "azora/receipt"
TAG_VALIDATORS = "azora/validators"
TAG_GENESIS = "azora/genesis"
ALL_TAGS = [TAG_TX, TAG_BLOCK, TAG_VOTE, TAG_LEAF, TAG_NODE, TAG_ADDR, TAG_TXROOT,
            TAG_RECEIPTROOT, TAG_RECEIPT, TAG_VALIDATORS, TAG_GENESIS]

# --------------------------------------------------------------------------------------------
# Canonical encoding


def u8(v: int) -> bytes:
    return v.to_bytes(1, "little")


def u16(v: int) -> bytes:
    return v.to_bytes(2, "little")


def u32(v: int) -> bytes:
    return v.to_bytes(4, "little")


def u64(v: int) -> bytes:
    return v.to_bytes(8, "little")


def varint(v: int) -> bytes:
    assert 0 <= v < 2**64
    out = bytearray()
    while True:
        b = v & 0x7F
        v >>= 7
        if v:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def lp_bytes(b: bytes) -> bytes:
    return varint(len(b)) + b


def lp_string(s: str) -> bytes:
    return lp_bytes(s.encode("utf-8"))


# --------------------------------------------------------------------------------------------
# BIP-340, transcribed from the reference implementation in the BIP


P = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F
N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141
G = (0x79BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798,
     0x483ADA7726A3C4655DA4FBFC0E1108A8FD17B448A68554199C47D08FFB10D4B8)


def point_add(p1, p2):
    if p1 is None:
        return p2
    if p2 is None:
        return p1
    if p1[0] == p2[0] and p1[1] != p2[1]:
        return None
    if p1 == p2:
        lam = (3 * p1[0] * p1[0] * pow(2 * p1[1], P - 2, P)) % P
    else:
        lam = ((p2[1] - p1[1]) * pow(p2[0] - p1[0], P - 2, P)) % P
    x3 = (lam * lam - p1[0] - p2[0]) % P
    return (x3, (lam * (p1[0] - x3) - p1[1]) % P)


def point_mul(p, n):
    r = None
    for i in range(256):
        if (n >> i) & 1:
            r = point_add(r, p)
        p = point_add(p, p)
    return r


def bytes_from_int(x: int) -> bytes:
    return x.to_bytes(32, "big")


def int_from_bytes(b: bytes) -> int:
    return int.from_bytes(b, "big")


def lift_x(x: int):
    if x >= P:
        return None
    y_sq = (pow(x, 3, P) + 7) % P
    y = pow(y_sq, (P + 1) // 4, P)
    if pow(y, 2, P) != y_sq:
        return None
    return (x, y if y & 1 == 0 else P - y)


def pubkey_gen(seckey: bytes) -> bytes:
    d0 = int_from_bytes(seckey)
    if not 1 <= d0 <= N - 1:
        raise ValueError("secret key out of range")
    return bytes_from_int(point_mul(G, d0)[0])


def schnorr_sign(msg: bytes, seckey: bytes, aux_rand: bytes) -> bytes:
    d0 = int_from_bytes(seckey)
    if not 1 <= d0 <= N - 1:
        raise ValueError("secret key out of range")
    pt = point_mul(G, d0)
    d = d0 if pt[1] % 2 == 0 else N - d0
    t = bytes(a ^ b for a, b in zip(bytes_from_int(d), tagged_hash("BIP0340/aux", aux_rand)))
    k0 = int_from_bytes(tagged_hash("BIP0340/nonce", t + bytes_from_int(pt[0]) + msg)) % N
    if k0 == 0:
        raise RuntimeError("nonce is zero")
    r = point_mul(G, k0)
    k = k0 if r[1] % 2 == 0 else N - k0
    e = int_from_bytes(tagged_hash("BIP0340/challenge",
                                   bytes_from_int(r[0]) + bytes_from_int(pt[0]) + msg)) % N
    sig = bytes_from_int(r[0]) + bytes_from_int((k + e * d) % N)
    assert schnorr_verify(msg, bytes_from_int(pt[0]), sig)
    return sig


def schnorr_verify(msg: bytes, pubkey: bytes, sig: bytes) -> bool:
    pt = lift_x(int_from_bytes(pubkey))
    r = int_from_bytes(sig[:32])
    s = int_from_bytes(sig[32:])
    if pt is None or r >= P or s >= N:
        return False
    e = int_from_bytes(tagged_hash("BIP0340/challenge", sig[:32] + pubkey + msg)) % N
    rr = point_add(point_mul(G, s), point_mul(pt, N - e))
    return rr is not None and rr[1] % 2 == 0 and rr[0] == r


# --------------------------------------------------------------------------------------------
# bech32m (BIP-350 reference)

CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
BECH32M_CONST = 0x2BC830A3


def bech32_polymod(values):
    gen = [0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3]
    chk = 1
    for v in values:
        top = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ v
        for i in range(5):
            chk ^= gen[i] if ((top >> i) & 1) else 0
    return chk


def hrp_expand(hrp):
    return [ord(x) >> 5 for x in hrp] + [0] + [ord(x) & 31 for x in hrp]


def bech32m_encode(hrp, data5):
    values = hrp_expand(hrp) + data5
    polymod = bech32_polymod(values + [0] * 6) ^ BECH32M_CONST
    checksum = [(polymod >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(CHARSET[d] for d in data5 + checksum)


def bech32m_verify(text):
    if any(ord(c) < 33 or ord(c) > 126 for c in text) or len(text) > 90:
        return False
    if text.lower() != text and text.upper() != text:
        return False
    text = text.lower()
    pos = text.rfind("1")
    if pos < 1 or pos + 7 > len(text):
        return False
    if not all(c in CHARSET for c in text[pos + 1:]):
        return False
    data = [CHARSET.find(c) for c in text[pos + 1:]]
    return bech32_polymod(hrp_expand(text[:pos]) + data) == BECH32M_CONST


def convertbits(data, frombits, tobits):
    acc, bits, ret = 0, 0, []
    maxv = (1 << tobits) - 1
    for value in data:
        acc = (acc << frombits) | value
        bits += frombits
        while bits >= tobits:
            bits -= tobits
            ret.append((acc >> bits) & maxv)
    if bits:
        ret.append((acc << (tobits - bits)) & maxv)
    return ret


def address_bytes(pubkey: bytes) -> bytes:
    return tagged_hash(TAG_ADDR, pubkey)[:20]


def address_text(addr: bytes, hrp: str) -> str:
    return bech32m_encode(hrp, convertbits(addr, 8, 5))


# --------------------------------------------------------------------------------------------
# Protocol objects (docs/protocol.md)


def tx_unsigned(tx) -> bytes:
    return (u32(tx["version"]) + lp_string(tx["chain_id"]) + tx["sender"] + u64(tx["nonce"]) +
            u64(tx["gas_limit"]) + u64(tx["gas_price"]) + u64(tx["expires_at_height"]) +
            u16(tx["module"]) + u16(tx["action"]) + lp_bytes(tx["payload"]))


def transfer_payload(to: bytes, amount: int) -> bytes:
    assert len(to) == 20
    return to + u64(amount)


def multi_transfer_payload(outputs) -> bytes:
    return varint(len(outputs)) + b"".join(to + u64(amount) for to, amount in outputs)


def header_encoding(h) -> bytes:
    return (u32(h["version"]) + lp_string(h["chain_id"]) + u64(h["height"]) + u64(h["time_ms"]) +
            h["parent"] + h["tx_root"] + h["receipts_root"] + h["state_root"] +
            h["validators_hash"] + h["next_validators_hash"] + h["proposer"])


def block_encoding(header: bytes, tx_encodings) -> bytes:
    return header + varint(len(tx_encodings)) + b"".join(lp_bytes(t) for t in tx_encodings)


def commit_encoding(c) -> bytes:
    out = u64(c["height"]) + u32(c["round"]) + c["block_hash"] + varint(len(c["signatures"]))
    for index, sig in c["signatures"]:
        out += u32(index) + sig
    return out


def event_encoding(e) -> bytes:
    out = u16(e["module"]) + lp_string(e["type"]) + varint(len(e["attributes"]))
    for k, v in e["attributes"]:
        out += lp_string(k) + lp_string(v)
    return out


def receipt_encoding(r) -> bytes:
    status = {"success": 0, "failed": 1}[r["status"]]
    return (u8(status) + u64(r["gas_used"]) + lp_string(r["error"]) + varint(len(r["events"])) +
            b"".join(event_encoding(e) for e in r["events"]))


def list_root(tag: str, leaves) -> bytes:
    if not leaves:
        return bytes(32)
    if len(leaves) == 1:
        return leaves[0]
    k = 1
    while k * 2 < len(leaves):
        k *= 2
    return tagged_hash(tag, list_root(tag, leaves[:k]) + list_root(tag, leaves[k:]))


# --------------------------------------------------------------------------------------------
# Self-checks against the shared BIP vectors


def self_check():
    bip340 = os.path.join(SHARED_VECTORS, "bip340-schnorr.csv")
    if os.path.exists(bip340):
        with open(bip340, newline="") as f:
            for row in csv.DictReader(f):
                pub = bytes.fromhex(row["public key"])
                msg = bytes.fromhex(row["message"])
                sig = bytes.fromhex(row["signature"])
                if row["secret key"]:
                    sk = bytes.fromhex(row["secret key"])
                    assert pubkey_gen(sk) == pub, row["index"]
                    assert schnorr_sign(msg, sk, bytes.fromhex(row["aux_rand"])) == sig, row["index"]
                ok = schnorr_verify(msg, pub, sig)
                assert ok == (row["verification result"] == "TRUE"), row["index"]
    bech = os.path.join(SHARED_VECTORS, "bech32m.json")
    if os.path.exists(bech):
        with open(bech) as f:
            vectors = json.load(f)
        for text in vectors["valid"]:
            assert bech32m_verify(text), text
    # The address golden value pinned in tests/core/address_test.cpp.
    pub3 = pubkey_gen(bytes_from_int(3))
    assert address_bytes(pub3).hex() == "f47ef896405ac4d69709afe730374c1fe2c2bb45"
    assert address_text(address_bytes(pub3), "tazr") == "tazr173l039jqttzdd9cf4lnnqd6vrl3v9w69sur9n6"
    # Varint corner cases from docs/protocol.md.
    assert varint(0) == b"\x00" and varint(127) == b"\x7f" and varint(128) == b"\x80\x01"
    assert varint(2**64 - 1) == bytes([0xFF] * 9 + [0x01])


# --------------------------------------------------------------------------------------------
# Vectors

AUX = bytes(32)  # the node signs with all-zero auxiliary randomness


def hx(b: bytes) -> str:
    return b.hex()


def secret(n: int) -> bytes:
    return bytes_from_int(n)


def key_address(sk: bytes) -> bytes:
    return address_bytes(pubkey_gen(sk))


TX_CASES = [
    {
        "name": "transfer",
        "comment": "token.transfer of 1.5 AZR; the worked example of docs/protocol.md",
        "secret_key": bytes([0x01] * 32),
        "chain_id": "azora-testnet-1",
        "nonce": 0,
        "gas_limit": 5000,
        "gas_price": 1,
        "expires_at_height": 0,
        "module": 1,
        "action": 1,
        "transfer": (key_address(bytes([0x02] * 32)), 1_500_000),
    },
    {
        "name": "empty_payload",
        "comment": "empty payload; large fields show the little-endian byte order",
        "secret_key": bytes([0x02] * 32),
        "chain_id": "azora-dev",
        "nonce": 0x0000010000000005,
        "gas_limit": 0x0102030405060708,
        "gas_price": 0xFFFFFFFFFFFFFFFF,
        "expires_at_height": 1_234_567,
        "module": 0x0004,
        "action": 0x0203,
        "payload": b"",
    },
    {
        "name": "multi_transfer",
        "comment": "token.multi_transfer with 5 outputs: a 141-byte payload, so its length "
                   "prefix is the two-byte varint 8d 01; secret key n-1 (odd y)",
        "secret_key": secret(N - 1),
        "chain_id": "azora-testnet-1",
        "nonce": 7,
        "gas_limit": 20_000,
        "gas_price": 3,
        "expires_at_height": 100,
        "module": 1,
        "action": 2,
        "multi_transfer": [(key_address(secret(i)), 1000 * i) for i in range(1, 6)],
    },
    {
        "name": "transfer_key3",
        "comment": "secret key 3 (BIP-340 vector 0, address golden value of address_test)",
        "secret_key": secret(3),
        "chain_id": "",
        "nonce": 1,
        "gas_limit": 2580,
        "gas_price": 1,
        "expires_at_height": 0,
        "module": 1,
        "action": 1,
        "transfer": (bytes(range(20)), 1),
    },
]


def build_tx(case):
    sk = case["secret_key"]
    pub = pubkey_gen(sk)
    if "transfer" in case:
        to, amount = case["transfer"]
        payload = transfer_payload(to, amount)
    elif "multi_transfer" in case:
        payload = multi_transfer_payload(case["multi_transfer"])
    else:
        payload = case["payload"]
    tx = {
        "version": 1,
        "chain_id": case["chain_id"],
        "sender": pub,
        "nonce": case["nonce"],
        "gas_limit": case["gas_limit"],
        "gas_price": case["gas_price"],
        "expires_at_height": case["expires_at_height"],
        "module": case["module"],
        "action": case["action"],
        "payload": payload,
    }
    unsigned = tx_unsigned(tx)
    signing_hash = tagged_hash(TAG_TX, unsigned)
    sig = schnorr_sign(signing_hash, sk, AUX)
    full = unsigned + sig
    return tx, unsigned, signing_hash, sig, full


def tx_vectors():
    cases = []
    encodings = []
    for case in TX_CASES:
        tx, unsigned, signing_hash, sig, full = build_tx(case)
        encodings.append(full)
        fields = {
            "version": tx["version"],
            "chain_id": tx["chain_id"],
            "nonce": str(tx["nonce"]),
            "gas_limit": str(tx["gas_limit"]),
            "gas_price": str(tx["gas_price"]),
            "expires_at_height": str(tx["expires_at_height"]),
            "module": tx["module"],
            "action": tx["action"],
            "payload": hx(tx["payload"]),
        }
        entry = {"name": case["name"], "comment": case["comment"],
                 "secret_key": hx(case["secret_key"]), "aux": hx(AUX), "fields": fields}
        if "transfer" in case:
            to, amount = case["transfer"]
            entry["transfer"] = {"to": hx(to), "to_text": address_text(to, "tazr"),
                                 "amount": str(amount)}
        if "multi_transfer" in case:
            entry["multi_transfer"] = [{"to": hx(to), "amount": str(a)}
                                       for to, a in case["multi_transfer"]]
        pub = tx["sender"]
        entry["expected"] = {
            "pubkey": hx(pub),
            "address": hx(address_bytes(pub)),
            "address_text": address_text(address_bytes(pub), "tazr"),
            "address_text_mainnet": address_text(address_bytes(pub), "azr"),
            "unsigned": hx(unsigned),
            "signing_hash": hx(signing_hash),
            "signature": hx(sig),
            "encoded": hx(full),
            "hash": hx(tagged_hash(TAG_TX, full)),
        }
        cases.append(entry)

    base = encodings[0]
    first_tx = build_tx(TX_CASES[0])[0]
    before_payload = tx_unsigned(first_tx)[:-len(lp_bytes(first_tx["payload"]))]
    chain_len_at = 4  # the chain_id length varint follows the u32 version
    invalid = [
        {"name": "trailing_byte", "hex": hx(base + b"\x00"), "reason": "decode_error"},
        {"name": "truncated_signature", "hex": hx(base[:-1]), "reason": "decode_error"},
        {"name": "version_2", "hex": hx(u32(2) + base[4:]), "reason": "bad_version"},
        {"name": "version_0", "hex": hx(u32(0) + base[4:]), "reason": "bad_version"},
        {"name": "non_minimal_chain_id_length",
         "hex": hx(base[:chain_len_at] + bytes([base[chain_len_at] | 0x80, 0x00]) +
                   base[chain_len_at + 1:]),
         "reason": "decode_error"},
        {"name": "chain_id_65_bytes",
         "hex": hx(u32(1) + lp_string("a" * 65) + base[4 + 1 + 15:]), "reason": "decode_error"},
        {"name": "payload_length_over_limit",
         "hex": hx(before_payload + varint(256 * 1024 + 1)),
         "reason": "decode_error"},
        {"name": "empty", "hex": "", "reason": "decode_error"},
    ]
    return {
        "description": "Signed transactions. Signature = BIP-340(secret_key, signing_hash, aux); "
                       "signing_hash = H_azora/tx(unsigned); hash = H_azora/tx(encoded). "
                       "u64 fields are decimal strings. Generated by tests/vectors/generate.py.",
        "cases": cases,
        "invalid": invalid,
    }, encodings


def header_json(h):
    return {
        "version": h["version"],
        "chain_id": h["chain_id"],
        "height": str(h["height"]),
        "time_ms": str(h["time_ms"]),
        "parent": hx(h["parent"]),
        "tx_root": hx(h["tx_root"]),
        "receipts_root": hx(h["receipts_root"]),
        "state_root": hx(h["state_root"]),
        "validators_hash": hx(h["validators_hash"]),
        "next_validators_hash": hx(h["next_validators_hash"]),
        "proposer": hx(h["proposer"]),
    }


def receipt_cases():
    sender = key_address(TX_CASES[0]["secret_key"])
    to, amount = TX_CASES[0]["transfer"]
    return [
        {
            "name": "transfer_success",
            "status": "success",
            "gas_used": 3280,
            "error": "",
            "events": [{"module": 1, "type": "transfer",
                        "attributes": [["from", hx(sender)], ["to", hx(to)],
                                       ["amount", str(amount)]]}],
        },
        {"name": "failed_insufficient_funds", "status": "failed", "gas_used": 2280,
         "error": "insufficient_funds", "events": []},
        {"name": "success_no_events", "status": "success", "gas_used": 0, "error": "",
         "events": []},
        {
            "name": "two_events",
            "status": "success",
            "gas_used": 0xFFFFFFFFFFFFFFFF,
            "error": "",
            "events": [{"module": 1, "type": "transfer", "attributes": []},
                       {"module": 0x0102, "type": "x",
                        "attributes": [["k", ""], ["", "v" * 130]]}],
        },
    ]


def receipt_vectors():
    cases = []
    hashes = []
    for r in receipt_cases():
        enc = receipt_encoding(r)
        h = tagged_hash(TAG_RECEIPT, enc)
        hashes.append(h)
        entry = dict(r)
        entry["gas_used"] = str(r["gas_used"])
        entry["expected"] = {"encoded": hx(enc), "hash": hx(h)}
        cases.append(entry)
    good = receipt_encoding(receipt_cases()[1])
    invalid = [
        {"name": "status_2", "hex": hx(u8(2) + good[1:]), "reason": "decode_error"},
        {"name": "trailing_byte", "hex": hx(good + b"\x00"), "reason": "decode_error"},
        {"name": "error_257_bytes",
         "hex": hx(u8(1) + u64(1) + lp_string("e" * 257) + varint(0)), "reason": "decode_error"},
        {"name": "event_type_65_bytes",
         "hex": hx(u8(0) + u64(1) + lp_string("") + varint(1) + u16(1) + lp_string("t" * 65) +
                   varint(0)),
         "reason": "decode_error"},
        {"name": "33_attributes",
         "hex": hx(u8(0) + u64(1) + lp_string("") + varint(1) + u16(1) + lp_string("t") +
                   varint(33)),
         "reason": "decode_error"},
    ]
    return {
        "description": "Receipts. hash = H_azora/receipt(encoded); receipts_root = "
                       "list_root(azora/receiptroot, hashes of all cases in order). "
                       "Generated by tests/vectors/generate.py.",
        "cases": cases,
        "receipts_root": hx(list_root(TAG_RECEIPTROOT, hashes)),
        "invalid": invalid,
    }, hashes


def header_vectors(tx_encodings, receipt_hashes):
    tx_hashes = [tagged_hash(TAG_TX, t) for t in tx_encodings]
    proposer = key_address(TX_CASES[0]["secret_key"])
    headers = [
        {
            "name": "empty_block",
            "txs": [],
            "header": {
                "version": 1, "chain_id": "azora-testnet-1", "height": 1,
                "time_ms": 1_767_225_600_000, "parent": sha256(b"azora genesis example"),
                "tx_root": list_root(TAG_TXROOT, []),
                "receipts_root": list_root(TAG_RECEIPTROOT, []),
                "state_root": sha256(b"state 1"), "validators_hash": sha256(b"validators"),
                "next_validators_hash": sha256(b"validators"), "proposer": proposer,
            },
        },
        {
            "name": "block_with_txs",
            "txs": list(range(len(tx_encodings))),
            "header": {
                "version": 1, "chain_id": "azora-testnet-1", "height": 0x0102030405,
                "time_ms": 1_767_225_601_234, "parent": bytes([0x11] * 32),
                "tx_root": list_root(TAG_TXROOT, tx_hashes),
                "receipts_root": list_root(TAG_RECEIPTROOT, receipt_hashes),
                "state_root": bytes([0x33] * 32), "validators_hash": bytes([0x44] * 32),
                "next_validators_hash": bytes([0x55] * 32), "proposer": bytes(range(20)),
            },
        },
    ]
    cases = []
    for item in headers:
        h = item["header"]
        enc = header_encoding(h)
        block = block_encoding(enc, [tx_encodings[i] for i in item["txs"]])
        cases.append({
            "name": item["name"],
            "header": header_json(h),
            "block_txs": item["txs"],
            "expected": {"encoded": hx(enc), "hash": hx(tagged_hash(TAG_BLOCK, enc)),
                         "block_encoded": hx(block)},
        })
    enc = header_encoding(headers[0]["header"])
    invalid = [
        {"name": "version_2", "hex": hx(u32(2) + enc[4:]), "reason": "bad_version"},
        {"name": "trailing_byte", "hex": hx(enc + b"\x00"), "reason": "decode_error"},
        {"name": "truncated_proposer", "hex": hx(enc[:-1]), "reason": "decode_error"},
    ]
    return {
        "description": "Block headers and blocks. hash = H_azora/block(encoded). "
                       "block_txs are indexes into tx.json cases; in block_with_txs, tx_root is "
                       "list_root(azora/txroot, their tx hashes) and receipts_root is "
                       "receipt.json's receipts_root. Generated by tests/vectors/generate.py.",
        "cases": cases,
        "invalid": invalid,
    }


def commit_vectors():
    block_hash = sha256(b"block")
    sig_a = bytes(range(64))
    sig_b = bytes([0xAB] * 64)
    sig_c = bytes(range(64, 128))
    commits = [
        {"name": "no_signatures", "height": 1, "round": 0, "block_hash": bytes(32),
         "signatures": []},
        {"name": "three_signatures", "height": 0x0102030405060708, "round": 2,
         "block_hash": block_hash, "signatures": [(0, sig_a), (2, sig_b), (300, sig_c)]},
    ]
    cases = []
    for c in commits:
        cases.append({
            "name": c["name"],
            "height": str(c["height"]),
            "round": c["round"],
            "block_hash": hx(c["block_hash"]),
            "signatures": [{"validator_index": i, "signature": hx(s)} for i, s in c["signatures"]],
            "expected": {"encoded": hx(commit_encoding(c))},
        })

    def with_sigs(sigs):
        return commit_encoding({"height": 9, "round": 0, "block_hash": block_hash,
                                "signatures": sigs})

    invalid = [
        {"name": "unsorted_indexes", "hex": hx(with_sigs([(2, sig_a), (1, sig_b)])),
         "reason": "decode_error"},
        {"name": "repeated_index", "hex": hx(with_sigs([(1, sig_a), (1, sig_b)])),
         "reason": "decode_error"},
        {"name": "trailing_byte", "hex": hx(with_sigs([(0, sig_a)]) + b"\x00"),
         "reason": "decode_error"},
        {"name": "count_over_limit",
         "hex": hx(u64(9) + u32(0) + block_hash + varint(10_001)), "reason": "decode_error"},
        {"name": "count_past_end", "hex": hx(u64(9) + u32(0) + block_hash + varint(1)),
         "reason": "decode_error"},
    ]
    return {
        "description": "Commits (encoding only: vote signing is not specified yet, so the "
                       "signatures are arbitrary 64-byte strings). Generated by "
                       "tests/vectors/generate.py.",
        "cases": cases,
        "invalid": invalid,
    }


def merkle_vectors():
    cases = []
    for tag in (TAG_TXROOT, TAG_RECEIPTROOT):
        for n in range(0, 9):
            leaves = [sha256(bytes([i])) for i in range(n)]
            cases.append({"tag": tag, "leaves": [hx(x) for x in leaves],
                          "root": hx(list_root(tag, leaves))})
    return {
        "description": "list_root(tag, leaves) for 0..8 leaves; leaf i = SHA-256(byte i). "
                       "Generated by tests/vectors/generate.py.",
        "cases": cases,
    }


def hash_vectors():
    inputs = [b"", b"abc", bytes(range(64))]
    return {
        "description": "SHA-256 and every protocol tag's tagged hash "
                       "H_tag(x) = SHA256(SHA256(tag) || SHA256(tag) || x). "
                       "Generated by tests/vectors/generate.py.",
        "sha256": [{"input": hx(x), "hash": hx(sha256(x))} for x in inputs],
        "tagged": [{"tag": tag, "input": hx(x), "hash": hx(tagged_hash(tag, x))}
                   for tag in ALL_TAGS for x in inputs[:2]],
    }


def all_vectors():
    tx, tx_encodings = tx_vectors()
    receipt, receipt_hashes = receipt_vectors()
    return {
        "tx.json": tx,
        "header.json": header_vectors(tx_encodings, receipt_hashes),
        "commit.json": commit_vectors(),
        "receipt.json": receipt,
        "merkle.json": merkle_vectors(),
        "hash.json": hash_vectors(),
    }


# --------------------------------------------------------------------------------------------
# The worked example of docs/protocol.md


def annotate():
    case = TX_CASES[0]
    tx, unsigned, signing_hash, sig, full = build_tx(case)
    rows = [
        ("version", "u32", u32(tx["version"]), "1"),
        ("chain_id length", "varint", varint(len(tx["chain_id"])), str(len(tx["chain_id"]))),
        ("chain_id", "bytes", tx["chain_id"].encode(), '"%s"' % tx["chain_id"]),
        ("sender", "32 bytes", tx["sender"], "x-only public key"),
        ("nonce", "u64", u64(tx["nonce"]), str(tx["nonce"])),
        ("gas_limit", "u64", u64(tx["gas_limit"]), str(tx["gas_limit"])),
        ("gas_price", "u64", u64(tx["gas_price"]), str(tx["gas_price"])),
        ("expires_at_height", "u64", u64(tx["expires_at_height"]), "0 = never"),
        ("module", "u16", u16(tx["module"]), "1 = token"),
        ("action", "u16", u16(tx["action"]), "1 = transfer"),
        ("payload length", "varint", varint(len(tx["payload"])), str(len(tx["payload"]))),
        ("payload.to", "20 bytes", tx["payload"][:20], "recipient address"),
        ("payload.amount", "u64", tx["payload"][20:], str(case["transfer"][1])),
        ("signature", "64 bytes", sig, "BIP-340, aux = 32 zero bytes"),
    ]
    offset = 0
    print("| offset | field | type | bytes (hex) | value |")
    print("|---:|---|---|---|---|")
    for name, typ, b, value in rows:
        print("| %d | %s | %s | `%s` | %s |" % (offset, name, typ, b.hex(), value))
        offset += len(b)
    assert offset == len(full)
    print()
    print("secret key   ", case["secret_key"].hex())
    print("pubkey       ", tx["sender"].hex())
    print("address      ", address_bytes(tx["sender"]).hex())
    print("address text ", address_text(address_bytes(tx["sender"]), "tazr"))
    print("to text      ", address_text(case["transfer"][0], "tazr"))
    print("unsigned     ", unsigned.hex(), len(unsigned))
    print("signing hash ", signing_hash.hex())
    print("signature    ", sig.hex())
    print("encoded      ", full.hex(), len(full))
    print("tx hash      ", tagged_hash(TAG_TX, full).hex())
    print("tag azora/tx SHA256(tag)", sha256(TAG_TX.encode()).hex())


def main(argv):
    self_check()
    if "--annotate" in argv:
        annotate()
        return 0
    check = "--check" in argv
    stale = []
    for name, content in all_vectors().items():
        text = json.dumps(content, indent=1) + "\n"
        path = os.path.join(HERE, name)
        if check:
            with open(path) as f:
                if f.read() != text:
                    stale.append(name)
        else:
            with open(path, "w") as f:
                f.write(text)
    if stale:
        print("stale vectors: " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
