-- wrk script: POST credential_verify for one credential id (docs/benchmarks.md, issue 4).
-- Usage: wrk -t2 -c32 -d10s -s tests/bench/credential_verify.lua http://127.0.0.1:PORT/ -- ID
local id = nil

function init(args)
    id = args[1]
    if id == nil then
        error("usage: ... -- CREDENTIAL_ID")
    end
end

function request()
    local body = '{"jsonrpc":"2.0","id":1,"method":"credential_verify","params":{"id":"' .. id .. '"}}'
    return wrk.format("POST", "/", {["Content-Type"] = "application/json"}, body)
end
