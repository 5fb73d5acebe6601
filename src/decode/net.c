// SPDX-License-Identifier: GPL-2.0-only
/* Network: socket addresses, socket(2) arguments, socket options, msghdr. */
#include <inttypes.h>
#include <string.h>
#include <arpa/inet.h>
#include <linux/if_packet.h>
#include <linux/netlink.h>
#include <linux/vm_sockets.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "decode/dec.h"

/* ---- socket addresses ---- */

#define SW_SOCKADDR_RC_SIZE 10 /* struct sockaddr_rc: family, bdaddr, channel, padding */

static void sa_family(struct sw_dec *d, unsigned family)
{
	dec_puts(d, "{sa_family=");
	dec_enum(d, &sw_xlat_address_families, family, NULL);
}

/* A family syswatch does not decode, or an address too short for its family. */
static void sa_raw(struct sw_dec *d, const uint8_t *sa, size_t len)
{
	dec_puts(d, ", sa_data=");
	dec_quoted(d, sa + 2, len - 2, false);
}

static void sa_inet(struct sw_dec *d, const uint8_t *sa, size_t len)
{
	struct sockaddr_in in;
	char ip[INET_ADDRSTRLEN];

	(void)len; /* the least length was checked */
	memcpy(&in, sa, sizeof(in));
	inet_ntop(AF_INET, &in.sin_addr, ip, sizeof(ip));
	dec_printf(d, ", sin_port=htons(%u), sin_addr=inet_addr(\"%s\")", ntohs(in.sin_port), ip);
}

static void sa_inet6(struct sw_dec *d, const uint8_t *sa, size_t len)
{
	struct sockaddr_in6 in6;
	char ip[INET6_ADDRSTRLEN];

	memset(&in6, 0, sizeof(in6));
	memcpy(&in6, sa, len < sizeof(in6) ? len : sizeof(in6));
	inet_ntop(AF_INET6, &in6.sin6_addr, ip, sizeof(ip));
	dec_printf(d, ", sin6_port=htons(%u), sin6_flowinfo=htonl(%u), inet_pton(AF_INET6, \"%s\", "
		   "&sin6_addr)", ntohs(in6.sin6_port), ntohl(in6.sin6_flowinfo), ip);
	if (len < sizeof(in6))
		return;
	/* strace names the interface of link-local addresses only */
	dec_puts(d, ", sin6_scope_id=");
	if (IN6_IS_ADDR_LINKLOCAL(&in6.sin6_addr) || IN6_IS_ADDR_MC_LINKLOCAL(&in6.sin6_addr))
		dec_ifindex(d, in6.sin6_scope_id);
	else
		dec_printf(d, "%u", in6.sin6_scope_id);
}

static void sa_packet(struct sw_dec *d, const uint8_t *sa, size_t len)
{
	struct sockaddr_ll ll;

	(void)len; /* the least length was checked */
	memcpy(&ll, sa, sizeof(ll));
	dec_puts(d, ", sll_protocol=htons(");
	dec_enum(d, &sw_xlat_ethernet_protocols, ntohs(ll.sll_protocol), "ETH_P_???");
	dec_puts(d, "), sll_ifindex=");
	dec_ifindex(d, (unsigned)ll.sll_ifindex);
	dec_puts(d, ", sll_hatype=");
	dec_enum(d, &sw_xlat_arp_hardware_types, ll.sll_hatype, "ARPHRD_???");
	dec_puts(d, ", sll_pkttype=");
	dec_enum(d, &sw_xlat_packet_types, ll.sll_pkttype, "PACKET_???");
	dec_printf(d, ", sll_halen=%u, sll_addr=[", ll.sll_halen);
	for (unsigned i = 0; i < ll.sll_halen && i < sizeof(ll.sll_addr); i++)
		dec_printf(d, i ? ", %#02x" : "%#02x", ll.sll_addr[i]);
	dec_puts(d, "]");
}

static void sa_vsock(struct sw_dec *d, const uint8_t *sa, size_t len)
{
	struct sockaddr_vm vm;

	(void)len; /* the least length was checked */
	memcpy(&vm, sa, sizeof(vm));
	if (vm.svm_reserved1)
		dec_printf(d, ", svm_reserved1=%#x", vm.svm_reserved1);
	dec_puts(d, ", svm_cid=");
	dec_enum(d, &sw_xlat_vsock_cids, vm.svm_cid, NULL);
	dec_printf(d, ", svm_port=%#x, svm_flags=", vm.svm_port);
	dec_flags(d, &sw_xlat_vsock_flags, vm.svm_flags);
}

