#!/usr/bin/env bash
# Installs Debian's headless Chromium and chromedriver for the browser test (crates/cli/tests/browser.rs),
# which is skipped with a notice when they are missing.
set -uo pipefail
if command -v chromedriver >/dev/null 2>&1 && command -v chromium >/dev/null 2>&1; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
if ! { apt-get update -qq && apt-get install -y -qq chromium chromium-driver >/dev/null; }; then
  echo "warning: could not install chromium/chromium-driver; the browser test will be skipped" >&2
fi
exit 0
