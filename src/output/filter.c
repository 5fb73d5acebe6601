// SPDX-License-Identifier: GPL-2.0-only
/* Which syscalls, signals and messages the trace shows (see filter.h). */
#include "output/filter.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "decode/decode.h"
#include "util/error.h"

unsigned sw_event_status(const struct sw_event *ev)
{
	if (ev->flags & SW_EVF_DETACHED)
		return SW_STATUS_DETACHED;
	if (ev->flags & SW_EVF_NORET)
		return SW_STATUS_UNFINISHED;
	return sw_ret_is_error(ev) ? SW_STATUS_FAILED : SW_STATUS_SUCCESSFUL;
}

static bool signal_hidden(const struct sw_output_filter *f, int sig)
{
	if (sig < 0 || sig >= SW_FILTER_NSIG)
		return false;
	return (f->signals_hide[sig / 64] >> (sig % 64)) & 1;
}

bool sw_filter_shows(const struct sw_output_filter *f, const struct sw_event *ev)
{
	switch (ev->kind) {
	case SW_EV_SYSCALL:
		return !(f->status_hide & sw_event_status(ev));
	case SW_EV_SIGNAL:
	case SW_EV_STOPPED:
	case SW_EV_KILLED:
		return !signal_hidden(f, ev->sig);
	case SW_EV_EXIT:
		return !(f->quiet & SW_QUIET_EXIT);
	case SW_EV_SUPERSEDED:
		return !(f->quiet & SW_QUIET_SUPERSEDED);
	case SW_EV_ATTACH:
	case SW_EV_DETACH:
		return !(f->quiet & SW_QUIET_ATTACH);
	default:
		return true;
	}
}

/* ---- word sets ------------------------------------------------------------- */

struct word {
	const char *name;
	unsigned bit;
};

#define NBITS_MAX SW_FILTER_NFD

/* Sets in bits what one word names; -1 if it names nothing. */
typedef int (*word_fn)(const char *w, const struct word *words, uint64_t *bits);

static void set_bit(uint64_t *bits, unsigned bit)
{
	bits[bit / 64] |= 1ull << (bit % 64);
}

static int word_in_table(const char *w, const struct word *words, uint64_t *bits)
{
	for (const struct word *p = words; p->name; p++)
		if (strcasecmp(w, p->name) == 0) {
			set_bit(bits, p->bit);
			return 0;
		}
	return -1;
}

/* [!]all | [!]none | [!]WORD[,WORD...]: fills shown with nbits bits. */
static int parse_set(const char *set, const char *what, const char *hint, const struct word *words, word_fn one,
		     unsigned nbits, uint64_t *shown, struct sw_err *err)
{
	bool negate = *set == '!';
	char *copy = sw_xstrdup(negate ? set + 1 : set), *save = NULL;
	int rc = 0;

	memset(shown, 0, NBITS_MAX / 8);
	if (!*copy)
		rc = sw_err_set(err, "invalid %s '%s': empty set", what, set);
	for (char *w = strtok_r(copy, ",", &save); w && !rc; w = strtok_r(NULL, ",", &save)) {
		if (strcasecmp(w, "all") == 0) {
			for (unsigned b = 0; b < nbits; b++)
				set_bit(shown, b);
		} else if (strcasecmp(w, "none") != 0 && one(w, words, shown) < 0) {
			rc = sw_err_set(err, "invalid %s '%s'%s", what, w, hint);
		}
	}
	free(copy);
	if (rc == 0 && negate)
		for (unsigned b = 0; b < nbits; b++)
			shown[b / 64] ^= 1ull << (b % 64);
	return rc;
}

static const struct word status_words[] = {
	{ "successful", 0 }, { "failed", 1 }, { "unfinished", 2 },
	{ "unavailable", 3 }, { "detached", 4 }, { NULL, 0 },
};

int sw_filter_parse_status(struct sw_output_filter *f, const char *set, struct sw_err *err)
{
	uint64_t shown[NBITS_MAX / 64];

	if (parse_set(set, "status", " (successful, failed, unfinished, unavailable, detached)", status_words,
		      word_in_table, 5, shown, err) < 0)
		return -1;
	f->status_hide = (uint8_t)(~shown[0] & SW_STATUS_ALL);
	return 0;
}

static const struct word quiet_words[] = {
	{ "attach", 0 }, { "exit", 1 }, { "exits", 1 }, { "path-resolution", 2 },
	{ "personality", 3 }, { "thread-execve", 4 }, { "superseded", 4 }, { NULL, 0 },
};

int sw_filter_parse_quiet(struct sw_output_filter *f, const char *set, struct sw_err *err)
{
	uint64_t shown[NBITS_MAX / 64];

	/* the set names what is quiet: its bits are the messages left out
	 * (thread-execve and superseded are one, as in strace) */
	if (parse_set(set, "quiet", " (attach, exit, path-resolution, personality, thread-execve, superseded)",
		      quiet_words, word_in_table, 5, shown, err) < 0)
		return -1;
	f->quiet = (uint8_t)(shown[0] & SW_QUIET_ALL);
	return 0;
}

/* SIGCHLD, CHLD or a number, as strace takes them */
static int signal_word(const char *w, const struct word *words, uint64_t *bits)
{
	long n;

	(void)words;
	if (sw_parse_long(w, 0, SW_FILTER_NSIG - 1, &n) == 0) {
		set_bit(bits, (unsigned)n);
		return 0;
	}
	if (strncasecmp(w, "SIG", 3) == 0)
		w += 3;
	for (int sig = 1; sig < SW_FILTER_NSIG; sig++) {
		const char *name = sw_signal_name(sig);

		if (name && strcasecmp(w, name + 3) == 0) {
			set_bit(bits, (unsigned)sig);
			return 0;
		}
	}
	return -1;
}

static int fd_word(const char *w, const struct word *words, uint64_t *bits)
{
	long n;

	(void)words;
	if (sw_parse_long(w, 0, SW_FILTER_NFD - 1, &n) < 0)
		return -1;
	set_bit(bits, (unsigned)n);
	return 0;
}

int sw_filter_parse_fds(struct sw_fd_set *fds, const char *what, const char *set, struct sw_err *err)
{
	uint64_t shown[NBITS_MAX / 64];

	if (parse_set(set, what, " (descriptor numbers 0 to 1023)", NULL, fd_word, SW_FILTER_NFD, shown, err) < 0)
		return -1;
	fds->any = false;
	for (unsigned i = 0; i < SW_FILTER_NFD / 64; i++) {
		fds->bits[i] = shown[i];
		fds->any |= shown[i] != 0;
	}
	return 0;
}

int sw_filter_parse_signals(struct sw_output_filter *f, const char *set, struct sw_err *err)
{
	uint64_t shown[NBITS_MAX / 64];

	if (parse_set(set, "signal", "", NULL, signal_word, SW_FILTER_NSIG, shown, err) < 0)
		return -1;
	for (unsigned i = 0; i < SW_FILTER_NSIG / 64; i++)
		f->signals_hide[i] = ~shown[i];
	return 0;
}
