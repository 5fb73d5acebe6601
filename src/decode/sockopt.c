// SPDX-License-Identifier: GPL-2.0-only
/* Socket options: setsockopt(2)/getsockopt(2) names per level and the
 * values strace decodes (struct linger, ucred, ip_mreq, ipv6_mreq,
 * packet_mreq, tpacket_req, tpacket_stats, sock_fprog, netlink groups). */
#include <inttypes.h>
#include <string.h>
#include <arpa/inet.h>
#include <linux/filter.h>
#include <linux/if_packet.h>
#include <linux/netlink.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <netinet/udp.h>
#include <sys/socket.h>

#include "decode/dec.h"

#ifndef SOL_TLS
#define SOL_TLS 282
#endif
#ifndef SOL_XDP
#define SOL_XDP 283
#endif
#ifndef SOL_ALG
#define SOL_ALG 279
#endif

/* The levels of the less common families (by number: not every C library
 * names them). */
static const struct sw_xlat *sockopt_names_other(int level, const char **unknown)
{
	static const struct {
		int level;
		const struct sw_xlat *names;
		const char *unknown;
	} levels[] = {
		{ 132, &sw_xlat_sol_sctp_options, "SCTP_???" },
		{ 256, &sw_xlat_sol_ipx_options, "IPX_???" },
		{ 257, &sw_xlat_sol_ax25_options, "AX25_???" },
		{ 266, &sw_xlat_sol_irda_options, "IRLMP_???" },
		{ 268, &sw_xlat_sol_llc_options, "LLC_OPT_???" },
		{ 269, &sw_xlat_sol_dccp_options, "DCCP_SOCKOPT_???" },
		{ 271, &sw_xlat_sol_tipc_options, "TIPC_???" },
		{ 272, &sw_xlat_sol_rxrpc_options, "RXRPC_???" },
		{ 273, &sw_xlat_sol_pppol2tp_options, "PPPOL2TP_SO_???" },
		{ 274, &sw_xlat_sol_bluetooth_options, "BT_???" },
		{ 275, &sw_xlat_sol_pnpipe_options, "PNPIPE_???" },
		{ 276, &sw_xlat_sol_rds_options, "RDS_???" },
		{ 277, &sw_xlat_sol_iucv_options, "SO_???" },
		{ 278, &sw_xlat_sol_caif_options, "CAIFSO_???" },
		{ 280, &sw_xlat_sol_nfc_options, "NFC_LLCP_???" },
		{ 281, &sw_xlat_sol_kcm_options, "KCM_???" },
	};

	for (size_t i = 0; i < sizeof(levels) / sizeof(levels[0]); i++)
		if (levels[i].level == level) {
			*unknown = levels[i].unknown;
			return levels[i].names;
		}
	return NULL;
}

/* The option names of a level, and what an unknown name is called. */
static const struct sw_xlat *sockopt_names(int level, const char **unknown)
{
	*unknown = NULL;
	switch (level) {
	case SOL_SOCKET: return &sw_xlat_socket_options;
	case IPPROTO_TCP: return &sw_xlat_tcp_options;
	case SOL_IP: return &sw_xlat_ip_options;
	case SOL_IPV6: return &sw_xlat_ipv6_options;
	case IPPROTO_UDP: return &sw_xlat_sol_udp_options;
	case SOL_RAW: *unknown = "RAW_???"; return &sw_xlat_sol_raw_options;
	case SOL_PACKET: return &sw_xlat_sol_packet_options;
	case SOL_NETLINK: return &sw_xlat_sol_netlink_options;
	case SOL_TLS: return &sw_xlat_sol_tls_options;
	case SOL_XDP: return &sw_xlat_sol_xdp_options;
	case SOL_ALG: *unknown = "ALG_???"; return &sw_xlat_sol_alg_options;
	}
	return sockopt_names_other(level, unknown);
}

/* The names only one direction has (SO_GET_FILTER is SO_ATTACH_FILTER's
 * number; the netfilter tables' at SOL_IP and SOL_IPV6 share numbers),
 * before the level's own. */