/* Bluetooth RFCOMM (struct sockaddr_rc, known by its length): the device
 * address in memory order, the channel. */
static void sa_bluetooth_rc(struct sw_dec *d, const uint8_t *sa, size_t len)
{
	dec_printf(d, ", rc_bdaddr=%02x:%02x:%02x:%02x:%02x:%02x, rc_channel=%u", sa[2], sa[3], sa[4], sa[5],
		   sa[6], sa[7], sa[8]);
	(void)len; /* the exact length was checked */
}

static void sa_unix(struct sw_dec *d, const uint8_t *sa, size_t len)
{
	const uint8_t *path = sa + 2;
	size_t n = len - 2;

	if (n == 0)
		return;
	if (n > sizeof(((struct sockaddr_un *)0)->sun_path))
		n = sizeof(((struct sockaddr_un *)0)->sun_path);
	dec_puts(d, ", sun_path=");
	if (path[0] == '\0') { /* abstract: every byte counts */
		dec_puts(d, "@");
		dec_quoted(d, path + 1, n - 1, false);
		return;
	}
	dec_quoted(d, path, strnlen((const char *)path, n), false);
}

static void sa_netlink(struct sw_dec *d, const uint8_t *sa, size_t len)
{
	struct sockaddr_nl nl;

	(void)len; /* the least length was checked */
	memcpy(&nl, sa, sizeof(nl));
	dec_printf(d, ", nl_pid=%d, nl_groups=%08x", (int32_t)nl.nl_pid, nl.nl_groups);
}

/* The families decoded, each from a least length (or an exact one). */
static const struct {
	uint16_t family;
	uint16_t min, exact;
	void (*print)(struct sw_dec *d, const uint8_t *sa, size_t len);
} sa_families[] = {
	{ AF_INET, sizeof(struct sockaddr_in), 0, sa_inet },
	{ AF_INET6, offsetof(struct sockaddr_in6, sin6_scope_id), 0, sa_inet6 },
	{ AF_UNIX, 2, 0, sa_unix },
	{ AF_NETLINK, sizeof(struct sockaddr_nl), 0, sa_netlink },
	{ AF_PACKET, sizeof(struct sockaddr_ll), 0, sa_packet },
	{ AF_VSOCK, sizeof(struct sockaddr_vm), 0, sa_vsock },
	{ AF_BLUETOOTH, 0, SW_SOCKADDR_RC_SIZE, sa_bluetooth_rc },
};

void dec_sockaddr(struct sw_dec *d, const uint8_t *sa, size_t len)
{
	uint16_t family;
	size_t i, n = sizeof(sa_families) / sizeof(sa_families[0]);

	if (len < 2) {
		dec_puts(d, "{}");
		return;
	}
	memcpy(&family, sa, sizeof(family));
	sa_family(d, family);
	for (i = 0; i < n && sa_families[i].family != family; i++)
		;
	/* a family not decoded, or an address too short for its family */
	if (i == n || len < sa_families[i].min || (sa_families[i].exact && len != sa_families[i].exact))
		sa_raw(d, sa, len);
	else
		sa_families[i].print(d, sa, len);
	dec_puts(d, "}");
}

void dec_sockaddr_arg(struct sw_dec *d, unsigned arg, int when, uint64_t len)
{
	const struct sw_capture *c = dec_cap(d, arg, when);

	if (!c || len == 0 || len > 128) {
		dec_addr(d, d->args[arg]);
		return;
	}
	dec_sockaddr(d, sw_capture_data(d->ev, c), len < c->len ? (size_t)len : c->len);
}

/* The length behind a socklen_t * at entry or exit, or -1. */
static int64_t socklen(const struct sw_dec *d, unsigned arg, int when)
{
	uint32_t v;

	if (arg >= SW_NARGS || !dec_get(d, arg, when, &v, sizeof(v)))
		return -1;
	return v;
}

