// SPDX-License-Identifier: GPL-2.0-only
/* Resolution of descriptors and paths: the user-space half (see resolve.h).
 * The /proc reader gives the ptrace engine what the kernel side gives the
 * eBPF engine, field for field, so both print the same. */
#include "resolve/resolve.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "core/syscalls.h"
#include "util/proc.h"
#include "util/strbuf.h"

/* ---- reading events ------------------------------------------------------------ */

bool sw_event_fdinfo(const struct sw_event *ev, unsigned target, struct sw_fdinfo *fi, const char **path)
{
	for (unsigned i = ev->ncap; i-- > 0;) {
		const struct sw_capture *c = &ev->cap[i];

		if (c->kind != SW_CAP_FD || c->arg != target || c->status == SW_CAPS_FAULT)
			continue;
		if (c->len < sizeof(*fi) || (uint64_t)c->off + c->len > ev->data_len)
			return false;
		memcpy(fi, sw_capture_data(ev, c), sizeof(*fi));
		if (fi->type == SW_FD_NONE || sizeof(*fi) + fi->path_len > c->len)
			return false;
		if (path)
			*path = (const char *)sw_capture_data(ev, c) + sizeof(*fi);
		return true;
	}
	return false;
}

int sw_path_join(const char *base, const char *path, size_t path_len, char *out, size_t size)
{
	size_t n = 0;
	const char *p = path, *end = path + path_len;

	if (size < 2)
		return -1;
	out[n++] = '/';
	/* components of base then of path; a leading '/' in path starts over */
	for (int part = 0; part < 2; part++) {
		const char *s = part == 0 ? base : p;
		const char *e = part == 0 ? base + (base ? strlen(base) : 0) : end;

		if (part == 0 && (!base || (path_len && path[0] == '/')))
			continue;
		while (s < e) {
			const char *c = s;
			size_t len;

			while (c < e && *c != '/')
				c++;
			len = (size_t)(c - s);
			if (len == 0 || (len == 1 && s[0] == '.')) {
				/* nothing */
			} else if (len == 2 && s[0] == '.' && s[1] == '.') {
				while (n > 1 && out[n - 1] != '/')
					n--;
				if (n > 1)
					n--; /* the slash before the dropped component */
			} else {
				if (n > 1)
					out[n++] = '/';
				if (n + len + 1 > size)
					return -1;
				memcpy(out + n, s, len);
				n += len;
			}
			s = c + (c < e);
		}
	}
	if (n + 1 > size)
		return -1;
	out[n] = '\0';
	return (int)n;
}

static bool is_path_type(int t)
{
	return t == SW_T_PATH;
}

/* The dirfd argument a path argument is relative to, or -1 (the cwd). */
static int dirfd_arg_of(const struct sw_syscall *sc, unsigned arg)
{
	if (arg > 0 && sc->args[arg - 1].type == SW_T_DIRFD)
		return (int)arg - 1;
	return -1;
}

