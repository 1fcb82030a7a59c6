#!/usr/bin/env bash
# The demo shop end to end in Debian's Chromium (sdk/test/shop/): starts `./telltale demo` itself,
# drives a scripted bot and a person through the shop, reads Kafka back, stops the demo.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/need-chromium.sh
npm ci --no-audit --no-fund
# Every wait inside is bounded; this bounds the whole run as well.
timeout 1200 npm run test:shop
