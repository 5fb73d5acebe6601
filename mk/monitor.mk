# SPDX-License-Identifier: GPL-2.0-only
# The monitor daemon (src/monitor/, src/cmd/monitor.c): the YAML config
# (libyaml), the Prometheus endpoint (libmicrohttpd) and systemd notification
# (libsystemd). `make install` also installs the systemd unit and, unless one
# is already there, the example config.

LDLIBS += -lyaml -lmicrohttpd -lsystemd -lpthread

UNITDIR    ?= /etc/systemd/system
SYSCONFDIR ?= /etc
SYSUSERSDIR ?= $(PREFIX)/lib/sysusers.d

.PHONY: install-monitor
install: install-monitor

# The service runs as the user syswatch (packaging/syswatch.sysusers): on the
# live system (no DESTDIR) it is created now and its group given the config;
# a package does that in its postinst.
install-monitor: $(O)/syswatch
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(UNITDIR) $(DESTDIR)$(SYSUSERSDIR)
	install -m 0644 packaging/syswatch.sysusers $(DESTDIR)$(SYSUSERSDIR)/syswatch.conf
	@if [ -z "$(DESTDIR)" ] && command -v systemd-sysusers >/dev/null; then \
		echo "systemd-sysusers $(SYSUSERSDIR)/syswatch.conf"; systemd-sysusers $(SYSUSERSDIR)/syswatch.conf; fi
	install -d -m 0750 $(DESTDIR)$(SYSCONFDIR)/syswatch
	sed -e 's|/usr/local/bin/syswatch|$(PREFIX)/bin/syswatch|g' \
	    -e 's|/etc/syswatch/|$(SYSCONFDIR)/syswatch/|g' packaging/syswatch.service > $(O)/syswatch.service
	install -m 0644 $(O)/syswatch.service $(DESTDIR)$(UNITDIR)/syswatch.service
	@if [ -e $(DESTDIR)$(SYSCONFDIR)/syswatch/syswatch.yaml ]; then \
		echo "install: keeping the existing $(DESTDIR)$(SYSCONFDIR)/syswatch/syswatch.yaml"; \
	else \
		echo "install -m 0640 packaging/syswatch.yaml $(DESTDIR)$(SYSCONFDIR)/syswatch/syswatch.yaml"; \
		install -m 0640 packaging/syswatch.yaml $(DESTDIR)$(SYSCONFDIR)/syswatch/syswatch.yaml; \
	fi
	@if [ -z "$(DESTDIR)" ] && getent group syswatch >/dev/null; then \
		chgrp syswatch $(SYSCONFDIR)/syswatch $(SYSCONFDIR)/syswatch/syswatch.yaml; fi