void dec_sockaddr_out_arg(struct sw_dec *d, unsigned arg, unsigned len_arg)
{
	const struct sw_capture *c = dec_cap(d, arg, SW_AT_EXIT);
	int64_t in = socklen(d, len_arg, SW_AT_ENTER), out = socklen(d, len_arg, SW_AT_EXIT);
	uint64_t len;

	if (dec_failed(d) || !c || in < 0 || out < 0) {
		dec_addr(d, d->args[arg]);
		return;
	}
	len = (uint64_t)(in < out ? in : out);
	dec_sockaddr(d, sw_capture_data(d->ev, c), len < c->len ? (size_t)len : c->len);
}

/* [16], or [128 => 16] when the kernel changed it. */
void dec_socklen_arg(struct sw_dec *d, unsigned arg)
{
	int64_t in = socklen(d, arg, SW_AT_ENTER), out = socklen(d, arg, SW_AT_EXIT);

	if (in < 0) {
		dec_addr(d, d->args[arg]);
		return;
	}
	if (out < 0 || dec_failed(d) || out == in)
		dec_printf(d, "[%" PRId64 "]", in);
	else
		dec_printf(d, "[%" PRId64 " => %" PRId64 "]", in, out);
}

/* ---- struct msghdr, struct mmsghdr, control messages ---- */

/* cmsg_data of a control message, as strace shows the types it knows; other
 * types show no data. */
static void cmsg_data(struct sw_dec *d, int level, int type, const uint8_t *p, size_t len)
{
	if (level == SOL_SOCKET) {
		switch (type) {
		case SCM_RIGHTS: {
			int32_t fd;

			dec_puts(d, ", cmsg_data=[");
			for (size_t i = 0; i + sizeof(fd) <= len; i += sizeof(fd)) {
				memcpy(&fd, p + i, sizeof(fd));
				dec_printf(d, "%s%d", i ? ", " : "", fd);
			}
			dec_puts(d, "]");
			return;
		}
		case SCM_CREDENTIALS: {
			struct ucred u;

			if (len < sizeof(u))
				return;
			memcpy(&u, p, sizeof(u));
			dec_printf(d, ", cmsg_data={pid=%d, uid=%u, gid=%u}", u.pid, u.uid, u.gid);
			return;
		}
		case SWX_SCM_SECURITY:
			dec_puts(d, ", cmsg_data=");
			dec_quoted(d, p, len, false);
			return;
		case SWX_SO_TIMESTAMP_OLD:
		case SWX_SO_TIMESTAMP_NEW:
		case SWX_SO_TIMESTAMPNS_OLD:
		case SWX_SO_TIMESTAMPNS_NEW:
			if (len < 16)
				return;
			dec_puts(d, ", cmsg_data=");
			if (type == SWX_SO_TIMESTAMP_OLD || type == SWX_SO_TIMESTAMP_NEW)
				dec_timeval(d, p);
			else
				dec_timespec(d, p);
			return;
		case SWX_SO_TIMESTAMPING_OLD:
		case SWX_SO_TIMESTAMPING_NEW:
			if (len < 48)
				return;
			dec_puts(d, ", cmsg_data=[");
			for (int i = 0; i < 3; i++) {
				dec_puts(d, i ? ", " : "");
				dec_timespec(d, p + 16 * i);
			}
			dec_puts(d, "]");
			return;
		}
		return;
	}
	if (level != SOL_IP)
		return;
	switch (type) {
	case IP_PKTINFO: {
		struct in_pktinfo pi;
		char a[INET_ADDRSTRLEN], b[INET_ADDRSTRLEN];

		if (len < sizeof(pi))
			return;
		memcpy(&pi, p, sizeof(pi));
		inet_ntop(AF_INET, &pi.ipi_spec_dst, a, sizeof(a));
		inet_ntop(AF_INET, &pi.ipi_addr, b, sizeof(b));
		dec_puts(d, ", cmsg_data={ipi_ifindex=");
		dec_ifindex(d, (unsigned)pi.ipi_ifindex);
		dec_printf(d, ", ipi_spec_dst=inet_addr(\"%s\"), ipi_addr=inet_addr(\"%s\")}", a, b);
		return;
	}
	case IP_TTL:
	case IP_CHECKSUM: {
		uint32_t v;

		if (len < sizeof(v))
			return;
		memcpy(&v, p, sizeof(v));
		dec_printf(d, ", cmsg_data=[%u]", v);
		return;
	}
	case IP_TOS:
	case IP_RECVOPTS:
	case IP_RETOPTS:
		if (!len)
			return;
		dec_puts(d, ", cmsg_data=[");
		for (size_t i = 0; i < (type == IP_TOS ? 1 : len); i++)
			dec_printf(d, "%s%#x", i ? ", " : "", p[i]);
		dec_puts(d, "]");
		return;
	case IP_ORIGDSTADDR:
		dec_puts(d, ", cmsg_data=");
		dec_sockaddr(d, p, len);
		return;
	}
}

