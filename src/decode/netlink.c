// SPDX-License-Identifier: GPL-2.0-only
/* Netlink messages in the buffers of sendto(2)/recvfrom(2) on netlink
 * sockets, as strace prints them: each message as [{nlmsghdr}, payload],
 * several as an array of those; NLMSG_ERROR with the message it answers;
 * NETLINK_ROUTE payloads (ifinfomsg, ifaddrmsg, rtmsg, ndmsg) with their
 * attributes (nlattr) nested the same way. Whatever has no decoder shows as
 * hex bytes, as strace shows it.
 *
 * Everything here reads a captured buffer of known length: every length
 * field is checked against what is left before it is followed. */
#include <inttypes.h>
#include <string.h>
#include <arpa/inet.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/neighbour.h>
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <sys/socket.h>

#include "decode/dec.h"
#include "resolve/fdinfo.h"
#include "resolve/resolve.h"

#define NL_PROTO_UNKNOWN (-1)
#define GENL_ID_CTRL_VALUE NLMSG_MIN_TYPE /* the id of the "nlctrl" family */

struct nlbuf {
	const uint8_t *p;
	size_t len;
};

/* Bytes as strace's QUOTE_FORCE_HEX: "\x14\x00", cut at the string limit. */
static void hexstr(struct sw_dec *d, const uint8_t *p, size_t n)
{
	size_t shown = n < d->strlimit ? n : d->strlimit;

	dec_quoted_hex(d, p, shown, n > shown);
}

/* A run of records that each start with their length (nlmsghdr, nlattr), as
 * strace prints it: one record alone, several as an array, a tail shorter
 * than a header as hex bytes, at most -s records unless -v. one prints the
 * record at p, len bytes being left from it. */
typedef void (*record_fn)(struct sw_dec *d, const uint8_t *p, size_t len, const void *ctx);

static void records(struct sw_dec *d, const uint8_t *p, size_t len, size_t hdr, record_fn one, const void *ctx)
{
	bool array = false;

	for (unsigned elt = 0;; elt++) {
		uint32_t rlen;
		uint16_t rlen16;
		size_t step;

		if (len < hdr) {
			hexstr(d, p, len);
			break;
		}
		if (!d->verbose && elt == d->strlimit) {
			dec_puts(d, "...");
			break;
		}
		if (hdr == sizeof(struct nlattr)) {
			memcpy(&rlen16, p, sizeof(rlen16));
			rlen = rlen16;
		} else {
			memcpy(&rlen, p, sizeof(rlen));
		}
		step = ((size_t)rlen + 3) & ~(size_t)3; /* NLMSG_ALIGN, NLA_ALIGN */
		if (!array && rlen >= hdr && len > step) {
			dec_puts(d, "[");
			array = true;
		}
		one(d, p, len, ctx);
		if (rlen < hdr || len <= step)
			break;
		dec_puts(d, ", ");
		p += step;
		len -= step;
	}
	if (array)
		dec_puts(d, "]");
}

/* Flags from two tables, the common one first, then what is left in hex. */
static void flags2(struct sw_dec *d, const struct sw_xlat *a, const struct sw_xlat *b, uint64_t v)
{
	const struct sw_xlat *t[2] = { a, b };
	bool any = false;

	for (int k = 0; k < 2; k++) {
		if (!t[k])
			continue;
		for (unsigned i = 0; i < t[k]->n; i++) {
			uint64_t f = t[k]->e[i].val;

			if (f && (v & f) == f) {
				dec_printf(d, "%s%s", any ? "|" : "", t[k]->e[i].name);
				v &= ~f;
				any = true;
			}
		}
	}
	if (v || !any)
		dec_printf(d, any ? "|%#" PRIx64 : "%#" PRIx64, v);
}

static void family(struct sw_dec *d, unsigned f)
{
	dec_enum(d, &sw_xlat_address_families, f, "AF_???");
}

/* ---- attributes ---- */

enum nla_val {
	NLA_HEX = 0, NLA_STR, NLA_U8, NLA_U32, NLA_S32, NLA_IFINDEX, NLA_ADDR, NLA_TABLE, NLA_IFA_FLAGS,
	NLA_RTA_CACHEINFO, NLA_IFA_CACHEINFO, NLA_HWADDR, NLA_STATS, NLA_STATS64, NLA_LINK_MAP, NLA_XDP,
	NLA_XDP_ATTACHED, NLA_XDP_FLAGS, NLA_AF_SPEC, NLA_AF_INET, NLA_AF_INET6, NLA_INET_CONF,
	NLA_INET6_FLAGS, NLA_INET6_CONF, NLA_INET6_STATS, NLA_INET6_CACHEINFO, NLA_ICMP6_STATS,
	NLA_ADDR_GEN_MODE,
};

