#!/usr/bin/env bash
# The Debian packages the test suite needs: GnuPG (PGP interop), OpenSSH server and client and
# sshpass (SFTP interop). Installs the missing ones when run as root on Debian; otherwise says
# exactly what to install. Run by `npm test` (pretest) and by .ci/run.
set -euo pipefail
need=()
command -v gpg >/dev/null 2>&1 || need+=(gnupg)
[ -x /usr/sbin/sshd ] || need+=(openssh-server)
command -v sftp >/dev/null 2>&1 || need+=(openssh-client)
command -v sshpass >/dev/null 2>&1 || need+=(sshpass)
((${#need[@]})) || exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian packages for the tests: ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
else
  echo "the tests need these Debian packages: ${need[*]} (sudo apt-get install ${need[*]})" >&2
  exit 1
fi
