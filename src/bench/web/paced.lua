-- wrk script: each connection sends a request, then waits args[1] milliseconds (with -c C the
-- rate is C * 1000 / args[1] requests a second); args[2], when given, is a file of paths to
-- cycle through, one per line. wrk's latencies are then those of requests sent at that pace.
local interval = 0
local paths = nil
local at = 0

function init(args)
  interval = tonumber(args[1] or "0")
  if args[2] then
    paths = {}
    for line in io.lines(args[2]) do
      paths[#paths + 1] = line
    end
    at = math.random(#paths)
  end
end

function delay()
  return interval
end

function request()
  if paths then
    at = at % #paths + 1
    return wrk.format("GET", paths[at])
  end
  return wrk.format()
end