struct nla_set {
	const struct sw_xlat *names;
	const char *unknown;
	enum nla_val (*kind)(unsigned type);
	unsigned af; /* the message's address family, for addresses */
};

static enum nla_val link_kind(unsigned type)
{
	switch (type) {
	case IFLA_IFNAME: case IFLA_QDISC: case IFLA_IFALIAS: case IFLA_PHYS_PORT_NAME:
		return NLA_STR;
	case IFLA_OPERSTATE: case IFLA_LINKMODE: case IFLA_CARRIER: case IFLA_PROTO_DOWN:
		return NLA_U8;
	case IFLA_MTU: case IFLA_TXQLEN: case IFLA_WEIGHT: case IFLA_NET_NS_PID: case IFLA_NUM_VF:
	case IFLA_GROUP: case IFLA_NET_NS_FD: case IFLA_PROMISCUITY: case IFLA_NUM_TX_QUEUES:
	case IFLA_NUM_RX_QUEUES: case IFLA_CARRIER_CHANGES: case IFLA_GSO_MAX_SEGS:
	case IFLA_GSO_MAX_SIZE: case IFLA_CARRIER_UP_COUNT: case IFLA_CARRIER_DOWN_COUNT:
	case IFLA_MIN_MTU: case IFLA_MAX_MTU: case IFLA_COST: case IFLA_PRIORITY:
	case IFLA_GRO_MAX_SIZE: case IFLA_TSO_MAX_SIZE: case IFLA_TSO_MAX_SEGS: case IFLA_ALLMULTI:
		return NLA_U32;
	case IFLA_LINK_NETNSID: case IFLA_NEW_NETNSID: case IFLA_IF_NETNSID:
		return NLA_S32;
	case IFLA_LINK: case IFLA_MASTER: case IFLA_NEW_IFINDEX:
		return NLA_IFINDEX;
	case IFLA_ADDRESS: case IFLA_BROADCAST: case IFLA_PERM_ADDRESS:
		return NLA_HWADDR;
	case IFLA_STATS:
		return NLA_STATS;
	case IFLA_STATS64:
		return NLA_STATS64;
	case IFLA_MAP:
		return NLA_LINK_MAP;
	case IFLA_XDP:
		return NLA_XDP;
	case IFLA_AF_SPEC:
		return NLA_AF_SPEC;
	}
	return NLA_HEX;
}

/* IFLA_AF_SPEC: one attribute per address family */
static enum nla_val af_spec_kind(unsigned type)
{
	return type == AF_INET ? NLA_AF_INET : type == AF_INET6 ? NLA_AF_INET6 : NLA_HEX;
}

static enum nla_val inet_kind(unsigned type)
{
	return type == IFLA_INET_CONF ? NLA_INET_CONF : NLA_HEX;
}

static enum nla_val inet6_kind(unsigned type)
{
	switch (type) {
	case IFLA_INET6_FLAGS:
		return NLA_INET6_FLAGS;
	case IFLA_INET6_CONF:
		return NLA_INET6_CONF;
	case IFLA_INET6_STATS:
		return NLA_INET6_STATS;
	case IFLA_INET6_CACHEINFO:
		return NLA_INET6_CACHEINFO;
	case IFLA_INET6_ICMP6STATS:
		return NLA_ICMP6_STATS;
	case IFLA_INET6_TOKEN:
		return NLA_ADDR;
	case IFLA_INET6_ADDR_GEN_MODE:
		return NLA_ADDR_GEN_MODE;
	case IFLA_INET6_RA_MTU:
		return NLA_U32;
	}
	return NLA_HEX;
}

/* An array indexed by the constants of a table, as strace prints it:
 * [[DEVCONF_FORWARDING]=0, ...]; base 1: the table names index i + 1
 * ([IPV4_DEVCONF_FORWARDING-1]=0). size 4: signed, 8: unsigned. -s
 * elements unless -v. */