/* msg_control: [{cmsg_len=..., cmsg_level=..., cmsg_type=..., cmsg_data=...}, ...];
 * len: the bytes read of the controllen the structure says */
static void cmsgs(struct sw_dec *d, const uint8_t *p, size_t len, uint64_t controllen)
{
	size_t left = len;

	dec_puts(d, "[");
	for (bool first = true; left >= sizeof(struct cmsghdr); first = false) {
		struct cmsghdr c;
		size_t clen, step;

		memcpy(&c, p, sizeof(c));
		clen = c.cmsg_len < left ? c.cmsg_len : left;
		dec_printf(d, "%s{cmsg_len=%" PRIu64 ", cmsg_level=", first ? "" : ", ", (uint64_t)c.cmsg_len);
		dec_enum(d, &sw_xlat_socket_levels, (uint32_t)c.cmsg_level, "SOL_???");
		dec_puts(d, ", cmsg_type=");
		if (c.cmsg_level == SOL_SOCKET)
			dec_enum(d, &sw_xlat_scm_types, (uint32_t)c.cmsg_type, NULL);
		else if (c.cmsg_level == SOL_IP)
			dec_enum(d, &sw_xlat_ip_cmsg_types, (uint32_t)c.cmsg_type, NULL);
		else
			dec_printf(d, "%#x", (unsigned)c.cmsg_type);
		if (clen >= sizeof(c))
			cmsg_data(d, c.cmsg_level, c.cmsg_type, p + sizeof(c), clen - sizeof(c));
		dec_puts(d, "}");
		if (clen < sizeof(c)) {
			left -= sizeof(c);
			break;
		}
		step = (clen + 7) & ~(size_t)7;
		if (step >= left) {
			left = 0;
			break;
		}
		left -= step;
		p += step;
	}
	if (left || len < controllen)
		dec_puts(d, ", ...");
	dec_puts(d, "]");
}

/* What one msghdr's pointers led to: the records of each deref, taken in order */
struct msg_derefs {
	struct dec_deref name, iov, data, control;
};

static void msg_derefs_open(const struct sw_dec *d, unsigned arg, int when, struct msg_derefs *x)
{
	dec_deref_open(d, arg, when, SW_DR_MSG_NAME, &x->name);
	dec_deref_open(d, arg, when, SW_DR_MSG_IOV, &x->iov);
	dec_deref_open(d, arg, when, SW_DR_MSG_IOV_DATA, &x->data);
	dec_deref_open(d, arg, when, SW_DR_MSG_CONTROL, &x->control);
}

/* msg_iov: the iovec array's record, then one data record per element read */
static void msg_iov(struct sw_dec *d, uint64_t addr, struct msg_derefs *x, int64_t data_limit, bool netlink)
{
	uint64_t left = data_limit < 0 ? UINT64_MAX : (uint64_t)data_limit;
	struct sw_iov_rec r;
	const uint8_t *b;
	uint32_t n;

	if (!dec_deref_next(&x->iov, &r, &b) || r.status == SW_CAPS_FAULT || !r.base) {
		dec_addr(d, addr);
		return;
	}
	dec_puts(d, "[");
	n = r.stored / (uint32_t)sizeof(struct iovec);
	for (uint32_t i = 0; i < n; i++) {
		struct sw_iov_rec e;
		const uint8_t *data;

		if (i)
			dec_puts(d, ", ");
		if (!dec_deref_next(&x->data, &e, &data)) {
			struct iovec v;

			memcpy(&v, b + i * sizeof(v), sizeof(v));
			dec_puts(d, "{iov_base=");
			dec_addr(d, (uint64_t)(uintptr_t)v.iov_base);
			dec_printf(d, ", iov_len=%zu}", v.iov_len);
			continue;
		}
		dec_iov_elem(d, &e, data, &left, netlink ? dec_netlink_bytes : NULL);
	}
	if (r.len > r.stored)
		dec_puts(d, n ? ", ..." : "...");
	dec_puts(d, "]");
}

