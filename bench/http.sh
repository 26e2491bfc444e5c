#!/usr/bin/env bash
# bench/http.sh [CHILDREN] [SECONDS] — audited record views over HTTP.
# Builds release if needed, generates a database (default 100,000 children),
# starts the service, signs in as a demo practitioner (real two-factor
# sign-in), then drives GET /records/{random id} with wrk at 64 connections
# (default 30 s). Every view is a real, audited, policy-projected read.
# Last line: {"endpoint":"record_view","rps":…,"p50_ms":…,"p99_ms":…,"errors":…}
set -euo pipefail
cd "$(dirname "$0")/.."
children=${1:-100000}
seconds=${2:-30}
cmake --preset release >/dev/null
cmake --build --preset release >/dev/null
bin=$PWD/build/release/src/cli/contactpoint
work=$(mktemp -d)
db="sqlite:$work/bench.db"
"$bin" generate --db "$db" --children "$children" --seed 5 >/dev/null 2>&1
"$bin" demo-users --db "$db" --keys "$work/keys" >/dev/null
read -r server url < <(scripts/start-service.sh "$work/serve.log" "$bin" serve --db "$db" \
  --keys "$work/keys" --port 0 --workers 32)
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
# Sign in like a browser: the pre-session token, then the three factors.
jar="$work/cookies"
token=$(curl -s -c "$jar" "$url/sign-in" | grep -o 'name="csrf_token" value="[0-9a-f]*"' | head -1 | sed 's/.*value="//; s/"//')
code=$("$bin" demo-code --db "$db" --keys "$work/keys" demo.practitioner)
curl -s -b "$jar" -c "$jar" -o /dev/null -H "Origin: $url" \
  --data-urlencode "csrf_token=$token" --data-urlencode "username=demo.practitioner" \
  --data-urlencode "password=harbour lantern meadow" --data-urlencode "code=$code" "$url/sign-in"
session=$(awk '$6 == "__Host-cp_session" {print $7}' "$jar")
[ -n "$session" ] || { echo "sign-in failed" >&2; exit 1; }
cat >"$work/views.lua" <<LUA
math.randomseed(42)
request = function()
  return wrk.format("GET", "/records/" .. math.random(1, $children), {["Cookie"] = "__Host-cp_session=$session"})
end
LUA
wrk -t 2 -c 64 -d "${seconds}s" --latency -s "$work/views.lua" "$url" >"$work/wrk.txt"
cat "$work/wrk.txt" >&2
python3 - "$work/wrk.txt" <<'PY'
import json, re, sys
text = open(sys.argv[1]).read()
def ms(label):
    m = re.search(r"^\s*" + label + r"%\s+([\d.]+)(us|ms|s)", text, re.M)
    v, unit = float(m.group(1)), m.group(2)
    return round(v / 1000 if unit == "us" else v * 1000 if unit == "s" else v, 2)
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
errors = 0
for pat in (r"Non-2xx or 3xx responses: (\d+)", r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)"):
    m = re.search(pat, text)
    if m: errors += sum(int(g) for g in m.groups())
print(json.dumps({"endpoint": "record_view", "rps": round(rps), "p50_ms": ms("50"), "p99_ms": ms("99"), "errors": errors}))
PY