static bool indexed(struct sw_dec *d, const uint8_t *p, size_t n, size_t size, const struct sw_xlat *x,
		    const char *unknown, unsigned base)
{
	size_t count = n / size;

	if (!count || n % size)
		return false;
	dec_puts(d, "[");
	for (size_t i = 0; i < count; i++) {
		const char *name = sw_xlat_name(x, i + base);
		uint64_t v = 0;

		if (i && !d->verbose && i == d->strlimit) {
			dec_puts(d, ", ...");
			break;
		}
		memcpy(&v, p + i * size, size);
		if (name)
			dec_printf(d, "%s[%s%s]=", i ? ", " : "", name, base ? "-1" : "");
		else
			dec_printf(d, "%s[%zu /* %s */]=", i ? ", " : "", i, unknown);
		if (size == 4)
			dec_printf(d, "%d", (int32_t)v);
		else
			dec_printf(d, "%" PRIu64, v);
	}
	dec_puts(d, "]");
	return true;
}

/* The attributes nested in IFLA_XDP */
static enum nla_val xdp_kind(unsigned type)
{
	switch (type) {
	case IFLA_XDP_FD: case IFLA_XDP_EXPECTED_FD:
		return NLA_S32;
	case IFLA_XDP_ATTACHED:
		return NLA_XDP_ATTACHED;
	case IFLA_XDP_FLAGS:
		return NLA_XDP_FLAGS;
	case IFLA_XDP_PROG_ID: case IFLA_XDP_DRV_PROG_ID: case IFLA_XDP_SKB_PROG_ID: case IFLA_XDP_HW_PROG_ID:
		return NLA_U32;
	}
	return NLA_HEX;
}

/* struct rtnl_link_stats (u32 fields) and rtnl_link_stats64 (u64): the
 * fields before rx_nohandler, or all of them */
static bool link_stats(struct sw_dec *d, const uint8_t *p, size_t n, size_t size)
{
	static const char *const names[] = {
		"rx_packets", "tx_packets", "rx_bytes", "tx_bytes", "rx_errors", "tx_errors", "rx_dropped",
		"tx_dropped", "multicast", "collisions", "rx_length_errors", "rx_over_errors", "rx_crc_errors",
		"rx_frame_errors", "rx_fifo_errors", "rx_missed_errors", "tx_aborted_errors", "tx_carrier_errors",
		"tx_fifo_errors", "tx_heartbeat_errors", "tx_window_errors", "rx_compressed", "tx_compressed",
		"rx_nohandler", "rx_otherhost_dropped",
	};
	size_t all = size == 4 ? 24 : 25, fields = n / size;

	if (fields >= all)
		fields = all;
	else if (n != 23 * size && n != 24 * size)
		return false;
	for (size_t i = 0; i < fields; i++) {
		uint64_t v = 0;

		memcpy(&v, p + i * size, size);
		dec_printf(d, "%s%s=%" PRIu64, i ? ", " : "{", names[i], v);
	}
	dec_puts(d, "}");
	return true;
}

static void nlattrs(struct sw_dec *d, const uint8_t *p, size_t len, const struct nla_set *set);

static enum nla_val addr_kind(unsigned type)
{
	switch (type) {
	case IFA_ADDRESS: case IFA_LOCAL: case IFA_BROADCAST: case IFA_ANYCAST: case IFA_MULTICAST:
		return NLA_ADDR;
	case IFA_LABEL:
		return NLA_STR;
	case IFA_FLAGS:
		return NLA_IFA_FLAGS;
	case IFA_RT_PRIORITY:
		return NLA_U32;
	case IFA_CACHEINFO:
		return NLA_IFA_CACHEINFO;
	}
	return NLA_HEX;
}

static enum nla_val route_kind(unsigned type)
{
	switch (type) {
	case RTA_DST: case RTA_SRC: case RTA_GATEWAY: case RTA_PREFSRC:
		return NLA_ADDR;
	case RTA_IIF: case RTA_OIF:
		return NLA_IFINDEX;
	case RTA_PRIORITY: case RTA_FLOW: case RTA_MARK: case RTA_UID: case RTA_NH_ID:
		return NLA_U32;
	case RTA_TABLE:
		return NLA_TABLE;
	case RTA_CACHEINFO:
		return NLA_RTA_CACHEINFO;
	}
	return NLA_HEX;
}

static enum nla_val neigh_kind(unsigned type)
{
	switch (type) {
	case NDA_DST:
		return NLA_ADDR;
	case NDA_PROBES: case NDA_VNI: case NDA_IFINDEX: case NDA_MASTER: case NDA_LINK_NETNSID:
	case NDA_SRC_VNI:
		return type == NDA_IFINDEX || type == NDA_MASTER ? NLA_IFINDEX : NLA_U32;
	}
	return NLA_HEX;
}

