-- workload.lua - the Lua script of the lua workload (tests/workloads/lua.sh).
local path = arg[1]

-- word frequencies with string patterns and a sorted table
local freq, lines = {}, 0
for line in io.lines(path) do
  lines = lines + 1
  for w in line:gmatch("%a+") do freq[w] = (freq[w] or 0) + 1 end
end
local words = {}
for w, n in pairs(freq) do words[#words + 1] = { w = w, n = n } end
table.sort(words, function(a, b) if a.n ~= b.n then return a.n > b.n end return a.w < b.w end)
print("lines", lines)
for i = 1, 5 do print(words[i].w, words[i].n) end

-- closures and varargs
local function counter(step)
  local c = 0
  return function(...) c = c + step * select("#", ...); return c end
end
local c3 = counter(3)
c3(1, 2); c3(nil)
print("counter", c3(1, 2, 3))

-- coroutines: a generator of primes
local primes = coroutine.wrap(function()
  local found = {}
  for n = 2, math.huge do
    local ok = true
    for _, p in ipairs(found) do if p * p > n then break end if n % p == 0 then ok = false break end end
    if ok then found[#found + 1] = n; coroutine.yield(n) end
  end
end)
local ps = {}
for _ = 1, 20 do ps[#ps + 1] = primes() end
print("primes", table.concat(ps, " "))

-- integers, floats and formatting
print(7 // 2, 7 / 2, 7 % -3, 2 ^ 10, math.maxinteger, math.mininteger // -1)
print(string.format("%5.2f|%-8s|%x|%q|%g", math.pi, "lua", 255, "a\nb", 1e300 * 10))
print(math.floor(-3.5), math.ceil(-3.5), math.abs(-7), math.fmod(7, 3), math.sqrt(2))
print(tostring(0.1 + 0.2), 0.1 + 0.2 == 0.3, 1e15, 2^53 + 1, 10 // 0.0, -(0/0) ~= -(0/0))
print(tonumber("0x1p4"), tonumber("  12  "), tonumber("z", 36), math.tointeger(3.0))

-- string library
local s = "The quick brown fox jumps over the lazy dog"
print(s:upper(), #s, s:rep(2, "/"):len(), s:reverse():sub(1, 9))
print(s:gsub("%w+", function(w) return w:sub(1, 1):upper() .. w:sub(2) end))
print(s:find("fox"), s:match("(%a+) dog"), ("%d items"):format(42))
print(utf8.char(72, 228, 8364), utf8.len("häll€"))

-- tables: insert, remove, unpack, metatables
local t = {}
for i = 1, 10 do table.insert(t, i * i) end
table.remove(t, 1); table.insert(t, 1, 0)
print(table.unpack(t, 1, 5))
local V = {}
V.__index = V
V.__add = function(a, b) return setmetatable({ x = a.x + b.x, y = a.y + b.y }, V) end
V.__tostring = function(v) return "(" .. v.x .. "," .. v.y .. ")" end
local v = setmetatable({ x = 1, y = 2 }, V) + setmetatable({ x = 10, y = 20 }, V)
print(tostring(v))

-- errors and pcall
local ok, err = pcall(function() error({ code = 42 }) end)
print(ok, type(err), err.code)
print(select(2, pcall(function() return nil + 1 end)))
print(select(2, xpcall(function() error("boom", 0) end, function(m) return "handled " .. m end)))

-- a little numeric work: sums and a checksum over a large table
local acc, h = 0.0, 0
for i = 1, 200000 do acc = acc + 1 / i; h = (h * 31 + i) & 0xffffffff end
print(string.format("harmonic %.12f hash %d", acc, h))
io.stderr:write("lua done\n")
os.exit(4)
