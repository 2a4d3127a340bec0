-- A realistic mix for wrk: the pages of `bench_pages --urls`, in turn, one address per
-- line of the file given after "--"; one search in ten (FRESH_EVERY), a search being a
-- page with a place or words, asks it as nobody asked before (a marker parameter no filter reads),
-- so that it is computed, not answered by the page cache. Pages everyone reaches by the
-- same link (the menu's list, the map, a sheet, an export) stay repeated.
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
   searches = 0
   -- This run's own marker: an earlier run's pages, still in the cache, are not "new".
   token = tostring(os.time())
   fresh_every = tonumber(args[2] or "10")
end

function request()
   counter = counter + 1
   local url = urls[(counter % #urls) + 1]
   local search = url:find("territoire=", 1, true) or url:find("q=", 1, true)
   if search and not url:find("format=csv", 1, true) then
      searches = searches + 1
   else
      search = false
   end
   if search and searches % fresh_every == 0 then
      local sep = url:find("?", 1, true) and "&" or "?"
      url = url .. sep .. "mesure=" .. token .. "-" .. id .. "-" .. counter
   end
   return wrk.format("GET", url)
end