int sw_event_resolved_path(const struct sw_event *ev, unsigned arg, char *out, size_t size)
{
	const struct sw_syscall *sc = sw_syscall_by_nr(ev->nr);
	struct sw_fdinfo fdi, *fi = &fdi;
	const struct sw_capture *c;
	const char *path;
	char base[SW_FDPATH_MAX + 1];
	int d;

	if (ev->kind != SW_EV_SYSCALL || ev->arch != SW_ARCH_X86_64 || !sc || sc->nargs < 0)
		return -1;
	if (arg < SW_NARGS && (int)arg < sc->nargs && is_path_type(sc->args[arg].type)) {
		c = NULL;
		for (unsigned i = ev->ncap; i-- > 0 && !c;)
			if (ev->cap[i].arg == arg && ev->cap[i].kind == SW_CAP_STR &&
			    ev->cap[i].status == SW_CAPS_OK && (uint64_t)ev->cap[i].off + ev->cap[i].len <= ev->data_len)
				c = &ev->cap[i];
		if (!c)
			return -1;
		path = (const char *)sw_capture_data(ev, c);
		if (c->len && path[0] == '/')
			return sw_path_join(NULL, path, c->len, out, size);
		d = dirfd_arg_of(sc, arg);
		if (!sw_event_fdinfo(ev, d >= 0 ? (unsigned)d : SW_FDT_CWD, fi, &path) || fi->type != SW_FD_FILE ||
		    fi->path_len > SW_FDPATH_MAX || (fi->flags & SW_FDF_TRUNC))
			return -1;
		memcpy(base, path, fi->path_len);
		base[fi->path_len] = '\0';
		path = (const char *)sw_capture_data(ev, c);
		return sw_path_join(base, path, c->len, out, size);
	}
	if (!sw_event_fdinfo(ev, arg, fi, &path) || (fi->type != SW_FD_FILE && fi->type != SW_FD_CHR && fi->type != SW_FD_BLK) ||
	    (fi->flags & SW_FDF_TRUNC) || fi->path_len + 1u > size)
		return -1;
	memcpy(out, path, fi->path_len);
	out[fi->path_len] = '\0';
	return fi->path_len;
}

static bool path_listed(const char *p, size_t len, char *const *paths, unsigned npaths)
{
	for (unsigned i = 0; i < npaths; i++)
		if (strlen(paths[i]) == len && memcmp(paths[i], p, len) == 0)
			return true;
	return false;
}

bool sw_event_touches_path(const struct sw_event *ev, char *const *paths, unsigned npaths)
{
	const struct sw_syscall *sc = sw_syscall_by_nr(ev->nr);
	char buf[SW_FDPATH_MAX + 1];
	int n;

	if (ev->kind != SW_EV_SYSCALL || !sc || sc->nargs < 0 || ev->arch != SW_ARCH_X86_64)
		return false;
	for (unsigned i = 0; i < (unsigned)sc->nargs; i++) {
		unsigned t = sc->args[i].type;

		if (t == SW_T_PATH) {
			const struct sw_capture *c = NULL;

			for (unsigned k = ev->ncap; k-- > 0 && !c;)
				if (ev->cap[k].arg == i && ev->cap[k].kind == SW_CAP_STR &&
				    ev->cap[k].status == SW_CAPS_OK && (uint64_t)ev->cap[k].off + ev->cap[k].len <= ev->data_len)
					c = &ev->cap[k];
			if (c && path_listed((const char *)sw_capture_data(ev, c), c->len, paths, npaths))
				return true;
		} else if (t != SW_T_FD && (t != SW_T_DIRFD || (int)ev->args[i] == SW_FD_CWD)) {
			/* AT_FDCWD is not a use of the working directory itself */
			continue;
		}
		n = sw_event_resolved_path(ev, i, buf, sizeof(buf));
		if (n >= 0 && path_listed(buf, (size_t)n, paths, npaths))
			return true;
	}
	for (unsigned t = SW_FDT_RET; t <= SW_FDT_PAIR1; t++) {
		n = sw_event_resolved_path(ev, t, buf, sizeof(buf));
		if (n >= 0 && path_listed(buf, (size_t)n, paths, npaths))
			return true;
	}
	return false;
}

/* ---- formatting ---------------------------------------------------------------- */

/* A path as strace shows it inside <...>: escaped like a string, no quotes. */
static void put_path(struct sw_strbuf *sb, const char *path, size_t len)
{
	struct sw_strbuf q;
	const char *s;
	size_t n;

	for (n = 0; n < len; n++)
		if ((unsigned char)path[n] < 0x20 || (unsigned char)path[n] >= 0x7f || path[n] == '"' || path[n] == '\\')
			break;
	if (n == len) {
		/* the common case: nothing to escape */
		sw_strbuf_add(sb, path, len);
		return;
	}
	sw_strbuf_init(&q);
	sw_strbuf_quoted(&q, (const uint8_t *)path, len, false);
	s = sw_strbuf_str(&q);
	n = strlen(s);
	if (n >= 2)
		sw_strbuf_add(sb, s + 1, n - 2);
	sw_strbuf_release(&q);
}

