#!/usr/bin/env bash
# Makes sure Debian's chromium is installed for the browser e2e test (playwright-core drives it;
# no browser is ever downloaded by playwright). Prints the executable's path.
# Usage: scripts/ensure-chromium.sh   (needs root or passwordless sudo when chromium is missing)
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
# fonts-noto-cjk: the chat page and screenshots show Chinese (WeChat's own terms, user messages).
if [ ! -x "$CHROMIUM" ] || ! dpkg -s fonts-noto-cjk >/dev/null 2>&1; then
	SUDO=""
	if [ "$(id -u)" != "0" ]; then SUDO="sudo -n"; fi
	echo "chromium or fonts-noto-cjk missing: installing Debian's packages" >&2
	$SUDO apt-get update -qq >&2
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-noto-cjk >&2
fi
echo "$CHROMIUM"
