# SPDX-License-Identifier: GPL-2.0-only
# The Debian package (included by the Makefile).
#
#   make deb      builds $(O)/deb/syswatch_VERSION_ARCH.deb with debian/rules
#                 (debhelper), in $(O)/deb-build, and checks it with lintian
#                 when lintian is installed
#
# The same steps as dpkg-buildpackage -b, without its .changes and
# .buildinfo in the parent directory. The package is built as debian/rules
# says, whatever this make was given (O=, SANITIZE=, OPT= are not passed on). Build dependencies: debian/control
# (scripts/install-deps.sh installs them).

DEB_OUT := $(O)/deb

.PHONY: deb
deb:
	@command -v dh >/dev/null || { echo "deb: debhelper is missing (apt-get install debhelper dpkg-dev fakeroot, or scripts/install-deps.sh)" >&2; exit 1; }
	$(Q)dpkg-checkbuilddeps
	$(Q)rm -rf $(DEB_OUT) debian/syswatch debian/.debhelper debian/debhelper-build-stamp debian/files debian/*.substvars debian/*.debhelper
	$(Q)mkdir -p $(DEB_OUT)
	$(Q)export SYSWATCH_DEB_O=$(abspath $(O))/deb-build SYSWATCH_DEB_DESTDIR=$(abspath $(DEB_OUT)) \
		SYSWATCH_GIT_COMMIT=$(GIT_COMMIT) DEB_BUILD_OPTIONS="$${DEB_BUILD_OPTIONS:-parallel=$$(nproc)}"; \
		unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES; \
		debian/rules build && \
		if [ "$$(id -u)" = 0 ]; then debian/rules binary; else fakeroot debian/rules binary; fi
	$(Q)rm -rf debian/syswatch debian/.debhelper debian/debhelper-build-stamp debian/files debian/*.substvars debian/*.debhelper
	@ls $(DEB_OUT)/syswatch_*.deb
	$(Q)if command -v lintian >/dev/null; then lintian --fail-on error,warning --info $(DEB_OUT)/syswatch_*.deb; \
		else echo "deb: lintian is not installed, package not checked"; fi
