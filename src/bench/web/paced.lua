-- wrk script: each connection sends requests at a pace, args[1] milliseconds apart on average
-- (with -c C the rate is C * 1000 / args[1] requests a second); args[2], when given, is a file of
-- paths to cycle through, one per line. wrk's latencies are then those of requests sent at that
-- pace.
--
-- wrk opens every connection at once and sends its first request at once, and a fixed wait
-- would keep the connections in step: C requests arriving together every interval, a burst
-- rather than a pace. So each connection's first request is a health check (a few microseconds
-- of work; these C samples can only lower the percentiles), and every wait is drawn at random
-- between 0 and twice the interval, which spreads the connections out within a few requests.
-- args[3] is the number of connections per wrk thread (C divided by -t).
-- The generator is not seeded, so wrk's two threads draw the same waits and their connections
-- may pair up: two requests at once, not C.
local interval = 0
local paths = nil
local at = 0
local openers = 0

function init(args)
  interval = tonumber(args[1] or "0")
  if args[2] and args[2] ~= "" then
    paths = {}
    for line in io.lines(args[2]) do
      paths[#paths + 1] = line
    end
    at = math.random(#paths)
  end
  openers = tonumber(args[3] or "0")
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
  if paths then
    at = at % #paths + 1
    return wrk.format("GET", paths[at])
  end
  return wrk.format()
end
