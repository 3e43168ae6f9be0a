-- wrk: cycle through a file of addresses; written out with the figures at the end.
-- bench.py fills in the two file names (and doubles every percent sign).
local paths = {}
for line in io.lines("%(paths)s") do paths[#paths + 1] = line end
-- Each thread starts at its own place in the list, so that no two ask for the same page.
local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("offset", threads)
end
init = function(args)
  counter = ((offset or 1) * 7919) %% #paths
end
request = function()
  counter = counter %% #paths + 1
  return wrk.format("GET", paths[counter])
end
done = function(summary, latency, requests)
  local out = io.open("%(result)s", "w")
  out:write(string.format(
    '{"requests": %%d, "seconds": %%f, "p50": %%f, "p90": %%f, "p99": %%f, "max": %%f, ' ..
    '"errors": %%d, "status": %%d, "connect": %%d, "read": %%d, "timeout": %%d}',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1e3,
    latency:percentile(90) / 1e3, latency:percentile(99) / 1e3, latency.max / 1e3,
    summary.errors.status + summary.errors.connect + summary.errors.read
      + summary.errors.timeout,
    summary.errors.status, summary.errors.connect, summary.errors.read, summary.errors.timeout))
  out:close()
end
