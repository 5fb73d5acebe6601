// SPDX-License-Identifier: GPL-2.0-only
/* Files and descriptors: open and friends, stat, fcntl, ioctl, directories. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <asm/ioctls.h>
#include <linux/fs.h>
#include <linux/sockios.h>
#include <linux/soundcard.h>

#include "decode/dec.h"

/* ---- flags and structures ---- */

void dec_open_flags(struct sw_dec *d, uint64_t flags)
{
	uint64_t rest = flags & ~(uint64_t)O_ACCMODE;
	struct sw_strbuf names;
	char number[24];

	sw_strbuf_init(&names);
	sw_strbuf_puts(&names, sw_xlat_name(&sw_xlat_open_access, flags & O_ACCMODE));
	if (rest) {
		sw_strbuf_putc(&names, '|');
		sw_xlat_print_flags(&names, &sw_xlat_open_flags, rest);
	}
	snprintf(number, sizeof(number), "%#" PRIx64, flags);
	dec_named(d, names.buf, number); /* -X */
	sw_strbuf_release(&names);
}

/* Whether open's mode argument means anything: with O_CREAT or O_TMPFILE. */
static bool open_takes_mode(uint64_t flags)
{
	return (flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE;
}

/* ", st_atime=1 /\* ... *\/, st_atime_nsec=2" */
static void stat_time(struct sw_dec *d, const char *name, const struct timespec *t)
{
	dec_printf(d, ", %s=%" PRId64, name, (int64_t)t->tv_sec);
	dec_time_comment(d, t->tv_sec, t->tv_nsec);
	dec_printf(d, ", %s_nsec=%ld", name, t->tv_nsec);
}

static void dec_stat(struct sw_dec *d, const struct stat *st)
{
	bool dev = S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode);

	if (d->verbose) {
		DEC_FIELD(d, "{", *st, st_dev, dec_dev);
		DEC_FIELD_U(d, ", ", *st, st_ino);
		DEC_FIELD(d, ", ", *st, st_mode, dec_fmode);
		DEC_FIELD_U(d, ", ", *st, st_nlink);
		DEC_FIELD_U(d, ", ", *st, st_uid);
		DEC_FIELD_U(d, ", ", *st, st_gid);
		DEC_FIELD_D(d, ", ", *st, st_blksize);
		DEC_FIELD_D(d, ", ", *st, st_blocks);
	} else {
		DEC_FIELD(d, "{", *st, st_mode, dec_fmode);
	}
	if (dev)
		DEC_FIELD(d, ", ", *st, st_rdev, dec_dev);
	else
		DEC_FIELD_D(d, ", ", *st, st_size);
	if (!d->verbose) {
		dec_puts(d, ", ...}");
		return;
	}
	stat_time(d, "st_atime", &st->st_atim);
	stat_time(d, "st_mtime", &st->st_mtim);
	stat_time(d, "st_ctime", &st->st_ctim);
	dec_puts(d, "}");
}

void dec_stat_arg(struct sw_dec *d, unsigned arg)
{
	struct stat st;

	if (!dec_get_or_addr(d, arg, SW_AT_EXIT, &st, sizeof(st)))
		return;
	dec_stat(d, &st);
}

static void statx_time(struct sw_dec *d, const char *name, const struct statx_timestamp *t)
{
	dec_printf(d, ", %s={tv_sec=%" PRId64 ", tv_nsec=%u}", name, (int64_t)t->tv_sec, t->tv_nsec);
	if (t->tv_sec || t->tv_nsec)
		dec_time_comment(d, t->tv_sec, t->tv_nsec);
}

