/* SPDX-License-Identifier: GPL-2.0-only */
/* Cgroup paths and container ids for the monitor's events and conditions.
 * The eBPF engine records the cgroup (v2) id of the thread that made a call:
 * the inode number of the cgroup's directory in the cgroup2 file system. The
 * cache maps ids to paths by walking that tree; an id it does not know makes
 * it walk the tree again (at most every 200 ms), since cgroups come and go
 * with services and containers. */
#ifndef SW_MONITOR_CGROUPS_H
#define SW_MONITOR_CGROUPS_H

#include <stddef.h>
#include <stdint.h>

struct sw_mon_cgroups;

/* A cache of the cgroup2 hierarchy mounted at root (NULL: found in
 * /proc/self/mountinfo, /sys/fs/cgroup by default). */
struct sw_mon_cgroups *sw_mon_cgroups_new(const char *root);
void sw_mon_cgroups_free(struct sw_mon_cgroups *c);
/* The path of cgroup id below the hierarchy's root ("/" for the root
 * itself, "/system.slice/ssh.service"), or NULL when it cannot be found.
 * Valid until the next call. */
const char *sw_mon_cgroups_path(struct sw_mon_cgroups *c, uint64_t id);
/* The container id a cgroup path names (64 hexadecimal digits in a
 * component such as docker-ID.scope, docker/ID, cri-containerd-ID.scope,
 * crio-ID.scope, libpod-ID.scope, or a Kubernetes pod's container): its
 * length (64) with the id in out, or 0 when the path names none. */
size_t sw_mon_container_id(const char *path, char out[65]);

#endif
