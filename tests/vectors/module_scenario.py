"""A scripted block of credential and governance transactions on the dev genesis, with the
receipts and the module state (keys under 02 and 06) it must leave: credential.json "dev_block".

The rules are those of docs/protocol.md sections 15, 18 and 19, modelled here only as far as
the script needs them. Run generate.py, which imports this file.
"""

from generate import dev_account_key, dev_genesis, genesis_state, hx, key_address, sha256, u64
from module_codecs import (ACTIVE, ADMIT, BATCH_MINT, CREDENTIAL_MODULE, EXECUTED,
                           GOVERNANCE_MODULE, KIND_NAMES, MINT, NEXT_PROPOSAL_KEY, PROPOSE,
                           REINSTATE, REVOKE, SUSPEND, SUSPENDED, TRANSFER, batch_mint_payload,
                           credential_id, credential_key, credential_record, event,
                           holder_index_key, issuer_index_key, issuer_key, issuer_record,
                           mint_payload, proposal_key, proposal_record, propose_payload,
                           revoke_payload, sign_tx, transfer_payload)

KEYS = [dev_account_key(i) for i in range(5)]
DEV = [key_address(k) for k in KEYS]
GAS_LIMIT = 1_000_000


class Chain:
    """The module state and the gas rule of the dev genesis schedule (15.3)."""

    def __init__(self, height, time_ms):
        g = dev_genesis()
        self.gas = g["gas"]
        self.ttl = g["council"][2]
        self.height, self.time_ms = height, time_ms
        self.state = {k: v for k, v in genesis_state(g).items() if k[0] in (2, 6)}
        self.credentials = {}
        self.issuers = {a: {"address": a, "name": n, "url": u, "status": ACTIVE,
                            "history": [(ACTIVE, 0)]} for a, n, u in g["issuers"]}
        self.next_id = 1
        self.nonces = [0] * 5

    def gas_used(self, payload, writes):
        g = self.gas
        return g["tx_base"] + g["per_payload_byte"] * len(payload) + g["default_action"] + \
            g["per_state_write"] * writes

    def put_credential(self, c):
        self.credentials[c["id"]] = c
        self.state[credential_key(c["id"])] = credential_record(c)

    def put_issuer(self, i):
        self.state[issuer_key(i["address"])] = issuer_record(i)


