// SPDX-License-Identifier: GPL-2.0-only
/* Time: timespec and timeval structures, clocks, sleeps, time(2). */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

#include "decode/dec.h"

#define SW_UTIME_NOW  ((1l << 30) - 1l)
#define SW_UTIME_OMIT ((1l << 30) - 2l)

/* "2026-11-27T02:48:18.456848512+0000" in local time; false if out of range. */
static bool format_date(char *buf, size_t size, int64_t sec, long nsec)
{
	time_t t = (time_t)sec;
	struct tm tm;
	char date[40], zone[16];

	if (!localtime_r(&t, &tm) || !strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%S", &tm) ||
	    !strftime(zone, sizeof(zone), "%z", &tm))
		return false;
	if (nsec > 0)
		snprintf(buf, size, "%s.%09d%s", date, (int)(nsec % 1000000000), zone);
	else
		snprintf(buf, size, "%s%s", date, zone);
	return true;
}

void dec_time_comment(struct sw_dec *d, int64_t sec, long nsec)
{
	char buf[96];

	if (format_date(buf, sizeof(buf), sec, nsec))
		dec_printf(d, " /* %s */", buf);
}

void dec_timespec(struct sw_dec *d, const void *p)
{
	struct timespec ts;

	memcpy(&ts, p, sizeof(ts));
	DEC_FIELD_D(d, "{", ts, tv_sec);
	/* unsigned, as the kernel reads it: an out-of-range -1 is 18446744073709551615 */
	DEC_FIELD_U(d, ", ", ts, tv_nsec);
	dec_puts(d, "}");
}

void dec_timeval(struct sw_dec *d, const void *p)
{
	struct timeval tv;

	memcpy(&tv, p, sizeof(tv));
	DEC_FIELD_D(d, "{", tv, tv_sec);
	DEC_FIELD_U(d, ", ", tv, tv_usec);
	dec_puts(d, "}");
}

void dec_clockid(struct sw_dec *d, int clk)
{
	dec_enum(d, &sw_xlat_clocks, (uint32_t)clk, NULL);
}

/* A structure argument read at entry or (for a successful call) at exit. */
void dec_timespec_arg(struct sw_dec *d, unsigned arg, int when)
{
	struct timespec ts;

	if (!dec_get_or_addr(d, arg, when, &ts, sizeof(ts)))
		return;
	dec_timespec(d, &ts);
}

void dec_timeval_arg(struct sw_dec *d, unsigned arg, int when)
{
	struct timeval tv;

	if (!dec_get_or_addr(d, arg, when, &tv, sizeof(tv)))
		return;
	dec_timeval(d, &tv);
}

void dec_timezone_arg(struct sw_dec *d, unsigned arg, int when)
{
	struct timezone tz;

	if (!dec_get_or_addr(d, arg, when, &tz, sizeof(tz)))
		return;
	DEC_FIELD_D(d, "{", tz, tz_minuteswest);
	DEC_FIELD_D(d, ", ", tz, tz_dsttime);
	dec_puts(d, "}");
}

void dec_itimerspec_arg(struct sw_dec *d, unsigned arg, int when)
{
	struct timespec its[2];

	if (!dec_get_or_addr(d, arg, when, its, sizeof(its)))
		return;
	dec_puts(d, "{it_interval=");
	dec_timespec(d, &its[0]);
	dec_puts(d, ", it_value=");
	dec_timespec(d, &its[1]);
	dec_puts(d, "}");
}

void dec_itimerval_arg(struct sw_dec *d, unsigned arg, int when)
{
	struct timeval itv[2];

	if (!dec_get_or_addr(d, arg, when, itv, sizeof(itv)))
		return;
	dec_puts(d, "{it_interval=");
	dec_timeval(d, &itv[0]);
	dec_puts(d, ", it_value=");
	dec_timeval(d, &itv[1]);
	dec_puts(d, "}");
}

/* utimensat's times: [{tv_sec=1, tv_nsec=2} /\* 1970-01-01T00:00:01.000000002+0000 *\/, UTIME_NOW] */
void dec_timespec2_arg(struct sw_dec *d, unsigned arg)
{
	struct timespec ts[2];

	if (!dec_get_or_addr(d, arg, SW_AT_ENTER, ts, sizeof(ts)))
		return;
	dec_puts(d, "[");
	for (int i = 0; i < 2; i++) {
		if (i)
			dec_puts(d, ", ");
		if (ts[i].tv_nsec == SW_UTIME_NOW) {
			dec_puts(d, "UTIME_NOW");
		} else if (ts[i].tv_nsec == SW_UTIME_OMIT) {
			dec_puts(d, "UTIME_OMIT");
		} else {
			dec_timespec(d, &ts[i]);
			dec_time_comment(d, ts[i].tv_sec, ts[i].tv_nsec);
		}
	}
	dec_puts(d, "]");
}

/* time(2): time([1795749803 /\* 2026-11-27T03:23:23+0000 *\/]) */
static void decode_time(struct sw_dec *d)
{
	int64_t t;

	dec_sep(d);
	if (!dec_failed(d) && dec_get(d, 0, SW_AT_EXIT, &t, sizeof(t))) {
		dec_printf(d, "[%" PRId64, t);
		dec_time_comment(d, t, 0);
		dec_puts(d, "]");
	} else {
		dec_addr(d, d->args[0]);
	}
}

static bool ret_time(struct sw_dec *d)
{
	char buf[96];

	if (!format_date(buf, sizeof(buf), d->ev->ret, 0))
		return false;
	dec_printf(d, "%" PRId64 " (%s)", d->ev->ret, buf);
	return true;
}

/* ---- the printers of this family's types (core/argtypes.def) ---- */

DEC_PRINTER(dec_p_clockid)
{
	dec_clockid(d, (int)d->args[i]);
}

DEC_PRINTER_AT(dec_p_timespec_in, dec_timespec_arg, SW_AT_ENTER)
DEC_PRINTER_AT(dec_p_timespec_out, dec_timespec_arg, SW_AT_EXIT)
DEC_PRINTER_AT(dec_p_timespec_inout, dec_timespec_arg, SW_AT_ENTER)

DEC_PRINTER(dec_p_timespec_rem)
{
	if (dec_failed(d))
		dec_timespec_arg(d, i, 0);
	else
		dec_addr(d, d->args[i]);
}

DEC_PRINTER_OF(dec_p_timespec2_in, dec_timespec2_arg)
DEC_PRINTER_AT(dec_p_timeval_in, dec_timeval_arg, SW_AT_ENTER)
DEC_PRINTER_AT(dec_p_timeval_out, dec_timeval_arg, SW_AT_EXIT)
DEC_PRINTER_AT(dec_p_timeval_inout, dec_timeval_arg, SW_AT_ENTER)
DEC_PRINTER_AT(dec_p_timezone_in, dec_timezone_arg, SW_AT_ENTER)
DEC_PRINTER_AT(dec_p_timezone_out, dec_timezone_arg, SW_AT_EXIT)
DEC_PRINTER_AT(dec_p_itimerspec_in, dec_itimerspec_arg, SW_AT_ENTER)
DEC_PRINTER_AT(dec_p_itimerspec_out, dec_itimerspec_arg, SW_AT_EXIT)
DEC_PRINTER_AT(dec_p_itimerval_in, dec_itimerval_arg, SW_AT_ENTER)
DEC_PRINTER_AT(dec_p_itimerval_out, dec_itimerval_arg, SW_AT_EXIT)

DEC_SYSCALL(time, decode_time, ret_time);
