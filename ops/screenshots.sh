#!/usr/bin/env bash
# Writes a 1400x1000 screenshot of each dashboard page to docs/screenshots/ (the incident page in English, French and
# Arabic, the response desk in English and Arabic): a throwaway host on the local servers, a brand paged by the detector,
# Debian's Chromium. Needs PostgreSQL and RabbitMQ running (bash ops/start-servers.sh) and Chromium (bash ops/install-browser.sh).
# CRISIS_TEST_RABBITMQ chooses the RabbitMQ virtual host (as for the tests); CRISIS_SCREENSHOTS_DIR another folder.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build tests/Crisis.BrowserTests -c Release -v quiet -nologo
dotnet test tests/Crisis.BrowserTests -c Release --no-build -nologo --filter "Category=Screenshots"
ls -1 "${CRISIS_SCREENSHOTS_DIR:-docs/screenshots}"/*.png
