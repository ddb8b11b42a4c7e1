-- wrk script of the attack suite's overload case: posts the /v1/check body in
-- the file named by COQUILLE_LOADTEST_BODY, counts answers by status (and 503s
-- that carry Retry-After) over every thread, prints one RESULT line.

local path = os.getenv("COQUILLE_LOADTEST_BODY")
local f = assert(io.open(path, "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  ok, s503, retry_after, other = 0, 0, 0, 0
end

function response(status, headers, body)
  if status == 200 then
    ok = ok + 1
  elseif status == 503 then
    s503 = s503 + 1
    if headers["retry-after"] or headers["Retry-After"] then
      retry_after = retry_after + 1
    end
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local t = {ok = 0, s503 = 0, retry_after = 0, other = 0}
  for _, thread in ipairs(threads) do
    for k, _ in pairs(t) do
      t[k] = t[k] + thread:get(k)
    end
  end
  local secs = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "RESULT ok=%d ok_rps=%.1f s503=%d retry_after=%d other=%d errors=%d p50_ms=%.2f p99_ms=%.2f secs=%.2f\n",
    t.ok, t.ok / secs, t.s503, t.retry_after, t.other,
    e.connect + e.read + e.write + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, secs))
end
