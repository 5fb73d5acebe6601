// SPDX-License-Identifier: GPL-2.0-only
/* ioctl commands beyond the terminal's (file.c): sockets (SIOC*, FIO*),
 * random, block and loop devices, perf events, seccomp notifications,
 * TUN/TAP; the structures they take, as strace shows them (strace leaves
 * TUN/TAP's and SIOCGIFCONF's as addresses, and so does this). */
#include <inttypes.h>
#include <linux/fiemap.h>
#include <linux/fs.h>
#include <linux/if_tun.h>
#include <linux/loop.h>
#include <linux/perf_event.h>
#include <linux/random.h>
#include <linux/seccomp.h>
#include <linux/sockios.h>
#include <string.h>
#include <net/if.h>

#include "decode/dec.h"

/* How the third argument reads. */
enum ioc_kind {
	K_NONE,      /* no argument */
	K_HEX,       /* a number */
	K_DEC,       /* a number in decimal (an fd, a count) */
	K_PTR,       /* a pointer not decoded */
	K_INT_IN,    /* int *: [5] */
	K_INT_OUT,
	K_UINT_OUT,
	K_U64_IN,    /* uint64_t *: [5] */
	K_U64_OUT,
	K_IFR_GET,   /* struct ifreq: ifr_name in, a field out */
	K_IFR_SET,   /* struct ifreq: ifr_name and a field in */
	K_IFR_NAME,  /* SIOCGIFNAME: ifr_ifindex in, ifr_name out */
	K_PERF_FLAG, /* PERF_IOC_FLAG_GROUP or 0 */
	K_IFCONF,    /* struct ifconf and the ifreq array behind it */
};

/* Which field of struct ifreq a SIOC[GS]IF* command carries. */
enum ifr_field {
	F_NONE, F_INDEX, F_FLAGS, F_ADDR, F_DSTADDR, F_BRDADDR, F_NETMASK, F_HWADDR,
	F_MTU, F_METRIC, F_QLEN, F_NEWNAME,
};

