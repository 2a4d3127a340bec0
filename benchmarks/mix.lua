-- A realistic mix for wrk: the pages of `bench_pages --urls`, in turn, one address per
-- line of the file given after "--"; one request in ten (FRESH) asks a search nobody asked
-- before (a marker parameter no filter reads), so that it is computed, not answered by the
-- page cache. Exports stay repeated: everyone downloads the same file.
local threads = {}

function setup(thread)
   thread:set("id", #threads)
   table.insert(threads, thread)
end

function init(args)
   urls = {}
   for line in io.lines(args[1]) do
      if line ~= "" then table.insert(urls, line) end
   end
   counter = 0
   fresh_every = tonumber(args[2] or "10")
end

function request()
   counter = counter + 1
   local url = urls[(counter % #urls) + 1]
   if counter % fresh_every == 0 and not url:find("format=csv", 1, true) then
      local sep = url:find("?", 1, true) and "&" or "?"
      url = url .. sep .. "mesure=" .. id .. "-" .. counter
   end
   return wrk.format("GET", url)
end
