// SPDX-License-Identifier: GPL-2.0-only
/* What rules, conditions and sinks read of an event (see evfields.h). */
#include "monitor/evfields.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "core/syscalls.h"
#include "resolve/resolve.h"

const struct sw_syscall *sw_mon_event_row(const struct sw_event *ev)
{
	if (ev->arch == SW_ARCH_AARCH64) {
		for (size_t i = 0; i < sw_syscall_nrows; i++)
			if (ev->nr >= 0 && sw_syscall_rows[i].nr_aarch64 == ev->nr)
				return &sw_syscall_rows[i];
		return NULL;
	}
	return sw_syscall_by_nr(ev->nr);
}

/* The type of argument i, or SW_T_NONE when the syscall has no signature. */
static int arg_type(const struct sw_syscall *sc, unsigned i)
{
	if (!sc || sc->nargs < 0 || i >= (unsigned)sc->nargs)
		return SW_T_NONE;
	return sc->args[i].type;
}

const char *sw_mon_event_path(const struct sw_event *ev, size_t *len)
{
	const struct sw_syscall *sc = sw_mon_event_row(ev);

	for (uint32_t i = 0; i < ev->ncap && i < SW_MAX_CAPS; i++) {
		const struct sw_capture *c = &ev->cap[i];
		int t = arg_type(sc, c->arg);

		if (c->kind != SW_CAP_STR || c->status == SW_CAPS_FAULT)
			continue;
		if (t != SW_T_PATH && !(t == SW_T_NONE && (!sc || sc->nargs < 0)))
			continue;
		if ((uint64_t)c->off + c->len > ev->data_len)
			continue;
		*len = c->len;
		return (const char *)sw_capture_data(ev, c);
	}
	return NULL;
}

int sw_mon_event_resolved(const struct sw_event *ev, char *out, size_t size)
{
	const struct sw_syscall *sc = sw_mon_event_row(ev);
	struct sw_fdinfo fi;
	const char *p;

	if (ev->kind != SW_EV_SYSCALL)
		return -1;
	if (!(ev->flags & SW_EVF_NORET) && !sw_mon_event_failed(ev) && sw_event_fdinfo(ev, SW_FDT_RET, &fi, &p) &&
	    fi.type == SW_FD_FILE && fi.path_len < size) {
		memcpy(out, p, fi.path_len);
		out[fi.path_len] = '\0';
		return fi.path_len;
	}
	for (uint32_t i = 0; i < ev->ncap && i < SW_MAX_CAPS; i++) {
		const struct sw_capture *c = &ev->cap[i];

		if (c->kind == SW_CAP_STR && c->status != SW_CAPS_FAULT && arg_type(sc, c->arg) == SW_T_PATH)
			return sw_event_resolved_path(ev, c->arg, out, size);
	}
	return -1;
}

int sw_mon_event_exe(const struct sw_event *ev, char *out, size_t size)
{
	struct sw_fdinfo fi;
	const char *p;
	bool deleted;
	int n;

	if (ev->kind != SW_EV_SYSCALL || !sw_event_fdinfo(ev, SW_FDT_EXE, &fi, &p) || fi.type != SW_FD_FILE)
		return -1;
	deleted = fi.flags & SW_FDF_DELETED;
	n = snprintf(out, size, "%.*s%s", (int)fi.path_len, p, deleted ? " (deleted)" : "");
	return n >= 0 && (size_t)n < size ? n : -1;
}

bool sw_mon_event_touches_file(const struct sw_event *ev, uint64_t dev, uint64_t ino)
{
	struct sw_fdinfo fi;

	if (ev->kind != SW_EV_SYSCALL)
		return false;
	for (unsigned t = 0; t <= SW_FDT_RET; t++) {
		if (t == SW_FDT_RET && (sw_mon_event_failed(ev) || (ev->flags & SW_EVF_NORET)))
			continue;
		if (sw_event_fdinfo(ev, t, &fi, NULL) && fi.ino == ino && fi.dev == dev)
			return true;
	}
	return false;
}