/* An attribute's data as the set says; false: shown as hex by the caller. */
static bool nla_value(struct sw_dec *d, const struct nla_set *set, unsigned type, const uint8_t *p, size_t n)
{
	uint32_t u;
	char ip[INET6_ADDRSTRLEN];

	switch (set->kind(type)) {
	case NLA_STR:
		dec_quoted(d, p, n && p[n - 1] == '\0' ? n - 1 : n, false);
		return true;
	case NLA_U8:
		if (n < 1)
			return false;
		dec_printf(d, "%u", p[0]);
		return true;
	case NLA_U32:
	case NLA_S32:
	case NLA_IFINDEX:
	case NLA_TABLE:
	case NLA_IFA_FLAGS:
	case NLA_XDP_FLAGS:
	case NLA_INET6_FLAGS:
		if (n < sizeof(u))
			return false;
		memcpy(&u, p, sizeof(u));
		if (set->kind(type) == NLA_IFINDEX)
			dec_ifindex(d, u);
		else if (set->kind(type) == NLA_TABLE)
			dec_enum_dec(d, &sw_xlat_rt_tables, u, NULL);
		else if (set->kind(type) == NLA_IFA_FLAGS)
			dec_flags(d, &sw_xlat_ifa_flags, u);
		else if (set->kind(type) == NLA_XDP_FLAGS)
			dec_flags(d, &sw_xlat_xdp_flags, u);
		else if (set->kind(type) == NLA_INET6_FLAGS)
			dec_flags(d, &sw_xlat_inet6_if_flags, u);
		else if (set->kind(type) == NLA_S32)
			dec_printf(d, "%d", (int32_t)u);
		else
			dec_printf(d, "%u", u);
		return true;
	case NLA_ADDR:
		if (set->af == AF_INET && n >= 4) {
			inet_ntop(AF_INET, p, ip, sizeof(ip));
			dec_printf(d, "inet_addr(\"%s\")", ip);
			return true;
		}
		if (set->af == AF_INET6 && n >= 16) {
			inet_ntop(AF_INET6, p, ip, sizeof(ip));
			dec_printf(d, "inet_pton(AF_INET6, \"%s\")", ip);
			return true;
		}
		return false;
	case NLA_RTA_CACHEINFO: {
		struct rta_cacheinfo ci;

		if (n < sizeof(ci))
			return false;
		memcpy(&ci, p, sizeof(ci));
		dec_printf(d, "{rta_clntref=%u, rta_lastuse=%u, rta_expires=%d, rta_error=%u, rta_used=%u, "
			   "rta_id=%u, rta_ts=%u, rta_tsage=%u}", ci.rta_clntref, ci.rta_lastuse, ci.rta_expires,
			   ci.rta_error, ci.rta_used, ci.rta_id, ci.rta_ts, ci.rta_tsage);
		return true;
	}
	case NLA_IFA_CACHEINFO: {
		struct ifa_cacheinfo ci;

		if (n < sizeof(ci))
			return false;
		memcpy(&ci, p, sizeof(ci));
		dec_printf(d, "{ifa_prefered=%u, ifa_valid=%u, cstamp=%u, tstamp=%u}", ci.ifa_prefered,
			   ci.ifa_valid, ci.cstamp, ci.tstamp);
		return true;
	}
	case NLA_HWADDR:
		for (size_t i = 0; i < n; i++)
			dec_printf(d, "%s%02x", i ? ":" : "", p[i]);
		return n > 0;
	case NLA_STATS:
		return link_stats(d, p, n, 4);
	case NLA_STATS64:
		return link_stats(d, p, n, 8);
	case NLA_LINK_MAP: {
		struct rtnl_link_ifmap m;

		if (n < sizeof(m))
			return false;
		memcpy(&m, p, sizeof(m));
		dec_printf(d, "{mem_start=%#" PRIx64 ", mem_end=%#" PRIx64 ", base_addr=%#" PRIx64
			   ", irq=%u, dma=%u, port=%u}", (uint64_t)m.mem_start, (uint64_t)m.mem_end,
			   (uint64_t)m.base_addr, m.irq, m.dma, m.port);
		return true;
	}
	case NLA_XDP: {
		struct nla_set xdp = { &sw_xlat_rtnl_xdp_attrs, "IFLA_XDP_???", xdp_kind, 0 };

		nlattrs(d, p, n, &xdp);
		return true;
	}
	case NLA_XDP_ATTACHED:
		if (n < 1)
			return false;
		dec_enum(d, &sw_xlat_xdp_attached, p[0], "XDP_ATTACHED_???");
		return true;
	case NLA_AF_SPEC: {
		struct nla_set af = { &sw_xlat_address_families, "AF_???", af_spec_kind, 0 };

		nlattrs(d, p, n, &af);
		return true;
	}
	case NLA_AF_INET: {
		struct nla_set in = { &sw_xlat_rtnl_ifla_inet_attrs, "IFLA_INET_???", inet_kind, AF_INET };

		nlattrs(d, p, n, &in);
		return true;
	}
	case NLA_AF_INET6: {
		struct nla_set in6 = { &sw_xlat_rtnl_ifla_inet6_attrs, "IFLA_INET6_???", inet6_kind, AF_INET6 };

		nlattrs(d, p, n, &in6);
		return true;
	}
	case NLA_INET_CONF:
		return indexed(d, p, n, 4, &sw_xlat_ipv4_devconf, "IPV4_DEVCONF_???", 1);
	case NLA_INET6_CONF:
		return indexed(d, p, n, 4, &sw_xlat_ipv6_devconf, "DEVCONF_???", 0);
	case NLA_INET6_STATS:
		return indexed(d, p, n, 8, &sw_xlat_snmp_ip_stats, "IPSTATS_MIB_???", 0);
	case NLA_ICMP6_STATS:
		return indexed(d, p, n, 8, &sw_xlat_snmp_icmp6_stats, "ICMP6_MIB_???", 0);
	case NLA_INET6_CACHEINFO: {
		struct ifla_cacheinfo ci;

		if (n < sizeof(ci))
			return false;
		memcpy(&ci, p, sizeof(ci));
		dec_printf(d, "{max_reasm_len=%u, tstamp=%u, reachable_time=%u, retrans_time=%u}", ci.max_reasm_len,
			   ci.tstamp, ci.reachable_time, ci.retrans_time);
		return true;
	}
	case NLA_ADDR_GEN_MODE:
		if (n < 1)
			return false;
		dec_enum(d, &sw_xlat_in6_addr_gen_mode, p[0], "IN6_ADDR_GEN_MODE_???");
		return true;
	case NLA_HEX:
		break;
	}
	return false;
}

