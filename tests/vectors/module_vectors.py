"""credential.json and governance.json: payloads, records, keys, ids, verdicts, and a scripted
block of module transactions executed on the dev genesis (docs/protocol.md sections 18, 19).

Run generate.py, which imports this file.
"""

from generate import dev_account_key, hx, key_address, secret, sha256, u8, varint
from module_codecs import (ACTIVE, ADMIT, APPROVE, BATCH_MINT, COUNCIL_KEY, EXECUTED, KIND_NAMES,
                           MINT, NEXT_PROPOSAL_KEY, OPEN, PROPOSE, REINSTATE, REVOKE, SUSPEND,
                           SUSPENDED, TRANSFER, approve_payload, batch_mint_payload,
                           council_record, credential_id, credential_json, credential_key,
                           credential_record, holder_index_key, issuer_index_key, issuer_json,
                           issuer_key, issuer_record, mint_payload, proposal_key, proposal_record,
                           propose_payload, revoke_payload, transfer_payload, verdict)

DEV = [key_address(dev_account_key(i)) for i in range(5)]


def sample_credential(**changes):
    c = {"id": sha256(b"credential id"), "issuer": DEV[1], "holder": DEV[2],
         "class": "course_completion", "title": "Intro to Azora",
         "metadata_hash": sha256(b"document"), "metadata_uri": "https://academy.azora.example/vc/1",
         "issued_at": 1_767_225_601_000, "expires_at": 0, "transferable": False,
         "revocation": None}
    c.update(changes)
    return c


def sample_issuer(**changes):
    i = {"address": DEV[1], "name": "Azora Dev Academy", "url": "https://academy.azora.example",
         "status": ACTIVE, "history": [(ACTIVE, 0)]}
    i.update(changes)
    return i


def payload_cases():
    mint = {"holder": DEV[2], "class": "degree", "title": "BSc Computer Science",
            "metadata_hash": sha256(b"diploma.json"), "metadata_uri": "ipfs://bafy-diploma",
            "expires_at": 0, "transferable": False}
    mint_max = {"holder": bytes(range(20)), "class": "c" * 64, "title": "t" * 256,
                "metadata_hash": bytes([0xAB] * 32), "metadata_uri": "u" * 512,
                "expires_at": 2**64 - 1, "transferable": True}
    batch = {"class": "badge", "title": "Azora Hackathon 2026", "expires_at": 1_800_000_000_000,
             "transferable": True, "metadata_uri_prefix": "https://academy.azora.example/b/",
             "items": [(DEV[i], sha256(b"badge %d" % i), "%d.json" % i) for i in range(2, 5)]}
    cid = sha256(b"credential id")
    cases = [
        ("mint", MINT, mint, mint_payload(mint)),
        ("mint_max_fields", MINT, mint_max, mint_payload(mint_max)),
        ("batch_mint", BATCH_MINT, batch, batch_mint_payload(batch)),
        ("revoke", REVOKE, {"id": cid, "reason": "issued in error"},
         revoke_payload(cid, "issued in error")),
        ("transfer", TRANSFER, {"id": cid, "to": DEV[3]}, transfer_payload(cid, DEV[3])),
    ]
    out = []
    for name, action, fields, enc in cases:
        f = {}
        for k, v in fields.items():
            if isinstance(v, bytes):
                f[k] = hx(v)
            elif isinstance(v, bool) or isinstance(v, str):
                f[k] = v
            elif isinstance(v, int):
                f[k] = str(v)
            else:  # batch items
                f[k] = [{"holder": hx(h), "metadata_hash": hx(mh), "metadata_uri_suffix": s}
                        for h, mh, s in v]
        out.append({"name": name, "action": action, "fields": f, "encoded": hx(enc)})
    return out


def invalid_payloads():
    mint = bytes.fromhex(payload_cases()[0]["encoded"])
    batch = bytes.fromhex(payload_cases()[2]["encoded"])
    return [
        {"name": "mint_truncated", "action": MINT, "hex": hx(mint[:-1])},
        {"name": "mint_trailing_byte", "action": MINT, "hex": hx(mint + b"\x00")},
        {"name": "mint_transferable_2", "action": MINT, "hex": hx(mint[:-1] + b"\x02")},
        {"name": "mint_non_minimal_class_length", "action": MINT,
         "hex": hx(mint[:20] + b"\x86\x00" + mint[21:])},
        {"name": "batch_count_exceeds_items", "action": BATCH_MINT,
         "hex": hx(batch.replace(varint(3) + DEV[2], varint(4) + DEV[2], 1))},
        {"name": "revoke_short_id", "action": REVOKE, "hex": hx(bytes(31))},
        {"name": "transfer_trailing_byte", "action": TRANSFER, "hex": hx(bytes(53))},
    ]


