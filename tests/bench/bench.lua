-- bench.lua - lua5.4 workload of the make ab benchmark set: table building, string formatting
-- and hashing, closures and a sort with a Lua comparison function (calls back into the VM).
-- Usage: lua5.4 bench.lua [scale]   (scale 1 is about 1 s natively; linear)
local scale = tonumber(arg[1]) or 1
local n = math.floor(480000 * scale) + 1

local words, counts = {}, {}
local x = 12345
for i = 1, n do
  x = (x * 1103515245 + 12345) % 2147483648
  local w = string.format("w%05d", x % 20000)
  words[i] = w
  counts[w] = (counts[w] or 0) + 1
end

local function make_acc()
  local total = 0
  return function(v) total = total + v; return total end
end
local acc = make_acc()
for i = 1, n do acc(#words[i] + (i % 7)) end

table.sort(words, function(a, b) return a > b end)
local distinct = 0
for _ in pairs(counts) do distinct = distinct + 1 end

local h = 0
for round = 1, 3 do
  for i = 1, n, 3 do
    local s = words[i]
    for j = 1, #s do h = (h * 31 + string.byte(s, j) + round) % 4294967296 end
  end
end
print(string.format("lua n=%d distinct=%d first=%s total=%d hash=%08x", n, distinct, words[1], acc(0), h))