/* [{nla_len=8, nla_type=IFLA_MTU}, 1500] */
static void nlattr(struct sw_dec *d, const uint8_t *p, size_t len, const void *ctx)
{
	const struct nla_set *set = ctx;
	struct nlattr nla;
	size_t alen, n;

	memcpy(&nla, p, sizeof(nla));
	alen = nla.nla_len < len ? nla.nla_len : len;
	if (alen > NLA_HDRLEN)
		dec_puts(d, "[");
	dec_printf(d, "{nla_len=%u, nla_type=", nla.nla_len);
	if (nla.nla_type & NLA_F_NESTED)
		dec_puts(d, "NLA_F_NESTED|");
	if (nla.nla_type & NLA_F_NET_BYTEORDER)
		dec_puts(d, "NLA_F_NET_BYTEORDER|");
	dec_enum(d, set->names, nla.nla_type & NLA_TYPE_MASK, set->unknown);
	dec_puts(d, "}");
	if (alen > NLA_HDRLEN) {
		n = alen - NLA_HDRLEN;
		dec_puts(d, ", ");
		if (!nla_value(d, set, nla.nla_type & NLA_TYPE_MASK, p + NLA_HDRLEN, n))
			hexstr(d, p + NLA_HDRLEN, n);
		dec_puts(d, "]");
	}
}

static void nlattrs(struct sw_dec *d, const uint8_t *p, size_t len, const struct nla_set *set)
{
	records(d, p, len, sizeof(struct nlattr), nlattr, set);
}

/* ---- NETLINK_ROUTE payloads ---- */

/* "{ifi_family=AF_INET": the family byte every route message starts with;
 * false (and ", ...}" printed) when the message is shorter than its header
 * of size bytes, which is then copied to m. */
static bool rt_head(struct sw_dec *d, const char *field, const uint8_t *p, size_t len, void *m, size_t size)
{
	dec_printf(d, "{%s=", field);
	family(d, p[0]);
	if (len < size) {
		dec_puts(d, ", ...}");
		return false;
	}
	memcpy(m, p, size);
	return true;
}

