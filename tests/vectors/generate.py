#!/usr/bin/env python3
"""Generates the golden vectors in tests/vectors/ from an independent implementation.

Everything here is written from docs/protocol.md (and the BIP-340 / BIP-350 reference
algorithms), in pure Python 3 with only the standard library, so that the vectors do not
merely echo what the C++ code outputs. The C++ tests check the code against the files this
script writes (docs/protocol.md section 21): tests/ledger/vectors_test.cpp,
tests/ledger/state_tree_test.cpp, tests/core/smt_vectors_test.cpp,
tests/consensus/vectors_test.cpp, tests/genesis/vectors_test.cpp and, for the credential and
governance modules (sections 18 and 19; module_codecs.py, module_vectors.py and
module_scenario.py, imported from here), tests/vm/*_vectors_test.cpp.

state_tree.json's root and proofs are recomputed here from its entries (section 14), and every
proof and verify case is run through this script's own proof decoder and verifier.

    python3 tests/vectors/generate.py             # rewrite the JSON files next to this script
    python3 tests/vectors/generate.py --check     # fail if a JSON file would change
    python3 tests/vectors/generate.py --annotate  # print the worked example of docs/protocol.md

Before writing, the script checks its own BIP-340 and bech32m code against the BIP test vectors
kept next to it (bip340-schnorr.csv, bech32m.json; sources in tests/vectors/README.md).
"""

import csv
import datetime
import hashlib
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
# module_codecs.py, module_vectors.py and module_scenario.py import this script as "generate";
# when it runs as __main__, let them find this very module instead of loading a second copy.
sys.modules.setdefault("generate", sys.modules[__name__])
sys.dont_write_bytecode = True  # keep __pycache__ out of the source tree

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
TAG_CREDENTIAL = "azora/credential"
TAG_EVIDENCE = "azora/evidence"
TAG_EVIDENCEROOT = "azora/evidenceroot"
ALL_TAGS = [TAG_TX, TAG_BLOCK, TAG_VOTE, TAG_LEAF, TAG_NODE, TAG_ADDR, TAG_TXROOT,
            TAG_RECEIPTROOT, TAG_RECEIPT, TAG_VALIDATORS, TAG_GENESIS, TAG_CREDENTIAL,
            TAG_EVIDENCE, TAG_EVIDENCEROOT]

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
# BIP-340, transcribed from the reference implementation in the BIP (modular inverses with
# pow(x, -1, P) instead of pow(x, P - 2, P): the same value, computed much faster)


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
        lam = (3 * p1[0] * p1[0] * pow(2 * p1[1], -1, P)) % P
    else:
        lam = ((p2[1] - p1[1]) * pow(p2[0] - p1[0], -1, P)) % P
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
            h["parent"] + h["tx_root"] + h["evidence_root"] + h["receipts_root"] +
            h["state_root"] +
            h["validators_hash"] + h["next_validators_hash"] + h["proposer"])


def block_encoding(header: bytes, tx_encodings, evidence_encodings=()) -> bytes:
    return (header + varint(len(tx_encodings)) + b"".join(lp_bytes(t) for t in tx_encodings) +
            varint(len(evidence_encodings)) + b"".join(lp_bytes(e) for e in evidence_encodings))


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
# State tree (docs/protocol.md section 14): path-compressed binary sparse Merkle tree


EMPTY_HASH = bytes(32)
SMT_MAX_DEPTH = 256


def smt_leaf(key_hash: bytes, value_hash: bytes) -> bytes:
    return tagged_hash(TAG_LEAF, key_hash + value_hash)


def smt_node(left: bytes, right: bytes) -> bytes:
    return tagged_hash(TAG_NODE, left + right)


