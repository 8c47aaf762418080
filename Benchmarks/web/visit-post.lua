-- wrk script: POST the visit form, each request a different visit (person, day, contact mode),
-- so that every 2xx/3xx answer must be one new row in the visit table.
-- Environment: BEKAL_COOKIE, BEKAL_CSRF, BEKAL_PEOPLE (comma-separated codes), BEKAL_FIRST_DAY (days since 1970).

local threads = {}
local counter = 0

function setup(thread)
  thread:set("index", #threads)
  table.insert(threads, thread)
end

local people, csrf, firstDay, modes, threadIndex

function init(args)
  csrf = os.getenv("BEKAL_CSRF")
  firstDay = tonumber(os.getenv("BEKAL_FIRST_DAY"))
  people = {}
  for code in string.gmatch(os.getenv("BEKAL_PEOPLE"), "[^,]+") do table.insert(people, code) end
  modes = {"home_visit", "phone", "through_rt_head", "through_other"}
  threadIndex = index
  ok, other, failed = 0, 0, 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  wrk.headers["Cookie"] = os.getenv("BEKAL_COOKIE")
end

local function isoDate(days)
  return os.date("!%Y-%m-%d", days * 86400)
end

function request()
  -- Thread t takes every n-th combination; no two requests of the run share a natural key.
  local n = counter * 2 + threadIndex
  counter = counter + 1
  local person = people[(n % #people) + 1]
  local rest = math.floor(n / #people)
  local mode = modes[(rest % #modes) + 1]
  local day = firstDay + math.floor(rest / #modes)
  local body = "_csrf=" .. csrf .. "&date=" .. isoDate(day) .. "&beneficiary=" .. person ..
               "&contact=" .. mode .. "&whereabouts=here&notes=bench"
  return wrk.format(nil, "/kunjungan/baru", nil, body)
end

function response(status, headers, body)
  if status >= 200 and status < 400 then ok = ok + 1
  elseif status >= 500 then failed = failed + 1
  else other = other + 1 end
end

function done(summary, latency, requests)
  local good, bad, broken = 0, 0, 0
  for _, t in ipairs(threads) do
    good = good + t:get("ok")
    bad = bad + t:get("other")
    broken = broken + t:get("failed")
  end
  io.write(string.format("accepted (2xx/3xx): %d\nother statuses: %d (4xx), %d (5xx)\n", good, bad, broken))
  local f = io.open(os.getenv("BEKAL_COUNT_FILE"), "w")
  f:write(tostring(good))
  f:close()
end