/* msg_name; returns the address family shown, -1 for none */
static int msg_name(struct sw_dec *d, uint64_t addr, uint32_t namelen, struct msg_derefs *x)
{
	struct sw_iov_rec r;
	const uint8_t *b;
	uint16_t family;

	if (dec_deref_next(&x->name, &r, &b) && addr && r.status != SW_CAPS_FAULT && r.stored >= sizeof(family) &&
	    r.stored >= (namelen < r.len ? namelen : r.len)) {
		dec_sockaddr(d, b, r.stored);
		memcpy(&family, b, sizeof(family));
		return family;
	}
	dec_addr(d, addr);
	return -1;
}

static void msg_control(struct sw_dec *d, uint64_t addr, uint64_t controllen, struct msg_derefs *x)
{
	struct sw_iov_rec r;
	const uint8_t *b;

	if (dec_deref_next(&x->control, &r, &b) && addr && r.status != SW_CAPS_FAULT &&
	    r.stored >= sizeof(struct cmsghdr))
		cmsgs(d, b, r.stored, controllen);
	else
		dec_addr(d, addr);
}

/* One struct msghdr, its pointers followed; data_limit: the bytes received
 * (recvmsg), -1 for each iovec's length. As in strace, the data are netlink
 * messages when the name is a netlink address. */
static void msghdr(struct sw_dec *d, const struct msghdr *m, struct msg_derefs *x, int64_t data_limit)
{
	int family;

	dec_puts(d, "{msg_name=");
	family = msg_name(d, (uint64_t)(uintptr_t)m->msg_name, m->msg_namelen, x);
	dec_printf(d, ", msg_namelen=%u, msg_iov=", m->msg_namelen);
	msg_iov(d, (uint64_t)(uintptr_t)m->msg_iov, x, data_limit, family == AF_NETLINK);
	dec_printf(d, ", msg_iovlen=%zu", m->msg_iovlen);
	if (m->msg_controllen) {
		dec_puts(d, ", msg_control=");
		msg_control(d, (uint64_t)(uintptr_t)m->msg_control, m->msg_controllen, x);
	} else {
		/* its records are taken all the same */
		struct sw_iov_rec r;
		const uint8_t *b;

		dec_deref_next(&x->control, &r, &b);
	}
	dec_printf(d, ", msg_controllen=%zu, msg_flags=", m->msg_controllen);
	dec_flags(d, &sw_xlat_msg_flags, (uint32_t)m->msg_flags);
	dec_puts(d, "}");
}

/* struct msghdr of sendmsg (in) or recvmsg (out: as the kernel left it; the
 * name's length alone when the call failed) */
void dec_msghdr_arg(struct sw_dec *d, unsigned arg, bool out)
{
	struct msghdr m;
	struct msg_derefs x;
	int when = out ? SW_AT_EXIT : SW_AT_ENTER;

	if (out && dec_failed(d) && dec_get(d, arg, SW_AT_ENTER, &m, sizeof(m))) {
		dec_printf(d, "{msg_namelen=%u}", m.msg_namelen);
		return;
	}
	if (!dec_get(d, arg, when, &m, sizeof(m)) &&
	    !(out && dec_get(d, arg, SW_AT_ENTER, &m, sizeof(m)))) {
		dec_addr(d, d->args[arg]);
		return;
	}
	msg_derefs_open(d, arg, when, &x);
	msghdr(d, &m, &x, out ? d->ev->ret : -1);
}

/* struct mmsghdr array of sendmmsg (every element given, msg_len for those
 * sent) or recvmmsg (the elements received) */
