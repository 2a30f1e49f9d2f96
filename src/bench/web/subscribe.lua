-- wrk script: the sign-up form posted with a new address every time, at the pace of paced.lua
-- (args[1] milliseconds between two requests of a connection on average, drawn at random; each
-- connection's first request a health check; args[2] the connections per wrk thread).
local interval = 0
local sent = 0
local openers = 0
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("thread", threads)
end

function init(args)
  interval = tonumber(args[1] or "0")
  openers = tonumber(args[2] or "0")
end

function delay()
  if interval == 0 then
    return 0
  end
  return math.random(0, 2 * interval)
end

function request()
  if openers > 0 then
    openers = openers - 1
    return wrk.format("GET", "/q/health/live")
  end
  sent = sent + 1
  local body = "email=web-bench-" .. os.time() .. "-" .. thread .. "-" .. sent .. "%40example.org"
    .. "&keywords=speculative+decoding&authors=&categories=cs.CL&frequency=daily&sendHour=8&timezone=UTC"
  return wrk.format("POST", "/subscribe", { ["Content-Type"] = "application/x-www-form-urlencoded" }, body)
end
