#!/usr/bin/env bash
# Prepares a fresh machine: system packages the project needs (Chromium for PDF rendering,
# poppler-utils to read PDFs back in tests, PostgreSQL for the tests' second pass: `npm test` starts
# a throw-away cluster of its own, never the system's; LibreOffice Calc to prove exported spreadsheets open
# in a third-party client), then the npm dependencies and a build.
# Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || missing+=(chromium)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
[ -d /usr/share/fonts/truetype/dejavu ] || missing+=(fonts-dejavu-core)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-calc)
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ "${SKIP_NPM:-}" != "1" ]; then
  npm ci --no-audit --no-fund
fi
npm run build --silent
echo "setup: done (chromium: $(command -v chromium || echo /usr/bin/chromium), pdftotext: $(command -v pdftotext), postgresql: $(compgen -G '/usr/lib/postgresql/*/bin' | sort -V | tail -1), soffice: $(command -v soffice))"
