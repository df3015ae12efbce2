#!/usr/bin/env bash
# Install the real IKE peers the interop tests (tests/Interop.Tests) run against.
#
# usage: .ci/install-ike-peers.sh [--libreswan] [--no-update]
#   --libreswan   also unpack Libreswan 4.10 (pluto) into /opt/libreswan
#   --no-update   never run apt-get update (fail instead when the package lists lack something)
#
# Idempotent, needs root. Installs nothing that is already there, runs `apt-get update` only when
# apt cannot find a package it needs, and never enables or starts a system service: the tests
# start their own charon (and pluto) processes with private configuration.
#
# strongSwan 5.9.8 (Debian 12 bookworm) package set:
#   strongswan-charon, strongswan-swanctl  the charon daemon (/usr/lib/ipsec/charon) and swanctl (vici client)
#   libcharon-extra-plugins                kernel-libipsec: userspace ESP through a TUN device. The CI kernel
#                                          has no ESP (CONFIG_INET_ESP unset), so without it a CHILD_SA cannot
#                                          be installed and the responder answers NO_PROPOSAL_CHOSEN.
#   libstrongswan-standard-plugins         openssl (ECP, DES/3DES, ...), aesni, gcm
#   libstrongswan-extra-plugins            curve25519, chapoly, ccm, ctr, cmac, gcrypt
#   strongswan-pki                         the pki tool, for certificate-based interop tests
#   iproute2, util-linux                   ip (loopback addresses, ip rule clean-up), unshare, mount
# Libreswan: Debian's libreswan package Conflicts with strongswan-libcharon/strongswan-starter, so apt
# refuses it next to strongSwan. Its .deb is downloaded (apt-get download) and unpacked with
# dpkg-deb -x into /opt/libreswan; only its runtime libraries go through apt.
set -euo pipefail

readonly STRONGSWAN_UPSTREAM=5.9.8
readonly LIBRESWAN_UPSTREAM=4.10
readonly LIBRESWAN_ROOT=/opt/libreswan
readonly STRONGSWAN_PACKAGES=(strongswan-charon strongswan-swanctl libcharon-extra-plugins
  libstrongswan-standard-plugins libstrongswan-extra-plugins strongswan-pki iproute2 util-linux)
readonly LIBRESWAN_RUNTIME_PACKAGES=(libnss3-tools libnss3 libnspr4 libevent-core-2.1-7
  libevent-pthreads-2.1-7 libcap-ng0 libcurl3-nss libldns3 libunbound8 libaudit1 libldap-2.5-0)

want_libreswan=no
allow_update=yes
for arg in "$@"; do
  case "$arg" in
    --libreswan) want_libreswan=yes ;;
    --no-update) allow_update=no ;;
    -h|--help) sed -n '2,23p' "$0"; exit 0 ;;
    *) echo "unknown argument: $arg" >&2; sed -n '4,6p' "$0" >&2; exit 2 ;;
  esac
done
[ "$(id -u)" = 0 ] || { echo "install-ike-peers.sh needs root" >&2; exit 1; }
export DEBIAN_FRONTEND=noninteractive

is_installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}

# Candidate version apt would install, empty when the package lists do not know the package.
candidate_version() {
  local v
  v=$(apt-cache policy "$1" 2>/dev/null | awk '/Candidate:/ {print $2}')
  [ "$v" = "(none)" ] && v=""
  echo "$v"
}

lists_updated=no
apt_update() {
  [ "$lists_updated" = yes ] && return 0
  if [ "$allow_update" = no ]; then
    echo "package lists lack $1 and --no-update was given" >&2
    exit 1
  fi
  echo "apt-get update (needed for $1)"
  apt-get update -qq
  lists_updated=yes
}

# Update the lists only when one of the packages has no candidate (fresh machine: empty lists).
ensure_candidates() {
  local p
  for p in "$@"; do
    if [ -z "$(candidate_version "$p")" ]; then apt_update "$p"; break; fi
  done
}

# No service may be started by a package's maintainer scripts (the interop tests
# own every IKE daemon). invoke-rc.d consults policy-rc.d; exit 101 means "action forbidden".
# An existing policy-rc.d (Docker images ship one) is left alone.
temporary_policy=no
forbid_service_starts() {
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\n# written by install-ike-peers.sh for the duration of apt-get install\nexit 101\n' \
      > /usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    temporary_policy=yes
  fi
}
restore_service_policy() {
  if [ "$temporary_policy" = yes ]; then rm -f /usr/sbin/policy-rc.d; fi
}
trap restore_service_policy EXIT