/* The attributes after a fixed header of hdr bytes, when there are any. */
static void route_attrs(struct sw_dec *d, const uint8_t *p, size_t len, size_t hdr, const struct nla_set *set)
{
	size_t off = NLMSG_ALIGN(hdr);

	if (len > off) {
		dec_puts(d, ", ");
		nlattrs(d, p + off, len - off, set);
	}
}

static void rt_ifinfomsg(struct sw_dec *d, const uint8_t *p, size_t len)
{
	struct ifinfomsg m;
	struct nla_set set = { &sw_xlat_rtnl_link_attrs, "IFLA_???", link_kind, 0 };

	if (!rt_head(d, "ifi_family", p, len, &m, sizeof(m)))
		return;
	dec_puts(d, ", ifi_type=");
	dec_enum(d, &sw_xlat_arp_hardware_types, m.ifi_type, "ARPHRD_???");
	dec_puts(d, ", ifi_index=");
	dec_ifindex(d, (unsigned)m.ifi_index);
	dec_puts(d, ", ifi_flags=");
	dec_flags(d, &sw_xlat_iff_flags, m.ifi_flags);
	dec_puts(d, ", ifi_change=");
	dec_hex(d, m.ifi_change);
	dec_puts(d, "}");
	route_attrs(d, p, len, sizeof(m), &set);
}

static void rt_ifaddrmsg(struct sw_dec *d, const uint8_t *p, size_t len)
{
	struct ifaddrmsg m;
	struct nla_set set = { &sw_xlat_rtnl_addr_attrs, "IFA_???", addr_kind, p[0] };

	if (!rt_head(d, "ifa_family", p, len, &m, sizeof(m)))
		return;
	dec_printf(d, ", ifa_prefixlen=%u, ifa_flags=", m.ifa_prefixlen);
	dec_flags(d, &sw_xlat_ifa_flags, m.ifa_flags);
	dec_puts(d, ", ifa_scope=");
	dec_enum(d, &sw_xlat_rt_scopes, m.ifa_scope, NULL);
	dec_puts(d, ", ifa_index=");
	dec_ifindex(d, m.ifa_index);
	dec_puts(d, "}");
	route_attrs(d, p, len, sizeof(m), &set);
}

static void rt_rtmsg(struct sw_dec *d, const uint8_t *p, size_t len)
{
	struct rtmsg m;
	struct nla_set set = { &sw_xlat_rtnl_route_attrs, "RTA_???", route_kind, p[0] };

	if (!rt_head(d, "rtm_family", p, len, &m, sizeof(m)))
		return;
	dec_printf(d, ", rtm_dst_len=%u, rtm_src_len=%u, rtm_tos=%u, rtm_table=", m.rtm_dst_len, m.rtm_src_len,
		   m.rtm_tos);
	dec_enum_dec(d, &sw_xlat_rt_tables, m.rtm_table, NULL);
	dec_puts(d, ", rtm_protocol=");
	dec_enum_dec(d, &sw_xlat_rt_protocols, m.rtm_protocol, NULL);
	dec_puts(d, ", rtm_scope=");
	dec_enum_dec(d, &sw_xlat_rt_scopes, m.rtm_scope, NULL);
	dec_puts(d, ", rtm_type=");
	dec_enum_dec(d, &sw_xlat_rtn_types, m.rtm_type, NULL);
	dec_puts(d, ", rtm_flags=");
	dec_flags(d, &sw_xlat_rtm_flags, m.rtm_flags);
	dec_puts(d, "}");
	route_attrs(d, p, len, sizeof(m), &set);
}

static void rt_ndmsg(struct sw_dec *d, const uint8_t *p, size_t len)
{
	struct ndmsg m;
	struct nla_set set = { &sw_xlat_rtnl_neigh_attrs, "NDA_???", neigh_kind, p[0] };

	if (!rt_head(d, "ndm_family", p, len, &m, sizeof(m)))
		return;
	dec_puts(d, ", ndm_ifindex=");
	dec_ifindex(d, (unsigned)m.ndm_ifindex);
	dec_puts(d, ", ndm_state=");
	dec_flags(d, &sw_xlat_nud_states, m.ndm_state);
	dec_puts(d, ", ndm_flags=");
	dec_flags(d, &sw_xlat_ntf_flags, m.ndm_flags);
	dec_puts(d, ", ndm_type=");
	dec_enum(d, &sw_xlat_rtn_types, m.ndm_type, NULL);
	dec_puts(d, "}");
	route_attrs(d, p, len, sizeof(m), &set);
}

