#pragma once

#include <string_view>

#include "core/bytes.hpp"

namespace azora {

/// SHA-256 of `data` (OpenSSL).
Hash32 sha256(ByteView data);

/// Incremental SHA-256 for hashing several pieces without concatenating them.
class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;
    Sha256& update(ByteView data);
    Hash32 finish();

private:
    alignas(8) unsigned char m_state[112];  // SHA256_CTX, kept opaque to callers
};

/// Domain tags used across the protocol (docs/protocol.md).
namespace tags {
inline constexpr std::string_view kTx = "azora/tx";
inline constexpr std::string_view kBlock = "azora/block";
inline constexpr std::string_view kVote = "azora/vote";
inline constexpr std::string_view kProposal = "azora/proposal";
inline constexpr std::string_view kLeaf = "azora/leaf";
inline constexpr std::string_view kNode = "azora/node";
inline constexpr std::string_view kAddr = "azora/addr";
inline constexpr std::string_view kTxRoot = "azora/txroot";
inline constexpr std::string_view kReceiptRoot = "azora/receiptroot";
inline constexpr std::string_view kReceipt = "azora/receipt";
inline constexpr std::string_view kValidators = "azora/validators";
inline constexpr std::string_view kGenesis = "azora/genesis";
inline constexpr std::string_view kCredential = "azora/credential";
inline constexpr std::string_view kEvidence = "azora/evidence";
inline constexpr std::string_view kEvidenceRoot = "azora/evidenceroot";
}  // namespace tags

/// BIP-340 style tagged hash: SHA256(SHA256(tag) || SHA256(tag) || data).
Hash32 tagged_hash(std::string_view tag, ByteView data);

/// Tagged hash of two 32-byte values, e.g. an inner tree node (left || right).
Hash32 tagged_hash(std::string_view tag, const Hash32& a, const Hash32& b);

}  // namespace azora