apt_install() {
  local missing=() p
  for p in "$@"; do is_installed "$p" || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  ensure_candidates "${missing[@]}"
  forbid_service_starts
  # --no-install-recommends: only what the tests use (strongswan-starter still comes, as a Depends of
  # strongswan-charon; its service is switched off below)
  if ! apt-get install -y -qq --no-install-recommends "${missing[@]}"; then
    # stale lists (a mirror no longer serves the listed version) fail here: refresh once and retry
    [ "$lists_updated" = yes ] && exit 1
    apt_update "${missing[*]}"
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

upstream_version() {  # 5.9.8-5+deb12u6 -> 5.9.8 ; 4.10-2+deb12u1 -> 4.10
  local v=${1#*:}
  echo "${v%%-*}"
}

apt_install "${STRONGSWAN_PACKAGES[@]}"
# strongswan-charon Depends on strongswan-starter, whose maintainer scripts enable the `ipsec`
# service (sysv rc links and a systemd wants link). Nothing here may boot a system charon that
# would take UDP 500/4500 and /run/charon.pid from the tests: switch both off (idempotent).
if is_installed strongswan-starter; then
  update-rc.d ipsec disable >/dev/null 2>&1 || true
  deb-systemd-helper disable strongswan-starter.service >/dev/null 2>&1 || true
fi
charon_version=$(dpkg-query -W -f='${Version}' strongswan-charon)
if [ "$(upstream_version "$charon_version")" != "$STRONGSWAN_UPSTREAM" ]; then
  echo "strongswan-charon $charon_version is installed, the interop tests were measured with $STRONGSWAN_UPSTREAM" >&2
  exit 1
fi
for required in /usr/lib/ipsec/charon /usr/sbin/swanctl /usr/lib/ipsec/plugins/libstrongswan-kernel-libipsec.so; do
  [ -e "$required" ] || { echo "missing after install: $required" >&2; exit 1; }
done
echo "strongSwan $charon_version: /usr/lib/ipsec/charon, $(command -v swanctl), kernel-libipsec"

if [ "$want_libreswan" = yes ]; then
  apt_install "${LIBRESWAN_RUNTIME_PACKAGES[@]}"
  ensure_candidates libreswan
  wanted=$(candidate_version libreswan)
  [ -n "$wanted" ] || { echo "apt knows no libreswan package" >&2; exit 1; }
  if [ "$(upstream_version "$wanted")" != "$LIBRESWAN_UPSTREAM" ]; then
    echo "apt offers libreswan $wanted, the interop tests were measured with $LIBRESWAN_UPSTREAM" >&2
    exit 1
  fi
  have=$(cat "$LIBRESWAN_ROOT/.version" 2>/dev/null || true)
  if [ "$have" != "$wanted" ] || [ ! -x "$LIBRESWAN_ROOT/usr/libexec/ipsec/pluto" ]; then
    download=$(mktemp -d)
    # apt-get download fetches as the unprivileged _apt user, which must be able to write here
    chown _apt "$download" 2>/dev/null || chmod 777 "$download"
    (cd "$download" && apt-get download -qq "libreswan=$wanted")
    # unpack next to the target and swap, so an interrupted run never leaves half a tree behind
    staging="$LIBRESWAN_ROOT.new"
    rm -rf "$staging"
    mkdir -p "$staging"
    dpkg-deb -x "$download"/libreswan_*.deb "$staging"
    echo "$wanted" > "$staging/.version"
    rm -rf "$LIBRESWAN_ROOT"
    mv "$staging" "$LIBRESWAN_ROOT"
    rm -rf "$download"
  fi
  unresolved=$(ldd "$LIBRESWAN_ROOT/usr/libexec/ipsec/pluto" | grep "not found" || true)
  [ -z "$unresolved" ] || { echo "pluto misses libraries: $unresolved" >&2; exit 1; }
  echo "Libreswan $(cat "$LIBRESWAN_ROOT/.version"): $LIBRESWAN_ROOT/usr/libexec/ipsec/pluto"
fi
