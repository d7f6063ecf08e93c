#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/address.hpp"
#include "core/bytes.hpp"
#include "core/result.hpp"
#include "vm/modules/credential/messages.hpp"

/// Turning command-line input into credential payload fields: dates, document hashes and
/// batch files. Reads files, nothing else.
namespace azora::wallet {

/// "YYYY-MM-DD" as ms since the Unix epoch at 00:00:00 UTC; "bad_date" otherwise.
Result<uint64_t> parse_date(std::string_view text);

/// A credential id given as 64 hex digits; "bad_id" otherwise.
Result<Hash32> parse_credential_id(const std::string& text);

/// ms since the Unix epoch as UTC time text (core `format_utc_time`); 0 (unset) as "".
std::string date_text(uint64_t ms);

/// SHA-256 of a file's bytes; "bad_document" if it cannot be read.
Result<Hash32> hash_file(const std::filesystem::path& path);

/// A document given as 64 hex digits (its SHA-256) or as a file path to hash.
Result<Hash32> document_hash(const std::string& hash_or_file,
                             const std::filesystem::path& base_dir);

/// One row of a batch file, holder still as text (address or key name).
struct BatchRow {
    std::string holder;
    Hash32 metadata_hash{};
    std::string metadata_uri;
};

/// Reads a batch file: CSV (holder,document,uri per line; a first line starting "holder" is a
/// header; '#' lines are comments) or, for a .json file, an array of objects {holder,
/// document_hash | document, uri}. Documents relative paths resolve against the file's folder.
/// Errors name the line or item: "bad_batch_file".
Result<std::vector<BatchRow>> read_batch_file(const std::filesystem::path& path);

/// Splits URIs into the batch's shared prefix (at most kBatchUriPartMax bytes) and per-item
/// suffixes; "bad_field" if a suffix would still be longer than kBatchUriPartMax.
Result<std::pair<std::string, std::vector<std::string>>> split_uris(
    const std::vector<std::string>& uris);

}  // namespace azora::wallet