void dec_statx_arg(struct sw_dec *d, unsigned arg)
{
	struct statx sx;

	if (!dec_get_or_addr(d, arg, SW_AT_EXIT, &sx, sizeof(sx)))
		return;
	DEC_FIELD_FLAGS(d, "{", sx, stx_mask, &sw_xlat_statx_mask);
	if (d->verbose)
		DEC_FIELD_U(d, ", ", sx, stx_blksize);
	DEC_FIELD_FLAGS(d, ", ", sx, stx_attributes, &sw_xlat_statx_attrs);
	if (d->verbose) {
		DEC_FIELD_U(d, ", ", sx, stx_nlink);
		DEC_FIELD_U(d, ", ", sx, stx_uid);
		DEC_FIELD_U(d, ", ", sx, stx_gid);
	}
	DEC_FIELD(d, ", ", sx, stx_mode, dec_fmode);
	if (d->verbose)
		DEC_FIELD_U(d, ", ", sx, stx_ino);
	DEC_FIELD_U(d, ", ", sx, stx_size);
	if (!d->verbose) {
		dec_puts(d, ", ...}");
		return;
	}
	DEC_FIELD_U(d, ", ", sx, stx_blocks);
	DEC_FIELD_FLAGS(d, ", ", sx, stx_attributes_mask, &sw_xlat_statx_attrs);
	statx_time(d, "stx_atime", &sx.stx_atime);
	statx_time(d, "stx_btime", &sx.stx_btime);
	statx_time(d, "stx_ctime", &sx.stx_ctime);
	statx_time(d, "stx_mtime", &sx.stx_mtime);
	DEC_FIELD_U(d, ", ", sx, stx_rdev_major);
	DEC_FIELD_U(d, ", ", sx, stx_rdev_minor);
	DEC_FIELD_U(d, ", ", sx, stx_dev_major);
	DEC_FIELD_U(d, ", ", sx, stx_dev_minor);
	if (sx.stx_mask & STATX_MNT_ID)
		DEC_FIELD_X(d, ", ", sx, stx_mnt_id);
	dec_puts(d, "}");
}

void dec_statfs_arg(struct sw_dec *d, unsigned arg)
{
	struct statfs sf;
	const char *magic;

	if (!dec_get_or_addr(d, arg, SW_AT_EXIT, &sf, sizeof(sf)))
		return;
	magic = sw_xlat_name(&sw_xlat_statfs_magic, (uint64_t)sf.f_type);
	dec_puts(d, "{f_type=");
	if (magic)
		dec_puts(d, magic);
	else
		dec_printf(d, "%#" PRIx64, (uint64_t)sf.f_type);
	DEC_FIELD_D(d, ", ", sf, f_bsize);
	DEC_FIELD_U(d, ", ", sf, f_blocks);
	DEC_FIELD_U(d, ", ", sf, f_bfree);
	DEC_FIELD_U(d, ", ", sf, f_bavail);
	DEC_FIELD_U(d, ", ", sf, f_files);
	DEC_FIELD_U(d, ", ", sf, f_ffree);
	dec_printf(d, ", f_fsid={val=[%#x, %#x]}", (unsigned)sf.f_fsid.__val[0], (unsigned)sf.f_fsid.__val[1]);
	DEC_FIELD_D(d, ", ", sf, f_namelen);
	DEC_FIELD_D(d, ", ", sf, f_frsize);
	DEC_FIELD_FLAGS(d, ", ", sf, f_flags, &sw_xlat_statfs_flags);
	dec_puts(d, "}");
}

/* getdents64: the buffer as its address and the number of entries in it. */
void dec_dirents_arg(struct sw_dec *d, unsigned arg)
{
	const struct sw_capture *c = dec_cap(d, arg, SW_AT_EXIT);
	uint64_t n = 0;

	dec_addr(d, d->args[arg]);
	/* no count when the capture holds only part of what the kernel wrote */
	if (dec_failed(d) || (!c && d->ev->ret != 0) || (c && c->len < (uint64_t)d->ev->ret))
		return;
	if (c) {
		const uint8_t *p = sw_capture_data(d->ev, c);
		size_t off = 0;

		/* struct linux_dirent64: d_ino(8) d_off(8) d_reclen(2) d_type(1) d_name */
		while (off + 19 <= c->len) {
			uint16_t reclen;

			memcpy(&reclen, p + off + 16, sizeof(reclen));
			if (reclen == 0)
				break;
			n++;
			off += reclen;
		}
	}
	dec_printf(d, " /* %" PRIu64 " entr%s */", n, n == 1 ? "y" : "ies");
}

