// SPDX-License-Identifier: GPL-2.0-only
/* IPv4 and IPv6 networks (see cidr.h). */
#include <arpa/inet.h>
#include <string.h>
#include <sys/socket.h>

#include "util/cidr.h"
#include "util/error.h"

int sw_cidr_parse(const char *s, struct sw_cidr *out)
{
	char host[INET6_ADDRSTRLEN + 1];
	const char *slash = strchr(s, '/');
	size_t hlen = slash ? (size_t)(slash - s) : strlen(s);
	long prefix;

	if (hlen == 0 || hlen >= sizeof(host))
		return -1;
	memcpy(host, s, hlen);
	host[hlen] = '\0';
	memset(out, 0, sizeof(*out));
	if (inet_pton(AF_INET, host, out->addr) == 1)
		out->family = AF_INET;
	else if (inet_pton(AF_INET6, host, out->addr) == 1)
		out->family = AF_INET6;
	else
		return -1;
	prefix = out->family == AF_INET ? 32 : 128;
	if (slash && sw_parse_long(slash + 1, 0, prefix, &prefix) < 0)
		return -1;
	out->prefix = (uint8_t)prefix;
	return 0;
}

bool sw_cidr_has(const struct sw_cidr *c, int family, const uint8_t *addr)
{
	static const uint8_t mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };
	unsigned bits = c->prefix;

	/* An IPv6 socket reaches IPv4 peers by their mapped address. */
	if (c->family == AF_INET && family == AF_INET6 && memcmp(addr, mapped, 12) == 0) {
		family = AF_INET;
		addr += 12;
	}
	if (c->family != family)
		return false;
	for (unsigned i = 0; bits; i++) {
		unsigned take = bits < 8 ? bits : 8;
		uint8_t mask = (uint8_t)(0xff00 >> take);

		if ((addr[i] & mask) != (c->addr[i] & mask))
			return false;
		bits -= take;
	}
	return true;
}
