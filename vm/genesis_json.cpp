#include "vm/genesis_json.hpp"

#include "core/amount.hpp"

namespace azora::vm::genesis_json {

using nlohmann::json;

Error bad(const std::string& field, const std::string& what) {
    return Error::malformed("bad_genesis", field + ": " + what);
}

Result<const json*> member(const json& obj, const std::string& path, const char* name) {
    if (!obj.is_object() || !obj.contains(name)) {
        return bad(path + name, "missing");
    }
    return &obj.at(name);
}

Result<std::string> get_string(const json& obj, const std::string& path, const char* name) {
    AZORA_ASSIGN(const json* v, member(obj, path, name));
    if (!v->is_string()) {
        return bad(path + name, "must be a string");
    }
    return v->get<std::string>();
}

Result<uint64_t> get_u64(const json& obj, const std::string& path, const char* name) {
    AZORA_ASSIGN(const json* v, member(obj, path, name));
    if (v->is_number_unsigned()) {
        return v->get<uint64_t>();
    }
    if (!v->is_string()) {
        return bad(path + name, "must be a decimal string");
    }
    auto n = parse_base_units(v->get<std::string>());
    if (!n) {
        return bad(path + name, "must be a decimal string of an unsigned 64-bit integer");
    }
    return *n;
}

Result<Address> get_address(const json& obj,
                            const std::string& path,
                            const char* name,
                            std::string_view hrp) {
    AZORA_ASSIGN(std::string text, get_string(obj, path, name));
    auto addr = Address::parse(text, hrp);
    if (!addr) {
        return bad(path + name, addr.error().message);
    }
    return *addr;
}

}  // namespace azora::vm::genesis_json
