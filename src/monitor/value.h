/* SPDX-License-Identifier: GPL-2.0-only */
/* Values written in the monitor's config: sizes ("128MB"), durations ("30s",
 * "1分钟"), rates ("5次/分钟", "连接数 > 100/分钟", "100/min"), booleans
 * (true, on, 开启) and ratios (0.1, "10%"). Each parser takes the whole
 * string and returns -1 with a short reason when it is not one. */
#ifndef SW_MONITOR_VALUE_H
#define SW_MONITOR_VALUE_H

#include <stdbool.h>
#include <stdint.h>

#define SW_NS_PER_SEC 1000000000ull

/* "128MB", "512 KiB", "4096", "1.5G": binary units (K = 1024). */
int sw_mon_parse_size(const char *s, uint64_t *out, const char **why);
/* "30s", "1m", "1m30s", "500ms", "2h", "1d", "30" (seconds), "30秒", "1分钟".
 * With implicit_one, a bare unit ("minute", "分钟") means one of it. */
int sw_mon_parse_duration(const char *s, bool implicit_one, uint64_t *ns, const char **why);
/* A threshold, optionally with a window: "5", "> 100", ">= 3", "5次/分钟",
 * "连接数 > 100/分钟", "100 per minute", "10/30s". A leading label is
 * ignored. The result is the count the window must exceed: "N" and "> N"
 * give N, ">= N" gives N - 1. *window_ns is 0 when no window is written. */
int sw_mon_parse_rate(const char *s, uint64_t *threshold, uint64_t *window_ns, const char **why);
/* true/false, yes/no, on/off, 1/0, 开启/关闭, 启用/禁用, 是/否 (case-insensitive). */
int sw_mon_parse_bool(const char *s, bool *out);
/* A number in (0, 1] as "0.1" or "10%". */
int sw_mon_parse_ratio(const char *s, double *out, const char **why);

/* "64MB", "512KB", "4096B": the shortest exact spelling, for messages. */
void sw_mon_format_size(uint64_t bytes, char *buf, unsigned len);

#endif
