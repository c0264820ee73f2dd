#!/usr/bin/env bash
# Installs what the browser tests need on a fresh machine: Debian's Chromium
# (the report and the classroom page are checked in a real headless browser)
# and, where a tools/ folder declares them, the npm packages that drive it.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null; then
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
chromium --version

if [ -f tools/e2e/package-lock.json ]; then
	npm ci --prefix tools/e2e --no-audit --no-fund
fi
