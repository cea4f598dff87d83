#!/bin/sh
# Adds a deb-src entry (a separate file, so the binary entries stay untouched) and refreshes
# the package lists. Needs root. Safe to run twice.
set -eu
SRC=/etc/apt/sources.list.d/nanolsp-debian-src.sources
if [ ! -f "$SRC" ]; then
  sed -e 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources > "$SRC"
fi
apt-get update -qq
