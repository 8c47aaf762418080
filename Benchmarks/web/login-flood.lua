-- A log-in flood: wrong passwords for random user names from random addresses (as a
-- botnet would, so that no per-address or per-name limit stops it and every attempt costs a
-- bcrypt check). Needs BEKAL_LOGIN_COOKIE and BEKAL_LOGIN_TOKEN (the log-in form's double
-- submit pair). Counts answers by status.
local cookie = os.getenv("BEKAL_LOGIN_COOKIE")
local token = os.getenv("BEKAL_LOGIN_TOKEN")
local counter = 0
statuses = {}
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() + id * 7919)
  statuses = {}
end

request = function()
  counter = counter + 1
  local address = string.format("10.%d.%d.%d", math.random(0, 255), math.random(0, 255), math.random(1, 254))
  local name = string.format("tamu%d", math.random(1, 1000000))
  local body = "_csrf=" .. token .. "&username=" .. name .. "&password=salah-" .. counter
  return wrk.format("POST", "/masuk", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = cookie,
    ["X-Forwarded-For"] = address,
  }, body)
end

response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    local s = thread:get("statuses")
    for code, n in pairs(s or {}) do total[code] = (total[code] or 0) + n end
  end
  for code, n in pairs(total) do io.write(string.format("status %d: %d\n", code, n)) end
end