static const struct ioc {
	uint32_t code;
	uint8_t kind;
	uint8_t field;
	const char *name;
} iocs[] = {
	/* sockets */
	{ SIOCGIFINDEX, K_IFR_GET, F_INDEX, "SIOCGIFINDEX" },
	{ SIOCGIFFLAGS, K_IFR_GET, F_FLAGS, "SIOCGIFFLAGS" },
	{ SIOCSIFFLAGS, K_IFR_SET, F_FLAGS, "SIOCSIFFLAGS" },
	{ SIOCGIFADDR, K_IFR_GET, F_ADDR, "SIOCGIFADDR" },
	{ SIOCSIFADDR, K_IFR_SET, F_ADDR, "SIOCSIFADDR" },
	{ SIOCGIFDSTADDR, K_IFR_GET, F_DSTADDR, "SIOCGIFDSTADDR" },
	{ SIOCSIFDSTADDR, K_IFR_SET, F_DSTADDR, "SIOCSIFDSTADDR" },
	{ SIOCGIFBRDADDR, K_IFR_GET, F_BRDADDR, "SIOCGIFBRDADDR" },
	{ SIOCSIFBRDADDR, K_IFR_SET, F_BRDADDR, "SIOCSIFBRDADDR" },
	{ SIOCGIFNETMASK, K_IFR_GET, F_NETMASK, "SIOCGIFNETMASK" },
	{ SIOCSIFNETMASK, K_IFR_SET, F_NETMASK, "SIOCSIFNETMASK" },
	{ SIOCGIFHWADDR, K_IFR_GET, F_HWADDR, "SIOCGIFHWADDR" },
	{ SIOCSIFHWADDR, K_IFR_SET, F_HWADDR, "SIOCSIFHWADDR" },
	{ SIOCGIFMTU, K_IFR_GET, F_MTU, "SIOCGIFMTU" },
	{ SIOCSIFMTU, K_IFR_SET, F_MTU, "SIOCSIFMTU" },
	{ SIOCGIFMETRIC, K_IFR_GET, F_METRIC, "SIOCGIFMETRIC" },
	{ SIOCSIFMETRIC, K_IFR_SET, F_METRIC, "SIOCSIFMETRIC" },
	{ SIOCGIFTXQLEN, K_IFR_GET, F_QLEN, "SIOCGIFTXQLEN" },
	{ SIOCSIFTXQLEN, K_IFR_SET, F_QLEN, "SIOCSIFTXQLEN" },
	{ SIOCSIFNAME, K_IFR_SET, F_NEWNAME, "SIOCSIFNAME" },
	{ SIOCGIFNAME, K_IFR_NAME, F_NONE, "SIOCGIFNAME" },
	{ SIOCGIFCONF, K_IFCONF, F_NONE, "SIOCGIFCONF" },
	{ SIOCGIFMAP, K_PTR, F_NONE, "SIOCGIFMAP" },
	{ SIOCSIFMAP, K_PTR, F_NONE, "SIOCSIFMAP" },
	{ SIOCGIFCOUNT, K_PTR, F_NONE, "SIOCGIFCOUNT" },
	{ SIOCATMARK, K_INT_OUT, F_NONE, "SIOCATMARK" },
	{ SIOCGPGRP, K_INT_OUT, F_NONE, "SIOCGPGRP" },
	{ SIOCSPGRP, K_INT_IN, F_NONE, "SIOCSPGRP" },
	{ SIOCOUTQNSD, K_INT_OUT, F_NONE, "SIOCOUTQNSD" },
	{ SIOCGSTAMP, K_PTR, F_NONE, "SIOCGSTAMP_OLD" },
	{ SIOCGSTAMPNS, K_PTR, F_NONE, "SIOCGSTAMPNS_OLD" },
	{ SIOCADDRT, K_PTR, F_NONE, "SIOCADDRT" },
	{ SIOCDELRT, K_PTR, F_NONE, "SIOCDELRT" },
	{ SIOCGIFPFLAGS, K_PTR, F_NONE, "SIOCGIFPFLAGS" },
	{ SIOCETHTOOL, K_PTR, F_NONE, "SIOCETHTOOL" },
	{ SIOCGMIIPHY, K_PTR, F_NONE, "SIOCGMIIPHY" },
	{ SIOCBRADDBR, K_PTR, F_NONE, "SIOCBRADDBR" },
	{ SIOCBRDELBR, K_PTR, F_NONE, "SIOCBRDELBR" },
	/* random */
	{ RNDGETENTCNT, K_INT_OUT, F_NONE, "RNDGETENTCNT" },
	{ RNDADDTOENTCNT, K_INT_IN, F_NONE, "RNDADDTOENTCNT" },
	{ RNDGETPOOL, K_PTR, F_NONE, "RNDGETPOOL" },
	{ RNDADDENTROPY, K_PTR, F_NONE, "RNDADDENTROPY" },
	{ RNDZAPENTCNT, K_NONE, F_NONE, "FASTRPC_IOCTL_INIT_ATTACH or RNDZAPENTCNT" },
	{ RNDCLEARPOOL, K_NONE, F_NONE, "RNDCLEARPOOL" },
	{ RNDRESEEDCRNG, K_NONE, F_NONE, "RNDRESEEDCRNG" },
	/* block devices */
	{ BLKROSET, K_INT_IN, F_NONE, "BLKROSET" },
	{ BLKROGET, K_INT_OUT, F_NONE, "BLKROGET" },
	{ BLKRRPART, K_NONE, F_NONE, "BLKRRPART" },
	{ BLKFLSBUF, K_NONE, F_NONE, "BLKFLSBUF" },
	{ BLKRASET, K_DEC, F_NONE, "BLKRASET" },
	{ BLKFRASET, K_DEC, F_NONE, "BLKFRASET" },
	{ BLKBSZGET, K_INT_OUT, F_NONE, "BLKBSZGET" },
	{ BLKBSZSET, K_INT_IN, F_NONE, "BLKBSZSET" },
	{ BLKIOMIN, K_UINT_OUT, F_NONE, "BLKIOMIN" },
	{ BLKIOOPT, K_UINT_OUT, F_NONE, "BLKIOOPT" },
	{ BLKALIGNOFF, K_INT_OUT, F_NONE, "BLKALIGNOFF" },
	{ BLKPBSZGET, K_UINT_OUT, F_NONE, "BLKPBSZGET" },
	{ BLKDISCARDZEROES, K_UINT_OUT, F_NONE, "BLKDISCARDZEROES" },
	{ BLKDISCARD, K_PTR, F_NONE, "BLKDISCARD" },
	{ BLKZEROOUT, K_PTR, F_NONE, "BLKZEROOUT" },
	/* loop devices */
	{ LOOP_SET_FD, K_DEC, F_NONE, "LOOP_SET_FD" },
	{ LOOP_CLR_FD, K_NONE, F_NONE, "LOOP_CLR_FD" },
	{ LOOP_SET_STATUS, K_PTR, F_NONE, "LOOP_SET_STATUS" },
	{ LOOP_GET_STATUS, K_PTR, F_NONE, "LOOP_GET_STATUS" },
	{ LOOP_SET_STATUS64, K_PTR, F_NONE, "LOOP_SET_STATUS64" },
	{ LOOP_GET_STATUS64, K_PTR, F_NONE, "LOOP_GET_STATUS64" },
	{ LOOP_CHANGE_FD, K_DEC, F_NONE, "LOOP_CHANGE_FD" },
	{ LOOP_SET_CAPACITY, K_NONE, F_NONE, "LOOP_SET_CAPACITY" },
	{ LOOP_SET_DIRECT_IO, K_DEC, F_NONE, "LOOP_SET_DIRECT_IO" },
	{ LOOP_SET_BLOCK_SIZE, K_DEC, F_NONE, "LOOP_SET_BLOCK_SIZE" },
	{ LOOP_CONFIGURE, K_PTR, F_NONE, "LOOP_CONFIGURE" },
	{ LOOP_CTL_ADD, K_DEC, F_NONE, "LOOP_CTL_ADD" },
	{ LOOP_CTL_REMOVE, K_DEC, F_NONE, "LOOP_CTL_REMOVE" },
	{ LOOP_CTL_GET_FREE, K_NONE, F_NONE, "LOOP_CTL_GET_FREE" },
	/* perf events */
	{ PERF_EVENT_IOC_ENABLE, K_PERF_FLAG, F_NONE, "PERF_EVENT_IOC_ENABLE" },
	{ PERF_EVENT_IOC_DISABLE, K_PERF_FLAG, F_NONE, "PERF_EVENT_IOC_DISABLE" },
	{ PERF_EVENT_IOC_RESET, K_PERF_FLAG, F_NONE, "PERF_EVENT_IOC_RESET" },
	{ PERF_EVENT_IOC_REFRESH, K_DEC, F_NONE, "PERF_EVENT_IOC_REFRESH" },
	{ PERF_EVENT_IOC_PERIOD, K_U64_IN, F_NONE, "PERF_EVENT_IOC_PERIOD" },
	{ PERF_EVENT_IOC_SET_OUTPUT, K_DEC, F_NONE, "PERF_EVENT_IOC_SET_OUTPUT" },
	{ PERF_EVENT_IOC_SET_FILTER, K_PTR, F_NONE, "PERF_EVENT_IOC_SET_FILTER" },
	{ PERF_EVENT_IOC_ID, K_U64_OUT, F_NONE, "PERF_EVENT_IOC_ID" },
	{ PERF_EVENT_IOC_SET_BPF, K_DEC, F_NONE, "PERF_EVENT_IOC_SET_BPF" },
	{ PERF_EVENT_IOC_PAUSE_OUTPUT, K_DEC, F_NONE, "PERF_EVENT_IOC_PAUSE_OUTPUT" },
	{ PERF_EVENT_IOC_QUERY_BPF, K_PTR, F_NONE, "PERF_EVENT_IOC_QUERY_BPF" },
	{ PERF_EVENT_IOC_MODIFY_ATTRIBUTES, K_PTR, F_NONE, "PERF_EVENT_IOC_MODIFY_ATTRIBUTES" },
	/* seccomp user notifications */
	{ SECCOMP_IOCTL_NOTIF_RECV, K_PTR, F_NONE, "SECCOMP_IOCTL_NOTIF_RECV" },
	{ SECCOMP_IOCTL_NOTIF_SEND, K_PTR, F_NONE, "SECCOMP_IOCTL_NOTIF_SEND" },
	{ SECCOMP_IOCTL_NOTIF_ID_VALID, K_U64_IN, F_NONE, "SECCOMP_IOCTL_NOTIF_ID_VALID" },
	{ SECCOMP_IOCTL_NOTIF_ADDFD, K_PTR, F_NONE, "SECCOMP_IOCTL_NOTIF_ADDFD" },
	/* TUN/TAP */
	{ TUNSETIFF, K_PTR, F_NONE, "TUNSETIFF" },
	{ TUNGETIFF, K_PTR, F_NONE, "TUNGETIFF" },
	{ TUNGETFEATURES, K_PTR, F_NONE, "TUNGETFEATURES" },
	{ TUNSETPERSIST, K_DEC, F_NONE, "TUNSETPERSIST" },
	{ TUNSETOWNER, K_DEC, F_NONE, "TUNSETOWNER" },
	{ TUNSETGROUP, K_DEC, F_NONE, "TUNSETGROUP" },
	{ TUNSETLINK, K_DEC, F_NONE, "TUNSETLINK" },
	{ TUNSETDEBUG, K_DEC, F_NONE, "TUNSETDEBUG" },
	{ TUNSETNOCSUM, K_DEC, F_NONE, "TUNSETNOCSUM" },
	{ TUNSETOFFLOAD, K_HEX, F_NONE, "TUNSETOFFLOAD" },
	{ TUNSETSNDBUF, K_INT_IN, F_NONE, "TUNSETSNDBUF" },
	{ TUNGETSNDBUF, K_INT_OUT, F_NONE, "TUNGETSNDBUF" },
	{ TUNSETVNETHDRSZ, K_INT_IN, F_NONE, "TUNSETVNETHDRSZ" },
	{ TUNGETVNETHDRSZ, K_INT_OUT, F_NONE, "TUNGETVNETHDRSZ" },
	{ TUNSETQUEUE, K_PTR, F_NONE, "TUNSETQUEUE" },
	/* files */
	{ FS_IOC_FIEMAP, K_PTR, F_NONE, "FS_IOC_FIEMAP" },
	{ FS_IOC_GETFSLABEL, K_PTR, F_NONE, "FS_IOC_GETFSLABEL" },
	{ FS_IOC_SETFSLABEL, K_PTR, F_NONE, "FS_IOC_SETFSLABEL" },
	{ FS_IOC_FSGETXATTR, K_PTR, F_NONE, "FS_IOC_FSGETXATTR" },
	{ FS_IOC_FSSETXATTR, K_PTR, F_NONE, "FS_IOC_FSSETXATTR" },
	{ FICLONERANGE, K_PTR, F_NONE, "FICLONERANGE" },
	{ FIDEDUPERANGE, K_PTR, F_NONE, "FIDEDUPERANGE" },
};

