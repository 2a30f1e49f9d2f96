-- wrk script: the sign-up form posted with a new address every time, at the pace of paced.lua
-- (args[1] milliseconds between two requests of a connection).
local interval = 0
local sent = 0
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("thread", threads)
end

function init(args)
  interval = tonumber(args[1] or "0")
end

function delay()
  return interval
end

function request()
  sent = sent + 1
  local body = "email=web-bench-" .. os.time() .. "-" .. thread .. "-" .. sent .. "%40example.org"
    .. "&keywords=speculative+decoding&authors=&categories=cs.CL&frequency=daily&sendHour=8&timezone=UTC"
  return wrk.format("POST", "/subscribe", { ["Content-Type"] = "application/x-www-form-urlencoded" }, body)
end