/* False when the payload is left to the generic form. */
static bool route_payload(struct sw_dec *d, unsigned type, const uint8_t *p, size_t len)
{
	if (type == NLMSG_DONE)
		return false;
	switch (type) {
	case RTM_NEWLINK: case RTM_DELLINK: case RTM_GETLINK: case RTM_SETLINK:
		rt_ifinfomsg(d, p, len);
		return true;
	case RTM_NEWADDR: case RTM_DELADDR: case RTM_GETADDR: case RTM_GETMULTICAST: case RTM_GETANYCAST:
		rt_ifaddrmsg(d, p, len);
		return true;
	case RTM_NEWROUTE: case RTM_DELROUTE: case RTM_GETROUTE:
		rt_rtmsg(d, p, len);
		return true;
	case RTM_NEWNEIGH: case RTM_DELNEIGH: case RTM_GETNEIGH:
		rt_ndmsg(d, p, len);
		return true;
	}
	/* a type without a decoder here: its family byte, then the rest */
	dec_puts(d, "{family=");
	family(d, p[0]);
	if (len > 1) {
		dec_puts(d, ", data=");
		hexstr(d, p + 1, len - 1);
	}
	dec_puts(d, "}");
	return true;
}

/* ---- messages ---- */

static void nlmsg_type(struct sw_dec *d, unsigned type, int proto)
{
	if (type < NLMSG_MIN_TYPE || proto == NL_PROTO_UNKNOWN) {
		dec_enum(d, &sw_xlat_nlmsg_types, type, "NLMSG_???");
		return;
	}
	switch (proto) {
	case NETLINK_ROUTE:
		dec_enum(d, &sw_xlat_nl_route_types, type, "RTM_???");
		return;
	case NETLINK_SOCK_DIAG:
		dec_enum(d, &sw_xlat_nl_sock_diag_types, type, "SOCK_DIAG_???");
		return;
	case NETLINK_AUDIT:
		dec_enum(d, &sw_xlat_nl_audit_types, type, "AUDIT_???");
		return;
	case NETLINK_GENERIC:
		if (type == GENL_ID_CTRL_VALUE) {
			dec_puts(d, "nlctrl");
			return;
		}
		break;
	}
	dec_enum(d, &sw_xlat_nlmsg_types, type, "NLMSG_???");
}

static void nlmsg_flags(struct sw_dec *d, unsigned flags, unsigned type, int proto)
{
	const struct sw_xlat *more = NULL;

	if (proto == NETLINK_SOCK_DIAG)
		more = &sw_xlat_nlmsg_get_flags;
	else if (proto == NETLINK_ROUTE && type == RTM_DELACTION)
		more = &sw_xlat_nlmsg_get_flags;
	else if (proto == NETLINK_ROUTE && (type & 3) == 0)
		more = &sw_xlat_nlmsg_new_flags;
	else if (proto == NETLINK_ROUTE && (type & 3) == 2)
		more = &sw_xlat_nlmsg_get_flags;
	if (type == NLMSG_ERROR)
		more = &sw_xlat_nlmsg_ack_flags;
	if (!flags) {
		dec_puts(d, "0");
		return;
	}
	flags2(d, &sw_xlat_nlmsg_flags, more, flags);
}

static void nlmsghdr(struct sw_dec *d, const struct nlmsghdr *h, int proto)
{
	dec_printf(d, "{nlmsg_len=%u, nlmsg_type=", h->nlmsg_len);
	nlmsg_type(d, h->nlmsg_type, proto);
	dec_puts(d, ", nlmsg_flags=");
	nlmsg_flags(d, h->nlmsg_flags, h->nlmsg_type, proto);
	dec_printf(d, ", nlmsg_seq=%u, nlmsg_pid=%u}", h->nlmsg_seq, h->nlmsg_pid);
}

static void nlmsg(struct sw_dec *d, const struct nlmsghdr *h, const uint8_t *p, size_t len, int proto,
		  unsigned depth);

