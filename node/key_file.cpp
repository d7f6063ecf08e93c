#include "node/key_file.hpp"

#include <openssl/crypto.h>

#include <string>

#include "core/bytes.hpp"
#include "core/reasons.hpp"
#include "node/new_file.hpp"
#include "node/node.hpp"

namespace azora::node {

Result<void> write_key_file(const std::filesystem::path& path, const PrivateKey& key) {
    std::string contents = to_hex(key.secret()) + "\n";
    auto written = write_new_file(path, contents, 0600);
    OPENSSL_cleanse(contents.data(), contents.size());
    if (!written && written.error().is(reasons::kFileExists)) {
        return Error::from(reasons::kKeyFileExists,
                           path.string() + " already exists; a key is never overwritten");
    }
    return written;
}

Result<PrivateKey> load_or_create_key_file(const std::filesystem::path& path) {
    std::error_code ec;
    if (std::filesystem::symlink_status(path, ec).type() != std::filesystem::file_type::not_found) {
        return load_key_file(path);
    }
    const PrivateKey key = PrivateKey::generate();
    auto written = write_key_file(path, key);
    if (!written) {
        // Another process created it between the check and the link: use that key.
        if (written.error().is(reasons::kKeyFileExists)) {
            return load_key_file(path);
        }
        return written.error();
    }
    return key;
}

}  // namespace azora::node