static void put_inet(struct sw_strbuf *sb, const struct sw_fdinfo *fi, const uint8_t *addr, unsigned port)
{
	char text[INET6_ADDRSTRLEN];

	if (fi->family == AF_INET6) {
		inet_ntop(AF_INET6, addr, text, sizeof(text));
		sw_strbuf_printf(sb, "[%s]:%u", text, port);
	} else {
		inet_ntop(AF_INET, addr, text, sizeof(text));
		sw_strbuf_printf(sb, "%s:%u", text, port);
	}
}

static const char *const netlink_names[] = {
	"ROUTE", "UNUSED", "USERSOCK", "FIREWALL", "SOCK_DIAG", "NFLOG", "XFRM", "SELINUX",
	"ISCSI", "AUDIT", "FIB_LOOKUP", "CONNECTOR", "NETFILTER", "IP6_FW", "DNRTMSG",
	"KOBJECT_UEVENT", "GENERIC", "DM", "SCSITRANSPORT", "ECRYPTFS", "RDMA", "CRYPTO", "SMC",
};

/* strace -yy's text for a socket; false when there is nothing beyond socket:[ino]. */
static bool put_socket(struct sw_strbuf *sb, const struct sw_fdinfo *fi, const char *path)
{
	char name[sizeof(fi->proto_name) + 1];

	memcpy(name, fi->proto_name, sizeof(fi->proto_name));
	name[sizeof(fi->proto_name)] = '\0';
	if (!name[0])
		return false;
	sw_strbuf_printf(sb, "%s:[", name);
	if (!(fi->flags & SW_FDF_DETAIL)) {
		sw_strbuf_printf(sb, "%" PRIu64 "]", (uint64_t)fi->ino);
		return true;
	}
	switch (fi->family) {
	case AF_INET:
	case AF_INET6:
		if (!(fi->flags & SW_FDF_LOCAL)) {
			sw_strbuf_printf(sb, "%" PRIu64, (uint64_t)fi->ino);
			break;
		}
		put_inet(sb, fi, fi->laddr, fi->lport);
		if (fi->flags & SW_FDF_PEER) {
			sw_strbuf_puts(sb, "->");
			put_inet(sb, fi, fi->raddr, fi->rport);
		}
		break;
	case AF_UNIX:
		sw_strbuf_printf(sb, "%" PRIu64, (uint64_t)fi->ino);
		if (fi->peer_ino)
			sw_strbuf_printf(sb, "->%" PRIu64, (uint64_t)fi->peer_ino);
		if (fi->path_len) {
			sw_strbuf_puts(sb, fi->flags & SW_FDF_ABSTRACT ? ",@" : ",");
			sw_strbuf_quoted(sb, (const uint8_t *)path, fi->path_len, false);
		}
		break;
	case AF_NETLINK:
		if (!fi->portid) {
			sw_strbuf_printf(sb, "%" PRIu64, (uint64_t)fi->ino);
		} else if (fi->protocol < sizeof(netlink_names) / sizeof(netlink_names[0])) {
			sw_strbuf_printf(sb, "%s:%u", netlink_names[fi->protocol], fi->portid);
		} else {
			sw_strbuf_printf(sb, "%u:%u", fi->protocol, fi->portid);
		}
		break;
	default:
		sw_strbuf_printf(sb, "%" PRIu64, (uint64_t)fi->ino);
		break;
	}
	sw_strbuf_putc(sb, ']');
	return true;
}

bool sw_fd_is_pidfd(const struct sw_fdinfo *fi, const char *path)
{
	return fi->type == SW_FD_ANON && fi->path_len == 7 && memcmp(path, "[pidfd]", 7) == 0;
}