/* struct ifreq as the kernel lays it out on 64-bit */
struct sw_ifreq {
	char name[16];
	union {
		uint8_t sa[16];
		int16_t flags;
		int32_t ival;
		char newname[16];
	} u;
};

static void ifr_value(struct sw_dec *d, const struct sw_ifreq *r, unsigned field)
{
	switch (field) {
	case F_INDEX:
		dec_printf(d, ", ifr_ifindex=%d", r->u.ival);
		break;
	case F_FLAGS:
		dec_puts(d, ", ifr_flags=");
		dec_flags(d, &sw_xlat_iff_flags, (uint16_t)r->u.flags);
		break;
	case F_ADDR:
	case F_DSTADDR:
	case F_BRDADDR:
	case F_NETMASK: {
		static const char *const names[] = {
			[F_ADDR] = "ifr_addr", [F_DSTADDR] = "ifr_dstaddr",
			[F_BRDADDR] = "ifr_broadaddr", [F_NETMASK] = "ifr_netmask",
		};

		dec_printf(d, ", %s=", names[field]);
		dec_sockaddr(d, r->u.sa, sizeof(r->u.sa));
		break;
	}
	case F_HWADDR: {
		uint16_t family;

		memcpy(&family, r->u.sa, sizeof(family));
		dec_puts(d, ", ifr_hwaddr={sa_family=");
		dec_enum_dec(d, &sw_xlat_arphrd, family, NULL);
		dec_puts(d, ", sa_data=");
		for (int i = 2; i < 8; i++)
			dec_printf(d, "%s%02x", i > 2 ? ":" : "", r->u.sa[i]);
		dec_puts(d, "}");
		break;
	}
	case F_MTU:
		dec_printf(d, ", ifr_mtu=%d", r->u.ival);
		break;
	case F_METRIC:
		dec_printf(d, ", ifr_metric=%d", r->u.ival);
		break;
	case F_QLEN:
		dec_printf(d, ", ifr_qlen=%d", r->u.ival);
		break;
	case F_NEWNAME:
		dec_puts(d, ", ifr_newname=");
		dec_field_str(d, r->u.newname, sizeof(r->u.newname));
		break;
	}
}