static const struct sw_xlat *sockopt_dir_names(int level, bool get)
{
	if (level == SOL_SOCKET)
		return get ? &sw_xlat_socket_get_options : NULL;
	if (level == SOL_IP)
		return get ? &sw_xlat_ip_get_options : &sw_xlat_ip_set_options;
	if (level == SOL_IPV6)
		return get ? &sw_xlat_ipv6_get_options : &sw_xlat_ipv6_set_options;
	return NULL;
}

static void sockopt_level_name(struct sw_dec *d, bool get)
{
	int level = (int)d->args[1];
	const char *unknown;
	const struct sw_xlat *names = sockopt_names(level, &unknown);
	const struct sw_xlat *dir = sockopt_dir_names(level, get);

	dec_sep(d);
	dec_enum(d, &sw_xlat_socket_levels, (uint32_t)level, NULL);
	dec_sep(d);
	if (dir && sw_xlat_name(dir, (uint32_t)d->args[2]))
		dec_enum(d, dir, (uint32_t)d->args[2], NULL);
	else if (names)
		dec_enum(d, names, (uint32_t)d->args[2], unknown);
	else
		dec_printf(d, "%u", (unsigned)d->args[2]);
}

static void in_addr(struct sw_dec *d, const char *field, const void *a)
{
	char ip[INET_ADDRSTRLEN];

	inet_ntop(AF_INET, a, ip, sizeof(ip));
	dec_printf(d, "%s=inet_addr(\"%s\")", field, ip);
}

/* What a value decoder has: the bytes the option holds (len), of which the
 * capture holds have. */
struct optval {
	const uint8_t *v;
	size_t len, have;
};

static bool get(const struct optval *o, void *out, size_t size)
{
	if (o->len < size || o->have < size)
		return false;
	memcpy(out, o->v, size);
	return true;
}

static bool val_int(struct sw_dec *d, const struct optval *o)
{
	int32_t i;

	if (!get(o, &i, sizeof(i)))
		return false;
	dec_printf(d, "[%d]", i);
	return true;
}

/* Any other length: the bytes as a string up to the string limit (in hex
 * escapes: hex). */
static bool val_bytes(struct sw_dec *d, const struct optval *o, bool hex)
{
	size_t n = o->len < d->strlimit ? o->len : d->strlimit;

	if (o->have < n)
		return false;
	if (hex)
		dec_quoted_hex(d, o->v, n, o->len > n);
	else
		dec_quoted(d, o->v, n, o->len > n);
	return true;
}

static bool val_linger(struct sw_dec *d, const struct optval *o)
{
	struct linger lg;

	if (!get(o, &lg, sizeof(lg)))
		return false;
	dec_printf(d, "{l_onoff=%d, l_linger=%d}", lg.l_onoff, lg.l_linger);
	return true;
}

/* A structure of 32-bit fields, of which getsockopt may return only the
 * first few: {pid=1} from a 4-byte ucred, as strace shows it. */
static bool val_fields(struct sw_dec *d, const struct optval *o, const char *const *names, size_t n)
{
	size_t k = o->len / sizeof(int32_t);

	if (k > n)
		k = n;
	if (!k || o->have < k * sizeof(int32_t))
		return false;
	dec_puts(d, "{");
	for (size_t i = 0; i < k; i++) {
		int32_t v;

		memcpy(&v, o->v + i * sizeof(v), sizeof(v));
		dec_printf(d, "%s%s=%d", i ? ", " : "", names[i], v);
	}
	dec_puts(d, "}");
	return true;
}

static bool val_ucred(struct sw_dec *d, const struct optval *o)
{
	static const char *const names[] = { "pid", "uid", "gid" };

	return val_fields(d, o, names, 3);
}

static bool val_fprog(struct sw_dec *d, const struct optval *o)
{
	struct sock_fprog fp;

	if (o->len != sizeof(fp) || !get(o, &fp, sizeof(fp)))
		return false;
	dec_printf(d, "{len=%u, filter=", fp.len);
	dec_addr(d, (uint64_t)(uintptr_t)fp.filter);
	dec_puts(d, "}");
	return true;
}