void dec_open_how_arg(struct sw_dec *d, unsigned arg, uint64_t size)
{
	struct open_how how;

	if (size < sizeof(how)) {
		dec_addr(d, d->args[arg]);
		return;
	}
	if (!dec_get_or_addr(d, arg, SW_AT_ENTER, &how, sizeof(how)))
		return;
	DEC_FIELD(d, "{", how, flags, dec_open_flags);
	if (how.mode || open_takes_mode(how.flags))
		DEC_FIELD(d, ", ", how, mode, dec_mode);
	DEC_FIELD_FLAGS(d, ", ", how, resolve, &sw_xlat_resolve_flags);
	dec_puts(d, "}");
}

/* ---- syscalls ---- */

static void decode_open(struct sw_dec *d)
{
	dec_arg(d, 0);
	dec_sep(d);
	dec_open_flags(d, d->args[1]);
	if (open_takes_mode(d->args[1]))
		dec_arg(d, 2);
}

static void decode_openat(struct sw_dec *d)
{
	dec_args(d, 0, 2);
	dec_sep(d);
	dec_open_flags(d, d->args[2]);
	if (open_takes_mode(d->args[2]))
		dec_arg(d, 3);
}

static void decode_statx(struct sw_dec *d)
{
	uint64_t flags = (uint32_t)d->args[2];

	dec_args(d, 0, 2);
	dec_sep(d);
	if (!(flags & (AT_STATX_FORCE_SYNC | AT_STATX_DONT_SYNC))) {
		dec_puts(d, "AT_STATX_SYNC_AS_STAT");
		if (flags) {
			dec_puts(d, "|");
			sw_xlat_print_flags(d->sb, &sw_xlat_statx_flags, flags);
		}
	} else {
		dec_flags(d, &sw_xlat_statx_flags, flags);
	}
	dec_args(d, 3, 5);
}

/* fcntl's third argument: a number, flags, or a structure, by command. */
static void fcntl_flock(struct sw_dec *d, bool out)
{
	struct flock fl;
	int when = out ? SW_AT_EXIT : SW_AT_ENTER;

	if (!dec_get_or_addr(d, 2, when, &fl, sizeof(fl)))
		return;
	dec_puts(d, "{l_type=");
	dec_enum(d, &sw_xlat_lock_types, (uint16_t)fl.l_type, NULL);
	dec_puts(d, ", l_whence=");
	dec_enum(d, &sw_xlat_whence, (uint16_t)fl.l_whence, NULL);
	DEC_FIELD_D(d, ", ", fl, l_start);
	DEC_FIELD_D(d, ", ", fl, l_len);
	if (out)
		DEC_FIELD_D(d, ", ", fl, l_pid);
	dec_puts(d, "}");
}

static void fcntl_owner(struct sw_dec *d, bool out)
{
	struct f_owner_ex o;
	int when = out ? SW_AT_EXIT : SW_AT_ENTER;

	if (!dec_get_or_addr(d, 2, when, &o, sizeof(o)))
		return;
	dec_puts(d, "{type=");
	dec_enum(d, &sw_xlat_owner_types, (uint64_t)o.type, NULL);
	dec_printf(d, ", pid=%d}", o.pid);
}