/* {ifr_name="lo", ifr_ifindex=1}: the name as given, the field as the
 * kernel filled it (get) or as given (set); a failed get shows the name alone. */
static void ifreq(struct sw_dec *d, unsigned kind, unsigned field)
{
	struct sw_ifreq in, out;

	if (!dec_get(d, 2, SW_AT_ENTER, &in, sizeof(in))) {
		dec_addr(d, d->args[2]);
		return;
	}
	if (kind == K_IFR_NAME) {
		dec_printf(d, "{ifr_ifindex=%d", in.u.ival);
		if (!dec_failed(d) && dec_get(d, 2, SW_AT_EXIT, &out, sizeof(out))) {
			dec_puts(d, ", ifr_name=");
			dec_field_str(d, out.name, sizeof(out.name));
		}
		dec_puts(d, "}");
		return;
	}
	dec_puts(d, "{ifr_name=");
	dec_field_str(d, in.name, sizeof(in.name));
	if (kind == K_IFR_SET)
		ifr_value(d, &in, field);
	else if (!dec_failed(d) && dec_get(d, 2, SW_AT_EXIT, &out, sizeof(out)))
		ifr_value(d, &out, field);
	dec_puts(d, "}");
}

/* ifc_len as strace shows it: 80 /\* 2 * sizeof(struct ifreq) *\/ */
static void ifc_len(struct sw_dec *d, int32_t len)
{
	unsigned n = (unsigned)len / sizeof(struct ifreq);

	if (len < 0 || n * sizeof(struct ifreq) != (unsigned)len)
		dec_printf(d, "%d", len);
	else
		dec_printf(d, "%d /* %u * sizeof(struct ifreq) */", len, n);
}

