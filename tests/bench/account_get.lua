-- wrk script: JSON-RPC account_get for the dev0 account (docs/benchmarks.md, target b).
-- Usage: wrk -t2 -c32 -d10s -s tests/bench/account_get.lua http://127.0.0.1:PORT/ [-- KEYS_FILE]
-- With KEYS_FILE (azora-bench genesis --keys-out: "index address secret" lines) each request asks
-- for the next bench account in turn instead of dev0.
-- Prints how many responses were not HTTP 200 with a result (wrk itself only counts non-2xx).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"jsonrpc":"2.0","id":1,"method":"account_get",' ..
           '"params":["tazr1phscfxnx9jygzj9m0u97mk8uzj7vtuualc3gv0"]}'

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

local function body_for(address)
  return '{"jsonrpc":"2.0","id":1,"method":"account_get","params":["' .. address .. '"]}'
end

function init(args)
  bad = 0
  good = 0
  addresses = {}
  if args[1] then
    for line in io.lines(args[1]) do
      local address = string.match(line, "^%d+ (%S+) ")
      if address then
        table.insert(addresses, address)
      end
    end
  end
  next_index = 0
end

function request()
  if #addresses == 0 then
    return wrk.format()
  end
  next_index = next_index % #addresses + 1
  return wrk.format(nil, nil, nil, body_for(addresses[next_index]))
end

function response(status, headers, body)
  if status == 200 and string.find(body, '"result"', 1, true) then
    good = good + 1
  else
    if bad == 0 then
      io.stderr:write("unexpected response: " .. status .. " " .. body .. "\n")
    end
    bad = bad + 1
  end
end

function done(summary, latency, requests)
  local g, b = 0, 0
  for _, t in ipairs(threads) do
    g = g + t:get("good")
    b = b + t:get("bad")
  end
  io.write(string.format("account_get results: %d ok, %d bad\n", g, b))
end
