#include "wallet-cli/credential_input.hpp"

#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/hash.hpp"
#include "core/reasons.hpp"
#include "core/utc_time.hpp"

namespace azora::wallet {

namespace {

std::string trim(std::string s) {
    const char* ws = " \t\r\n";
    s.erase(0, s.find_first_not_of(ws));
    const size_t end = s.find_last_not_of(ws);
    s.erase(end == std::string::npos ? 0 : end + 1);
    return s;
}

Error batch_error(const std::string& where, const std::string& what) {
    return Error::malformed("bad_batch_file", where + ": " + what);
}

}  // namespace

Result<Hash32> parse_credential_id(const std::string& text) {
    auto id = fixed_from_hex<32>(text);
    if (!id) {
        return Error::malformed("bad_id", "a credential id is 64 hex digits");
    }
    return *id;
}

std::string date_text(uint64_t ms) {
    return ms == 0 ? std::string() : format_utc_time(ms);
}

Result<uint64_t> parse_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        return Error::malformed("bad_date", "dates are YYYY-MM-DD");
    }
    auto ms = parse_utc_time(std::string(text) + "T00:00:00Z");
    if (!ms) {
        return Error::malformed("bad_date", "'" + std::string(text) + "' is not a date");
    }
    return *ms;
}

Result<Hash32> hash_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return Error::malformed("bad_document", "cannot read " + path.string());
    }
    const std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) {
        return Error::malformed("bad_document", "cannot read " + path.string());
    }
    return sha256(as_bytes(data));
}

Result<Hash32> document_hash(const std::string& hash_or_file,
                             const std::filesystem::path& base_dir) {
    if (auto h = fixed_from_hex<32>(hash_or_file)) {
        return *h;
    }
    std::filesystem::path p(hash_or_file);
    return hash_file(p.is_absolute() ? p : base_dir / p);
}

Result<std::vector<BatchRow>> read_batch_file(const std::filesystem::path& path) {
    std::ifstream in(path);
    if (!in) {
        return Error::malformed("bad_batch_file", "cannot read " + path.string());
    }
    const std::filesystem::path base = path.parent_path();
    std::vector<BatchRow> rows;
    if (path.extension() == ".json") {
        auto j = nlohmann::json::parse(in, nullptr, false);
        if (j.is_discarded() || !j.is_array()) {
            return batch_error(path.string(), "expected a JSON array of objects");
        }
        for (size_t i = 0; i < j.size(); ++i) {
            const auto& item = j[i];
            const std::string where = "item " + std::to_string(i);
            if (!item.is_object() || !item.contains("holder") || !item["holder"].is_string()) {
                return batch_error(where, "needs a \"holder\" string");
            }
            std::string doc;
            if (item.contains("document_hash") && item["document_hash"].is_string()) {
                doc = item["document_hash"].get<std::string>();
            } else if (item.contains("document") && item["document"].is_string()) {
                doc = item["document"].get<std::string>();
            } else {
                return batch_error(where, "needs \"document_hash\" or \"document\"");
            }
            auto h = document_hash(doc, base);
            if (!h) {
                return batch_error(where, h.error().message);
            }
            std::string uri;
            if (item.contains("uri") && item["uri"].is_string()) {
                uri = item["uri"].get<std::string>();
            }
            rows.push_back({item["holder"].get<std::string>(), *h, uri});
        }
        return rows;
    }
    std::string line;
    for (size_t n = 1; std::getline(in, line); ++n) {
        line = trim(line);
        if (line.empty() || line[0] == '#' || (rows.empty() && line.rfind("holder", 0) == 0)) {
            continue;
        }
        std::vector<std::string> fields;
        std::stringstream ss(line);
        for (std::string f; std::getline(ss, f, ',');) {
            fields.push_back(trim(f));
        }
        if (fields.size() < 2 || fields.size() > 3) {
            return batch_error("line " + std::to_string(n), "expected holder,document[,uri]");
        }
        auto h = document_hash(fields[1], base);
        if (!h) {
            return batch_error("line " + std::to_string(n), h.error().message);
        }
        rows.push_back({fields[0], *h, fields.size() == 3 ? fields[2] : std::string()});
    }
    return rows;
}

Result<std::pair<std::string, std::vector<std::string>>> split_uris(
    const std::vector<std::string>& uris) {
    size_t common = uris.empty() ? 0 : uris[0].size();
    for (const auto& u : uris) {
        size_t i = 0;
        while (i < common && i < u.size() && u[i] == uris[0][i]) {
            ++i;
        }
        common = i;
    }
    common = std::min(common, vm::credential::kBatchUriPartMax);
    std::pair<std::string, std::vector<std::string>> out;
    out.first = uris.empty() ? std::string() : uris[0].substr(0, common);
    for (size_t i = 0; i < uris.size(); ++i) {
        out.second.push_back(uris[i].substr(common));
        if (out.second.back().size() > vm::credential::kBatchUriPartMax) {
            return Error::from(reasons::kInvalidField,
                               "uri of row " + std::to_string(i + 1) + " is too long for a batch");
        }
    }
    return out;
}

}  // namespace azora::wallet
