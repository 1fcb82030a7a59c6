#!/usr/bin/env bash
# The browser SDK's CI: install from the lockfile, build (with the size budget and a type check
# of the declarations), unit tests, then the real-browser test in Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")"
if [[ ! -x "${TELLTALE_CHROMIUM:-/usr/bin/chromium}" ]]; then
  echo "sdk ci: installing chromium"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
fi
npm ci --no-audit --no-fund
npm run check
npm run test:browser