/* {error=-EACCES, msg=...}: the error and the message it answers. */
static void nlmsgerr(struct sw_dec *d, const uint8_t *p, size_t len, int proto, bool capped, unsigned depth)
{
	int32_t err;
	struct nlmsghdr h;
	size_t payload;

	if (len < sizeof(err)) {
		hexstr(d, p, len);
		return;
	}
	memcpy(&err, p, sizeof(err));
	dec_puts(d, "{error=");
	if (err < 0 && err > -4096 && sw_errno_name(-err))
		dec_printf(d, "-%s", sw_errno_name(-err));
	else
		dec_printf(d, "%d", err);
	p += sizeof(err);
	len -= sizeof(err);
	if (len) {
		dec_puts(d, ", msg=");
		if (len < sizeof(h)) {
			hexstr(d, p, len);
		} else {
			memcpy(&h, p, sizeof(h));
			payload = capped ? sizeof(h) : h.nlmsg_len;
			if (payload > len)
				payload = len;
			nlmsg(d, &h, p, payload, proto, depth + 1);
			if (len > payload) {
				dec_puts(d, ", ");
				hexstr(d, p + payload, len - payload);
			}
		}
	}
	dec_puts(d, "}");
}

static void payload(struct sw_dec *d, const struct nlmsghdr *h, const uint8_t *p, size_t len, int proto,
		    unsigned depth)
{
	int32_t v;

	if (h->nlmsg_type == NLMSG_ERROR) {
		nlmsgerr(d, p, len, proto, h->nlmsg_flags & NLM_F_CAPPED, depth);
		return;
	}
	if (proto == NETLINK_ROUTE && route_payload(d, h->nlmsg_type, p, len))
		return;
	if (h->nlmsg_type == NLMSG_DONE && len == sizeof(v)) {
		memcpy(&v, p, sizeof(v));
		dec_printf(d, "%d", v);
		return;
	}
	hexstr(d, p, len);
}

/* One message: {nlmsghdr}, or [{nlmsghdr}, payload] when it has one. len is
 * what is left of the buffer from the header on. */
static void nlmsg(struct sw_dec *d, const struct nlmsghdr *h, const uint8_t *p, size_t len, int proto,
		  unsigned depth)
{
	size_t mlen = h->nlmsg_len < len ? h->nlmsg_len : len;

	if (mlen > NLMSG_HDRLEN)
		dec_puts(d, "[");
	nlmsghdr(d, h, proto);
	if (mlen > NLMSG_HDRLEN) {
		dec_puts(d, ", ");
		if (depth > 8) /* NLMSG_ERROR quoting NLMSG_ERROR ...: enough */
			hexstr(d, p + NLMSG_HDRLEN, mlen - NLMSG_HDRLEN);
		else
			payload(d, h, p + NLMSG_HDRLEN, mlen - NLMSG_HDRLEN, proto, depth);
		dec_puts(d, "]");
	}
}

static void nlmsg_at(struct sw_dec *d, const uint8_t *p, size_t len, const void *ctx)
{
	struct nlmsghdr h;

	memcpy(&h, p, sizeof(h));
	nlmsg(d, &h, p, len, *(const int *)ctx, 0);
}

static void netlink(struct sw_dec *d, const uint8_t *p, size_t len, int proto)
{
	records(d, p, len, sizeof(struct nlmsghdr), nlmsg_at, &proto);
}

/* The protocol of a netlink socket argument, NL_PROTO_UNKNOWN when it is a
 * netlink socket whose protocol is not known (not bound yet, as for
 * strace), or -2 when it is not a netlink socket. */
static int netlink_proto(const struct sw_dec *d, unsigned fd_arg)
{
	struct sw_fdinfo fi;
	const char *path;

	if (!sw_event_fdinfo(d->ev, fd_arg, &fi, &path) || fi.type != SW_FD_SOCKET || fi.family != AF_NETLINK)
		return -2;
	return fi.portid ? fi.protocol : NL_PROTO_UNKNOWN;
}

void dec_sockbuf(struct sw_dec *d, unsigned arg, int when, uint64_t len)
{
	const struct sw_capture *c = dec_cap(d, arg, when);
	int proto = netlink_proto(d, 0);

	if (proto == -2 || !c || d->no_deref) {
		dec_buf(d, arg, when, len);
		return;
	}
	netlink(d, sw_capture_data(d->ev, c), len < c->len ? (size_t)len : c->len, proto);
}

bool dec_netlink_bytes(struct sw_dec *d, const uint8_t *p, size_t len)
{
	int proto = netlink_proto(d, 0);

	if (proto == -2)
		return false;
	netlink(d, p, len, proto);
	return true;
}
