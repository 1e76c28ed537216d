#!/usr/bin/env bash
# Sourced by scripts/test.sh: what the review page's browser test needs — Debian's chromium (no browser download)
# and Node.js with playwright-core from npm, installed from tests/browser/package-lock.json. Safe to run again.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if ((${#missing[@]})); then
  echo "installing ${missing[*]} (the review page's browser test)" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >&2
fi
if [ ! -d tests/browser/node_modules/playwright-core ]; then
  echo "installing playwright-core into tests/browser (npm ci)" >&2
  (cd tests/browser && npm ci --no-audit --no-fund >&2)
fi
