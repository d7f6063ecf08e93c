#include "wallet-cli/keystore_file.hpp"

#include <algorithm>
#include <climits>
#include <initializer_list>
#include <nlohmann/json.hpp>

#include "core/encoding.hpp"

namespace azora::wallet {

using nlohmann::json;

namespace {

constexpr size_t kMaxNameLen = 64;
constexpr size_t kMaxAddressLen = 256;

// Failures carry only the detail; the keystore adds the file's path.
Error bad_field(const std::string& what) {
    return Error::malformed("bad_keystore", what);
}

Result<void> expect_object(const json& j,
                           const std::string& where,
                           std::initializer_list<const char*> keys) {
    if (!j.is_object()) {
        return bad_field(where + " is not an object");
    }
    for (const char* key : keys) {
        if (!j.contains(key)) {
            return bad_field(where + " lacks \"" + key + "\"");
        }
    }
    if (j.size() != keys.size()) {
        return bad_field(where + " has unknown fields");
    }
    return ok_result();
}

Result<std::string> get_string(const json& obj, const char* key) {
    const json& v = obj.at(key);  // presence checked by expect_object
    if (!v.is_string()) {
        return bad_field(std::string(key) + " is not a string");
    }
    return v.get<std::string>();
}

Result<uint64_t> get_uint(const json& obj, const char* key, uint64_t max) {
    const json& v = obj.at(key);
    if (!v.is_number_unsigned() || v.get<uint64_t>() > max) {
        return bad_field(std::string(key) + " is not an integer in [0, " + std::to_string(max) +
                         "]");
    }
    return v.get<uint64_t>();
}

template <size_t N>
Result<std::array<uint8_t, N>> get_hex(const json& obj, const char* key) {
    AZORA_ASSIGN(std::string text, get_string(obj, key));
    auto bytes = fixed_from_hex<N>(text);
    if (!bytes) {
        return bad_field(std::string(key) + " is not " + std::to_string(N) + " bytes of hex");
    }
    return *bytes;
}

}  // namespace

bool valid_key_name(std::string_view name) {
    return !name.empty() && name.size() <= kMaxNameLen &&
           std::all_of(name.begin(), name.end(), [](char c) {
               return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '_' || c == '-';
           });
}

bool valid_address_text(std::string_view address) {
    // Shown to users and bound into the AAD, so it must survive JSON unchanged.
    return !address.empty() && address.size() <= kMaxAddressLen &&
           std::all_of(address.begin(), address.end(), [](char c) { return c > ' ' && c < 0x7f; });
}

Bytes key_file_aad(std::string_view name, std::string_view address) {
    Writer w;
    w.string("azora/keystore");
    w.varint(kKeyFileVersion);
    w.string(name);
    w.string(address);
    return w.take();
}

Result<KeyFile> decode_key_file(std::string_view text, uint64_t min_scrypt_n) {
    const json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded()) {
        return bad_field("not valid JSON");
    }
    AZORA_TRY(expect_object(doc, "file", {"version", "name", "address", "kdf", "cipher"}));
    AZORA_ASSIGN(const uint64_t version, get_uint(doc, "version", UINT64_MAX));
    if (version != kKeyFileVersion) {
        return bad_field("unsupported version " + std::to_string(version));
    }
    KeyFile out;
    AZORA_ASSIGN(out.name, get_string(doc, "name"));
    if (!valid_key_name(out.name)) {
        return bad_field("invalid name");
    }
    AZORA_ASSIGN(out.address, get_string(doc, "address"));
    if (!valid_address_text(out.address)) {
        return bad_field("invalid address");
    }

    const json& kdf = doc.at("kdf");
    AZORA_TRY(expect_object(kdf, "kdf", {"name", "n", "r", "p", "salt"}));
    AZORA_ASSIGN(const std::string kdf_name, get_string(kdf, "name"));
    if (kdf_name != "scrypt") {
        return bad_field("kdf.name is not \"scrypt\"");
    }
    AZORA_ASSIGN(out.sealed.kdf.n, get_uint(kdf, "n", UINT64_MAX));
    AZORA_ASSIGN(const uint64_t r, get_uint(kdf, "r", UINT32_MAX));
    AZORA_ASSIGN(const uint64_t p, get_uint(kdf, "p", UINT32_MAX));
    out.sealed.kdf.r = static_cast<uint32_t>(r);
    out.sealed.kdf.p = static_cast<uint32_t>(p);
    if (auto checked = check_scrypt_params(out.sealed.kdf, min_scrypt_n); !checked) {
        return bad_field(checked.error().message);
    }
    AZORA_ASSIGN(out.sealed.salt, get_hex<16>(kdf, "salt"));

    const json& cipher = doc.at("cipher");
    AZORA_TRY(expect_object(cipher, "cipher", {"name", "nonce", "ciphertext", "tag"}));
    AZORA_ASSIGN(const std::string cipher_name, get_string(cipher, "name"));
    if (cipher_name != "aes-256-gcm") {
        return bad_field("cipher.name is not \"aes-256-gcm\"");
    }
    AZORA_ASSIGN(out.sealed.nonce, get_hex<12>(cipher, "nonce"));
    AZORA_ASSIGN(out.sealed.ciphertext, get_hex<32>(cipher, "ciphertext"));
    AZORA_ASSIGN(out.sealed.tag, get_hex<16>(cipher, "tag"));
    return out;
}

std::string encode_key_file(const KeyFile& file) {
    // ordered_json keeps the documented field order, which makes files easy to read and diff.
    nlohmann::ordered_json doc;
    doc["version"] = kKeyFileVersion;
    doc["name"] = file.name;
    doc["address"] = file.address;
    doc["kdf"] = {{"name", "scrypt"},
                  {"n", file.sealed.kdf.n},
                  {"r", file.sealed.kdf.r},
                  {"p", file.sealed.kdf.p},
                  {"salt", to_hex(file.sealed.salt)}};
    doc["cipher"] = {{"name", "aes-256-gcm"},
                     {"nonce", to_hex(file.sealed.nonce)},
                     {"ciphertext", to_hex(file.sealed.ciphertext)},
                     {"tag", to_hex(file.sealed.tag)}};
    return doc.dump(2) + "\n";
}

}  // namespace azora::wallet
