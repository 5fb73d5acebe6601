#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Installs every Debian package syswatch needs to build, test and benchmark.
# Idempotent: packages already present are left alone. Needs root.
set -eu

PACKAGES="
build-essential make pkg-config gawk
clang llvm libbpf-dev bpftool libelf-dev zlib1g-dev
libclang-rt-14-dev
libseccomp-dev libdw-dev libjansson-dev
libyaml-dev libmicrohttpd-dev libsystemd-dev libcairo2-dev
libcmocka-dev
strace linux-perf bpftrace
busybox-static runc
python3 python3-jsonschema procps util-linux iproute2 coreutils
scdoc man-db bash-completion zsh
dpkg-dev debhelper fakeroot lintian
"

if [ "$(id -u)" -ne 0 ]; then
	echo "install-deps: must run as root (it installs Debian packages)" >&2
	exit 1
fi

missing=""
for p in $PACKAGES; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done

if [ -n "$missing" ]; then
	echo "install-deps: installing:$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $missing
else
	echo "install-deps: all packages present"
fi
