#!/usr/bin/env bash
# Install a Debian package once, unless its program is already there:
#   scripts/debian.sh PROGRAM PACKAGE      e.g. /usr/bin/chromium chromium
# Needs root or sudo the first time.
set -euo pipefail
program=$1 package=$2
if [ -x "$program" ]; then exit 0; fi
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$package" >/dev/null