static void decode_fcntl(struct sw_dec *d)
{
	uint64_t a = d->args[2];
	unsigned cmd = (unsigned)d->args[1];

	dec_arg(d, 0);
	dec_sep(d);
	dec_enum(d, &sw_xlat_fcntl_cmds, cmd, NULL);
	switch (cmd) {
	case F_GETFD: case F_GETFL: case F_GETOWN: case F_GETSIG: case F_GETLEASE:
	case F_GETPIPE_SZ: case F_GET_SEALS:
		return;
	}
	dec_sep(d);
	switch (cmd) {
	case F_DUPFD: case F_DUPFD_CLOEXEC: case F_SETOWN: case F_SETPIPE_SZ:
		dec_printf(d, "%d", (int)a);
		break;
	case F_SETFD:
		dec_flags(d, &sw_xlat_fd_flags, (uint32_t)a);
		break;
	case F_SETFL:
		dec_open_flags(d, (uint32_t)a);
		break;
	case F_SETSIG:
		dec_signame(d, (int)a);
		break;
	case F_SETLEASE:
		dec_enum(d, &sw_xlat_lock_types, (uint32_t)a, NULL);
		break;
	case F_NOTIFY:
		dec_flags(d, &sw_xlat_notify_flags, (uint32_t)a);
		break;
	case F_ADD_SEALS:
		dec_flags(d, &sw_xlat_seal_flags, (uint32_t)a);
		break;
	case F_SETLK: case F_SETLKW: case F_OFD_SETLK: case F_OFD_SETLKW:
		fcntl_flock(d, false);
		break;
	case F_GETLK: case F_OFD_GETLK:
		fcntl_flock(d, true);
		break;
	case F_SETOWN_EX:
		fcntl_owner(d, false);
		break;
	case F_GETOWN_EX:
		fcntl_owner(d, true);
		break;
	default:
		dec_hex(d, a);
		break;
	}
}

static bool ret_fcntl(struct sw_dec *d)
{
	uint64_t r = (uint64_t)d->ev->ret;

	switch ((unsigned)d->args[1]) {
	case F_GETFD:
		if (!r)
			return false;
		dec_printf(d, "%#" PRIx64 " (flags ", r);
		dec_flags(d, &sw_xlat_fd_flags, r);
		break;
	case F_GETFL:
		dec_printf(d, "%#" PRIx64 " (flags ", r);
		dec_open_flags(d, r);
		break;
	case F_GETSIG:
		if (!r || !sw_signal_name((int)r))
			return false;
		dec_printf(d, "%" PRIu64 " (%s", r, sw_signal_name((int)r));
		break;
	case F_GETLEASE:
		dec_printf(d, "%#" PRIx64 " (", r);
		dec_enum(d, &sw_xlat_lock_types, r, NULL);
		break;
	case F_GET_SEALS:
		dec_printf(d, "%#" PRIx64 " (seals ", r);
		dec_flags(d, &sw_xlat_seal_flags, r);
		break;
	default:
		return false;
	}
	dec_puts(d, ")");
	return true;
}


/* ---- ioctl ---- */

/* How an ioctl's third argument reads. */
enum ioc_arg {
	IOC_NUM = 0,    /* a number (hex) */
	IOC_DEC,        /* a number (decimal) */
	IOC_NONE,       /* no argument */
	IOC_PTR,        /* a pointer not decoded */
	IOC_INT_IN,     /* int * read by the kernel: [5] */
	IOC_INT_OUT,    /* int * written by the kernel */
	IOC_U64_OUT,
	IOC_WINSZ_IN,
	IOC_WINSZ_OUT,
	IOC_TERMIOS_IN,
	IOC_TERMIOS_OUT,
	IOC_TERMIO_IN,  /* the old struct termio */
	IOC_TERMIO_OUT,
	IOC_TCFLSH,
	IOC_TCXONC,
};

