#pragma once

#include <cassert>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace azora {

/// What the caller must do about an error, ranked like rippled's TER ranges.
enum class ErrorKind : uint8_t {
    malformed,  ///< cannot be decoded or is invalid on its face: drop it, penalise the sender
    rejected,   ///< well-formed but not includable now (bad nonce, cannot pay): not charged
    failed,     ///< included and charged, but the action failed: its writes are reverted
    retry,      ///< temporary condition (full mempool, busy): try again later
    internal,   ///< storage corruption or broken invariant: stop
};

/// A reason code with its one fixed kind. Every reason is declared once, in the catalog
/// (core/reasons.hpp); build errors from it with Error::from so the kind cannot differ.
struct Reason {
    std::string_view name;  ///< stable snake_case code
    ErrorKind kind;
};

/// An expected failure: a stable machine-readable reason plus human detail.
struct Error {
    ErrorKind kind = ErrorKind::internal;
    std::string reason;   ///< stable snake_case code, e.g. "insufficient_funds"
    std::string message;  ///< human detail for logs and RPC, never parsed

    /// The error for a catalogued reason: its kind comes from the catalog.
    static Error from(const Reason& r, std::string message = {}) {
        return {r.kind, std::string(r.name), std::move(message)};
    }
    /// Whether this error is `r` (same name and kind).
    bool is(const Reason& r) const { return kind == r.kind && reason == r.name; }

    // Untyped factories for reasons not yet converted to Error::from; the reasons_catalog test
    // checks that their literal reasons are catalogued with the same kind.
    static Error malformed(std::string reason, std::string message = {}) {
        return {ErrorKind::malformed, std::move(reason), std::move(message)};
    }
    static Error rejected(std::string reason, std::string message = {}) {
        return {ErrorKind::rejected, std::move(reason), std::move(message)};
    }
    static Error failed(std::string reason, std::string message = {}) {
        return {ErrorKind::failed, std::move(reason), std::move(message)};
    }
    static Error retry(std::string reason, std::string message = {}) {
        return {ErrorKind::retry, std::move(reason), std::move(message)};
    }
    static Error internal(std::string reason, std::string message = {}) {
        return {ErrorKind::internal, std::move(reason), std::move(message)};
    }
    /// "reason: message" (or just the reason) for logs.
    std::string to_string() const { return message.empty() ? reason : reason + ": " + message; }
};

/// Either a value or an Error, shaped like std::expected.
template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_v(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : m_v(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & {
        assert(ok());
        return std::get<0>(m_v);
    }
    const T& value() const& {
        assert(ok());
        return std::get<0>(m_v);
    }
    T&& value() && {
        assert(ok());
        return std::get<0>(std::move(m_v));
    }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const Error& error() const {
        assert(!ok());
        return std::get<1>(m_v);
    }

private:
    std::variant<T, Error> m_v;
};

template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)), m_ok(false) {}

    bool ok() const { return m_ok; }
    explicit operator bool() const { return m_ok; }
    const Error& error() const {
        assert(!m_ok);
        return m_error;
    }

private:
    Error m_error;
    bool m_ok = true;
};

/// Success value for Result<void>.
inline Result<void> ok_result() {
    return {};
}

}  // namespace azora

/// Propagates an error from an expression yielding Result<...>.
#define AZORA_TRY(expr)                  \
    do {                                 \
        auto azora_try_r_ = (expr);      \
        if (!azora_try_r_.ok()) {        \
            return azora_try_r_.error(); \
        }                                \
    } while (0)

#define AZORA_CONCAT_INNER(a, b) a##b
#define AZORA_CONCAT(a, b) AZORA_CONCAT_INNER(a, b)

/// `AZORA_ASSIGN(auto x, expr);` binds the value or returns the error.
#define AZORA_ASSIGN(decl, expr) AZORA_ASSIGN_IMPL(AZORA_CONCAT(azora_r_, __LINE__), decl, expr)
#define AZORA_ASSIGN_IMPL(tmp, decl, expr) \
    auto tmp = (expr);                     \
    if (!tmp.ok()) {                       \
        return tmp.error();                \
    }                                      \
    decl = std::move(tmp).value()
