/* SPDX-License-Identifier: GPL-2.0-only */
/* IPv4 and IPv6 networks written ADDR[/BITS], as the monitor's conditions
 * and run's --supervise rules take them. */
#ifndef SW_UTIL_CIDR_H
#define SW_UTIL_CIDR_H

#include <stdbool.h>
#include <stdint.h>

struct sw_cidr {
	uint8_t family; /* AF_INET or AF_INET6 */
	uint8_t prefix; /* bits */
	uint8_t addr[16];
};

/* "10.0.0.0/8", "fe80::/10"; an address alone is the host (/32, /128).
 * -1 when s is not one. */
int sw_cidr_parse(const char *s, struct sw_cidr *out);
/* Whether addr (4 or 16 bytes, of family) is in c. An IPv4 network also
 * holds the IPv4-mapped IPv6 addresses (::ffff:a.b.c.d); otherwise an address
 * of another family never is. */
bool sw_cidr_has(const struct sw_cidr *c, int family, const uint8_t *addr);

#endif