/* The commands decoded, by the kernel headers' names: none is typed as a number. */
static const struct ioc_name {
	uint32_t code;
	uint8_t arg;
	const char *name;
} ioc_names[] = {
	{ TCGETS, IOC_TERMIOS_OUT, "TCGETS" },
	{ TCSETS, IOC_TERMIOS_IN, "SNDCTL_TMR_START or TCSETS" },
	{ TCSETSW, IOC_TERMIOS_IN, "SNDCTL_TMR_STOP or TCSETSW" },
	{ TCSETSF, IOC_TERMIOS_IN, "SNDCTL_TMR_CONTINUE or TCSETSF" },
	{ TCGETA, IOC_TERMIO_OUT, "TCGETA" },
	{ TCSETA, IOC_TERMIO_IN, "TCSETA" },
	{ TCSETAW, IOC_TERMIO_IN, "TCSETAW" },
	{ TCSETAF, IOC_TERMIO_IN, "TCSETAF" },
	{ TCSBRK, IOC_DEC, "TCSBRK" },
	{ TCXONC, IOC_TCXONC, "TCXONC" },
	{ TCFLSH, IOC_TCFLSH, "TCFLSH" },
	{ TIOCEXCL, IOC_NONE, "TIOCEXCL" },
	{ TIOCNXCL, IOC_NONE, "TIOCNXCL" },
	{ TIOCSCTTY, IOC_DEC, "TIOCSCTTY" },
	{ TIOCGPGRP, IOC_INT_OUT, "TIOCGPGRP" },
	{ TIOCSPGRP, IOC_INT_IN, "TIOCSPGRP" },
	{ TIOCOUTQ, IOC_INT_OUT, "TIOCOUTQ" },
	{ TIOCSTI, IOC_PTR, "TIOCSTI" },
	{ TIOCGWINSZ, IOC_WINSZ_OUT, "TIOCGWINSZ" },
	{ TIOCSWINSZ, IOC_WINSZ_IN, "TIOCSWINSZ" },
	{ TIOCMGET, IOC_PTR, "TIOCMGET" },
	{ TIOCMBIS, IOC_PTR, "TIOCMBIS" },
	{ TIOCMBIC, IOC_PTR, "TIOCMBIC" },
	{ TIOCMSET, IOC_PTR, "TIOCMSET" },
	{ TIOCGSOFTCAR, IOC_INT_OUT, "TIOCGSOFTCAR" },
	{ TIOCSSOFTCAR, IOC_INT_IN, "TIOCSSOFTCAR" },
	{ FIONREAD, IOC_INT_OUT, "FIONREAD" },
	{ TIOCLINUX, IOC_NUM, "TIOCLINUX" },
	{ TIOCCONS, IOC_NONE, "TIOCCONS" },
	{ TIOCGSERIAL, IOC_NUM, "TIOCGSERIAL" },
	{ TIOCSSERIAL, IOC_NONE, "TIOCSSERIAL" },
	{ TIOCPKT, IOC_INT_IN, "TIOCPKT" },
	{ FIONBIO, IOC_INT_IN, "FIONBIO" },
	{ TIOCNOTTY, IOC_NONE, "TIOCNOTTY" },
	{ TIOCSETD, IOC_INT_IN, "TIOCSETD" },
	{ TIOCGETD, IOC_INT_OUT, "TIOCGETD" },
	{ TCSBRKP, IOC_DEC, "TCSBRKP" },
	{ TIOCSBRK, IOC_NONE, "TIOCSBRK" },
	{ TIOCCBRK, IOC_NONE, "TIOCCBRK" },
	{ TIOCGSID, IOC_INT_OUT, "TIOCGSID" },
	{ TIOCGRS485, IOC_NUM, "TIOCGRS485" },
	{ TIOCSRS485, IOC_NUM, "TIOCSRS485" },
	{ TCGETX, IOC_NUM, "TCGETX" },
	{ TCSETX, IOC_NUM, "TCSETX" },
	{ TCSETXF, IOC_NUM, "TCSETXF" },
	{ TCSETXW, IOC_NUM, "TCSETXW" },
	{ TIOCVHANGUP, IOC_NONE, "TIOCVHANGUP" },
	{ TIOCGPTPEER, IOC_NUM, "TIOCGPTPEER" },
	{ FIONCLEX, IOC_NONE, "FIONCLEX" },
	{ FIOCLEX, IOC_NONE, "FIOCLEX" },
	{ FIOASYNC, IOC_INT_IN, "FIOASYNC" },
	{ TIOCSERCONFIG, IOC_NUM, "TIOCSERCONFIG" },
	{ TIOCSERGWILD, IOC_NUM, "TIOCSERGWILD" },
	{ TIOCSERSWILD, IOC_NUM, "TIOCSERSWILD" },
	{ TIOCGLCKTRMIOS, IOC_PTR, "TIOCGLCKTRMIOS" },
	{ TIOCSLCKTRMIOS, IOC_PTR, "TIOCSLCKTRMIOS" },
	{ TIOCSERGSTRUCT, IOC_NUM, "TIOCSERGSTRUCT" },
	{ TIOCSERGETLSR, IOC_NUM, "TIOCSERGETLSR" },
	{ TIOCSERGETMULTI, IOC_NUM, "TIOCSERGETMULTI" },
	{ TIOCSERSETMULTI, IOC_NUM, "TIOCSERSETMULTI" },
	{ TIOCMIWAIT, IOC_NUM, "TIOCMIWAIT" },
	{ TIOCGICOUNT, IOC_NUM, "TIOCGICOUNT" },
	{ FIOQSIZE, IOC_NUM, "FIOQSIZE" },
	{ BLKSSZGET, IOC_INT_OUT, "BLKSSZGET" },
	{ BLKGETSIZE, IOC_PTR, "BLKGETSIZE" },
	{ FIGETBSZ, IOC_NUM, "FIGETBSZ" },
	{ SNDCTL_TMR_TIMEBASE, IOC_NUM, "SNDCTL_TMR_TIMEBASE" },
	{ FITRIM, IOC_PTR, "FITRIM" },
	{ FIFREEZE, IOC_NONE, "FIFREEZE" },
	{ FITHAW, IOC_NONE, "FITHAW" },
	{ TIOCGPTN, IOC_INT_OUT, "TIOCGPTN" },
	{ TIOCSPTLCK, IOC_INT_IN, "TIOCSPTLCK" },
	{ TIOCGDEV, IOC_INT_OUT, "TIOCGDEV" },
	{ TIOCGPKT, IOC_INT_OUT, "TIOCGPKT" },
	{ TIOCSIG, IOC_NUM, "TIOCSIG" },
	{ BLKGETSIZE64, IOC_U64_OUT, "BLKGETSIZE64" },
	{ FICLONE, IOC_DEC, "BTRFS_IOC_CLONE or FICLONE" },
	{ FS_IOC_GETFLAGS, IOC_PTR, "FS_IOC_GETFLAGS" },
	{ FS_IOC_SETFLAGS, IOC_PTR, "FS_IOC_SETFLAGS" },
	{ FS_IOC_GETVERSION, IOC_PTR, "FS_IOC_GETVERSION" },
};

