/* SPDX-License-Identifier: GPL-2.0-only */
/* User names for the monitor's events and alerts: uid -> name through the
 * system's user database (NSS), cached, since a busy system makes thousands
 * of events a second from a handful of users. A cache lives as long as the
 * outputs do: a reload starts a fresh one, which picks up renamed users. */
#ifndef SW_MONITOR_USERS_H
#define SW_MONITOR_USERS_H

#include <stdint.h>

struct sw_mon_users;

struct sw_mon_users *sw_mon_users_new(void);
void sw_mon_users_free(struct sw_mon_users *u);
/* The name of uid, or NULL when the user database has none. The string
 * stays valid until the next call. */
const char *sw_mon_users_name(struct sw_mon_users *u, uint32_t uid);

#endif
