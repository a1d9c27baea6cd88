#!/usr/bin/env bash
# Installs Debian's chromium package when it is missing, so the status-page test (RunnerIT) runs on CI and on a
# fresh machine alike: it never skips. HeadlessChromium (runner test sources) runs this when the binary is missing.
# Needs root or password-less sudo, and Debian's package registry; fails the build with one line otherwise.
set -euo pipefail

chromium="${FLUXFIX_CHROMIUM:-/usr/bin/chromium}"
if [[ -x "$chromium" ]]; then
  exit 0
fi

if [[ "$(id -u)" == 0 ]]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  echo "ensure-chromium: $chromium is missing and neither root nor password-less sudo can install it: run 'apt-get install chromium' as root" >&2
  exit 1
fi

echo "ensure-chromium: installing Debian's chromium package for the status-page test…" >&2
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq chromium >/dev/null
[[ -x "$chromium" ]] || { echo "ensure-chromium: apt-get finished but $chromium is still missing" >&2; exit 1; }
echo "ensure-chromium: $("$chromium" --version 2>/dev/null || echo chromium) installed" >&2