static const struct ioc_name *ioc_lookup(uint32_t code)
{
	for (size_t i = 0; i < sizeof(ioc_names) / sizeof(ioc_names[0]); i++)
		if (ioc_names[i].code == code)
			return &ioc_names[i];
	return NULL;
}

/* An unnamed command by its parts: _IOC(_IOC_READ, 0x78, 0x3, 0x4). */
static void ioc_raw(struct sw_dec *d, uint32_t code)
{
	static const char *const dirs[] = {
		"_IOC_NONE", "_IOC_WRITE", "_IOC_READ", "_IOC_READ|_IOC_WRITE",
	};
	unsigned nr = code & 0xff, type = (code >> 8) & 0xff;
	unsigned size = (code >> 16) & 0x3fff, dir = code >> 30;

	dec_printf(d, "_IOC(%s, %#x, %#x, %#x)", dirs[dir], type, nr, size);
}

/* Flags printed with nothing for 0, as termios fields are. */
static void flags_bare(struct sw_dec *d, const struct sw_xlat *x, uint64_t v)
{
	if (v)
		sw_xlat_print_flags(d->sb, x, v);
}

static void enum_or_hex(struct sw_dec *d, const struct sw_xlat *x, uint64_t v)
{
	const char *name = sw_xlat_name(x, v);

	if (name)
		dec_puts(d, name);
	else
		dec_printf(d, "%#" PRIx64, v);
}