void sw_fd_format(struct sw_strbuf *sb, const struct sw_fdinfo *fi, const char *path, unsigned detail)
{
	bool dev = (detail & SW_FDD_DEV) && (fi->type == SW_FD_CHR || fi->type == SW_FD_BLK);

	if ((detail & SW_FDD_PIDFD) && sw_fd_is_pidfd(fi, path) && fi->portid) {
		sw_strbuf_printf(sb, "pid:%u", fi->portid);
		return;
	}
	if (fi->type == SW_FD_SOCKET ? !(detail & (SW_FDD_PATH | SW_FDD_SOCKET)) : !(detail & SW_FDD_PATH) && !dev)
		return;
	switch (fi->type) {
	case SW_FD_PIPE:
		sw_strbuf_printf(sb, "pipe:[%" PRIu64 "]", (uint64_t)fi->ino);
		return;
	case SW_FD_SOCKET:
		if (!(detail & SW_FDD_SOCKET) || !put_socket(sb, fi, path))
			sw_strbuf_printf(sb, "socket:[%" PRIu64 "]", (uint64_t)fi->ino);
		return;
	case SW_FD_ANON:
		sw_strbuf_puts(sb, "anon_inode:");
		put_path(sb, path, fi->path_len);
		return;
	default:
		break;
	}
	put_path(sb, path, fi->path_len);
	if (fi->flags & SW_FDF_DELETED)
		sw_strbuf_puts(sb, " (deleted)");
	if (dev)
		sw_strbuf_printf(sb, "<%s %u:%u>", fi->type == SW_FD_CHR ? "char" : "block",
				 fi->rdev_major, fi->rdev_minor);
}

/* ---- resolving from /proc ------------------------------------------------------ */

/* "0100007F:1F90" (as /proc/net prints it) -> bytes in network order, port */
static bool parse_hexaddr(const char *s, uint8_t *addr, size_t words, unsigned *port)
{
	for (size_t w = 0; w < words; w++) {
		char chunk[9];
		uint32_t v;

		memcpy(chunk, s + 8 * w, 8);
		chunk[8] = '\0';
		v = (uint32_t)strtoul(chunk, NULL, 16);
		memcpy(addr + 4 * w, &v, 4);
	}
	if (s[8 * words] != ':')
		return false;
	*port = (unsigned)strtoul(s + 8 * words + 1, NULL, 16);
	return true;
}

static bool zero_bytes(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

/* The socket's addresses from /proc/TID/net/FILE, found by inode. */
static bool inet_lookup(pid_t tid, const char *file, int family, struct sw_fdinfo *fi)
{
	char name[64], line[512], la[80], ra[80];
	size_t words = family == AF_INET6 ? 4 : 1;
	bool found = false;
	FILE *f;

	snprintf(name, sizeof(name), "/proc/%d/net/%s", (int)tid, file);
	f = fopen(name, "re");
	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f)) {
		unsigned long long ino;
		unsigned lp, rp;

		if (sscanf(line, " %*u: %79s %79s %*x %*x:%*x %*x:%*x %*x %*u %*d %llu", la, ra, &ino) != 3)
			continue;
		if (ino != fi->ino || strlen(la) != 8 * words + 5 || strlen(ra) != 8 * words + 5)
			continue;
		if (!parse_hexaddr(la, fi->laddr, words, &lp) || !parse_hexaddr(ra, fi->raddr, words, &rp))
			continue;
		fi->family = (uint16_t)family;
		fi->lport = (uint16_t)lp;
		fi->rport = (uint16_t)rp;
		found = true;
	}
	fclose(f);
	return found;
}

