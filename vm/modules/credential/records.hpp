#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/address.hpp"
#include "core/bytes.hpp"
#include "core/result.hpp"

/// Credential module (2) records: issuers and credentials, with their canonical encodings
/// (docs/protocol.md section 18). Depends on core only, so a verifier outside the node can
/// decode proven state values with it.
namespace azora::vm::credential {

/// Field limits in bytes (inclusive).
inline constexpr size_t kIssuerNameMax = 128;
inline constexpr size_t kIssuerUrlMax = 256;
inline constexpr size_t kClassMax = 64;
inline constexpr size_t kTitleMax = 256;
inline constexpr size_t kMetadataUriMax = 512;
inline constexpr size_t kReasonMax = 256;
/// Status changes an issuer record can hold (admission included).
inline constexpr size_t kIssuerHistoryMax = 1024;

/// Documented standard values of Credential::credential_class; any other text of 1 to
/// kClassMax bytes is allowed too.
namespace classes {
inline constexpr std::string_view kCourseCompletion = "course_completion";
inline constexpr std::string_view kDegree = "degree";
inline constexpr std::string_view kBadge = "badge";
inline constexpr std::string_view kEnrollment = "enrollment";
inline constexpr std::string_view kValidatorOperator = "validator_operator";
}  // namespace classes

enum class IssuerStatus : uint8_t { active = 0, suspended = 1 };
/// "active" or "suspended".
std::string_view to_string(IssuerStatus s);

/// An accredited issuer: admitted by the council (or genesis), suspended and reinstated by it.
struct Issuer {
    struct Change {
        IssuerStatus status = IssuerStatus::active;
        uint64_t height = 0;  ///< block height of the change (0 = genesis)
        bool operator==(const Change&) const = default;
    };
    Address address{};
    std::string name;  ///< 1..kIssuerNameMax bytes
    std::string url;   ///< 0..kIssuerUrlMax bytes
    IssuerStatus status = IssuerStatus::active;
    std::vector<Change> history;  ///< every status change, oldest first; the last is `status`

    Bytes encode() const;
    /// Strict: decode_error on any defect, including a history that is empty, longer than
    /// kIssuerHistoryMax or whose last entry is not `status`.
    static Result<Issuer> decode(ByteView in);
    bool operator==(const Issuer&) const = default;
};

/// Why and when a credential was revoked.
struct Revocation {
    uint64_t height = 0;
    uint64_t time_ms = 0;  ///< block time of the revoking block
    std::string reason;    ///< 1..kReasonMax bytes
    bool operator==(const Revocation&) const = default;
};

/// A credential (certificate, badge...) an issuer minted to a holder.
struct Credential {
    Hash32 id{};  ///< credential_id(issuer, tx hash, index): never reused
    Address issuer{};
    Address holder{};
    std::string credential_class;  ///< 1..kClassMax bytes, e.g. classes::kDegree
    std::string title;             ///< 1..kTitleMax bytes
    Hash32 metadata_hash{};        ///< SHA-256 of the off-chain document
    std::string metadata_uri;      ///< 0..kMetadataUriMax bytes
    uint64_t issued_at = 0;        ///< block time of the mint, ms since the Unix epoch
    uint64_t expires_at = 0;       ///< ms since the Unix epoch; 0 = never
    bool transferable = false;     ///< false = soulbound
    std::optional<Revocation> revocation;

    Bytes encode() const;
    static Result<Credential> decode(ByteView in);
    bool operator==(const Credential&) const = default;
};

}  // namespace azora::vm::credential
