# Sourced by ci.sh and e2e.sh: installs Debian's Chromium when it is missing.
if [[ ! -x "${TELLTALE_CHROMIUM:-/usr/bin/chromium}" ]]; then
  echo "sdk: installing chromium"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
fi
