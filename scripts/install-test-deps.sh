#!/usr/bin/env bash
# Installs the Debian packages the editor end-to-end tests need, when missing (needs root on a
# fresh machine): Neovim 0.7.2, Emacs 28 with eglot, Chromium (drives code-server), and libkrb5-dev
# (code-server's native kerberos module builds against it).
set -euo pipefail
need=()
command -v nvim >/dev/null || need+=(neovim)
command -v emacs >/dev/null || need+=(emacs-nox)
[ -d /usr/share/emacs/site-lisp/elpa-src ] && ls /usr/share/emacs/site-lisp/elpa-src | grep -q '^eglot' || need+=(elpa-eglot)
command -v chromium >/dev/null || need+=(chromium)
[ -f /usr/include/krb5.h ] || [ -f /usr/include/gssapi/gssapi.h ] || need+=(libkrb5-dev)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing Debian packages: ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