def record_cases():
    revoked = sample_credential(revocation={"height": 7, "time_ms": 1_767_225_607_000,
                                            "reason": "issued in error"})
    expiring = sample_credential(expires_at=2**64 - 1, transferable=True, metadata_uri="",
                                 title="t" * 256, **{"class": "c" * 64})
    creds = [("credential", sample_credential()), ("credential_revoked", revoked),
             ("credential_max_fields", expiring)]
    issuers = [("issuer_genesis", sample_issuer()),
               ("issuer_suspended_then_back", sample_issuer(
                   url="", history=[(ACTIVE, 12), (SUSPENDED, 40), (ACTIVE, 41), (SUSPENDED, 99)],
                   status=SUSPENDED))]
    out = {"credentials": [], "issuers": []}
    for name, c in creds:
        out["credentials"].append({
            "name": name, "fields": credential_json(c), "key": hx(credential_key(c["id"])),
            "holder_index_key": hx(holder_index_key(c["holder"], c["id"])),
            "issuer_index_key": hx(issuer_index_key(c["issuer"], c["id"])),
            "encoded": hx(credential_record(c))})
    for name, i in issuers:
        out["issuers"].append({"name": name, "fields": issuer_json(i),
                               "key": hx(issuer_key(i["address"])),
                               "encoded": hx(issuer_record(i))})
    # Records a decoder refuses (decode_error): not what the module ever writes.
    good = issuer_record(sample_issuer())
    out["invalid_issuers"] = [
        {"name": "history_empty", "hex": hx(good[:-10] + b"\x00")},
        {"name": "history_ends_in_other_status",
         "hex": hx(issuer_record(sample_issuer(status=SUSPENDED)))},
        {"name": "status_2", "hex": hx(issuer_record(sample_issuer(status=2,
                                                                   history=[(2, 0)])))},
    ]
    cred = credential_record(sample_credential())
    out["invalid_credentials"] = [
        {"name": "revocation_flag_2", "hex": hx(cred[:-1] + b"\x02")},
        {"name": "class_65_bytes", "hex": hx(credential_record(
            sample_credential(**{"class": "c" * 65})))},
        {"name": "trailing_byte", "hex": hx(cred + b"\x00")},
    ]
    return out


def id_cases():
    cases = [(DEV[1], sha256(b"tx"), 0), (DEV[1], sha256(b"tx"), 1),
             (DEV[1], sha256(b"tx"), 999), (bytes(20), bytes(32), 2**32 - 1)]
    return [{"issuer": hx(a), "tx_hash": hx(t), "index": i, "id": hx(credential_id(a, t, i))}
            for a, t, i in cases]


def verdict_cases():
    now = 1_767_225_700_000
    doc = sha256(b"document")
    base = sample_credential()
    issuer = sample_issuer()
    suspended = sample_issuer(status=SUSPENDED, history=[(ACTIVE, 0), (SUSPENDED, 5)])
    revoked = sample_credential(revocation={"height": 3, "time_ms": now - 10, "reason": "x"})
    expired = sample_credential(expires_at=now)
    later = sample_credential(expires_at=now + 1)
    other_issuer = sample_issuer(address=DEV[3])
    rows = [
        ("valid", base, issuer, None),
        ("valid_with_document", base, issuer, doc),
        ("valid_not_yet_expired", later, issuer, None),
        ("not_found", None, issuer, doc),
        ("not_found_without_issuer", None, None, None),
        ("unknown_issuer_missing", base, None, None),
        ("unknown_issuer_other_record", base, other_issuer, None),
        ("document_mismatch", base, issuer, sha256(b"forged")),
        ("document_mismatch_beats_revoked", revoked, issuer, sha256(b"forged")),
        ("revoked", revoked, issuer, doc),
        ("revoked_beats_expired_and_suspended",
         sample_credential(expires_at=now, revocation=revoked["revocation"]), suspended, None),
        ("expired_at_expiry_instant", expired, issuer, None),
        ("expired_beats_suspended", expired, suspended, None),
        ("issuer_suspended", base, suspended, doc),
    ]
    return [{"name": name,
             "credential": None if c is None else hx(credential_record(c)),
             "issuer": None if i is None else hx(issuer_record(i)),
             "now_ms": str(now), "document_hash": None if d is None else hx(d),
             "verdict": verdict(c, i, now, d)} for name, c, i, d in rows]