def path_bit(path: bytes, i: int) -> int:
    return (path[i // 8] >> (7 - i % 8)) & 1


def same_prefix(a: bytes, b: bytes, bits: int) -> bool:
    return all(path_bit(a, i) == path_bit(b, i) for i in range(bits))


def smt_hash(entries, depth=0) -> bytes:
    """hash(S, d) of section 14.2; entries = [(key_hash, value_hash)] sharing depth bits."""
    if not entries:
        return EMPTY_HASH
    if len(entries) == 1:
        return smt_leaf(*entries[0])
    left = [e for e in entries if path_bit(e[0], depth) == 0]
    right = [e for e in entries if path_bit(e[0], depth) == 1]
    return smt_node(smt_hash(left, depth + 1), smt_hash(right, depth + 1))


def smt_prove(entries, key_hash: bytes):
    """(siblings, leaf or None) for key_hash: walk while the subtree holds two or more keys."""
    siblings = []
    depth = 0
    cur = entries
    while len(cur) >= 2:
        bit = path_bit(key_hash, depth)
        siblings.append(smt_hash([e for e in cur if path_bit(e[0], depth) != bit], depth + 1))
        cur = [e for e in cur if path_bit(e[0], depth) == bit]
        depth += 1
    return siblings, (cur[0] if cur else None)


def proof_encoding(siblings, leaf) -> bytes:
    out = varint(len(siblings)) + b"".join(siblings)
    return out + (b"\x01" + leaf[0] + leaf[1] if leaf else b"\x00")


class DecodeError(Exception):
    pass


def proof_decode(data: bytes):
    """Strict decoding of section 14.4; raises DecodeError."""
    pos = 0

    def take(n):
        nonlocal pos
        if pos + n > len(data):
            raise DecodeError("truncated")
        pos += n
        return data[pos - n:pos]

    count, shift = 0, 0
    for i in range(10):
        b = take(1)[0]
        count |= (b & 0x7F) << shift
        shift += 7
        if not b & 0x80:
            if b == 0 and i > 0:
                raise DecodeError("non-minimal varint")
            break
    else:
        raise DecodeError("varint too long")
    if count > SMT_MAX_DEPTH:
        raise DecodeError("too many siblings")
    siblings = [take(32) for _ in range(count)]
    presence = take(1)[0]
    if presence not in (0, 1):
        raise DecodeError("bad presence byte")
    leaf = (take(32), take(32)) if presence else None
    if pos != len(data):
        raise DecodeError("trailing bytes")
    return siblings, leaf


def smt_verify(root: bytes, key_hash: bytes, siblings, leaf):
    """Section 14.5: ("present", value_hash), ("absent", None) or ("error", "bad_proof")."""
    n = len(siblings)
    if n > SMT_MAX_DEPTH:
        return ("error", "bad_proof")
    if leaf is not None and not same_prefix(leaf[0], key_hash, n):
        return ("error", "bad_proof")
    if n > 0 and siblings[-1] == EMPTY_HASH:
        return ("error", "bad_proof")
    h = smt_leaf(*leaf) if leaf is not None else EMPTY_HASH
    for i in range(n - 1, -1, -1):
        h = smt_node(siblings[i], h) if path_bit(key_hash, i) else smt_node(h, siblings[i])
    if h != root:
        return ("error", "bad_proof")
    if leaf is not None and leaf[0] == key_hash:
        return ("present", leaf[1])
    return ("absent", None)


def smt_check_encoded(root: bytes, key_hash: bytes, proof: bytes):
    try:
        siblings, leaf = proof_decode(proof)
    except DecodeError:
        return ("error", "decode_error")
    return smt_verify(root, key_hash, siblings, leaf)


# --------------------------------------------------------------------------------------------
# Consensus (docs/protocol.md section 16): votes, validator sets, commit verification

PREVOTE = 1
PRECOMMIT = 2
MAX_TOTAL_POWER = 1 << 60


def vote_encoding(v) -> bytes:
    return (u8(v["type"]) + lp_string(v["chain_id"]) + u64(v["height"]) + u32(v["round"]) +
            v["block_hash"])


def vote_signing_hash(v) -> bytes:
    return tagged_hash(TAG_VOTE, vote_encoding(v))


def validator_set_error(members):
    """The reason ValidatorSet::create refuses `members` [(pubkey, power)], or None."""
    if not members:
        return "bad_validator_set"
    total = 0
    seen = set()
    for pub, power in members:
        if power == 0 or pub in seen or total + power > MAX_TOTAL_POWER:
            return "bad_validator_set"
        seen.add(pub)
        total += power
    return None


def validators_encoding(members) -> bytes:
    return varint(len(members)) + b"".join(pub + u64(power) for pub, power in members)


def validators_hash(members) -> bytes:
    return tagged_hash(TAG_VALIDATORS, validators_encoding(members))


def quorum_power(members) -> int:
    return sum(p for _, p in members) * 2 // 3 + 1


def verify_commit(members, chain_id, height, block_hash, commit):
    """consensus::verify_commit: None if valid, else the reason."""
    if commit["height"] != height or commit["block_hash"] != block_hash:
        return "commit_mismatch"
    msg = vote_signing_hash({"type": PRECOMMIT, "chain_id": chain_id, "height": height,
                             "round": commit["round"], "block_hash": block_hash})
    power = 0
    last = -1
    for index, sig in commit["signatures"]:
        if index >= len(members) or index <= last:
            return "commit_bad_index"
        last = index
        pub, p = members[index]
        if not schnorr_verify(msg, pub, sig):
            return "commit_bad_signature"
        power += p
    if power < quorum_power(members):
        return "commit_insufficient_power"
    return None


# --------------------------------------------------------------------------------------------
# Evidence of duplicate votes (docs/protocol.md 16.5)

EVIDENCE_SIZE = 241


def evidence_encoding(e) -> bytes:
    return (u8(e["vote_type"]) + u64(e["height"]) + u32(e["round"]) + u32(e["validator_index"]) +
            e["validator"] + e["block_hash_a"] + e["sig_a"] + e["block_hash_b"] + e["sig_b"])


def evidence_form_error(e):
    """The shape rules of DuplicateVoteEvidence (16.5): None if well formed, else the reason."""
    if e["vote_type"] not in (PREVOTE, PRECOMMIT):
        return "evidence_bad_type"
    if e["block_hash_a"] == e["block_hash_b"]:
        return "evidence_same_vote"
    if e["block_hash_a"] > e["block_hash_b"]:
        return "evidence_bad_order"
    return None


def evidence_decode_error(data: bytes):
    """DuplicateVoteEvidence decoding: None if it decodes, else the reason."""
    if len(data) != EVIDENCE_SIZE:
        return "decode_error"
    e = {"vote_type": data[0], "block_hash_a": data[49:81], "block_hash_b": data[145:177]}
    return evidence_form_error(e)


def verify_evidence(members, chain_id, e):
    """consensus::verify_evidence: None if valid, else the reason."""
    reason = evidence_form_error(e)
    if reason:
        return reason
    if e["validator_index"] >= len(members):
        return "evidence_bad_index"
    if members[e["validator_index"]][0] != e["validator"]:
        return "evidence_wrong_validator"
    for bh, sig in ((e["block_hash_a"], e["sig_a"]), (e["block_hash_b"], e["sig_b"])):
        v = {"type": e["vote_type"], "chain_id": chain_id, "height": e["height"],
             "round": e["round"], "block_hash": bh}
        if not schnorr_verify(vote_signing_hash(v), e["validator"], sig):
            return "evidence_bad_signature"
    return None


# --------------------------------------------------------------------------------------------
# Genesis (docs/protocol.md section 17)

MAINNET_HRP = "azr"
TESTNET_HRP = "tazr"
UAZR_PER_AZR = 1_000_000


def genesis_hrp(chain_id: str) -> str:
    return MAINNET_HRP if chain_id.startswith("azora-mainnet-") else TESTNET_HRP


def format_utc_ms(ms: int) -> str:
    t = datetime.datetime(1970, 1, 1) + datetime.timedelta(milliseconds=ms)
    return t.strftime("%Y-%m-%dT%H:%M:%S") + ".%03dZ" % (ms % 1000)


def genesis_json(g):
    """Genesis::to_json: u64 values as decimal strings, addresses in bech32m."""
    hrp = genesis_hrp(g["chain_id"])
    gas = g["gas"]
    doc = {
        "chain_id": g["chain_id"],
        "genesis_time": format_utc_ms(g["genesis_time_ms"]),
        "params": {
            "min_gas_price": str(g["min_gas_price"]),
            "max_tx_gas": str(g["max_tx_gas"]),
            "gas": {
                "tx_base": str(gas["tx_base"]),
                "per_payload_byte": str(gas["per_payload_byte"]),
                "per_state_write": str(gas["per_state_write"]),
                "default_action": str(gas["default_action"]),
                "actions": {name: str(v) for name, v in sorted(gas["actions"].items())},
            },
        },
        "accounts": [{"address": address_text(a, hrp), "balance": str(b)}
                     for a, b in g["accounts"]],
        "validators": [{"name": n, "pubkey": hx(pub), "power": str(p)}
                       for n, pub, p in g["validators"]],
    }
    if g["council"] is not None:
        members, threshold, ttl = g["council"]
        doc["council"] = {"members": [address_text(m, hrp) for m in members],
                          "threshold": str(threshold), "proposal_ttl_blocks": str(ttl)}
    if g["issuers"]:
        doc["issuers"] = [{"address": address_text(a, hrp), "name": n, "url": u}
                          for a, n, u in g["issuers"]]
    return doc


def genesis_encoding(g) -> bytes:
    gas = g["gas"]
    out = (lp_string(g["chain_id"]) + u64(g["genesis_time_ms"]) + u64(g["min_gas_price"]) +
           u64(g["max_tx_gas"]) + u64(gas["tx_base"]) + u64(gas["per_payload_byte"]) +
           u64(gas["per_state_write"]) + u64(gas["default_action"]))
    actions = sorted((name.encode("utf-8"), v) for name, v in gas["actions"].items())
    out += varint(len(actions)) + b"".join(lp_bytes(n) + u64(v) for n, v in actions)
    out += varint(len(g["accounts"])) + b"".join(a + u64(b) for a, b in g["accounts"])
    out += varint(len(g["validators"]))
    out += b"".join(lp_string(n) + pub + u64(p) for n, pub, p in g["validators"])
    from module_codecs import council_record
    if g["council"] is None:
        out += b"\x00"
    else:
        out += b"\x01" + council_record(*g["council"])
    out += varint(len(g["issuers"]))
    out += b"".join(a + lp_string(n) + lp_string(u) for a, n, u in g["issuers"])
    return out


def genesis_state(g):
    """Genesis::initial_state: key -> value of the state at height 0 (zero balances absent)."""
    state = {}
    supply = 0
    for addr, balance in g["accounts"]:
        if balance:
            state[b"\x01b" + addr] = u64(balance)
        supply += balance
    if supply:
        state[b"\x01s"] = u64(supply)
    from module_codecs import COUNCIL_KEY, council_record, issuer_key, issuer_record
    if g["council"] is not None:
        state[COUNCIL_KEY] = council_record(*g["council"])
    for addr, name, url in g["issuers"]:
        state[issuer_key(addr)] = issuer_record({"address": addr, "name": name, "url": url,
                                                 "status": 0, "history": [(0, 0)]})
    return state


# --------------------------------------------------------------------------------------------
# Self-checks against the BIP vectors in this folder


def self_check():
    with open(os.path.join(HERE, "bip340-schnorr.csv"), newline="") as f:
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
    with open(os.path.join(HERE, "bech32m.json")) as f:
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
        "evidence_root": hx(h["evidence_root"]),
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


def header_vectors(tx_encodings, receipt_hashes, evidence_encodings):
    tx_hashes = [tagged_hash(TAG_TX, t) for t in tx_encodings]
    block_evidence = [0, 1]
    evidence_hashes = [tagged_hash(TAG_EVIDENCE, evidence_encodings[i]) for i in block_evidence]
    proposer = key_address(TX_CASES[0]["secret_key"])
    headers = [
        {
            "name": "empty_block",
            "txs": [],
            "header": {
                "version": 1, "chain_id": "azora-testnet-1", "height": 1,
                "time_ms": 1_767_225_600_000, "parent": sha256(b"azora genesis example"),
                "tx_root": list_root(TAG_TXROOT, []),
                "evidence_root": list_root(TAG_EVIDENCEROOT, []),
                "receipts_root": list_root(TAG_RECEIPTROOT, []),
                "state_root": sha256(b"state 1"), "validators_hash": sha256(b"validators"),
                "next_validators_hash": sha256(b"validators"), "proposer": proposer,
            },
            "evidence": [],
        },
        {
            "name": "block_with_txs",
            "txs": list(range(len(tx_encodings))),
            "header": {
                "version": 1, "chain_id": "azora-testnet-1", "height": 0x0102030405,
                "time_ms": 1_767_225_601_234, "parent": bytes([0x11] * 32),
                "tx_root": list_root(TAG_TXROOT, tx_hashes),
                "evidence_root": list_root(TAG_EVIDENCEROOT, []),
                "receipts_root": list_root(TAG_RECEIPTROOT, receipt_hashes),
                "state_root": bytes([0x33] * 32), "validators_hash": bytes([0x44] * 32),
                "next_validators_hash": bytes([0x55] * 32), "proposer": bytes(range(20)),
            },
            "evidence": [],
        },
        {
            "name": "block_with_evidence",
            "txs": [],
            "header": {
                "version": 1, "chain_id": "azora-testnet-1", "height": 50,
                "time_ms": 1_767_225_650_000, "parent": bytes([0x12] * 32),
                "tx_root": list_root(TAG_TXROOT, []),
                "evidence_root": list_root(TAG_EVIDENCEROOT, evidence_hashes),
                "receipts_root": list_root(TAG_RECEIPTROOT, []),
                "state_root": bytes([0x34] * 32), "validators_hash": bytes([0x45] * 32),
                "next_validators_hash": bytes([0x45] * 32), "proposer": bytes(range(20)),
            },
            "evidence": block_evidence,
        },
    ]
    cases = []
    for item in headers:
        h = item["header"]
        enc = header_encoding(h)
        block = block_encoding(enc, [tx_encodings[i] for i in item["txs"]],
                               [evidence_encodings[i] for i in item["evidence"]])
        cases.append({
            "name": item["name"],
            "header": header_json(h),
            "block_txs": item["txs"],
            "block_evidence": item["evidence"],
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
                       "receipt.json's receipts_root. block_evidence are indexes into "
                       "evidence.json cases; evidence_root is list_root(azora/evidenceroot, their "
                       "hashes). Generated by tests/vectors/generate.py.",
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
        "description": "Commits, encoding only: the signatures are arbitrary 64-byte strings. "
                       "Signed commits and their verification are in commit_verify.json. "
                       "Generated by tests/vectors/generate.py.",
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


STATE_TREE_ENTRIES = [
    (b"token/balance/azr1alice", u64(1_000_000)),
    (b"token/balance/azr1bob", u64(2_000_000)),
    (b"credential/cert/0001", b"BSc Computer Science"),
    (b"escrow/0007", b"locked"),
    (b"knowledge/proof/42", b"verified"),
]
# Two present keys, one absent key whose path ends at another key's leaf, one absent key whose
# path ends in an empty subtree.
STATE_TREE_PROVEN = [b"token/balance/azr1alice", b"escrow/0007", b"token/balance/azr1carol",
                     b"token/balance/azr1user1"]


def state_tree_vectors():
    entries = [(sha256(k), sha256(v)) for k, v in STATE_TREE_ENTRIES]
    root = smt_hash(entries)
    values = dict(entries)
    proofs = []
    encoded = {}
    for key in STATE_TREE_PROVEN:
        kh = sha256(key)
        siblings, leaf = smt_prove(entries, kh)
        enc = proof_encoding(siblings, leaf)
        encoded[key] = (siblings, leaf, enc)
        result = smt_check_encoded(root, kh, enc)
        item = {"key": hx(key), "key_hash": hx(kh), "present": kh in values}
        if kh in values:
            assert result == ("present", values[kh]), key
            item["value_hash"] = hx(values[kh])
        else:
            assert result == ("absent", None), key
        item["proof"] = hx(enc)
        proofs.append(item)
    # Every entry proves present, and the proof kinds above are the ones they claim to be.
    for kh, vh in entries:
        assert smt_check_encoded(root, kh, proof_encoding(*smt_prove(entries, kh))) == \
            ("present", vh)
    assert encoded[STATE_TREE_PROVEN[2]][1] is not None  # occupied by another leaf
    assert encoded[STATE_TREE_PROVEN[3]][1] is None  # empty subtree

    alice = sha256(STATE_TREE_PROVEN[0])
    escrow = sha256(STATE_TREE_PROVEN[1])
    a_sib, a_leaf, a_enc = encoded[STATE_TREE_PROVEN[0]]
    e_sib, e_leaf, e_enc = encoded[STATE_TREE_PROVEN[1]]
    one_key = sha256(b"only")
    one_value = sha256(b"value")
    one_root = smt_leaf(one_key, one_value)
    cases = [
        ("empty_tree", EMPTY_HASH, sha256(b"any"), proof_encoding([], None)),
        ("single_leaf_present", one_root, one_key, proof_encoding([], (one_key, one_value))),
        ("single_leaf_other_key", one_root, sha256(b"other"),
         proof_encoding([], (one_key, one_value))),
        ("present", root, alice, a_enc),
        ("wrong_value_hash", root, escrow,
         proof_encoding(e_sib, (e_leaf[0], sha256(b"unlocked")))),
        ("wrong_root", sha256(b"root"), alice, a_enc),
        ("leaf_off_path", root, alice, e_enc),
        ("sibling_dropped", root, alice, proof_encoding(a_sib[:-1], a_leaf)),
        ("empty_sibling_at_bottom", root, escrow,
         proof_encoding(e_sib + [EMPTY_HASH], e_leaf)),
        ("leaf_removed", root, escrow, proof_encoding(e_sib, None)),
        ("trailing_byte", root, alice, a_enc + b"\x00"),
        ("truncated", root, alice, a_enc[:-1]),
        ("presence_byte_2", root, alice, a_enc[:-65] + b"\x02" + a_enc[-64:]),
        ("count_257", root, alice, varint(257) + bytes(32 * 257) + b"\x00"),
        ("non_minimal_count", root, escrow, b"\x81\x00" + e_enc[1:]),
        ("empty", root, alice, b""),
    ]
    verify = []
    for name, r, kh, enc in cases:
        kind, value = smt_check_encoded(r, kh, enc)
        item = {"name": name, "root": hx(r), "key_hash": hx(kh), "proof": hx(enc)}
        if kind == "error":
            item["error"] = value
        else:
            item["present"] = kind == "present"
            if value is not None:
                item["value_hash"] = hx(value)
        verify.append(item)
    return {
        "description": "State tree (docs/protocol.md section 14): key_hash = SHA-256(key), "
                       "value_hash = SHA-256(value); root of the tree holding these entries and "
                       "encoded proofs (Proof::encode) against it. verify_cases: Proof::decode "
                       "then smt::verify_proof against their own root; error is the reason of "
                       "whichever fails. Generated by tests/vectors/generate.py.",
        "entries": [{"key": hx(k), "value": hx(v)} for k, v in STATE_TREE_ENTRIES],
        "root": hx(root),
        "proofs": proofs,
        "verify_cases": verify,
    }


def dev_account_key(i: int) -> bytes:
    return sha256(("azora/dev-account/%d" % i).encode())


def dev_validator_secret() -> bytes:
    return sha256(b"azora/dev-validator/0")


TEST_VALIDATOR_KEYS = [bytes([0x10 + i] * 32) for i in range(4)]


def vote_vectors():
    votes = [
        ("dev_precommit", "the dev validator's precommit for a block at height 1",
         dev_validator_secret(),
         {"type": PRECOMMIT, "chain_id": "azora-dev-1", "height": 1, "round": 0,
          "block_hash": sha256(b"block 1")}),
        ("prevote_large_fields", "prevote; large height and round show the byte order",
         bytes([0x01] * 32),
         {"type": PREVOTE, "chain_id": "azora-testnet-1", "height": 0x0102030405060708,
          "round": 0x0A0B0C0D, "block_hash": bytes([0x11] * 32)}),
        ("prevote_nil", "prevote for nil (all-zero block hash), empty chain id, secret key 3",
         secret(3),
         {"type": PREVOTE, "chain_id": "", "height": 0, "round": 0, "block_hash": bytes(32)}),
        ("precommit_max_round", "precommit at round 2^32 - 1 and height 2^64 - 1",
         TEST_VALIDATOR_KEYS[0],
         {"type": PRECOMMIT, "chain_id": "azora-mainnet-1", "height": 2**64 - 1,
          "round": 2**32 - 1, "block_hash": sha256(b"block")}),
    ]
    cases = []
    for name, comment, sk, v in votes:
        enc = vote_encoding(v)
        h = tagged_hash(TAG_VOTE, enc)
        sig = schnorr_sign(h, sk, AUX)
        cases.append({
            "name": name,
            "comment": comment,
            "secret_key": hx(sk),
            "vote": {"type": v["type"], "chain_id": v["chain_id"], "height": str(v["height"]),
                     "round": v["round"], "block_hash": hx(v["block_hash"])},
            "expected": {"pubkey": hx(pubkey_gen(sk)), "encoded": hx(enc),
                         "signing_hash": hx(h), "signature": hx(sig)},
        })
    return {
        "description": "Consensus votes (VoteData). encoded = u8 type (1 prevote, 2 precommit) || "
                       "string chain_id || u64 height || u32 round || block_hash; signing_hash = "
                       "H_azora/vote(encoded); signature = BIP-340(secret_key, signing_hash, "
                       "32 zero bytes). Generated by tests/vectors/generate.py.",
        "cases": cases,
    }


def validator_sets():
    dev = [(pubkey_gen(dev_validator_secret()), 10)]
    four = [(pubkey_gen(k), 10) for k in TEST_VALIDATOR_KEYS]
    unequal = [(pubkey_gen(k), p) for k, p in zip(TEST_VALIDATOR_KEYS, [1, 1, 1, 6])]
    return {"dev": dev, "four_equal": four, "unequal": unequal}


def validators_vectors():
    sets = validator_sets()
    keys = [pubkey_gen(k) for k in TEST_VALIDATOR_KEYS]
    valid = [
        ("dev", "the dev genesis validator set: what dev blocks carry as validators_hash",
         sets["dev"]),
        ("four_equal", "four validators of power 10: quorum 27", sets["four_equal"]),
        ("unequal", "powers 1, 1, 1, 6: quorum 7", sets["unequal"]),
        ("three_ones", "total 3: exactly 2/3 (2) is not a quorum", [(k, 1) for k in keys[:3]]),
        ("max_total", "two validators of 2^59: total power at its maximum 2^60",
         [(keys[0], 2**59), (keys[1], 2**59)]),
        ("order_matters", "four_equal in reverse order: a different hash",
         list(reversed(sets["four_equal"]))),
    ]
    cases = []
    for name, comment, members in valid:
        assert validator_set_error(members) is None
        cases.append({
            "name": name,
            "comment": comment,
            "validators": [{"pubkey": hx(k), "power": str(p)} for k, p in members],
            "expected": {"encoded": hx(validators_encoding(members)),
                         "hash": hx(validators_hash(members)),
                         "total_power": str(sum(p for _, p in members)),
                         "quorum_power": str(quorum_power(members))},
        })
    invalid = [
        ("empty", []),
        ("zero_power", [(keys[0], 10), (keys[1], 0)]),
        ("duplicate_key", [(keys[0], 10), (keys[1], 10), (keys[0], 5)]),
        ("total_over_2_60", [(keys[0], 2**60), (keys[1], 1)]),
        ("single_over_2_60", [(keys[0], 2**60 + 1)]),
    ]
    bad = []
    for name, members in invalid:
        reason = validator_set_error(members)
        assert reason is not None
        bad.append({"name": name,
                    "validators": [{"pubkey": hx(k), "power": str(p)} for k, p in members],
                    "reason": reason})
    return {
        "description": "Validator sets. encoded = varint n || (pubkey || u64 power) per validator "
                       "in order; hash = H_azora/validators(encoded); quorum_power = "
                       "total * 2 / 3 + 1 (integer division). invalid: refused by "
                       "ValidatorSet::create. Generated by tests/vectors/generate.py.",
        "cases": cases,
        "invalid": bad,
    }


def commit_verify_vectors():
    sets = validator_sets()
    chain_id = "azora-testnet-1"
    height = 42
    rnd = 1
    block_hash = sha256(b"block 42")

    def sig(i, vtype=PRECOMMIT, r=rnd, h=height, bh=block_hash, chain=chain_id):
        v = {"type": vtype, "chain_id": chain, "height": h, "round": r, "block_hash": bh}
        return schnorr_sign(vote_signing_hash(v), TEST_VALIDATOR_KEYS[i], AUX)

    def sigs(*indexes):
        return [(i, sig(i)) for i in indexes]

    c = {"height": height, "round": rnd, "block_hash": block_hash}
    specs = [
        ("three_of_four", "four_equal", "30 of 40 >= 27", dict(c, signatures=sigs(0, 1, 2))),
        ("four_of_four", "four_equal", "", dict(c, signatures=sigs(0, 1, 2, 3))),
        ("three_of_four_gap", "four_equal", "indexes need not be contiguous",
         dict(c, signatures=sigs(0, 2, 3))),
        ("two_of_four", "four_equal", "20 of 40 < 27", dict(c, signatures=sigs(0, 1))),
        ("no_signatures", "four_equal", "", dict(c, signatures=[])),
        ("signature_of_other_validator", "four_equal", "index 1 carries validator 2's signature",
         dict(c, signatures=[(0, sig(0)), (1, sig(2)), (2, sig(2))])),
        ("prevote_signature", "four_equal", "index 2 signed a prevote, not a precommit",
         dict(c, signatures=[(0, sig(0)), (1, sig(1)), (2, sig(2, vtype=PREVOTE))])),
        ("signed_other_round", "four_equal", "signed at round 0, commit says round 1",
         dict(c, signatures=[(i, sig(i, r=0)) for i in range(3)])),
        ("signed_other_chain", "four_equal", "signed for chain azora-dev-1",
         dict(c, signatures=[(i, sig(i, chain="azora-dev-1")) for i in range(3)])),
        ("index_out_of_range", "four_equal", "", dict(c, signatures=sigs(0, 1, 2) + [(4, sig(3))])),
        ("repeated_index", "four_equal", "", dict(c, signatures=sigs(0, 1, 1, 2))),
        ("unsorted_indexes", "four_equal", "Commit::decode refuses these too",
         dict(c, signatures=sigs(1, 0, 2))),
        ("other_height", "four_equal", "commit.height differs from the block's",
         dict(c, height=43, signatures=sigs(0, 1, 2))),
        ("other_block_hash", "four_equal", "commit.block_hash differs from the block's",
         dict(c, block_hash=sha256(b"block 42b"), signatures=sigs(0, 1, 2))),
        ("unequal_two_signatures", "unequal", "powers 1 + 6 = 7 >= 7",
         dict(c, signatures=sigs(0, 3))),
        ("unequal_three_small", "unequal", "powers 1 + 1 + 1 = 3 < 7",
         dict(c, signatures=sigs(0, 1, 2))),
        ("unequal_largest_alone", "unequal", "power 6 < 7", dict(c, signatures=sigs(3))),
    ]
    cases = []
    for name, set_name, comment, commit in specs:
        reason = verify_commit(sets[set_name], chain_id, height, block_hash, commit)
        cases.append({
            "name": name,
            "comment": comment,
            "validator_set": set_name,
            "commit": {"height": str(commit["height"]), "round": commit["round"],
                       "block_hash": hx(commit["block_hash"]),
                       "signatures": [{"validator_index": i, "signature": hx(s)}
                                      for i, s in commit["signatures"]],
                       "encoded": hx(commit_encoding(commit))},
            "expected": {"valid": reason is None, **({"reason": reason} if reason else {})},
        })
    return {
        "description": "Commit verification (consensus::verify_commit) of a commit for block "
                       "block_hash at height under chain_id, against a validator set of "
                       "validators.json (by name). Each signature is BIP-340 by secret key "
                       "[0x10 + index] * 32 over the precommit VoteData (type 2, chain_id, "
                       "height, round, block_hash) unless the comment says otherwise. "
                       "Generated by tests/vectors/generate.py.",
        "chain_id": chain_id,
        "height": str(height),
        "block_hash": hx(block_hash),
        "validator_secret_keys": [hx(k) for k in TEST_VALIDATOR_KEYS],
        "cases": cases,
    }


def evidence_vectors():
    members = validator_sets()["four_equal"]
    chain_id = "azora-testnet-1"

    def signed(signer, vtype, height, rnd, block_hash, chain=chain_id):
        v = {"type": vtype, "chain_id": chain, "height": height, "round": rnd,
             "block_hash": block_hash}
        return schnorr_sign(vote_signing_hash(v), TEST_VALIDATOR_KEYS[signer], AUX)

    def evidence(index, vtype, height, rnd, hash_x, hash_y, signer=None, key_of=None,
                 sign_y=None):
        """Two votes of validator `index` for hash_x and hash_y, put in canonical order."""
        signer = index if signer is None else signer
        key_of = index if key_of is None else key_of
        sig_x = signed(signer, vtype, height, rnd, hash_x)
        sig_y = sign_y(hash_y) if sign_y else signed(signer, vtype, height, rnd, hash_y)
        (a, sa), (b, sb) = sorted([(hash_x, sig_x), (hash_y, sig_y)])
        return {"vote_type": vtype, "height": height, "round": rnd, "validator_index": index,
                "validator": pubkey_gen(TEST_VALIDATOR_KEYS[key_of % 4]),
                "block_hash_a": a, "sig_a": sa, "block_hash_b": b, "sig_b": sb}

    x = sha256(b"block x")
    y = sha256(b"block y")
    specs = [
        ("prevote_two_blocks", "validator 1 prevotes two blocks at height 42, round 1",
         evidence(1, PREVOTE, 42, 1, x, y)),
        ("precommit_nil_and_block", "validator 3 precommits nil and a block: nil sorts first",
         evidence(3, PRECOMMIT, 42, 0, bytes(32), x)),
        ("large_fields", "validator 0; large height and round show the byte order",
         evidence(0, PREVOTE, 0x0102030405060708, 0x0A0B0C0D, y, x)),
        ("wrong_validator", "index 1 with validator 2's key (and signatures)",
         evidence(1, PREVOTE, 42, 1, x, y, signer=2, key_of=2)),
        ("index_out_of_range", "index 4 in a set of 4",
         evidence(4, PREVOTE, 42, 1, x, y, signer=0, key_of=0)),
        ("other_signer", "validator 1's key; the second vote is signed by validator 2",
         evidence(1, PREVOTE, 42, 1, x, y,
                  sign_y=lambda h: signed(2, PREVOTE, 42, 1, h))),
        ("other_chain", "both votes signed for chain azora-dev-1",
         evidence(2, PREVOTE, 42, 1, x, y,
                  sign_y=lambda h: signed(2, PREVOTE, 42, 1, h, chain="azora-dev-1"))),
        ("precommit_signature_as_prevote", "the second signature is over a precommit",
         evidence(2, PREVOTE, 42, 1, x, y,
                  sign_y=lambda h: signed(2, PRECOMMIT, 42, 1, h))),
    ]
    cases = []
    encodings = []
    for name, comment, e in specs:
        enc = evidence_encoding(e)
        assert len(enc) == EVIDENCE_SIZE and evidence_decode_error(enc) is None
        encodings.append(enc)
        reason = verify_evidence(members, chain_id, e)
        cases.append({
            "name": name,
            "comment": comment,
            "evidence": {"vote_type": e["vote_type"], "height": str(e["height"]),
                         "round": e["round"], "validator_index": e["validator_index"],
                         "validator": hx(e["validator"]), "block_hash_a": hx(e["block_hash_a"]),
                         "sig_a": hx(e["sig_a"]), "block_hash_b": hx(e["block_hash_b"]),
                         "sig_b": hx(e["sig_b"])},
            "expected": {"encoded": hx(enc), "hash": hx(tagged_hash(TAG_EVIDENCE, enc)),
                         "valid": reason is None, **({"reason": reason} if reason else {})},
        })
    good = encodings[0]
    swapped = good[:49] + good[145:177] + good[177:241] + good[49:81] + good[81:145]
    same = good[:145] + good[49:81] + good[177:]
    invalid = [
        {"name": "type_0", "hex": hx(u8(0) + good[1:]), "reason": "evidence_bad_type"},
        {"name": "type_3", "hex": hx(u8(3) + good[1:]), "reason": "evidence_bad_type"},
        {"name": "same_block_hash", "hex": hx(same), "reason": "evidence_same_vote"},
        {"name": "votes_swapped", "hex": hx(swapped), "reason": "evidence_bad_order"},
        {"name": "truncated", "hex": hx(good[:-1]), "reason": "decode_error"},
        {"name": "trailing_byte", "hex": hx(good + b"\x00"), "reason": "decode_error"},
    ]
    for item in invalid:
        assert evidence_decode_error(bytes.fromhex(item["hex"])) == item["reason"], item["name"]
    return {
        "description": "Duplicate vote evidence (16.5). encoded = u8 vote_type || u64 height || "
                       "u32 round || u32 validator_index || validator pubkey || block_hash_a || "
                       "sig_a || block_hash_b || sig_b, block_hash_a < block_hash_b; hash = "
                       "H_azora/evidence(encoded); evidence_root = list_root(azora/evidenceroot, "
                       "hashes of all cases in order). Signatures are BIP-340 by secret key "
                       "[0x10 + index] * 32 over the VoteData of each vote unless the comment "
                       "says otherwise; expected.valid / reason is consensus::verify_evidence "
                       "against validators.json's four_equal set on chain_id. invalid: refused "
                       "by the decoder. Generated by tests/vectors/generate.py.",
        "chain_id": chain_id,
        "validator_set": "four_equal",
        "cases": cases,
        "evidence_root": hx(list_root(TAG_EVIDENCEROOT,
                                      [tagged_hash(TAG_EVIDENCE, e) for e in encodings])),
        "invalid": invalid,
    }, encodings


DEFAULT_GAS = {"tx_base": 1000, "per_payload_byte": 10, "per_state_write": 500,
               "default_action": 1000}


def dev_genesis():
    return {
        "chain_id": "azora-dev-1",
        "genesis_time_ms": 1_767_225_600_000,
        "min_gas_price": 1,
        "max_tx_gas": 50_000_000,
        "gas": dict(DEFAULT_GAS, actions={"token.transfer": 1000, "token.multi_transfer": 2000}),
        "accounts": [(key_address(dev_account_key(i)), 1_000_000_000 * UAZR_PER_AZR)
                     for i in range(5)],
        "validators": [("dev-validator", pubkey_gen(dev_validator_secret()), 10)],
        "council": ([key_address(dev_account_key(0))], 1, 1000),
        "issuers": [(key_address(dev_account_key(1)), "Azora Dev Academy",
                     "https://academy.azora.example")],
    }


def sample_mainnet_genesis():
    keys = [pubkey_gen(k) for k in TEST_VALIDATOR_KEYS]
    return {
        "chain_id": "azora-mainnet-1",
        "genesis_time_ms": 1_772_366_400_250,
        "min_gas_price": 2,
        "max_tx_gas": 10_000_000,
        "gas": {"tx_base": 1500, "per_payload_byte": 12, "per_state_write": 600,
                "default_action": 900, "actions": {}},
        "accounts": [(key_address(secret(7)), 5 * UAZR_PER_AZR), (key_address(secret(8)), 0),
                     (key_address(secret(9)), 2**64 - 1 - 5 * UAZR_PER_AZR)],
        "validators": [("v%d" % i, k, p) for i, (k, p) in enumerate(zip(keys, [1, 1, 1, 6]))],
        "council": ([key_address(secret(n)) for n in (9, 7, 8)], 2, 50_400),
        "issuers": [(key_address(secret(20)), "University of Example", "https://uni.example"),
                    (key_address(secret(21)), "Training Co", "")],
    }


def minimal_genesis():
    return {
        "chain_id": "azora-local.x_1",
        "genesis_time_ms": 0,
        "min_gas_price": 0,
        "max_tx_gas": 0,
        "gas": {"tx_base": 0, "per_payload_byte": 0, "per_state_write": 0, "default_action": 0,
                "actions": {}},
        "accounts": [],
        "validators": [("", pubkey_gen(secret(5)), 1)],
        "council": None,
        "issuers": [],
    }


def genesis_case(name, comment, g):
    state = genesis_state(g)
    entries = [(sha256(k), sha256(v)) for k, v in state.items()]
    members = [(pub, p) for _, pub, p in g["validators"]]
    doc = genesis_json(g)
    return {
        "name": name,
        "comment": comment,
        "json": doc,
        "expected": {
            "json_text": json.dumps(doc, sort_keys=True, separators=(",", ":")),
            "hrp": genesis_hrp(g["chain_id"]),
            "genesis_time_ms": str(g["genesis_time_ms"]),
            "encoded": hx(genesis_encoding(g)),
            "hash": hx(tagged_hash(TAG_GENESIS, genesis_encoding(g))),
            "validators_hash": hx(validators_hash(members)),
            "quorum_power": str(quorum_power(members)),
            "initial_state": [{"key": hx(k), "value": hx(state[k])} for k in sorted(state)],
            "state_root": hx(smt_hash(entries)),
        },
    }


DELETE = object()  # genesis_vectors' variant(): remove this field


def genesis_vectors():
    dev = dev_genesis()
    dev_doc = genesis_json(dev)
    cases = [
        genesis_case("dev", "the embedded dev genesis (genesis::dev_genesis()); DEV ONLY keys",
                     dev),
        genesis_case("mainnet_sample", "an azora-mainnet-* chain id: azr addresses; a zero-balance "
                     "account (absent from the state); no gas.actions; a 2-of-3 council and two "
                     "issuers, one without url", sample_mainnet_genesis()),
        genesis_case("minimal", "no accounts, no council (absent: presence byte 00), no "
                     "issuers, zero parameters: an empty state", minimal_genesis()),
    ]

    def variant(**changes):
        doc = json.loads(json.dumps(dev_doc))
        for path, value in changes.items():
            obj = doc
            parts = path.split("/")
            for p in parts[:-1]:
                obj = obj[int(p)] if isinstance(obj, list) else obj[p]
            last = parts[-1]
            if value is DELETE:
                del obj[last]
            elif isinstance(obj, list):
                obj[int(last)] = value
            else:
                obj[last] = value
        return doc

    dev_hash = cases[0]["expected"]["hash"]
    mainnet_addr = address_text(key_address(dev_account_key(0)), MAINNET_HRP)
    accepted = [
        ("numbers_instead_of_strings", "u64 fields may be JSON integers; same hash",
         variant(**{"params/min_gas_price": 1, "accounts/0/balance": 10**15,
                    "validators/0/power": 10})),
        ("time_without_ms", "genesis_time without milliseconds; same hash",
         variant(genesis_time="2026-01-01T00:00:00Z")),
        ("unknown_field_ignored", "unknown fields are ignored", variant(comment="ignored")),
        ("council_numbers", "council threshold and ttl as JSON integers; same hash",
         variant(**{"council/threshold": 1, "council/proposal_ttl_blocks": 1000})),
    ]
    accepted_json = [{"name": n, "comment": c, "json": d, "hash": dev_hash}
                     for n, c, d in accepted]
    two_accounts = variant()
    two_accounts["accounts"] = [{"address": two_accounts["accounts"][0]["address"],
                                 "balance": str(2**64 - 1)},
                                {"address": two_accounts["accounts"][1]["address"],
                                 "balance": "1"}]
    bad_validator = variant()
    bad_validator["validators"].append(dict(bad_validator["validators"][0], name="again"))
    rejected = [
        ("not_an_object", [], "(root)"),
        ("chain_id_missing", variant(chain_id=DELETE), "chain_id"),
        ("chain_id_empty", variant(chain_id=""), "chain_id"),
        ("chain_id_65_chars", variant(chain_id="a" * 65), "chain_id"),
        ("chain_id_space", variant(chain_id="azora dev"), "chain_id"),
        ("time_no_zone", variant(genesis_time="2026-01-01T00:00:00"), "genesis_time"),
        ("time_feb_29_common_year", variant(genesis_time="2027-02-29T00:00:00Z"),
         "genesis_time"),
        ("time_before_1970", variant(genesis_time="1969-12-31T23:59:59Z"), "genesis_time"),
        ("time_two_digit_ms", variant(genesis_time="2026-01-01T00:00:00.00Z"), "genesis_time"),
        ("min_gas_price_leading_zero", variant(**{"params/min_gas_price": "01"}),
         "params.min_gas_price"),
        ("tx_base_missing", variant(**{"params/gas/tx_base": DELETE}), "params.gas.tx_base"),
        ("gas_action_not_decimal", variant(**{"params/gas/actions/token.transfer": "1e3"}),
         "params.gas.actions.token.transfer"),
        ("balance_negative", variant(**{"accounts/0/balance": -1}), "accounts[0].balance"),
        ("balance_fraction", variant(**{"accounts/0/balance": 1.5}), "accounts[0].balance"),
        ("balance_over_u64", variant(**{"accounts/0/balance": str(2**64)}),
         "accounts[0].balance"),
        ("mainnet_address_on_dev_chain", variant(**{"accounts/1/address": mainnet_addr}),
         "accounts[1].address"),
        ("duplicate_account",
         variant(**{"accounts/2/address": dev_doc["accounts"][0]["address"]}),
         "accounts[2].address"),
        ("supply_overflow", two_accounts, "accounts[1].balance"),
        ("validators_empty", variant(validators=[]), "validators"),
        ("validator_pubkey_short", variant(**{"validators/0/pubkey": "ab" * 31}),
         "validators[0].pubkey"),
        ("validator_zero_power", variant(**{"validators/0/power": "0"}), "validators[0].power"),
        ("validator_pubkey_off_curve", variant(**{"validators/0/pubkey": "ff" * 32}),
         "validators[0].pubkey"),
        ("validator_duplicate_key", bad_validator, "validators[1].pubkey"),
        ("council_not_object", variant(council=[]), "council"),
        ("council_members_empty", variant(**{"council/members": []}), "council.members"),
        ("council_member_bad_address", variant(**{"council/members/0": "tazr1"}),
         "council.members[0]"),
        ("council_member_duplicate",
         variant(**{"council/members": [dev_doc["council"]["members"][0]] * 2}),
         "council.members[1]"),
        ("council_threshold_0", variant(**{"council/threshold": "0"}), "council.threshold"),
        ("council_threshold_above_members", variant(**{"council/threshold": "2"}),
         "council.threshold"),
        ("council_ttl_0", variant(**{"council/proposal_ttl_blocks": "0"}),
         "council.proposal_ttl_blocks"),
        ("council_ttl_missing", variant(**{"council/proposal_ttl_blocks": DELETE}),
         "council.proposal_ttl_blocks"),
        ("issuers_not_array", variant(issuers={}), "issuers"),
        ("issuer_bad_address", variant(**{"issuers/0/address": mainnet_addr}),
         "issuers[0].address"),
        ("issuer_duplicate", variant(issuers=dev_doc["issuers"] * 2), "issuers[1].address"),
        ("issuer_name_empty", variant(**{"issuers/0/name": ""}), "issuers[0].name"),
        ("issuer_name_129_bytes", variant(**{"issuers/0/name": "n" * 129}), "issuers[0].name"),
        ("issuer_url_257_bytes", variant(**{"issuers/0/url": "u" * 257}), "issuers[0].url"),
    ]
    rejected_json = [{"name": n, "json": d, "reason": "bad_genesis", "field": f}
                     for n, d, f in rejected]
    return {
        "description": "Genesis (docs/protocol.md section 17). json = Genesis::to_json(); "
                       "json_text = its compact dump (keys sorted); hash = H_azora/genesis("
                       "encoded); initial_state = Genesis::initial_state() sorted by key; "
                       "state_root = its state tree root (version 0). accepted: other JSON for "
                       "the dev genesis, same hash. rejected: Genesis::from_json fails with "
                       "reason, its message starting with field + ': '. "
                       "Generated by tests/vectors/generate.py.",
        "dev_accounts": [{"name": "dev%d" % i, "secret_key": hx(dev_account_key(i)),
                          "pubkey": hx(pubkey_gen(dev_account_key(i))),
                          "address": address_text(key_address(dev_account_key(i)), TESTNET_HRP)}
                         for i in range(5)],
        "dev_validator": {"secret_key": hx(dev_validator_secret()),
                          "pubkey": hx(pubkey_gen(dev_validator_secret())),
                          "address": address_text(key_address(dev_validator_secret()),
                                                  TESTNET_HRP)},
        "cases": cases,
        "accepted": accepted_json,
        "rejected": rejected_json,
    }


def credential_vectors():
    from module_scenario import run
    from module_vectors import credential_vectors as vectors
    out = vectors()
    out["dev_block"] = run()
    return out


def governance_vectors():
    from module_vectors import governance_vectors as vectors
    return vectors()


def all_vectors():
    tx, tx_encodings = tx_vectors()
    receipt, receipt_hashes = receipt_vectors()
    evidence, evidence_encodings = evidence_vectors()
    return {
        "tx.json": tx,
        "header.json": header_vectors(tx_encodings, receipt_hashes, evidence_encodings),
        "evidence.json": evidence,
        "commit.json": commit_vectors(),
        "receipt.json": receipt,
        "merkle.json": merkle_vectors(),
        "hash.json": hash_vectors(),
        "state_tree.json": state_tree_vectors(),
        "vote.json": vote_vectors(),
        "validators.json": validators_vectors(),
        "commit_verify.json": commit_verify_vectors(),
        "genesis.json": genesis_vectors(),
        "credential.json": credential_vectors(),
        "governance.json": governance_vectors(),
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
