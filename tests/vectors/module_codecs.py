"""Encodings of the credential (2) and governance (6) modules, for module_vectors.py.

Written from docs/protocol.md sections 18 and 19 alone, on top of the primitives of
generate.py (imported from it; run generate.py, not this file).
"""

from generate import (AUX, TAG_CREDENTIAL, TAG_TX, hx, lp_string, pubkey_gen, schnorr_sign,
                      tagged_hash, tx_unsigned, u8, u32, u64, varint)

CREDENTIAL_MODULE = 2
GOVERNANCE_MODULE = 6

MINT, BATCH_MINT, REVOKE, TRANSFER = 1, 2, 3, 4
PROPOSE, APPROVE = 1, 2
ADMIT, SUSPEND, REINSTATE = 0, 1, 2
KIND_NAMES = {ADMIT: "admit_issuer", SUSPEND: "suspend_issuer", REINSTATE: "reinstate_issuer"}
ACTIVE, SUSPENDED = 0, 1
OPEN, EXECUTED = 0, 1

# --------------------------------------------------------------------------------------------
# Section 18: credential module


def credential_id(issuer: bytes, tx_hash: bytes, index: int) -> bytes:
    return tagged_hash(TAG_CREDENTIAL, issuer + tx_hash + u32(index))


def credential_key(cid):
    return b"\x02c" + cid


def issuer_key(addr):
    return b"\x02i" + addr


def holder_index_key(holder, cid):
    return b"\x02h" + holder + cid


def issuer_index_key(issuer, cid):
    return b"\x02m" + issuer + cid


def issuer_record(i) -> bytes:
    out = i["address"] + lp_string(i["name"]) + lp_string(i["url"]) + u8(i["status"])
    out += varint(len(i["history"]))
    return out + b"".join(u8(s) + u64(h) for s, h in i["history"])


def credential_record(c) -> bytes:
    out = (c["id"] + c["issuer"] + c["holder"] + lp_string(c["class"]) + lp_string(c["title"]) +
           c["metadata_hash"] + lp_string(c["metadata_uri"]) + u64(c["issued_at"]) +
           u64(c["expires_at"]) + u8(1 if c["transferable"] else 0))
    rv = c["revocation"]
    if rv is None:
        return out + b"\x00"
    return out + b"\x01" + u64(rv["height"]) + u64(rv["time_ms"]) + lp_string(rv["reason"])


def mint_payload(m) -> bytes:
    return (m["holder"] + lp_string(m["class"]) + lp_string(m["title"]) + m["metadata_hash"] +
            lp_string(m["metadata_uri"]) + u64(m["expires_at"]) +
            u8(1 if m["transferable"] else 0))


def batch_mint_payload(b) -> bytes:
    out = (lp_string(b["class"]) + lp_string(b["title"]) + u64(b["expires_at"]) +
           u8(1 if b["transferable"] else 0) + lp_string(b["metadata_uri_prefix"]))
    out += varint(len(b["items"]))
    return out + b"".join(h + mh + lp_string(s) for h, mh, s in b["items"])


def revoke_payload(cid, reason) -> bytes:
    return cid + lp_string(reason)


def transfer_payload(cid, to) -> bytes:
    return cid + to


def verdict(cred, issuer, now_ms, document_hash):
    """Section 18.8, first match wins."""
    if cred is None:
        return "not_found"
    if issuer is None or issuer["address"] != cred["issuer"]:
        return "unknown_issuer"
    if document_hash is not None and document_hash != cred["metadata_hash"]:
        return "document_mismatch"
    if cred["revocation"] is not None:
        return "revoked"
    if cred["expires_at"] != 0 and now_ms >= cred["expires_at"]:
        return "expired"
    if issuer["status"] == SUSPENDED:
        return "issuer_suspended"
    return "valid"


# --------------------------------------------------------------------------------------------
# Section 19: governance module


def council_record(members, threshold, ttl) -> bytes:
    return varint(len(members)) + b"".join(members) + u64(threshold) + u64(ttl)


def proposal_key(pid):
    return b"\x06p" + pid.to_bytes(8, "big")


COUNCIL_KEY = b"\x06c"
NEXT_PROPOSAL_KEY = b"\x06n"


def proposal_record(p) -> bytes:
    return (u64(p["id"]) + u8(p["kind"]) + p["target"] + lp_string(p["name"]) +
            lp_string(p["url"]) + p["proposer"] + varint(len(p["approvals"])) +
            b"".join(sorted(p["approvals"])) + u64(p["created_height"]) +
            u64(p["expires_height"]) + u8(p["status"]))


def propose_payload(kind, target, name="", url="") -> bytes:
    return u8(kind) + target + lp_string(name) + lp_string(url)


def approve_payload(pid) -> bytes:
    return u64(pid)


# --------------------------------------------------------------------------------------------
# Helpers for the JSON


def credential_json(c):
    rv = c["revocation"]
    return {
        "id": hx(c["id"]), "issuer": hx(c["issuer"]), "holder": hx(c["holder"]),
        "class": c["class"], "title": c["title"], "metadata_hash": hx(c["metadata_hash"]),
        "metadata_uri": c["metadata_uri"], "issued_at": str(c["issued_at"]),
        "expires_at": str(c["expires_at"]), "transferable": c["transferable"],
        "revocation": None if rv is None else {"height": str(rv["height"]),
                                               "time_ms": str(rv["time_ms"]),
                                               "reason": rv["reason"]},
    }


def issuer_json(i):
    return {"address": hx(i["address"]), "name": i["name"], "url": i["url"],
            "status": ["active", "suspended"][i["status"]],
            "history": [{"status": ["active", "suspended"][s], "height": str(h)}
                        for s, h in i["history"]]}


def sign_tx(sk, chain_id, nonce, gas_limit, module, action, payload):
    tx = {"version": 1, "chain_id": chain_id, "sender": pubkey_gen(sk), "nonce": nonce,
          "gas_limit": gas_limit, "gas_price": 1, "expires_at_height": 0, "module": module,
          "action": action, "payload": payload}
    unsigned = tx_unsigned(tx)
    full = unsigned + schnorr_sign(tagged_hash(TAG_TX, unsigned), sk, AUX)
    return full, tagged_hash(TAG_TX, full)


def event(module, typ, attrs):
    return {"module": module, "type": typ, "attributes": [[k, v] for k, v in attrs]}