static void termios_flags(struct sw_dec *d, uint32_t iflag, uint32_t oflag, uint32_t cflag,
			  uint32_t lflag)
{
	static const char *const cr[] = { "CR0", "CR1", "CR2", "CR3" };
	static const char *const tab[] = { "TAB0", "TAB1", "TAB2", "XTABS" };
	static const char *const cs[] = { "CS5", "CS6", "CS7", "CS8" };
	uint32_t ibaud = (cflag >> 16) & 0x100f;

	dec_puts(d, "{c_iflag=");
	flags_bare(d, &sw_xlat_term_iflags, iflag);
	dec_printf(d, ", c_oflag=%s|%s|%s|%s|%s|%s|", oflag & 0x100 ? "NL1" : "NL0",
		   cr[(oflag >> 9) & 3], tab[(oflag >> 11) & 3], oflag & 0x2000 ? "BS1" : "BS0",
		   oflag & 0x4000 ? "VT1" : "VT0", oflag & 0x8000 ? "FF1" : "FF0");
	flags_bare(d, &sw_xlat_term_oflags, oflag & ~0xff00u);
	dec_puts(d, ", c_cflag=");
	enum_or_hex(d, &sw_xlat_term_speeds, cflag & 0x100f);
	if (ibaud) {
		dec_puts(d, "|");
		enum_or_hex(d, &sw_xlat_term_speeds, ibaud);
		dec_puts(d, "<<IBSHIFT");
	}
	dec_printf(d, "|%s|", cs[(cflag >> 4) & 3]);
	flags_bare(d, &sw_xlat_term_cflags, cflag & ~(0x100fu | 0x30u | (0x100fu << 16)));
	dec_puts(d, ", c_lflag=");
	flags_bare(d, &sw_xlat_term_lflags, lflag);
	dec_puts(d, ", ...}");
}

static void ioc_termios(struct sw_dec *d, int when, bool old)
{
	uint8_t t[36];
	uint32_t f[4];

	if (!dec_get_or_addr(d, 2, when, t, old ? 18 : sizeof(t)))
		return;
	if (old) { /* struct termio: four unsigned shorts */
		uint16_t h[4];

		memcpy(h, t, sizeof(h));
		termios_flags(d, h[0], h[1], h[2], h[3]);
		return;
	}
	memcpy(f, t, sizeof(f));
	termios_flags(d, f[0], f[1], f[2], f[3]);
}

static void ioc_winsize(struct sw_dec *d, int when)
{
	uint16_t w[4];

	if (!dec_get_or_addr(d, 2, when, w, sizeof(w)))
		return;
	dec_printf(d, "{ws_row=%u, ws_col=%u, ws_xpixel=%u, ws_ypixel=%u}", w[0], w[1], w[2], w[3]);
}

static void ioc_int(struct sw_dec *d, int when)
{
	int32_t v;

	if (!dec_get_or_addr(d, 2, when, &v, sizeof(v)))
		return;
	dec_printf(d, "[%d]", v);
}

