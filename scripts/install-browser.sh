#!/usr/bin/env sh
# Debian's Chromium + ChromeDriver for the UI smoke test (never a browser downloaded by a tool).
set -eu
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-browser: no apt-get; install chromium and chromedriver yourself" >&2
  exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then
  if sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
    echo "install-browser: not root; run 'sudo apt-get install chromium chromium-driver'" >&2
    exit 0
  fi
fi
echo "installing Debian packages chromium and chromium-driver" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