static bool val_mreq(struct sw_dec *d, const struct optval *o)
{
	struct ip_mreq m;

	if (!get(o, &m, sizeof(m)))
		return false;
	dec_puts(d, "{");
	in_addr(d, "imr_multiaddr", &m.imr_multiaddr);
	dec_puts(d, ", ");
	in_addr(d, "imr_interface", &m.imr_interface);
	dec_puts(d, "}");
	return true;
}

static bool val_mreq6(struct sw_dec *d, const struct optval *o)
{
	struct ipv6_mreq m;
	char ip[INET6_ADDRSTRLEN];

	if (!get(o, &m, sizeof(m)))
		return false;
	inet_ntop(AF_INET6, &m.ipv6mr_multiaddr, ip, sizeof(ip));
	dec_printf(d, "{inet_pton(AF_INET6, \"%s\", &ipv6mr_multiaddr), ipv6mr_interface=", ip);
	dec_ifindex(d, m.ipv6mr_interface);
	dec_puts(d, "}");
	return true;
}

static bool val_packet_mreq(struct sw_dec *d, const struct optval *o)
{
	struct packet_mreq m;

	if (!get(o, &m, sizeof(m)))
		return false;
	dec_puts(d, "{mr_ifindex=");
	dec_ifindex(d, (unsigned)m.mr_ifindex);
	dec_puts(d, ", mr_type=");
	dec_enum(d, &sw_xlat_packet_mr_types, m.mr_type, "PACKET_MR_???");
	dec_printf(d, ", mr_alen=%u, mr_address=", m.mr_alen);
	for (unsigned i = 0; i < m.mr_alen && i < sizeof(m.mr_address); i++)
		dec_printf(d, "%02x", m.mr_address[i]);
	dec_puts(d, "}");
	return true;
}

static bool val_tpacket_req(struct sw_dec *d, const struct optval *o)
{
	struct tpacket_req3 r;

	if ((o->len != sizeof(struct tpacket_req) && o->len != sizeof(r)) || o->have < o->len)
		return false;
	memset(&r, 0, sizeof(r));
	memcpy(&r, o->v, o->len);
	dec_printf(d, "{tp_block_size=%u, tp_block_nr=%u, tp_frame_size=%u, tp_frame_nr=%u",
		   r.tp_block_size, r.tp_block_nr, r.tp_frame_size, r.tp_frame_nr);
	if (o->len == sizeof(r))
		dec_printf(d, ", tp_retire_blk_tov=%u, tp_sizeof_priv=%u, tp_feature_req_word=%u",
			   r.tp_retire_blk_tov, r.tp_sizeof_priv, r.tp_feature_req_word);
	dec_puts(d, "}");
	return true;
}

static bool val_tpacket_stats(struct sw_dec *d, const struct optval *o)
{
	struct tpacket_stats_v3 st;

	if (o->len < sizeof(struct tpacket_stats) || o->have < sizeof(struct tpacket_stats))
		return false;
	memset(&st, 0, sizeof(st));
	memcpy(&st, o->v, o->have < sizeof(st) ? o->have : sizeof(st));
	dec_printf(d, "{tp_packets=%u, tp_drops=%u", st.tp_packets, st.tp_drops);
	if (o->len >= sizeof(st) && o->have >= sizeof(st))
		dec_printf(d, ", tp_freeze_q_cnt=%u", st.tp_freeze_q_cnt);
	dec_puts(d, "}");
	return true;
}

/* NETLINK_LIST_MEMBERSHIPS: the group bitmap as an array of u32. */
static bool val_u32_array(struct sw_dec *d, const struct optval *o)
{
	size_t n = o->len / sizeof(uint32_t);

	if (n * sizeof(uint32_t) > o->have)
		return false;
	dec_puts(d, "[");
	for (size_t i = 0; i < n; i++) {
		uint32_t v;

		memcpy(&v, o->v + i * sizeof(v), sizeof(v));
		dec_printf(d, "%s%u", i ? ", " : "", v);
	}
	dec_puts(d, "]");
	return true;
}