def run():
    chain = Chain(1, 1_767_225_601_000)
    steps = []

    def send(who, module, action, payload, outcome):
        """outcome(): (writes, events) on success or (error, None) on failure."""
        tx, tx_hash = sign_tx(KEYS[who], "azora-dev-1", chain.nonces[who], GAS_LIMIT, module,
                              action, payload)
        chain.nonces[who] += 1
        result, events = outcome(tx_hash)
        if events is None:
            receipt = {"status": 1, "error": result, "gas_used": str(chain.gas_used(payload, 0)),
                       "events": []}
        else:
            receipt = {"status": 0, "error": "", "gas_used": str(chain.gas_used(payload, result)),
                       "events": events}
        steps.append({"tx": hx(tx), "tx_hash": hx(tx_hash), "receipt": receipt})
        return tx_hash

    def minted(c):
        return event(CREDENTIAL_MODULE, "credential_minted",
                     [("id", hx(c["id"])), ("issuer", hx(c["issuer"])),
                      ("holder", hx(c["holder"])), ("class", c["class"])])

    def mint(issuer, m):
        def outcome(tx_hash):
            if chain.issuers[issuer]["status"] != ACTIVE:
                return "issuer_not_active", None
            c = dict(m, id=credential_id(issuer, tx_hash, 0), issuer=issuer,
                     issued_at=chain.time_ms, revocation=None)
            chain.put_credential(c)
            chain.state[holder_index_key(c["holder"], c["id"])] = b""
            chain.state[issuer_index_key(issuer, c["id"])] = b""
            return 3, [minted(c)]
        return outcome

    def batch(issuer, b):
        def outcome(tx_hash):
            events = []
            for n, (holder, mh, suffix) in enumerate(b["items"]):
                c = {"id": credential_id(issuer, tx_hash, n), "issuer": issuer, "holder": holder,
                     "class": b["class"], "title": b["title"], "metadata_hash": mh,
                     "metadata_uri": b["metadata_uri_prefix"] + suffix,
                     "issued_at": chain.time_ms, "expires_at": b["expires_at"],
                     "transferable": b["transferable"], "revocation": None}
                chain.put_credential(c)
                chain.state[holder_index_key(holder, c["id"])] = b""
                chain.state[issuer_index_key(issuer, c["id"])] = b""
                events.append(minted(c))
            return 3 * len(b["items"]), events
        return outcome

    def revoke(cid, reason):
        def outcome(_):
            c = chain.credentials[cid]
            c["revocation"] = {"height": chain.height, "time_ms": chain.time_ms, "reason": reason}
            chain.put_credential(c)
            return 1, [event(CREDENTIAL_MODULE, "credential_revoked",
                             [("id", hx(cid)), ("issuer", hx(c["issuer"])),
                              ("reason", reason)])]
        return outcome

    def transfer(cid, to):
        def outcome(_):
            c = chain.credentials[cid]
            frm = c["holder"]
            del chain.state[holder_index_key(frm, cid)]
            c["holder"] = to
            chain.state[holder_index_key(to, cid)] = b""
            chain.put_credential(c)
            return 3, [event(CREDENTIAL_MODULE, "credential_transferred",
                             [("id", hx(cid)), ("from", hx(frm)), ("to", hx(to))])]
        return outcome

    def propose(proposer, kind, target, name="", url=""):
        # The dev council is dev0 alone with threshold 1: every proposal executes at once.
        def outcome(_):
            pid = chain.next_id
            chain.next_id += 1
            chain.state[NEXT_PROPOSAL_KEY] = u64(chain.next_id)
            expires = chain.height + chain.ttl
            events = [event(GOVERNANCE_MODULE, "proposal_created",
                            [("id", str(pid)), ("kind", KIND_NAMES[kind]), ("target", hx(target)),
                             ("proposer", hx(proposer)), ("expires_height", str(expires))])]
            if kind == ADMIT:
                i = {"address": target, "name": name, "url": url, "status": ACTIVE,
                     "history": [(ACTIVE, chain.height)]}
                chain.issuers[target] = i
                events.append(event(CREDENTIAL_MODULE, "issuer_admitted",
                                    [("issuer", hx(target)), ("name", name), ("url", url)]))
            else:
                i = chain.issuers[target]
                i["status"] = SUSPENDED if kind == SUSPEND else ACTIVE
                i["history"].append((i["status"], chain.height))
                events.append(event(CREDENTIAL_MODULE,
                                    "issuer_suspended" if kind == SUSPEND else "issuer_reinstated",
                                    [("issuer", hx(target))]))
            chain.put_issuer(i)
            events.append(event(GOVERNANCE_MODULE, "proposal_executed",
                                [("id", str(pid)), ("kind", KIND_NAMES[kind]),
                                 ("target", hx(target))]))
            chain.state[proposal_key(pid)] = proposal_record(
                {"id": pid, "kind": kind, "target": target, "name": name, "url": url,
                 "proposer": proposer, "approvals": [proposer], "created_height": chain.height,
                 "expires_height": expires, "status": EXECUTED})
            return 3, events
        return outcome

    diploma = {"holder": DEV[2], "class": "course_completion", "title": "Intro to Azora",
               "metadata_hash": sha256(b"document"),
               "metadata_uri": "https://academy.azora.example/vc/1", "expires_at": 0,
               "transferable": False}
    badges = {"class": "badge", "title": "Azora Hackathon 2026",
              "expires_at": chain.time_ms + 365 * 86_400_000, "transferable": True,
              "metadata_uri_prefix": "https://academy.azora.example/b/",
              "items": [(DEV[i], sha256(b"badge %d" % i), "%d.json" % i) for i in (2, 3, 4)]}
    first = send(1, CREDENTIAL_MODULE, MINT, mint_payload(diploma), mint(DEV[1], diploma))
    batch_tx = send(1, CREDENTIAL_MODULE, BATCH_MINT, batch_mint_payload(badges),
                    batch(DEV[1], badges))
    first_id = credential_id(DEV[1], first, 0)
    send(1, CREDENTIAL_MODULE, REVOKE, revoke_payload(first_id, "issued in error"),
         revoke(first_id, "issued in error"))
    send(0, GOVERNANCE_MODULE, PROPOSE, propose_payload(SUSPEND, DEV[1]), propose(DEV[0], SUSPEND,
                                                                            DEV[1]))
    send(1, CREDENTIAL_MODULE, MINT, mint_payload(diploma), mint(DEV[1], diploma))
    send(0, GOVERNANCE_MODULE, PROPOSE, propose_payload(REINSTATE, DEV[1]),
         propose(DEV[0], REINSTATE, DEV[1]))
    badge0 = credential_id(DEV[1], batch_tx, 0)
    send(2, CREDENTIAL_MODULE, TRANSFER, transfer_payload(badge0, DEV[3]),
         transfer(badge0, DEV[3]))
    send(0, GOVERNANCE_MODULE, PROPOSE, propose_payload(ADMIT, DEV[4], "Second School", ""),
         propose(DEV[0], ADMIT, DEV[4], "Second School", ""))

    return {
        "comment": "Executed in order in one block on the dev genesis state: dev1 mints, "
                   "batch-mints 3 transferable badges, revokes the first credential; dev0 "
                   "suspends dev1 (1-of-1 council: executes at once); dev1's mint then fails; "
                   "dev0 reinstates dev1; dev2 transfers its badge to dev3; dev0 admits dev4. "
                   "state = every key under modules 2 and 6 afterwards, in key order.",
        "height": str(chain.height),
        "time_ms": str(chain.time_ms),
        "gas_limit": str(GAS_LIMIT),
        "steps": steps,
        "state": [{"key": hx(k), "value": hx(chain.state[k])} for k in sorted(chain.state)],
    }