/* SIOCGIFCONF: {ifc_len=IN => OUT, ifc_buf=[{ifr_name="lo", ifr_addr={...}}, ...]} */
static void ifconf(struct sw_dec *d)
{
	struct ifconf in, out;
	struct dec_deref it;
	struct sw_iov_rec r;
	const uint8_t *p;
	uint32_t n, i;

	if (!dec_get(d, 2, SW_AT_ENTER, &in, sizeof(in))) {
		dec_addr(d, d->args[2]);
		return;
	}
	dec_puts(d, "{ifc_len=");
	if (in.ifc_buf)
		ifc_len(d, in.ifc_len);
	if (dec_failed(d) || !dec_get(d, 2, SW_AT_EXIT, &out, sizeof(out)))
		out = in;
	if (in.ifc_buf && in.ifc_len != out.ifc_len)
		dec_puts(d, " => ");
	if (!in.ifc_buf || in.ifc_len != out.ifc_len)
		ifc_len(d, out.ifc_len);
	if (!in.ifc_buf || dec_failed(d) || !dec_deref_open(d, 2, SW_AT_EXIT, SW_DR_IFCONF, &it) ||
	    !dec_deref_next(&it, &r, &p) || r.status == SW_CAPS_FAULT) {
		dec_puts(d, ", ifc_buf=");
		dec_addr(d, (uint64_t)(uintptr_t)out.ifc_buf);
		dec_puts(d, "}");
		return;
	}
	dec_puts(d, ", ifc_buf=[");
	n = r.stored / sizeof(struct ifreq);
	for (i = 0; i < n && i < d->strlimit; i++) {
		struct sw_ifreq q; /* its name and address: the start of the kernel's larger one */

		memcpy(&q, p + i * sizeof(struct ifreq), sizeof(q));
		dec_puts(d, i ? ", {ifr_name=" : "{ifr_name=");
		dec_field_str(d, q.name, sizeof(q.name));
		ifr_value(d, &q, F_ADDR);
		dec_puts(d, "}");
	}
	if (out.ifc_len > 0 && i < (uint32_t)out.ifc_len / sizeof(struct ifreq))
		dec_puts(d, i ? ", ..." : "...");
	dec_puts(d, "]}");
}

