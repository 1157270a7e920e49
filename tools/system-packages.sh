#!/bin/sh
# Installs the Debian packages listed in system-packages.txt whose command is
# missing: as root with apt-get, at once; otherwise stops with the command to run.
set -eu
list=${1:-system-packages.txt}
missing=""
while read -r command package _rest; do
  case "$command" in '' | '#'*) continue ;; esac
  command -v "$command" >/dev/null 2>&1 || missing="$missing $package"
done <"$list"
[ -z "$missing" ] && exit 0

install="apt-get update && apt-get install -y --no-install-recommends$missing"
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  {
    echo "Paquets système manquants pour les tests :$missing"
    echo "Installez-les en root (Debian), puis relancez make test :"
    echo "  sudo sh -c '$install'"
  } >&2
  exit 1
fi
echo "Installation des paquets système manquants :$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086  # one word per package
apt-get install -y -qq --no-install-recommends $missing