/* The value setsockopt passes, or false for the address. */
static bool set_value(struct sw_dec *d, const struct optval *o)
{
	int level = (int)d->args[1], name = (int)d->args[2];

	switch (level) {
	case SOL_SOCKET:
		if (name == SO_LINGER)
			return val_linger(d, o);
		if (name == SO_ATTACH_FILTER || name == SO_ATTACH_REUSEPORT_CBPF)
			return val_fprog(d, o);
		return val_int(d, o); /* an int, whatever the length */
	case SOL_IP:
		if (name == IP_ADD_MEMBERSHIP || name == IP_DROP_MEMBERSHIP)
			return val_mreq(d, o);
		if (name == MCAST_JOIN_GROUP || name == MCAST_LEAVE_GROUP)
			return false; /* struct group_req: not decoded, an address */
		break;
	case SOL_IPV6:
		if (name == IPV6_ADD_MEMBERSHIP || name == IPV6_DROP_MEMBERSHIP ||
		    name == IPV6_JOIN_ANYCAST || name == IPV6_LEAVE_ANYCAST)
			return val_mreq6(d, o);
		if (name == MCAST_JOIN_GROUP || name == MCAST_LEAVE_GROUP)
			return false;
		break;
	case SOL_PACKET:
		if (name == PACKET_RX_RING || name == PACKET_TX_RING)
			return val_tpacket_req(d, o);
		if (name == PACKET_ADD_MEMBERSHIP || name == PACKET_DROP_MEMBERSHIP)
			return val_packet_mreq(d, o);
		break;
	case SOL_NETLINK:
		return val_int(d, o);
	}
	return o->len == sizeof(int32_t) ? val_int(d, o) : val_bytes(d, o, false);
}

/* The value getsockopt returned (len: the length it returned). */
static bool get_value(struct sw_dec *d, const struct optval *o)
{
	int level = (int)d->args[1], name = (int)d->args[2];

	switch (level) {
	case SOL_SOCKET:
		if (name == SO_LINGER)
			return val_fields(d, o, (const char *const[]){ "l_onoff", "l_linger" }, 2);
		if (name == SO_PEERCRED)
			return val_ucred(d, o);
		if (name == SO_ERROR && o->len != sizeof(int32_t))
			return val_bytes(d, o, true);
		break;
	case SOL_PACKET:
		if (name == PACKET_STATISTICS)
			return val_tpacket_stats(d, o);
		break;
	case SOL_NETLINK:
		if (name == NETLINK_LIST_MEMBERSHIPS)
			return val_u32_array(d, o);
		return val_int(d, o);
	}
	return o->len == sizeof(int32_t) ? val_int(d, o) : val_bytes(d, o, false);
}

/* The length behind a socklen_t * at entry or exit, or -1. */
static int64_t socklen(const struct sw_dec *d, unsigned arg, int when)
{
	uint32_t v;

	if (arg >= SW_NARGS || !dec_get(d, arg, when, &v, sizeof(v)))
		return -1;
	return (int32_t)v;
}

static void decode_setsockopt(struct sw_dec *d)
{
	const struct sw_capture *c = dec_cap(d, 3, SW_AT_ENTER);
	int32_t len = (int32_t)d->args[4];

	dec_arg(d, 0);
	sockopt_level_name(d, false);
	dec_sep(d);
	if (!c || len < 0 ||
	    !set_value(d, &(struct optval){ sw_capture_data(d->ev, c), (size_t)len, c->len }))
		dec_addr(d, d->args[3]);
	dec_arg_as(d, 4, SW_T_INT, 0, NULL);
}

static void decode_getsockopt(struct sw_dec *d)
{
	const struct sw_capture *c = dec_cap(d, 3, SW_AT_EXIT);
	int64_t ulen = socklen(d, 4, SW_AT_ENTER), len = socklen(d, 4, SW_AT_EXIT);

	dec_arg(d, 0);
	sockopt_level_name(d, true);
	dec_sep(d);
	if (dec_failed(d) || !c || ulen <= 0 || len <= 0 ||
	    !get_value(d, &(struct optval){ sw_capture_data(d->ev, c), (size_t)len, c->len }))
		dec_addr(d, d->args[3]);
	dec_arg_as(d, 4, SW_T_SOCKLEN_PTR, 0, NULL);
}

DEC_SYSCALL(getsockopt, decode_getsockopt, NULL);
DEC_SYSCALL(setsockopt, decode_setsockopt, NULL);