def credential_vectors():
    return {
        "description": "Credential module (docs/protocol.md section 18): payload encodings "
                       "(decode, then encode gives them back), payloads that fail to decode "
                       "(decode_error), records with their state keys, records a decoder "
                       "refuses, credential ids, and verdicts. u64 fields are decimal strings. "
                       "Generated by tests/vectors/generate.py.",
        "payloads": payload_cases(),
        "invalid_payloads": invalid_payloads(),
        "records": record_cases(),
        "ids": id_cases(),
        "verdicts": verdict_cases(),
    }


def governance_payload_cases():
    rows = [
        ("propose_admit", PROPOSE, {"kind": "admit_issuer", "target": hx(DEV[4]),
                                    "name": "Second School", "url": "https://second.example"},
         propose_payload(ADMIT, DEV[4], "Second School", "https://second.example")),
        ("propose_suspend", PROPOSE, {"kind": "suspend_issuer", "target": hx(DEV[1]),
                                      "name": "", "url": ""}, propose_payload(SUSPEND, DEV[1])),
        ("propose_reinstate", PROPOSE, {"kind": "reinstate_issuer", "target": hx(DEV[1]),
                                        "name": "", "url": ""},
         propose_payload(REINSTATE, DEV[1])),
        ("approve", APPROVE, {"proposal_id": "258"}, approve_payload(258)),
    ]
    return [{"name": n, "action": a, "fields": f, "encoded": hx(e)} for n, a, f, e in rows]


def governance_vectors():
    members = [key_address(secret(i)) for i in (11, 12, 13)]
    proposal = {"id": 258, "kind": ADMIT, "target": DEV[4], "name": "Second School",
                "url": "https://second.example", "proposer": members[2],
                "approvals": [members[2], members[0]], "created_height": 40,
                "expires_height": 1040, "status": OPEN}
    executed = dict(proposal, kind=SUSPEND, name="", url="", status=EXECUTED,
                    approvals=members[:])
    good = proposal_record(proposal)
    return {
        "description": "Governance module (docs/protocol.md section 19): payloads, the council "
                       "record, proposal records and keys (proposal ids big-endian in keys), "
                       "records and payloads a decoder refuses. Generated by "
                       "tests/vectors/generate.py.",
        "payloads": governance_payload_cases(),
        "invalid_payloads": [
            {"name": "propose_kind_3", "action": PROPOSE,
             "hex": hx(u8(3) + DEV[1] + b"\x00\x00")},
            {"name": "approve_7_bytes", "action": APPROVE, "hex": hx(bytes(7))},
            {"name": "approve_trailing_byte", "action": APPROVE, "hex": hx(bytes(9))},
        ],
        "council": {"members": [hx(m) for m in members], "threshold": "2",
                    "proposal_ttl_blocks": "1000", "key": hx(COUNCIL_KEY),
                    "encoded": hx(council_record(members, 2, 1000))},
        "invalid_councils": [
            {"name": "threshold_above_members", "hex": hx(council_record(members, 4, 1000))},
            {"name": "threshold_0", "hex": hx(council_record(members, 0, 1000))},
            {"name": "ttl_0", "hex": hx(council_record(members, 2, 0))},
            {"name": "duplicate_member",
             "hex": hx(council_record([members[0], members[0]], 1, 5))},
            {"name": "no_members", "hex": hx(council_record([], 1, 5))},
        ],
        "proposals": [
            {"name": n, "key": hx(proposal_key(p["id"])), "encoded": hx(proposal_record(p)),
             "fields": {"id": str(p["id"]), "kind": KIND_NAMES[p["kind"]],
                        "target": hx(p["target"]), "name": p["name"], "url": p["url"],
                        "proposer": hx(p["proposer"]),
                        "approvals": [hx(a) for a in sorted(p["approvals"])],
                        "created_height": str(p["created_height"]),
                        "expires_height": str(p["expires_height"]),
                        "status": ["open", "executed"][p["status"]]}}
            for n, p in [("open_admit", proposal), ("executed_suspend", executed)]],
        "invalid_proposals": [
            {"name": "stored_status_expired", "hex": hx(good[:-1] + b"\x02")},
            {"name": "approvals_unsorted",
             "hex": hx(good.replace(b"".join(sorted(proposal["approvals"])),
                                    b"".join(sorted(proposal["approvals"], reverse=True))))},
        ],
        "next_proposal_id_key": hx(NEXT_PROPOSAL_KEY),
    }
