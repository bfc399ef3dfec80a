-- One Observation per POST to Datastreams(1..STREAMS)/Observations, round robin per connection.
local streams = tonumber(os.getenv("STREAMS") or "16")
local key = os.getenv("API_KEY")
local counter = 0
local thread_id = 0

function setup(thread)
  thread:set("id", thread_id)
  thread_id = thread_id + 1
end

function init(args)
  counter = id * 1000003
end

request = function()
  counter = counter + 1
  local ds = (counter % streams) + 1
  local headers = { ["Content-Type"] = "application/json" }
  if key then headers["X-Api-Key"] = key end
  return wrk.format("POST", "/sta/v1.1/Datastreams(" .. ds .. ")/Observations", headers,
    '{"result":' .. (counter % 500) / 100 .. '}')
end
