#include "core/amount.hpp"

#include "core/reasons.hpp"

namespace azora {

namespace {
Error bad(std::string message) {
    return Error::from(reasons::kInvalidAmount, std::move(message));
}

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// Digits only, at least one, and no leading zero unless the whole string is "0", so that
// every value has exactly one spelling.
Result<uint64_t> parse_canonical_digits(std::string_view digits, std::string_view what) {
    if (digits.empty()) {
        return bad(std::string(what) + " is empty");
    }
    if (digits.size() > 1 && digits[0] == '0') {
        return bad(std::string(what) + " has a leading zero");
    }
    uint64_t value = 0;
    for (char c : digits) {
        if (!is_digit(c)) {
            return bad(std::string(what) + " has a character that is not a digit");
        }
        auto next = checked_mul(value, 10);
        if (next) {
            next = checked_add(*next, static_cast<uint64_t>(c - '0'));
        }
        if (!next) {
            return bad("amount exceeds 2^64-1 uazr");
        }
        value = *next;
    }
    return value;
}
}  // namespace

std::optional<uint64_t> checked_add(uint64_t a, uint64_t b) {
    uint64_t r;
    if (__builtin_add_overflow(a, b, &r)) {
        return std::nullopt;
    }
    return r;
}

std::optional<uint64_t> checked_sub(uint64_t a, uint64_t b) {
    if (b > a) {
        return std::nullopt;
    }
    return a - b;
}

std::optional<uint64_t> checked_mul(uint64_t a, uint64_t b) {
    uint64_t r;
    if (__builtin_mul_overflow(a, b, &r)) {
        return std::nullopt;
    }
    return r;
}

Result<uint64_t> parse_azr(std::string_view text) {
    size_t dot = text.find('.');
    std::string_view whole = text.substr(0, dot);
    std::string_view frac;
    if (dot != std::string_view::npos) {
        frac = text.substr(dot + 1);
        // "1." and ".5" are rejected: both parts must be written when there is a dot.
        if (frac.empty()) {
            return bad("no digits after the decimal point");
        }
        if (frac.size() > static_cast<size_t>(kAzrDecimals)) {
            return bad("more than 6 decimal places");
        }
    }
    AZORA_ASSIGN(uint64_t azr, parse_canonical_digits(whole, "integer part"));
    uint64_t frac_units = 0;
    for (size_t i = 0; i < static_cast<size_t>(kAzrDecimals); ++i) {
        uint64_t digit = 0;
        if (i < frac.size()) {
            if (!is_digit(frac[i])) {
                return bad("fraction has a character that is not a digit");
            }
            digit = static_cast<uint64_t>(frac[i] - '0');
        }
        frac_units = frac_units * 10 + digit;
    }
    auto units = checked_mul(azr, kUazrPerAzr);
    if (units) {
        units = checked_add(*units, frac_units);
    }
    if (!units) {
        return bad("amount exceeds 2^64-1 uazr");
    }
    return *units;
}

std::string format_azr(uint64_t uazr) {
    std::string out = std::to_string(uazr / kUazrPerAzr);
    uint64_t frac = uazr % kUazrPerAzr;
    if (frac == 0) {
        return out;
    }
    std::string digits = std::to_string(frac);
    digits.insert(0, static_cast<size_t>(kAzrDecimals) - digits.size(), '0');
    digits.erase(digits.find_last_not_of('0') + 1);
    return out + "." + digits;
}

Result<uint64_t> parse_base_units(std::string_view text) {
    return parse_canonical_digits(text, "amount");
}

}  // namespace azora
