#!/usr/bin/env bash
# install-deps.sh — installs every Debian package ContactPoint needs, and the
# front-end packages pinned by web/package-lock.json. Idempotent: when
# everything is present it checks and returns in about a second.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)

packages=(
  # build
  build-essential cmake ninja-build pkg-config clang-format
  # libraries
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev libssl-dev
  libsqlite3-dev libpq-dev libargon2-dev libsodium-dev liboath-dev libutf8proc-dev
  libkainjow-mustache-dev libspdlog-dev libfmt-dev libcli11-dev libtomlplusplus-dev
  libqrencode-dev libgtest-dev libgmock-dev libbenchmark-dev
  # tests and benchmarks
  postgresql-15 nodejs chromium wrk sqlite3 util-linux time
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Debian's nodejs ships npm separately; NodeSource's includes it.
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Front-end assets (govuk-frontend, playwright-core), pinned by the lock file.
if [ -f "$here/web/package-lock.json" ]; then
  stamp="$here/web/node_modules/.cp-installed"
  if [ ! -f "$stamp" ] || [ "$here/web/package-lock.json" -nt "$stamp" ]; then
    (cd "$here/web" && npm ci --no-audit --no-fund --loglevel=error)
    touch "$stamp"
  fi
fi