/* An AF_INET or AF_INET6 address's bytes (4 or 16) and port (host order). */
static void inet_addr_port(const struct sockaddr_storage *ss, uint8_t *addr, uint16_t *port)
{
	if (ss->ss_family == AF_INET) {
		const struct sockaddr_in *sin = (const struct sockaddr_in *)ss;

		memcpy(addr, &sin->sin_addr, 4);
		*port = ntohs(sin->sin_port);
	} else {
		const struct sockaddr_in6 *sin6 = (const struct sockaddr_in6 *)ss;

		memcpy(addr, &sin6->sin6_addr, 16);
		*port = ntohs(sin6->sin6_port);
	}
}

/* The socket's addresses as the socket itself tells them: a copy of the
 * descriptor (pidfd_getfd, which a tracer may use), then getsockname and
 * getpeername. /proc/net lists bound sockets only once they listen or are
 * connected; this sees them as soon as they are bound, as the kernel side does. */
static bool inet_ask(pid_t tid, int fd, int family, struct sw_fdinfo *fi)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	pid_t tgid = sw_proc_tgid(tid);
	int pidfd, copy;
	bool ok = false;

	if (tgid <= 0)
		return false;
	pidfd = (int)syscall(SYS_pidfd_open, tgid, 0);
	if (pidfd < 0)
		return false;
	copy = (int)syscall(SYS_pidfd_getfd, pidfd, fd, 0);
	close(pidfd);
	if (copy < 0)
		return false;
	if (getsockname(copy, (struct sockaddr *)&ss, &len) == 0 && ss.ss_family == family) {
		fi->family = (uint16_t)family;
		inet_addr_port(&ss, fi->laddr, &fi->lport);
		ok = true;
		len = sizeof(ss);
		if (getpeername(copy, (struct sockaddr *)&ss, &len) == 0 && ss.ss_family == family)
			inet_addr_port(&ss, fi->raddr, &fi->rport);
	}
	close(copy);
	return ok;
}

static bool netlink_lookup(pid_t tid, struct sw_fdinfo *fi)
{
	char name[64], line[512];
	bool found = false;
	FILE *f;

	snprintf(name, sizeof(name), "/proc/%d/net/netlink", (int)tid);
	f = fopen(name, "re");
	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f)) {
		unsigned long long ino;
		unsigned proto, portid;

		if (sscanf(line, "%*x %u %u %*x %*d %*d %*d %*d %*d %llu", &proto, &portid, &ino) != 3 ||
		    ino != fi->ino)
			continue;
		fi->family = AF_NETLINK;
		fi->protocol = (uint16_t)proto;
		fi->portid = portid;
		found = true;
	}
	fclose(f);
	return found;
}

