#!/usr/bin/env bash
# Makes sure Debian's chromium is installed for the browser e2e test (playwright-core drives it;
# no browser is ever downloaded by playwright). Prints the executable's path.
# Usage: scripts/ensure-chromium.sh   (needs root or passwordless sudo when chromium is missing)
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
	SUDO=""
	if [ "$(id -u)" != "0" ]; then SUDO="sudo -n"; fi
	echo "chromium not found at $CHROMIUM: installing Debian's package" >&2
	$SUDO apt-get update -qq >&2
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >&2
fi
echo "$CHROMIUM"