/* [5] from an int or u64 the kernel reads or writes */
static void word(struct sw_dec *d, int when, size_t size, bool is_signed)
{
	uint64_t v = 0;

	if ((when == SW_AT_EXIT && dec_failed(d)) || !dec_get(d, 2, when, &v, size)) {
		dec_addr(d, d->args[2]);
		return;
	}
	if (size == 4 && is_signed)
		dec_printf(d, "[%d]", (int32_t)v);
	else
		dec_printf(d, "[%" PRIu64 "]", v);
}

bool dec_ioctl_more(struct sw_dec *d, uint32_t code)
{
	const struct ioc *c = NULL;
	uint64_t a = d->args[2];

	for (size_t i = 0; i < sizeof(iocs) / sizeof(iocs[0]) && !c; i++)
		if (iocs[i].code == code)
			c = &iocs[i];
	if (!c)
		return false;
	dec_puts(d, c->name);
	if (c->kind == K_NONE)
		return true;
	dec_sep(d);
	switch (c->kind) {
	case K_HEX:
		dec_hex(d, a);
		break;
	case K_DEC:
		dec_printf(d, "%d", (int32_t)a);
		break;
	case K_INT_IN:
		word(d, SW_AT_ENTER, 4, true);
		break;
	case K_INT_OUT:
		word(d, SW_AT_EXIT, 4, true);
		break;
	case K_UINT_OUT:
		word(d, SW_AT_EXIT, 4, false);
		break;
	case K_U64_IN:
		word(d, SW_AT_ENTER, 8, false);
		break;
	case K_U64_OUT:
		word(d, SW_AT_EXIT, 8, false);
		break;
	case K_IFR_GET:
	case K_IFR_SET:
	case K_IFR_NAME:
		ifreq(d, c->kind, c->field);
		break;
	case K_IFCONF:
		ifconf(d);
		break;
	case K_PERF_FLAG:
		if (a == PERF_IOC_FLAG_GROUP)
			dec_puts(d, "PERF_IOC_FLAG_GROUP");
		else
			dec_hex(d, a);
		break;
	default:
		dec_addr(d, a);
		break;
	}
	return true;
}