/* A UNIX socket's name and peer, asked of sock_diag by inode. */
static bool unix_lookup(struct sw_fdinfo *fi, char *path, size_t size)
{
	struct {
		struct nlmsghdr nlh;
		struct unix_diag_req req;
	} q;
	union {
		struct nlmsghdr nlh;
		char buf[8192];
	} r;
	struct sockaddr_nl nl = { .nl_family = AF_NETLINK };
	bool found = false;
	ssize_t n;
	int s = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);

	if (s < 0)
		return false;
	memset(&q, 0, sizeof(q));
	q.nlh.nlmsg_len = sizeof(q);
	q.nlh.nlmsg_type = SOCK_DIAG_BY_FAMILY;
	q.nlh.nlmsg_flags = NLM_F_REQUEST;
	q.req.sdiag_family = AF_UNIX;
	q.req.udiag_states = ~0u;
	q.req.udiag_ino = (uint32_t)fi->ino;
	q.req.udiag_show = UDIAG_SHOW_NAME | UDIAG_SHOW_PEER;
	q.req.udiag_cookie[0] = ~0u;
	q.req.udiag_cookie[1] = ~0u;
	if (sendto(s, &q, sizeof(q), 0, (struct sockaddr *)&nl, sizeof(nl)) < 0)
		goto out;
	n = recv(s, &r, sizeof(r), 0);
	if (n < (ssize_t)sizeof(struct nlmsghdr) || !NLMSG_OK(&r.nlh, (size_t)n) ||
	    r.nlh.nlmsg_type != SOCK_DIAG_BY_FAMILY) {
		goto out;
	} else {
		struct unix_diag_msg *m = NLMSG_DATA(&r.nlh);
		struct rtattr *a = (struct rtattr *)(m + 1);
		int left = (int)r.nlh.nlmsg_len - (int)NLMSG_LENGTH(sizeof(*m));

		if (m->udiag_ino != fi->ino)
			goto out;
		fi->family = AF_UNIX;
		fi->sotype = m->udiag_type;
		for (; RTA_OK(a, left); a = RTA_NEXT(a, left)) {
			size_t len = RTA_PAYLOAD(a);
			const char *d = RTA_DATA(a);

			if (a->rta_type == UNIX_DIAG_PEER && len >= 4) {
				uint32_t peer;

				memcpy(&peer, d, 4);
				fi->peer_ino = peer;
			} else if (a->rta_type == UNIX_DIAG_NAME && len > 0) {
				if (d[0] == '\0') {
					fi->flags |= SW_FDF_ABSTRACT;
					d++;
					len--;
				} else {
					len = strnlen(d, len);
				}
				if (len >= size)
					len = size - 1;
				memcpy(path, d, len);
				path[len] = '\0';
				fi->path_len = (uint16_t)len;
			}
		}
		found = true;
	}
out:
	close(s);
	return found;
}

/* The pid a pidfd refers to, from /proc/TID/fdinfo/FD ("Pid:"), 0 when not
 * known (a process gone shows -1). */
static uint32_t pidfd_pid(pid_t tid, int fd)
{
	char name[64], line[128];
	uint32_t pid = 0;
	FILE *f;

	snprintf(name, sizeof(name), "/proc/%d/fdinfo/%d", (int)tid, fd);
	f = fopen(name, "re");
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		int v;

		if (sscanf(line, "Pid: %d", &v) == 1) {
			pid = v > 0 ? (uint32_t)v : 0;
			break;
		}
	}
	fclose(f);
	return pid;
}

/* Without the details: the family of a netlink socket, and its protocol and
 * port id once bound (as strace knows them), which decoders need to read its
 * messages; one getxattr for other sockets. */
static void socket_family(pid_t tid, const char *link, struct sw_fdinfo *fi)
{
	char name[sizeof(fi->proto_name) + 1];
	ssize_t n = getxattr(link, "system.sockprotoname", name, sizeof(name) - 1);

	if (n <= 0)
		return;
	name[n] = '\0';
	if (strcmp(name, "NETLINK") != 0)
		return;
	fi->family = AF_NETLINK;
	netlink_lookup(tid, fi); /* the protocol, once the socket is bound */
}

