#!/usr/bin/env bash
# The browser SDK's CI: install from the lockfile, build (with the size budget and a type check
# of the declarations), unit tests, then the real-browser test in Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/need-chromium.sh
npm ci --no-audit --no-fund
npm run check
# The demo shop serves a committed copy of the one-file build (Maven needs no npm): it must be this build.
shop_copy=../cli/src/main/resources/io/telltale/cli/demo/shop/telltale.min.js
if ! cmp -s dist/telltale.min.js "$shop_copy"; then
  echo "sdk ci: $shop_copy is not the current build; run: (cd sdk && npm run build) && cp sdk/dist/telltale.min.js $shop_copy" >&2
  exit 1
fi
npm run test:browser
