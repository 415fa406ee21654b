#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests (tests/Crisis.BrowserTests) when it is missing.
# Safe to run again: it does nothing when /usr/bin/chromium exists. Our machines are offline but for the
# package registries, so Playwright's own browser download cannot work: the tests drive this Chromium instead.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then exit 0; fi
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

echo "[browser] installing Debian's chromium"
as_root apt-get update -qq
DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends chromium >/dev/null
/usr/bin/chromium --version
