#!/usr/bin/env bash
# Debian's Chromium for the Playwright browser tests (Playwright cannot
# download its own browser here). Installed once; needs root or sudo.
exec bash "$(dirname "$0")/debian.sh" /usr/bin/chromium chromium
