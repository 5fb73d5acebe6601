# The monitor daemon (src/monitor/, src/cmd/monitor.c): the YAML config
# (libyaml), the Prometheus endpoint (libmicrohttpd) and systemd notification
# (libsystemd). `make install` also installs the systemd unit and, unless one
# is already there, the example config.

LDLIBS += -lyaml -lmicrohttpd -lsystemd -lpthread

UNITDIR    ?= /etc/systemd/system
SYSCONFDIR ?= /etc

.PHONY: install-monitor
install: install-monitor

install-monitor: $(O)/syswatch
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(UNITDIR)
	install -d -m 0700 $(DESTDIR)$(SYSCONFDIR)/syswatch
	sed -e 's|/usr/local/bin/syswatch|$(PREFIX)/bin/syswatch|g' \
	    -e 's|/etc/syswatch/|$(SYSCONFDIR)/syswatch/|g' packaging/syswatch.service > $(O)/syswatch.service
	install -m 0644 $(O)/syswatch.service $(DESTDIR)$(UNITDIR)/syswatch.service
	@if [ -e $(DESTDIR)$(SYSCONFDIR)/syswatch/syswatch.yaml ]; then \
		echo "install: keeping the existing $(DESTDIR)$(SYSCONFDIR)/syswatch/syswatch.yaml"; \
	else \
		echo "install -m 0600 packaging/syswatch.yaml $(DESTDIR)$(SYSCONFDIR)/syswatch/syswatch.yaml"; \
		install -m 0600 packaging/syswatch.yaml $(DESTDIR)$(SYSCONFDIR)/syswatch/syswatch.yaml; \
	fi
