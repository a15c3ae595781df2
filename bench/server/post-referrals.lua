-- wrk script: POSTs distinct referrals, as widgets would, one payload per request with its id as
-- the Idempotency-Key. wrk -s post-referrals.lua URL -- <payload file> <wrk threads> <delay ms>
-- Each wrk thread takes every Nth line of the file (one JSON payload per line), so no two requests
-- share a key; a thread that runs out stops. Prints one JSON line with the counts by status.
local threads = {}

function setup(thread)
  thread:set("index", #threads)
  table.insert(threads, thread)
end

function init(args)
  local nthreads = tonumber(args[2])
  delay_ms = tonumber(args[3]) or 0
  payloads = {}
  local line_no = 0
  for line in io.lines(args[1]) do
    if line_no % nthreads == index then payloads[#payloads + 1] = line end
    line_no = line_no + 1
  end
  next_payload = 1
  created, replayed, other = 0, 0, 0
end

function request()
  local body = payloads[next_payload]
  if body == nil then
    wrk.thread:stop()
    body = payloads[#payloads]
  end
  next_payload = next_payload + 1
  local id = string.match(body, '"id":"([0-9a-f%-]+)"')
  return wrk.format("POST", nil, {["Content-Type"] = "application/json", ["Idempotency-Key"] = id}, body)
end

function delay()
  return delay_ms
end

function response(status, headers, body)
  if status == 201 then created = created + 1
  elseif status == 200 then replayed = replayed + 1
  else other = other + 1 end
end

function done(summary, latency, requests)
  local c, r, o = 0, 0, 0
  for _, t in ipairs(threads) do
    c = c + t:get("created")
    r = r + t:get("replayed")
    o = o + t:get("other")
  end
  io.write(string.format(
    '{"seconds": %.3f, "requests": %d, "created": %d, "replayed": %d, "other": %d, "errors": %d, ' ..
    '"p50_ms": %.2f, "p90_ms": %.2f, "p99_ms": %.2f, "max_ms": %.2f}\n',
    summary.duration / 1e6, summary.requests, c, r, o,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
