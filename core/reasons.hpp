#pragma once

// The catalog of error reasons (STYLE.md section 3). Every reason code the code base produces is
// declared here once, with the one kind that fixes what a caller does about it, as rippled's TER
// ranges do: malformed (drop; penalise the peer), rejected (not includable), failed (fee charged,
// state reverted), retry (later), internal (stop). Build errors with
// `Error::from(reasons::kX, "detail")`; the kind then cannot differ from the catalog's.
//
// The names are stable: the failed reasons are recorded in receipts on chain, and decoder
// reasons appear in tests/vectors. Add a reason with X(kConstant, "snake_name", kind) under its
// kind; a name must not appear twice (checked at compile time below and by tests/core).

#include <array>
#include <cstddef>
#include <string_view>

#include "core/result.hpp"

// clang-format off
#define AZORA_REASON_CATALOG(X) \
    /* malformed */ \
    X(kBadAddress, "bad_address", malformed) \
    X(kBadAnchor, "bad_anchor", malformed) \
    X(kBadBatchFile, "bad_batch_file", malformed) \
    X(kBadBindAddress, "bad_bind_address", malformed) \
    X(kBadConfig, "bad_config", malformed) \
    X(kBadCookie, "bad_cookie", malformed) \
    X(kBadCursor, "bad_cursor", malformed) \
    X(kBadDate, "bad_date", malformed) \
    X(kBadDocument, "bad_document", malformed) \
    X(kBadFormat, "bad_format", malformed) \
    X(kBadGenesis, "bad_genesis", malformed) \
    X(kBadHash, "bad_hash", malformed) \
    X(kBadId, "bad_id", malformed) \
    X(kBadKey, "bad_key", malformed) \
    X(kBadKeyFile, "bad_key_file", malformed) \
    X(kBadKeyName, "bad_key_name", malformed) \
    X(kBadKeystore, "bad_keystore", malformed) \
    X(kBadKind, "bad_kind", malformed) \
    X(kBadLimit, "bad_limit", malformed) \
    X(kBadMessage, "bad_message", malformed) \
    X(kBadMethodName, "bad_method_name", malformed) \
    X(kBadOptions, "bad_options", malformed) \
    X(kBadParam, "bad_param", malformed) \
    X(kBadParamOrder, "bad_param_order", malformed) \
    X(kBadParamType, "bad_param_type", malformed) \
    X(kBadPayload, "bad_payload", malformed) \
    X(kBadProof, "bad_proof", malformed) \
    X(kBadRequest, "bad_request", malformed) \
    X(kBadScryptParams, "bad_scrypt_params", malformed) \
    X(kBadSignature, "bad_signature", malformed) \
    X(kBadTestnet, "bad_testnet", malformed) \
    X(kBadTime, "bad_time", malformed) \
    X(kBadTls, "bad_tls", malformed) \
    X(kBadUrl, "bad_url", malformed) \
    X(kBadValidatorSet, "bad_validator_set", malformed) \
    X(kBadVersion, "bad_version", malformed) \
    X(kCommitBadIndex, "commit_bad_index", malformed) \
    X(kCommitBadSignature, "commit_bad_signature", malformed) \
    X(kCommitInsufficientPower, "commit_insufficient_power", malformed) \
    X(kCommitMismatch, "commit_mismatch", malformed) \
    X(kDecodeError, "decode_error", malformed) \
    X(kDuplicateMethod, "duplicate_method", malformed) \
    X(kEmptyFrame, "empty_frame", malformed) \
    X(kEvidenceBadIndex, "evidence_bad_index", malformed) \
    X(kEvidenceBadOrder, "evidence_bad_order", malformed) \
    X(kEvidenceBadSignature, "evidence_bad_signature", malformed) \
    X(kEvidenceBadType, "evidence_bad_type", malformed) \
    X(kEvidenceDuplicate, "evidence_duplicate", malformed) \
    X(kEvidenceFuture, "evidence_future", malformed) \
    X(kEvidenceMismatch, "evidence_mismatch", malformed) \
    X(kEvidenceRootMismatch, "evidence_root_mismatch", malformed) \
    X(kEvidenceSameVote, "evidence_same_vote", malformed) \
    X(kEvidenceTooMany, "evidence_too_many", malformed) \
    X(kEvidenceWrongValidator, "evidence_wrong_validator", malformed) \
    X(kInvalidAmount, "invalid_amount", malformed) \
    X(kInvalidField, "invalid_field", malformed) \
    X(kInvalidParams, "invalid_params", malformed) \
    X(kInvalidRequest, "invalid_request", malformed) \
    X(kMissingHandler, "missing_handler", malformed) \
    X(kNoTrustAnchor, "no_trust_anchor", malformed) \
    X(kOversizeFrame, "oversize_frame", malformed) \
    X(kTlsExporter, "tls_exporter", malformed) \
    X(kTxTooLarge, "tx_too_large", malformed) \
    X(kUnknownMessage, "unknown_message", malformed) \
    X(kUnsortedUpdates, "unsorted_updates", malformed) \
    X(kWrongChain, "wrong_chain", malformed) \
    /* rejected */ \
    X(kAlreadyCommitted, "already_committed", rejected) \
    X(kAlreadyKnown, "already_known", rejected) \
    X(kAlreadyStarted, "already_started", rejected) \
    X(kBadNonce, "bad_nonce", rejected) \
    X(kBadPassword, "bad_password", rejected) \
    X(kBadPasswordFile, "bad_password_file", rejected) \
    X(kBindFailed, "bind_failed", rejected) \
    X(kBlockBadProposer, "block_bad_proposer", rejected) \
    X(kBlockBadRoot, "block_bad_root", rejected) \
    X(kBlockBadTime, "block_bad_time", rejected) \
    X(kBlockBadTx, "block_bad_tx", rejected) \
    X(kBlockBadValidators, "block_bad_validators", rejected) \
    X(kBlockWrongChain, "block_wrong_chain", rejected) \
    X(kBlockWrongHeight, "block_wrong_height", rejected) \
    X(kBlockWrongParent, "block_wrong_parent", rejected) \
    X(kDoubleSign, "double_sign", rejected) \
    X(kEmptyPassword, "empty_password", rejected) \
    X(kEvidenceAlreadyRecorded, "evidence_already_recorded", rejected) \
    X(kEvidenceTooOld, "evidence_too_old", rejected) \
    X(kExpired, "expired", rejected) \
    X(kFeeOverflow, "fee_overflow", rejected) \
    X(kFileExists, "file_exists", rejected) \
    X(kGasLimitTooHigh, "gas_limit_too_high", rejected) \
    X(kGasPriceTooLow, "gas_price_too_low", rejected) \
    X(kInsufficientFeeFunds, "insufficient_fee_funds", rejected) \
    X(kInsufficientGas, "insufficient_gas", rejected) \
    X(kKeyExists, "key_exists", rejected) \
    X(kKeyFileExists, "key_file_exists", rejected) \
    X(kKeyNotFound, "key_not_found", rejected) \
    X(kNoPassword, "no_password", rejected) \
    X(kNonceTaken, "nonce_taken", rejected) \
    X(kNotFound, "not_found", rejected) \
    X(kOutNotEmpty, "out_not_empty", rejected) \
    X(kP2pDisabled, "p2p_disabled", rejected) \
    X(kPasswordMismatch, "password_mismatch", rejected) \
    X(kPruneBeyondLatest, "prune_beyond_latest", rejected) \
    X(kSignRegression, "sign_regression", rejected) \
    X(kTxDropped, "tx_dropped", rejected) \
    X(kUnauthorized, "unauthorized", rejected) \
    X(kUnavailable, "unavailable", rejected) \
    X(kUnknownAsset, "unknown_asset", rejected) \
    X(kUnknownPeer, "unknown_peer", rejected) \
    X(kVersionNotIncreasing, "version_not_increasing", rejected) \
    X(kVersionUnknown, "version_unknown", rejected) \
    /* failed */ \
    X(kAlreadyApproved, "already_approved", failed) \
    X(kAlreadyRevoked, "already_revoked", failed) \
    X(kAmountOverflow, "amount_overflow", failed) \
    X(kBadAmount, "bad_amount", failed) \
    X(kBadBatch, "bad_batch", failed) \
    X(kBadExpiry, "bad_expiry", failed) \
    X(kBadField, "bad_field", failed) \
    X(kCredentialExists, "credential_exists", failed) \
    X(kCredentialNotFound, "credential_not_found", failed) \
    X(kCredentialRevoked, "credential_revoked", failed) \
    X(kInsufficientFunds, "insufficient_funds", failed) \
    X(kIssuerExists, "issuer_exists", failed) \
    X(kIssuerHistoryFull, "issuer_history_full", failed) \
    X(kIssuerNotActive, "issuer_not_active", failed) \
    X(kIssuerNotFound, "issuer_not_found", failed) \
    X(kIssuerNotSuspended, "issuer_not_suspended", failed) \
    X(kNotCouncilMember, "not_council_member", failed) \
    X(kNotHolder, "not_holder", failed) \
    X(kNotIssuer, "not_issuer", failed) \
    X(kNotTransferable, "not_transferable", failed) \
    X(kOutOfGas, "out_of_gas", failed) \
    X(kP2pBind, "p2p_bind", failed) \
    X(kProposalClosed, "proposal_closed", failed) \
    X(kProposalExpired, "proposal_expired", failed) \
    X(kProposalIdsExhausted, "proposal_ids_exhausted", failed) \
    X(kProposalNotFound, "proposal_not_found", failed) \
    X(kUnknownAction, "unknown_action", failed) \
    /* retry */ \
    X(kConnectFailed, "connect_failed", retry) \
    X(kCookieNotFound, "cookie_not_found", retry) \
    X(kMempoolFull, "mempool_full", retry) \
    X(kSenderLimit, "sender_limit", retry) \
    X(kTimeout, "timeout", retry) \
    X(kTransportError, "transport_error", retry) \
    /* internal */ \
    X(kBadCommit, "bad_commit", internal) \
    X(kBadProposalKind, "bad_proposal_kind", internal) \
    X(kBadResponse, "bad_response", internal) \
    X(kBadSigningState, "bad_signing_state", internal) \
    X(kConsensus, "consensus", internal) \
    X(kCookieIo, "cookie_io", internal) \
    X(kCryptoError, "crypto_error", internal) \
    X(kDatadir, "datadir", internal) \
    X(kFileIo, "file_io", internal) \
    X(kGenesisMismatch, "genesis_mismatch", internal) \
    X(kInvariantBroken, "invariant_broken", internal) \
    X(kIoError, "io_error", internal) \
    X(kMissingResponse, "missing_response", internal) \
    X(kNoEntropy, "no_entropy", internal) \
    X(kNoFreePort, "no_free_port", internal) \
    X(kNotProven, "not_proven", internal) \
    X(kSigningStateIo, "signing_state_io", internal) \
    X(kStateCorrupt, "state_corrupt", internal) \
    X(kStateTreeCorrupt, "state_tree_corrupt", internal) \
    X(kStopped, "stopped", internal) \
    X(kStorageCorrupt, "storage_corrupt", internal) \
    X(kStorageIo, "storage_io", internal) \
    X(kStorageOpen, "storage_open", internal) \
    X(kTlsSetup, "tls_setup", internal)
// clang-format on

namespace azora::reasons {

#define AZORA_REASON_DECLARE(id, name, kind) inline constexpr Reason id{name, ErrorKind::kind};
AZORA_REASON_CATALOG(AZORA_REASON_DECLARE)
#undef AZORA_REASON_DECLARE

/// Every catalogued reason, in catalog order.
#define AZORA_REASON_ENTRY(id, name, kind) id,
inline constexpr std::array kAll = {AZORA_REASON_CATALOG(AZORA_REASON_ENTRY)};
#undef AZORA_REASON_ENTRY

/// The catalogued reason named `name`, or nullptr.
constexpr const Reason* find(std::string_view name) {
    for (const Reason& r : kAll) {
        if (r.name == name) {
            return &r;
        }
    }
    return nullptr;
}

/// True if no name appears twice.
constexpr bool names_unique() {
    for (size_t i = 0; i < kAll.size(); ++i) {
        for (size_t j = i + 1; j < kAll.size(); ++j) {
            if (kAll[i].name == kAll[j].name) {
                return false;
            }
        }
    }
    return true;
}
static_assert(names_unique(), "a reason is declared twice in the catalog");

}  // namespace azora::reasons