static void socket_details(pid_t tid, int fd, const char *link, struct sw_fdinfo *fi, char *path, size_t size)
{
	static const struct {
		const char *name, *file;
		int family;
	} inet[] = {
		{ "TCP", "tcp", AF_INET }, { "UDP", "udp", AF_INET }, { "UDPLITE", "udplite", AF_INET },
		{ "RAW", "raw", AF_INET }, { "PING", "icmp", AF_INET },
		{ "TCPv6", "tcp6", AF_INET6 }, { "UDPv6", "udp6", AF_INET6 }, { "UDPLITEv6", "udplite6", AF_INET6 },
		{ "RAWv6", "raw6", AF_INET6 }, { "PINGv6", "icmp6", AF_INET6 },
	};
	char name[sizeof(fi->proto_name) + 1];
	ssize_t n = getxattr(link, "system.sockprotoname", name, sizeof(name) - 1);
	bool found = false;

	if (n <= 0)
		return;
	name[n] = '\0';
	if (n > 0 && name[n - 1] == '\0')
		n--;
	memcpy(fi->proto_name, name, (size_t)n < sizeof(fi->proto_name) ? (size_t)n : sizeof(fi->proto_name));
	for (size_t i = 0; i < sizeof(inet) / sizeof(inet[0]) && !found; i++)
		if (strcmp(name, inet[i].name) == 0)
			found = inet_ask(tid, fd, inet[i].family, fi) ||
				inet_lookup(tid, inet[i].file, inet[i].family, fi);
	if (!found && strncmp(name, "UNIX", 4) == 0)
		found = unix_lookup(fi, path, size);
	if (!found && strcmp(name, "NETLINK") == 0)
		found = netlink_lookup(tid, fi);
	if (!found)
		return;
	fi->flags |= SW_FDF_DETAIL;
	if (fi->family == AF_INET || fi->family == AF_INET6) {
		size_t alen = fi->family == AF_INET6 ? 16 : 4;

		if (fi->lport || !zero_bytes(fi->laddr, alen))
			fi->flags |= SW_FDF_LOCAL;
		if (fi->rport || !zero_bytes(fi->raddr, alen))
			fi->flags |= SW_FDF_PEER;
	}
}

int sw_fd_resolve(pid_t tid, int fd, unsigned detail, struct sw_fdinfo *fi, char *path, size_t size)
{
	char link[64];
	struct stat st;
	ssize_t n;
	static const char deleted[] = " (deleted)";

	memset(fi, 0, sizeof(*fi));
	if (size < 2)
		return -1;
	path[0] = '\0';
	if (fd == SW_FD_CWD)
		snprintf(link, sizeof(link), "/proc/%d/cwd", (int)tid);
	else if (fd >= 0)
		snprintf(link, sizeof(link), "/proc/%d/fd/%d", (int)tid, fd);
	else
		return -1;
	n = readlink(link, path, size - 1);
	if (n < 0 || stat(link, &st) < 0) {
		path[0] = '\0';
		return -1;
	}
	if ((size_t)n == size - 1)
		fi->flags |= SW_FDF_TRUNC;
	path[n] = '\0';
	fi->dev = (uint32_t)(major(st.st_dev) << 20 | minor(st.st_dev));
	fi->ino = st.st_ino;
	if (path[0] == '/') {
		size_t dl = sizeof(deleted) - 1;

		fi->type = S_ISCHR(st.st_mode) ? SW_FD_CHR : S_ISBLK(st.st_mode) ? SW_FD_BLK : SW_FD_FILE;
		if ((size_t)n > dl && strcmp(path + n - dl, deleted) == 0 && st.st_nlink == 0) {
			fi->flags |= SW_FDF_DELETED;
			n -= (ssize_t)dl;
			path[n] = '\0';
		}
		fi->rdev_major = major(st.st_rdev);
		fi->rdev_minor = minor(st.st_rdev);
		fi->path_len = (uint16_t)n;
		return (int)n;
	}
	if (S_ISSOCK(st.st_mode)) {
		fi->type = SW_FD_SOCKET;
		path[0] = '\0';
		n = 0;
		if (detail >= SW_FDD_SOCKET)
			socket_details(tid, fd, link, fi, path, size);
		else
			socket_family(tid, link, fi);
		return fi->path_len;
	}
	if (strncmp(path, "pipe:", 5) == 0) {
		fi->type = SW_FD_PIPE;
		path[0] = '\0';
		return 0;
	}
	if (strncmp(path, "anon_inode:", 11) == 0) {
		fi->type = SW_FD_ANON;
		memmove(path, path + 11, (size_t)n - 10);
		fi->path_len = (uint16_t)(n - 11);
		if (sw_fd_is_pidfd(fi, path))
			fi->portid = pidfd_pid(tid, fd);
		return fi->path_len;
	}
	fi->type = SW_FD_OTHER;
	fi->path_len = (uint16_t)n;
	return (int)n;
}