static void decode_ioctl(struct sw_dec *d)
{
	uint32_t code = (uint32_t)d->args[1];
	const struct ioc_name *n = ioc_lookup(code);
	uint64_t a = d->args[2];
	uint64_t u64;

	dec_arg(d, 0);
	dec_sep(d);
	if (!n && dec_ioctl_more(d, code))
		return;
	if (n)
		dec_puts(d, n->name);
	else
		ioc_raw(d, code);
	if (n && n->arg == IOC_NONE)
		return;
	dec_sep(d);
	switch (n ? n->arg : IOC_NUM) {
	case IOC_PTR:
		dec_addr(d, a);
		break;
	case IOC_INT_IN:
		ioc_int(d, SW_AT_ENTER);
		break;
	case IOC_INT_OUT:
		ioc_int(d, SW_AT_EXIT);
		break;
	case IOC_U64_OUT:
		if (!dec_failed(d) && dec_get(d, 2, SW_AT_EXIT, &u64, sizeof(u64)))
			dec_printf(d, "[%" PRIu64 "]", u64);
		else
			dec_addr(d, a);
		break;
	case IOC_WINSZ_IN:
		ioc_winsize(d, SW_AT_ENTER);
		break;
	case IOC_WINSZ_OUT:
		ioc_winsize(d, SW_AT_EXIT);
		break;
	case IOC_TERMIOS_IN:
	case IOC_TERMIO_IN:
		ioc_termios(d, SW_AT_ENTER, n->arg == IOC_TERMIO_IN);
		break;
	case IOC_TERMIOS_OUT:
	case IOC_TERMIO_OUT:
		ioc_termios(d, SW_AT_EXIT, n->arg == IOC_TERMIO_OUT);
		break;
	case IOC_TCFLSH:
		dec_enum(d, &sw_xlat_tcflsh_args, a, NULL);
		break;
	case IOC_TCXONC:
		dec_enum(d, &sw_xlat_tcxonc_args, a, NULL);
		break;
	case IOC_DEC:
		dec_printf(d, "%d", (int)a);
		break;
	default:
		dec_hex(d, a);
		break;
	}
}

/* preadv/pwritev: the kernel takes the offset in two halves; on 64-bit the
 * first holds it all, and it shows as one argument. */
static void decode_preadv(struct sw_dec *d)
{
	dec_args(d, 0, 4);
}

/* ---- the printers of this family's types (core/argtypes.def) ---- */

DEC_PRINTER_OF(dec_p_stat_out, dec_stat_arg)
DEC_PRINTER_OF(dec_p_statx_out, dec_statx_arg)
DEC_PRINTER_OF(dec_p_statfs_out, dec_statfs_arg)
DEC_PRINTER_OF(dec_p_dirents_out, dec_dirents_arg)
DEC_PRINTER_LEN(dec_p_open_how, dec_open_how_arg)

/* {attr_set=MOUNT_ATTR_RDONLY, attr_clr=0, propagation=MS_PRIVATE, userns_fd=0} */
DEC_PRINTER(dec_p_mount_attr_in)
{
	uint64_t m[4];

	if (!dec_get_or_addr(d, i, SW_AT_ENTER, m, sizeof(m)))
		return;
	dec_puts(d, "{attr_set=");
	dec_flags(d, &sw_xlat_mount_attr_flags, m[0]);
	dec_puts(d, ", attr_clr=");
	dec_flags(d, &sw_xlat_mount_attr_flags, m[1]);
	dec_puts(d, ", propagation=");
	dec_enum(d, &sw_xlat_mount_propagation, m[2], "MS_???");
	dec_printf(d, ", userns_fd=%" PRIu64 "}", m[3]);
}

DEC_SYSCALL(fcntl, decode_fcntl, ret_fcntl);
DEC_SYSCALL(ioctl, decode_ioctl, NULL);
DEC_SYSCALL(open, decode_open, NULL);
DEC_SYSCALL(openat, decode_openat, NULL);
DEC_SYSCALL(preadv, decode_preadv, NULL);
DEC_SYSCALL(pwritev, decode_preadv, NULL);
DEC_SYSCALL(statx, decode_statx, NULL);
