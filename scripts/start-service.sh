#!/usr/bin/env bash
# start-service.sh LOG CONTACTPOINT serve ARGS… — starts the service in the
# background (output to LOG), waits until it listens, and prints one line:
# "PID URL". Fails, showing LOG, if it has not started within 40 seconds.
set -euo pipefail
log=$1
shift
"$@" >"$log" 2>&1 &
pid=$!
for _ in $(seq 1 200); do
  url=$(grep -o 'http://127.0.0.1:[0-9]*' "$log" | head -1 || true)
  if [ -n "$url" ]; then
    echo "$pid $url"
    exit 0
  fi
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.2
done
echo "the service did not start:" >&2
cat "$log" >&2
kill "$pid" 2>/dev/null || true
exit 1
