-- wrk posts the JSON body of the file NETRA_BODY with every request
-- (benchmarks/serve_load.sh, benchmarks/serve_tail.sh).
local f = assert(io.open(os.getenv("NETRA_BODY"), "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
