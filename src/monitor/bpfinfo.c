// SPDX-License-Identifier: GPL-2.0-only
/* Measures this process's BPF objects by walking its descriptors: a map's
 * fdinfo carries the kernel's memory accounting ("memlock"), and
 * BPF_OBJ_GET_INFO_BY_FD gives a program's sizes. Objects reachable through
 * several descriptors are counted once (by id). */
#include "monitor/bpfinfo.h"

#include <dirent.h>
#include <linux/bpf.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define MAX_IDS 1024

static int fdinfo_value(int fd, const char *key, uint64_t *out)
{
	char path[64], line[256];
	size_t klen = strlen(key);
	FILE *f;
	int rc = -1;

	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	if (!(f = fopen(path, "re")))
		return -1;
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, key, klen) == 0 && line[klen] == ':') {
			*out = strtoull(line + klen + 1, NULL, 10);
			rc = 0;
			break;
		}
	fclose(f);
	return rc;
}

static int prog_info(int fd, struct bpf_prog_info *info)
{
	union bpf_attr attr;

	memset(info, 0, sizeof(*info));
	memset(&attr, 0, sizeof(attr));
	attr.info.bpf_fd = (uint32_t)fd;
	attr.info.info_len = sizeof(*info);
	attr.info.info = (uint64_t)(uintptr_t)info;
	return (int)syscall(SYS_bpf, BPF_OBJ_GET_INFO_BY_FD, &attr, sizeof(attr));
}

static bool seen(uint64_t *ids, unsigned *n, uint64_t id)
{
	for (unsigned i = 0; i < *n; i++)
		if (ids[i] == id)
			return true;
	if (*n < MAX_IDS)
		ids[(*n)++] = id;
	return false;
}

int sw_mon_bpfinfo_measure(struct sw_mon_bpfinfo *out)
{
	uint64_t map_ids[MAX_IDS], prog_ids[MAX_IDS];
	unsigned nmap = 0, nprog = 0;
	DIR *d = opendir("/proc/self/fd");
	struct dirent *de;

	memset(out, 0, sizeof(*out));
	if (!d)
		return -1;
	while ((de = readdir(d))) {
		char link[64], target[64];
		ssize_t n;
		int fd = atoi(de->d_name);
		uint64_t id, bytes;

		if (de->d_name[0] < '0' || de->d_name[0] > '9' || fd == dirfd(d))
			continue;
		snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
		if ((n = readlink(link, target, sizeof(target) - 1)) < 0)
			continue;
		target[n] = '\0';
		if (strcmp(target, "anon_inode:bpf-map") == 0) {
			if (fdinfo_value(fd, "map_id", &id) < 0 || seen(map_ids, &nmap, id))
				continue;
			out->maps++;
			if (fdinfo_value(fd, "memlock", &bytes) == 0)
				out->map_bytes += bytes;
		} else if (strcmp(target, "anon_inode:bpf-prog") == 0) {
			struct bpf_prog_info info;
			uint64_t size;

			if (prog_info(fd, &info) < 0 || seen(prog_ids, &nprog, info.id))
				continue;
			out->progs++;
			size = info.xlated_prog_len > info.jited_prog_len ? info.xlated_prog_len : info.jited_prog_len;
			if (size > out->largest_prog) {
				out->largest_prog = size;
				snprintf(out->largest_name, sizeof(out->largest_name), "%s", info.name);
			}
			out->verified_insns += info.verified_insns;
		}
	}
	closedir(d);
	return 0;
}