/* The event's socket address capture, or NULL. */
static const struct sw_capture *sockaddr_capture(const struct sw_event *ev)
{
	const struct sw_syscall *sc = sw_mon_event_row(ev);

	for (uint32_t i = 0; i < ev->ncap && i < SW_MAX_CAPS; i++) {
		const struct sw_capture *c = &ev->cap[i];
		int t = arg_type(sc, c->arg);

		if (c->kind != SW_CAP_MEM || c->status == SW_CAPS_FAULT || c->len < sizeof(sa_family_t))
			continue;
		if (t != SW_T_SOCKADDR && t != SW_T_SOCKADDR_OUT)
			continue;
		if ((uint64_t)c->off + c->len > ev->data_len)
			continue;
		return c;
	}
	return NULL;
}

int sw_mon_event_inet(const struct sw_event *ev, int *family, uint8_t addr[16], int *port)
{
	const struct sw_capture *c = sockaddr_capture(ev);
	const uint8_t *d;
	sa_family_t fam;

	if (!c)
		return -1;
	d = sw_capture_data(ev, c);
	memcpy(&fam, d, sizeof(fam));
	memset(addr, 0, 16);
	if (fam == AF_INET && c->len >= sizeof(struct sockaddr_in)) {
		struct sockaddr_in sin;

		memcpy(&sin, d, sizeof(sin));
		memcpy(addr, &sin.sin_addr, 4);
		*port = ntohs(sin.sin_port);
	} else if (fam == AF_INET6 && c->len >= sizeof(struct sockaddr_in6)) {
		struct sockaddr_in6 sin6;

		memcpy(&sin6, d, sizeof(sin6));
		memcpy(addr, &sin6.sin6_addr, 16);
		*port = ntohs(sin6.sin6_port);
	} else {
		return -1;
	}
	*family = fam;
	return 0;
}

int sw_mon_event_addr(const struct sw_event *ev, char *buf, size_t len)
{
	const struct sw_capture *c = sockaddr_capture(ev);
	char host[INET6_ADDRSTRLEN];
	uint8_t addr[16];
	int family, port;
	const uint8_t *d;
	sa_family_t fam;

	if (!c)
		return -1;
	if (sw_mon_event_inet(ev, &family, addr, &port) == 0) {
		inet_ntop(family, addr, host, sizeof(host));
		snprintf(buf, len, family == AF_INET ? "%s:%u" : "[%s]:%u", host, (unsigned)port);
		return 0;
	}
	d = sw_capture_data(ev, c);
	memcpy(&fam, d, sizeof(fam));
	if (fam == AF_UNIX) {
		size_t n = c->len - offsetof(struct sockaddr_un, sun_path);
		const char *p = (const char *)d + offsetof(struct sockaddr_un, sun_path);

		if (c->len <= offsetof(struct sockaddr_un, sun_path))
			snprintf(buf, len, "unix:");
		else if (p[0] == '\0') /* abstract: shown with a leading @ */
			snprintf(buf, len, "unix:@%.*s", (int)strnlen(p + 1, n - 1), p + 1);
		else
			snprintf(buf, len, "unix:%.*s", (int)strnlen(p, n), p);
	} else {
		snprintf(buf, len, "family %u", (unsigned)fam);
	}
	return 0;
}

uint32_t sw_mon_event_caller(const struct sw_event *ev)
{
	return ev->flags & SW_EVF_CONTEXT ? ev->enter_uid : ev->uid;
}

bool sw_mon_event_became_root(const struct sw_event *ev)
{
	if (!(ev->flags & SW_EVF_CONTEXT))
		return false;
	return (ev->enter_uid != 0 && ev->uid == 0) || (ev->enter_euid != 0 && ev->euid == 0) ||
	       (ev->enter_gid != 0 && ev->gid == 0);
}

int sw_mon_event_failed(const struct sw_event *ev)
{
	return !(ev->flags & SW_EVF_NORET) && ev->ret < 0 && ev->ret >= -4095;
}
