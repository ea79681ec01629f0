#!/usr/bin/env bash
# Installs the Debian packages the test suite needs: Chromium for the browser tests, OpenSSH and
# iproute2/iptables for the lab, pssh and ansible (+ ansible-lint) as benchmark peers, `file` for
# probes run with --local, containerd (ctr) for the runtime checks and their fixtures. Idempotent: installs only what is missing. Needs root (or sudo).
set -euo pipefail
packages=(chromium chromium-driver fonts-noto-cjk openssh-server openssh-client iproute2 iptables nftables
  pssh ansible ansible-lint file sudo busybox dash procps util-linux psmisc kmod curl gnupg openssl time containerd)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ "${#missing[@]}" -eq 0 ]; then
  echo "setup-system: all ${#packages[@]} Debian packages present"
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "setup-system: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup-system: done"
