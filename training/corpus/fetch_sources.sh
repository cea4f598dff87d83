#!/bin/bash
# Downloads Debian C# source packages and unpacks them under training/data/src/<package>/.
# Needs root (apt). Packages that fail (404, gone) are logged and skipped: the corpus takes
# whatever downloads. Licences are read later from each unpacked debian/copyright.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${1:-$HERE/../data/src}
PACKAGES=${PACKAGES:-"mono nunit dnlib dbus-sharp dbus-sharp-glib keepass2 mono-addins gtk-sharp2
 gtk-sharp3 gio-sharp gkeyfile-sharp taglib-sharp newtonsoft-json mono-tools xsp mono-zeroconf
 mono-upnp nini gbrainy hyena mono-fuse zeitgeist-sharp mono-debugger-libs cecil nuget nrefactory
 boogie clipper"}
"$HERE/setup_apt.sh"
command -v dpkg-source >/dev/null || apt-get install -y -qq dpkg-dev
mkdir -p "$OUT"
for p in $PACKAGES; do
  if [ -d "$OUT/$p/unpacked" ]; then echo "have $p"; continue; fi
  mkdir -p "$OUT/$p/dl"
  if (cd "$OUT/$p/dl" && apt-get source --download-only -qq "$p" >/dev/null 2>&1); then
    dsc=$(ls "$OUT/$p/dl"/*.dsc | head -1)
    if dpkg-source --no-check -x "$dsc" "$OUT/$p/unpacked" >/dev/null 2>&1; then
      rm -rf "$OUT/$p/dl"; echo "ok $p"
    else echo "unpack-failed $p"; fi
  elif ls "$OUT/$p/dl"/*.orig.tar.* >/dev/null 2>&1; then
    # Some packages' debian.tar answers 404 while the upstream tarball downloads: take the
    # upstream source alone (its licence is then read from upstream LICENSE/COPYING files).
    mkdir -p "$OUT/$p/unpacked"
    for t in "$OUT/$p/dl"/*.orig.tar.*; do tar -xf "$t" -C "$OUT/$p/unpacked"; done
    rm -rf "$OUT/$p/dl"; echo "ok-upstream-only $p"
  else
    rm -rf "$OUT/$p"; echo "download-failed $p"
  fi
done
