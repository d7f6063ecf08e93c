#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/bytes.hpp"
#include "core/result.hpp"
#include "wallet-cli/keystore_crypto.hpp"

namespace azora::wallet {

/// The key file format version this code writes and the only one it reads.
inline constexpr uint64_t kKeyFileVersion = 1;

/// Whether `name` is 1-64 characters of [A-Za-z0-9_-] (safe as a file name on any system).
bool valid_key_name(std::string_view name);

/// Whether `address` is 1-256 printable ASCII characters without spaces.
bool valid_address_text(std::string_view address);

/// The contents of one key file, DIR/NAME.json (JSON form in wallet-cli/README.md).
struct KeyFile {
    std::string name;
    std::string address;
    SealedSecret sealed;
};

/// The AES-GCM associated data for a key: canonical encoding of ("azora/keystore", version,
/// name, address), so moving a ciphertext to another name or editing its address breaks it.
Bytes key_file_aad(std::string_view name, std::string_view address);

/// The JSON text of `file`, fields in the documented order. Precondition: valid name, address.
std::string encode_key_file(const KeyFile& file);

/// Parses and validates a key file's text, including scrypt bounds with N >= `min_scrypt_n`.
/// Fails with "bad_keystore" and a detail that names the field but not the file.
Result<KeyFile> decode_key_file(std::string_view text, uint64_t min_scrypt_n);

}  // namespace azora::wallet