void dec_mmsghdr_arg(struct sw_dec *d, unsigned arg, bool out)
{
	const struct sw_capture *c = d->no_deref ? NULL : dec_cap(d, arg, SW_AT_EXIT);
	uint64_t n = out ? (uint64_t)(d->ev->ret > 0 ? d->ev->ret : 0) : d->args[2];
	int64_t sent = dec_failed(d) ? 0 : d->ev->ret;
	struct msg_derefs x;
	uint64_t i;

	if (!c || (out && dec_failed(d))) {
		dec_addr(d, d->args[arg]);
		return;
	}
	msg_derefs_open(d, arg, SW_AT_EXIT, &x);
	dec_puts(d, "[");
	for (i = 0; i < n && (i + 1) * sizeof(struct mmsghdr) <= c->len && i < d->strlimit; i++) {
		struct mmsghdr mm;

		memcpy(&mm, sw_capture_data(d->ev, c) + i * sizeof(mm), sizeof(mm));
		dec_puts(d, i ? ", {msg_hdr=" : "{msg_hdr=");
		msghdr(d, &mm.msg_hdr, &x, out ? (int64_t)mm.msg_len : -1);
		if ((int64_t)i < sent)
			dec_printf(d, ", msg_len=%u", mm.msg_len);
		dec_puts(d, "}");
	}
	if (i < n)
		dec_puts(d, i ? ", ..." : "...");
	dec_puts(d, "]");
}

/* ---- socket(2) ---- */

static void socket_type(struct sw_dec *d, uint64_t type)
{
	uint64_t base = type & 0xf, flags = type & ~(uint64_t)0xf;

	dec_enum(d, &sw_xlat_socket_types, base, NULL);
	if (flags) {
		dec_puts(d, "|");
		sw_xlat_print_flags(d->sb, &sw_xlat_socket_type_flags, flags);
	}
}

static void socket_protocol(struct sw_dec *d, int family, int proto)
{
	switch (family) {
	case AF_INET:
	case AF_INET6:
		dec_enum_dec(d, &sw_xlat_inet_protocols, proto, NULL);
		break;
	case AF_NETLINK:
		dec_enum_dec(d, &sw_xlat_netlink_protocols, proto, NULL);
		break;
	case AF_PACKET:
		if (ntohs((uint16_t)proto) == 3)
			dec_puts(d, "htons(ETH_P_ALL)");
		else
			dec_printf(d, "htons(%#x)", ntohs((uint16_t)proto));
		break;
	default:
		dec_printf(d, "%d", proto);
		break;
	}
}

static void decode_socket(struct sw_dec *d)
{
	int family = (int)d->args[0];

	dec_sep(d);
	dec_enum(d, &sw_xlat_address_families, (uint32_t)family, NULL);
	dec_sep(d);
	socket_type(d, (uint32_t)d->args[1]);
	dec_sep(d);
	socket_protocol(d, family, (int)d->args[2]);
}

static void decode_socketpair(struct sw_dec *d)
{
	decode_socket(d);
	dec_arg(d, 3);
}

/* ---- sendto(2), recvfrom(2): netlink messages on netlink sockets ---- */

static void decode_sendto(struct sw_dec *d)
{
	dec_arg(d, 0);
	dec_sep(d);
	dec_sockbuf(d, 1, SW_AT_ENTER, d->args[2]);
	dec_args(d, 2, 6);
}

static void decode_recvfrom(struct sw_dec *d)
{
	dec_arg(d, 0);
	dec_sep(d);
	if (dec_failed(d))
		dec_addr(d, d->args[1]);
	else
		dec_sockbuf(d, 1, SW_AT_EXIT, (uint64_t)d->ev->ret);
	dec_args(d, 2, 6);
}

/* ---- the printers of this family's types (core/argtypes.def) ---- */

DEC_PRINTER(dec_p_sockaddr)
{
	dec_sockaddr_arg(d, i, SW_AT_ENTER, dec_aux(d, a->aux));
}

DEC_PRINTER(dec_p_sockaddr_out)
{
	dec_sockaddr_out_arg(d, i, a->aux);
}

DEC_PRINTER_OF(dec_p_socklen_ptr, dec_socklen_arg)

DEC_PRINTER(dec_p_msghdr)
{
	dec_msghdr_arg(d, i, false);
}

DEC_PRINTER(dec_p_msghdr_out)
{
	dec_msghdr_arg(d, i, true);
}

DEC_PRINTER(dec_p_mmsghdr)
{
	dec_mmsghdr_arg(d, i, false);
}

DEC_PRINTER(dec_p_mmsghdr_out)
{
	dec_mmsghdr_arg(d, i, true);
}

DEC_SYSCALL(recvfrom, decode_recvfrom, NULL);
DEC_SYSCALL(sendto, decode_sendto, NULL);
DEC_SYSCALL(socket, decode_socket, NULL);
DEC_SYSCALL(socketpair, decode_socketpair, NULL);
