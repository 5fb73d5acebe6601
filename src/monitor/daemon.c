// SPDX-License-Identifier: GPL-2.0-only
/* The monitor's main loop. Everything runs on this thread except the
 * metrics endpoint, which reads a copy of the counters published after each
 * poll, and the reading of a config to reload, which runs on a thread of its
 * own so that a slow or huge file never stops the draining of events nor
 * SIGTERM. A reload then builds the new config's outputs, metrics endpoint, rules
 * and (when its filters changed) engine before anything of the old one is
 * let go, so a config that fails at any step leaves the daemon as it was. */
#include "monitor/daemon.h"
#include "monitor/cgroups.h"

#include <arpa/inet.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <systemd/sd-daemon.h>
#include <time.h>
#include <unistd.h>

#include "decode/decode.h"
#include "engine/ebpf/ebpf.h"
#include "engine/engine.h"
#include "monitor/bpfinfo.h"
#include "monitor/config.h"
#include "monitor/metrics.h"
#include "monitor/rules.h"
#include "monitor/sink.h"
#include "monitor/value.h"
#include "resolve/resolve.h"
#include "util/proc.h"

#define POLL_MS 100
#define EXPIRE_NS (5 * SW_NS_PER_SEC)
#define DRAIN_ROUNDS 64 /* polls at shutdown to empty the ring buffer */

/* A config being read for a reload. The thread and the daemon share it; the
 * one that finishes last frees it, so a daemon stopping mid-read need not
 * wait for the file. */
enum { JOB_RUNNING, JOB_DONE, JOB_ABANDONED };

struct load_job {
	pthread_t thread;
	const char *path;
	struct sw_mon_config *cfg;
	struct sw_err err;
	int rc;
	atomic_int state;
};

/* A running action: verify (a `syswatch trace` of the process). The
 * verify_seconds count from when the tracer has attached, not from the
 * fork: on a loaded machine starting it can take most of a second. */
struct verification {
	pid_t child;
	pid_t target;
	uint64_t span_ns;   /* verify_seconds */
	uint64_t deadline;  /* CLOCK_MONOTONIC ns: then it is told to detach */
	bool attached;      /* deadline: verify_seconds after the attach (before it:
			     * VERIFY_ATTACH_NS after the fork) */
	bool told;
};

/* How long a tracer may take to attach before it is told to give up. */
#define VERIFY_ATTACH_NS (10 * SW_NS_PER_SEC)

#define MAX_VERIFY 64

struct daemon {
	const char *path;
	struct load_job *loading;     /* a reload reading its config, or NULL */
	bool reload_again;            /* SIGHUP came while one was being read */
	struct sw_mon_config *cfg;
	struct sw_mon_rules *rules;
	struct sw_mon_cgroups *cgroups; /* cgroup paths for the rules' tests */
	struct sw_mon_sinks *sinks;
	struct sw_mon_metrics *metrics;
	struct sw_mon_http *http;
	const struct sw_engine_ops *ops;
	struct sw_engine *engine;
	struct sw_engine_opts opts;
	struct sw_mon_counters c;
	uint32_t self_pid;
	uint64_t delivered;           /* every event the engine handed over, of any kind */
	uint64_t record_tick;         /* unsampled events seen, for sampling the recorded ones */
	bool journal;                 /* stderr goes to the journal: prefix levels */
	uint64_t next_flush, next_expire, next_report; /* CLOCK_MONOTONIC ns */
	uint64_t seen_events, seen_lost;              /* engine totals at the last report */
	uint64_t lost_base;                           /* lost by engines replaced on reloads */
	bool failed;                                  /* stopping because of an error */
	uint64_t report_start;
	volatile sig_atomic_t *stop, *reload;
	struct verification verif[MAX_VERIFY];
	unsigned nverif;
};

/* ---- logging -------------------------------------------------------------------------- */

static void say(struct daemon *d, int level, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void say(struct daemon *d, int level, const char *fmt, ...)
{
	char line[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	/* "<4>" tells journald the priority of a line (sd-daemon(3)) */
	if (d->journal)
		fprintf(stderr, "<%d>", level);
	/* the config's warnings already say so after their file:line:column */
	fprintf(stderr, "syswatch: %s%s\n", level == 4 && !strstr(line, ": warning: ") ? "warning: " : "", line);
}

#define LOG_ERR_ 3
#define LOG_WARN_ 4
#define LOG_INFO_ 6

/* Whether stderr is the journal stream systemd says it gave us. */
static bool stderr_is_journal(void)
{
	const char *js = getenv("JOURNAL_STREAM");
	unsigned long long dev, ino;
	struct stat st;

	if (!js || sscanf(js, "%llu:%llu", &dev, &ino) != 2 || fstat(STDERR_FILENO, &st) < 0)
		return false;
	return (unsigned long long)st.st_dev == dev && (unsigned long long)st.st_ino == ino;
}

static uint64_t mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * SW_NS_PER_SEC + (uint64_t)ts.tv_nsec;
}

static uint64_t real_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * SW_NS_PER_SEC + (uint64_t)ts.tv_nsec;
}

/* ---- events ------------------------------------------------------------------------------ */

static bool process_passes(const struct sw_mon_config *cfg, const struct sw_event *ev)
{
	if (cfg->users.n && !sw_mon_uids_has(&cfg->users, ev->uid))
		return false;
	if (cfg->exclude_users.n && sw_mon_uids_has(&cfg->exclude_users, ev->uid))
		return false;
	if (cfg->comms.n && !sw_mon_strs_has_comm(&cfg->comms, ev->comm))
		return false;
	if (cfg->exclude_comms.n && sw_mon_strs_has_comm(&cfg->exclude_comms, ev->comm))
		return false;
	return true;
}

/* Sampling thins the recorded stream only. The engine samples the syscalls
 * no rule watches; the others come in full (for the rules) and one in
 * sample_every of them is recorded here. */
static bool record_kept(struct daemon *d, const struct sw_event *ev)
{
	uint32_t n = d->cfg->sample_every;

	if (n <= 1 || (ev->flags & SW_EVF_SAMPLED))
		return true;
	return ++d->record_tick % n == 0;
}

/* action: verify. The ptrace engine, in a child running `syswatch trace
 * --engine ptrace -f -tt -T -p PID -o LOG` (named: trace's default is the
 * eBPF engine where it loads, which also takes seconds to start), follows the process for verify_seconds, then is told
 * to detach (SIGINT), and the process runs on. */
static const char *start_verify(struct daemon *d, const struct sw_mon_alert *a, char *log, size_t len,
				const char **why)
{
	const struct sw_mon_rule *r = a->rule;
	uint32_t pid = a->last->pid;
	char name[64], stamp[32], pidarg[16];
	time_t now = time(NULL);
	struct tm tm;
	size_t i, n = 0;
	pid_t child;

	if (d->nverif >= d->cfg->max_verifications || d->nverif >= MAX_VERIFY) {
		d->c.verify_skipped++;
		say(d, LOG_WARN_, "rule %s: not verifying pid %u: %u verifications are running (outputs.max_verifications)",
		    r->name, pid, d->nverif);
		*why = "too many verifications at once";
		return NULL;
	}
	/* the file name: the rule's name with anything but [A-Za-z0-9_.-] as '_' */
	for (i = 0; r->name[i] && n < sizeof(name) - 1; i++) {
		char c = r->name[i];

		name[n++] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
				    c == '_' || c == '.'
			    ? c
			    : '_';
	}
	name[n] = '\0';
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%SZ", &tm);
	snprintf(log, len, "%s/%s-%u-%s.log", d->cfg->verify_dir, name, pid, stamp);
	snprintf(pidarg, sizeof(pidarg), "%u", pid);
	child = fork();
	if (child < 0) {
		*why = strerror(errno);
		return NULL;
	}
	if (child == 0) {
		execl("/proc/self/exe", "syswatch", "trace", "--engine", "ptrace", "-f", "-tt", "-T", "-p", pidarg, "-o",
		      log, (char *)NULL);
		_exit(127);
	}
	d->verif[d->nverif++] = (struct verification){
		.child = child,
		.target = (pid_t)pid,
		.span_ns = (uint64_t)r->verify_seconds * SW_NS_PER_SEC,
		.deadline = mono_ns() + VERIFY_ATTACH_NS,
	};
	d->c.verifications++;
	return log;
}

/* Reaps finished verifications and tells the due ones to detach; with all,
 * tells every one and waits for them (at shutdown). */
static void tend_verifications(struct daemon *d, bool all)
{
	uint64_t now = mono_ns();

	for (unsigned i = 0; i < d->nverif;) {
		struct verification *v = &d->verif[i];
		int status;
		pid_t w;

		if (!v->attached && !v->told) {
			pid_t tracer = sw_proc_tracer(v->target);

			if (tracer > 0 && sw_proc_tgid(tracer) == v->child) {
				v->attached = true;
				v->deadline = now + v->span_ns;
			}
		}
		if ((all || now >= v->deadline) && !v->told) {
			kill(v->child, SIGINT);
			v->told = true;
		}
		w = waitpid(v->child, &status, all ? 0 : WNOHANG);
		if (w == v->child || (w < 0 && errno != EINTR)) {
			d->verif[i] = d->verif[--d->nverif];
			continue;
		}
		i++;
	}
}

static void on_alert(const struct sw_mon_alert *a, void *ctx)
{
	struct daemon *d = ctx;
	struct sw_mon_alert copy = *a;
	char log[4096 + 128];
	struct sw_err err;

	switch (a->rule->action) {
	case SW_ACT_VERIFY:
		copy.verify_log = start_verify(d, a, log, sizeof(log), &copy.action_error);
		break;
	case SW_ACT_KILL:
		if (a->last->pid == d->self_pid) {
			copy.action_error = "not killing the monitor itself";
		} else if (sw_ebpf_kill(d->engine, a->last->pid, &err) < 0) {
			copy.action_error = err.msg;
		} else {
			copy.killed = true;
			d->c.kills++;
		}
		break;
	}
	sw_mon_counters_count_alert(&d->c, a->rule->name, a->rule->severity);
	sw_mon_sinks_alert(d->sinks, &copy);
}

static int on_event(const struct sw_event *ev, void *ctx)
{
	struct daemon *d = ctx;
	const struct sw_mon_config *cfg = d->cfg;

	d->delivered++;
	if (ev->kind != SW_EV_SYSCALL || ev->nr < 0 || ev->nr >= SW_NR_MAX)
		return 0;
	d->c.events_received++;
	/* the daemon's own syscalls (writing events) would feed back into it */
	if (ev->pid == d->self_pid || !process_passes(cfg, ev)) {
		d->c.events_filtered++;
		return 0;
	}
	d->c.syscalls[ev->nr]++;
	if (cfg->events_path && sw_sysset_has(&cfg->record, ev->nr) && record_kept(d, ev)) {
		sw_mon_sinks_event(d->sinks, ev);
		d->c.events_recorded++;
	}
	/* rules see every call of their syscalls: the engine does not sample them */
	sw_mon_rules_feed(d->rules, ev, 1, on_alert, d);
	return 0;
}

/* ---- the engine ------------------------------------------------------------------------ */

static void engine_opts(struct sw_engine_opts *o, const struct sw_mon_config *cfg, volatile sig_atomic_t *stop)
{
	memset(o, 0, sizeof(*o));
	o->system_wide = true;
	o->set_given = true;
	o->set = cfg->traced;
	o->strlimit = SW_DEFAULT_STRLIMIT;
	o->sample = cfg->sample_every;
	o->context = true;
	/* resolved paths and file identities (resolve/): descriptors and the cwd */
	o->fd_detail = SW_FDD_PATH;
	o->resolve_cwd = true;
	o->resolve_exe = true;
	o->io_uring = true;
	for (size_t i = 0; i < cfg->nrules; i++)
		for (int w = 0; w < SW_NR_MAX / 64; w++)
			o->unsampled.bits[w] |= cfg->rules[i].syscalls.bits[w];
	o->buffer_size = cfg->ring_size;
	/* one user or one command: let the kernel filter; several: done here */
	o->uid = cfg->users.n == 1 ? (int)cfg->users.v[0] : -1;
	if (cfg->comms.n == 1)
		snprintf(o->comm, sizeof(o->comm), "%s", cfg->comms.v[0]);
	/* from verbose 1 the engine shows libbpf's warnings, among them the
	 * verifier's log of a rejected program; strict adds the programs'
	 * measured sizes (check_bpf), not libbpf's debug chatter */
	o->verbose = cfg->verifier_level >= SW_VERIFIER_NORMAL ? 1 : 0;
	o->stop = stop;
}

static bool opts_equal(const struct sw_engine_opts *a, const struct sw_engine_opts *b)
{
	return memcmp(&a->set, &b->set, sizeof(a->set)) == 0 && a->sample == b->sample && a->verbose == b->verbose &&
	       memcmp(&a->unsampled, &b->unsampled, sizeof(a->unsampled)) == 0 &&
	       a->buffer_size == b->buffer_size && a->uid == b->uid && strcmp(a->comm, b->comm) == 0;
}

/* Checks what the engine really loaded against the limits. */
static int check_bpf(struct daemon *d, const struct sw_mon_config *cfg, struct sw_err *err)
{
	struct sw_mon_bpfinfo bi;
	char have[32], lim[32];

	if (sw_mon_bpfinfo_measure(&bi) < 0)
		return sw_err_set(err, "cannot measure the BPF programs: %s", strerror(errno));
	if (bi.map_bytes + cfg->rule_memory > cfg->memory_limit) {
		sw_mon_format_size(bi.map_bytes, have, sizeof(have));
		sw_mon_format_size(cfg->memory_limit, lim, sizeof(lim));
		return sw_err_set(err, "the BPF maps use %s, which with the rules' windows exceeds limits.memory_limit %s",
				  have, lim);
	}
	if (bi.largest_prog > cfg->max_program_size) {
		sw_mon_format_size(cfg->max_program_size, lim, sizeof(lim));
		return sw_err_set(err, "BPF program %s is %llu bytes, more than limits.max_program_size %s",
				  bi.largest_name, (unsigned long long)bi.largest_prog, lim);
	}
	d->c.bpf_map_bytes = bi.map_bytes;
	d->c.bpf_prog_bytes = bi.largest_prog;
	if (cfg->verifier_level >= SW_VERIFIER_STRICT)
		say(d, LOG_INFO_, "%u BPF programs (largest: %s, %llu bytes; %llu instructions verified), "
		    "%u maps using %llu bytes", bi.progs, bi.largest_name, (unsigned long long)bi.largest_prog,
		    (unsigned long long)bi.verified_insns, bi.maps, (unsigned long long)bi.map_bytes);
	return 0;
}

static int engine_up(struct daemon *d, const struct sw_mon_config *cfg, struct sw_engine **out,
		     struct sw_engine_opts *o, struct sw_err *err)
{
	struct sw_engine *e = NULL;

	engine_opts(o, cfg, d->stop);
	if (!d->ops)
		return sw_err_set(err, "the eBPF engine is not built: the monitor needs it");
	if (d->ops->open(&e, o, err) < 0)
		return -1;
	if (d->ops->start(e, err) < 0 || check_bpf(d, cfg, err) < 0) {
		d->ops->close(e);
		return -1;
	}
	*out = e;
	return 0;
}

/* One poll. Returns events delivered (>= 0), SW_POLL_DONE when the engine
 * has nothing left to trace, or -1. */
#define SW_POLL_DONE (-2)

static int poll_engine(struct daemon *d, int timeout_ms, struct sw_err *err)
{
	uint64_t before = d->delivered;
	int rc = d->ops->poll(d->engine, timeout_ms, on_event, d, err);

	if (rc < 0)
		return -1;
	if (rc == SW_ENGINE_DONE)
		return SW_POLL_DONE;
	return (int)(d->delivered - before);
}

/* Delivers what the engine still holds (at shutdown, or before replacing it). */
static void drain(struct daemon *d)
{
	struct sw_err err;

	for (int i = 0; i < DRAIN_ROUNDS; i++)
		if (poll_engine(d, 0, &err) <= 0)
			break;
}

/* ---- housekeeping ---------------------------------------------------------------------- */

static void report_lost(struct daemon *d, uint64_t now)
{
	struct sw_engine_stats st = { 0, 0 };
	uint64_t ev, lost;
	double secs = (double)(now - d->report_start) / 1e9;

	if (!d->engine)
		return;
	d->ops->stats(d->engine, &st);
	ev = st.events - d->seen_events;
	lost = st.lost - d->seen_lost;
	d->seen_events = st.events;
	d->seen_lost = st.lost;
	d->report_start = now;
	d->c.events_lost = d->lost_base + st.lost; /* a counter: never goes back */
	d->c.lost_ratio = ev + lost ? (double)lost / (double)(ev + lost) : 0.0;
	if (lost == 0)
		return;
	/* detection is incomplete: the alert sinks say so too (once per report
	 * interval at most, since reports come no more often) */
	sw_mon_sinks_lost(d->sinks, lost, secs, d->c.lost_ratio, d->c.events_lost);
	say(d, d->c.lost_ratio > d->cfg->lost_warn_ratio ? LOG_WARN_ : LOG_INFO_,
	    "lost %llu events in the last %.0fs (%.0f/s, %.2f%% of events)%s", (unsigned long long)lost, secs,
	    secs > 0 ? (double)lost / secs : 0.0, 100.0 * d->c.lost_ratio,
	    d->c.lost_ratio > d->cfg->lost_warn_ratio ? ": raise performance.buffer_size or lower the sample rate" : "");
}

static void publish(struct daemon *d)
{
	struct sw_mon_rules_stats rs;
	struct sw_mon_sink_stats ss;

	sw_mon_rules_stats(d->rules, &rs);
	sw_mon_sinks_stats(d->sinks, &ss);
	d->c.rule_keys = rs.keys;
	d->c.rule_bytes = rs.bytes;
	d->c.output_errors = ss.errors;
	d->c.ring_bytes = d->cfg->ring_size;
	d->c.sample_ratio = 1.0 / d->cfg->sample_every;
	sw_mon_metrics_publish(d->metrics, &d->c);
}

static void housekeeping(struct daemon *d)
{
	uint64_t now = mono_ns();
	char msg[SW_ERR_MAX];

	if (now >= d->next_flush) {
		sw_mon_sinks_flush(d->sinks);
		d->next_flush = now + d->cfg->flush_interval_ns;
	}
	if (d->nverif)
		tend_verifications(d, false);
	if (now >= d->next_expire) {
		sw_mon_rules_expire(d->rules, real_ns());
		d->next_expire = now + EXPIRE_NS;
	}
	if (now >= d->next_report) {
		report_lost(d, now);
		if (sw_mon_sinks_take_error(d->sinks, msg, sizeof(msg)))
			say(d, LOG_ERR_, "%s", msg);
		d->next_report = now + d->cfg->lost_report_interval_ns;
	}
	publish(d);
}

static void print_warnings(struct daemon *d, const struct sw_mon_config *cfg)
{
	for (size_t i = 0; i < cfg->warnings.n; i++)
		say(d, LOG_WARN_, "%s", cfg->warnings.v[i]);
}

/* Tells systemd (when it started us) and the log what is running. */
static void status(struct daemon *d, const char *verb)
{
	char ring[32];

	sw_mon_format_size(d->cfg->ring_size, ring, sizeof(ring));
	sd_notifyf(0, "READY=1\nSTATUS=%zu rules, %u syscalls traced, sampling 1 in %u, ring buffer %s",
		   d->cfg->nrules, sw_sysset_count(&d->cfg->traced), d->cfg->sample_every, ring);
	say(d, LOG_INFO_, "%s %s: %zu rules, %u syscalls traced, sampling 1 in %u, ring buffer %s", verb, d->path,
	    d->cfg->nrules, sw_sysset_count(&d->cfg->traced), d->cfg->sample_every, ring);
	if (d->http) {
		char host[64] = "";
		const struct sockaddr_storage *sa = &d->cfg->metrics_sa;

		if (sa->ss_family == AF_INET6)
			inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, host, sizeof(host));
		else
			inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, host, sizeof(host));
		say(d, LOG_INFO_, sa->ss_family == AF_INET6 ? "metrics at http://[%s]:%u/metrics"
							    : "metrics at http://%s:%u/metrics",
		    host, sw_mon_http_port(d->http));
	}
}

/* Every configured rule has its alert series from the start, at 0. */
static void declare_rules(struct daemon *d)
{
	for (size_t i = 0; i < d->cfg->nrules; i++)
		sw_mon_counters_declare_rule(&d->c, d->cfg->rules[i].name, d->cfg->rules[i].severity);
}

/* ---- reload ---------------------------------------------------------------------------- */

static bool same_metrics(const struct sw_mon_config *a, const struct sw_mon_config *b)
{
	if (!a->metrics_addr || !b->metrics_addr)
		return !a->metrics_addr && !b->metrics_addr;
	return a->metrics_salen == b->metrics_salen && memcmp(&a->metrics_sa, &b->metrics_sa, a->metrics_salen) == 0;
}

static void reload_failed(struct daemon *d, const char *why)
{
	struct sw_mon_sinks *reopened;
	struct sw_err err;

	d->c.reload_failures++;
	d->c.last_reload_ok = 0;
	say(d, LOG_ERR_, "reload refused, keeping the running config: %s", why);
	/* the files are still reopened, for log rotation */
	if (sw_mon_sinks_open(&reopened, d->cfg, &err) == 0) {
		sw_mon_sinks_close(d->sinks);
		d->sinks = reopened;
	} else {
		say(d, LOG_ERR_, "cannot reopen the outputs, writing to the open ones: %s", err.msg);
	}
}

static void job_free(struct load_job *j)
{
	sw_mon_config_free(j->cfg);
	free(j);
}

static void *load_main(void *arg)
{
	struct load_job *j = arg;
	int running = JOB_RUNNING;

	j->rc = sw_mon_config_load(&j->cfg, j->path, &j->err);
	if (!atomic_compare_exchange_strong(&j->state, &running, JOB_DONE))
		job_free(j); /* the daemon stopped without waiting for it */
	return NULL;
}

/* Starts reading the config on a thread; the loop applies it once read. */
static void start_reload(struct daemon *d)
{
	struct load_job *j;
	sigset_t all, old;
	int rc;

	if (d->loading) {
		d->reload_again = true;
		return;
	}
	sd_notifyf(0, "RELOADING=1\nMONOTONIC_USEC=%llu", (unsigned long long)(mono_ns() / 1000));
	j = sw_xcalloc(1, sizeof(*j));
	j->path = d->path;
	atomic_init(&j->state, JOB_RUNNING);
	/* signals stay with the loop's thread, where they interrupt the poll */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&j->thread, NULL, load_main, j);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		free(j);
		reload_failed(d, "cannot start a thread to read the config");
		if (d->engine)
			status(d, "still running");
		return;
	}
	d->loading = j;
}

static void apply_reload(struct daemon *d, struct sw_mon_config *cfg);

/* Applies a config that has been read, and starts the next read when a
 * SIGHUP came meanwhile. */
static void check_reload(struct daemon *d)
{
	struct load_job *j = d->loading;
	struct sw_mon_config *cfg;

	if (!j || atomic_load(&j->state) != JOB_DONE)
		return;
	pthread_join(j->thread, NULL);
	d->loading = NULL;
	cfg = j->cfg;
	j->cfg = NULL;
	if (j->rc < 0) {
		reload_failed(d, j->err.msg);
		if (d->engine)
			status(d, "still running");
	} else {
		apply_reload(d, cfg);
	}
	free(j);
	if (d->reload_again && !*d->stop) {
		d->reload_again = false;
		start_reload(d);
	}
}

/* At exit: a read still going is left to finish (and free itself) alone. */
static void abandon_reload(struct daemon *d)
{
	struct load_job *j = d->loading;
	int running = JOB_RUNNING;

	if (!j)
		return;
	d->loading = NULL;
	if (atomic_compare_exchange_strong(&j->state, &running, JOB_ABANDONED)) {
		pthread_detach(j->thread);
		return;
	}
	pthread_join(j->thread, NULL);
	job_free(j);
}

/* Swaps in cfg (owned from here) with its outputs, metrics endpoint, rules
 * and, when its filters changed, engine; any failure keeps the running one. */
static void apply_reload(struct daemon *d, struct sw_mon_config *cfg)
{
	struct sw_mon_sinks *sinks = NULL;
	struct sw_mon_http *http = NULL;
	struct sw_engine *engine = NULL;
	struct sw_engine_opts opts;
	struct sw_err err;
	bool new_http, new_engine;

	if (sw_mon_sinks_open(&sinks, cfg, &err) < 0) {
		reload_failed(d, err.msg);
		goto out;
	}
	new_http = !same_metrics(d->cfg, cfg);
	if (new_http && cfg->metrics_addr &&
	    sw_mon_http_start(&http, d->metrics, (struct sockaddr *)&cfg->metrics_sa, cfg->metrics_salen, &err) < 0) {
		reload_failed(d, err.msg);
		goto out;
	}
	engine_opts(&opts, cfg, d->stop);
	new_engine = !opts_equal(&opts, &d->opts);
	if (new_engine) {
		/* one engine at a time, so memory_limit holds during the switch */
		drain(d);
		report_lost(d, mono_ns());
		d->lost_base = d->c.events_lost;
		d->seen_events = d->seen_lost = 0;
		d->ops->close(d->engine);
		d->engine = NULL;
		if (engine_up(d, cfg, &engine, &opts, &err) < 0) {
			struct sw_err err2;

			reload_failed(d, err.msg);
			if (engine_up(d, d->cfg, &d->engine, &d->opts, &err2) < 0) {
				say(d, LOG_ERR_, "cannot restart the engine with the running config: %s", err2.msg);
				d->failed = true; /* exit non-zero: systemd restarts the service */
				*d->stop = 1;
			}
			goto out;
		}
	}
	/* everything is ready: swap */
	print_warnings(d, cfg);
	sw_mon_sinks_flush(d->sinks);
	sw_mon_sinks_close(d->sinks);
	d->sinks = sinks;
	sinks = NULL;
	if (new_http) {
		sw_mon_http_stop(d->http);
		d->http = http;
		http = NULL;
	}
	if (new_engine) {
		d->engine = engine;
		d->opts = opts;
	}
	{
		struct sw_mon_rules *rules = sw_mon_rules_new(cfg);

		/* windows of the rules the reload left as they were go on */
		sw_mon_rules_adopt(rules, d->rules);
		sw_mon_rules_free(d->rules);
		d->rules = rules;
		sw_mon_rules_set_cgroups(rules, d->cgroups);
	}
	sw_mon_config_free(d->cfg);
	d->cfg = cfg;
	cfg = NULL;
	declare_rules(d);
	d->c.reloads++;
	d->c.last_reload_ok = 1;
	d->c.last_reload_time = (double)real_ns() / 1e9;
	d->next_flush = d->next_report = 0;
out:
	sw_mon_sinks_close(sinks);
	sw_mon_http_stop(http);
	sw_mon_config_free(cfg);
	if (d->engine)
		status(d, d->c.last_reload_ok ? "reloaded" : "still running");
}

/* ---- run ----------------------------------------------------------------------------- */

static void teardown(struct daemon *d)
{
	abandon_reload(d);
	tend_verifications(d, true);
	sw_mon_http_stop(d->http);
	if (d->engine)
		d->ops->close(d->engine);
	sw_mon_sinks_close(d->sinks);
	sw_mon_rules_free(d->rules);
	sw_mon_cgroups_free(d->cgroups);
	sw_mon_metrics_free(d->metrics);
	sw_mon_counters_release(&d->c);
	sw_mon_config_free(d->cfg);
}

int sw_mon_daemon_run(const char *config_path, volatile sig_atomic_t *stop, volatile sig_atomic_t *reload)
{
	struct daemon d = { .path = config_path, .stop = stop, .reload = reload };
	struct sw_err err;
	int status_code = 0;
	uint64_t alerts = 0;

	d.journal = stderr_is_journal();
	d.self_pid = (uint32_t)getpid();
	d.ops = sw_engine_ebpf_ops;
	d.metrics = sw_mon_metrics_new();
	d.c.start_time = (double)real_ns() / 1e9;
	if (sw_mon_config_load(&d.cfg, config_path, &err) < 0) {
		say(&d, LOG_ERR_, "%s", err.msg);
		teardown(&d);
		return 1;
	}
	print_warnings(&d, d.cfg);
	if (sw_mon_sinks_open(&d.sinks, d.cfg, &err) < 0 ||
	    (d.cfg->metrics_addr && sw_mon_http_start(&d.http, d.metrics, (struct sockaddr *)&d.cfg->metrics_sa,
						      d.cfg->metrics_salen, &err) < 0) ||
	    engine_up(&d, d.cfg, &d.engine, &d.opts, &err) < 0) {
		say(&d, LOG_ERR_, "%s", err.msg);
		teardown(&d);
		return 1;
	}
	d.rules = sw_mon_rules_new(d.cfg);
	d.cgroups = sw_mon_cgroups_new(NULL);
	sw_mon_rules_set_cgroups(d.rules, d.cgroups);
	declare_rules(&d);
	d.c.last_reload_ok = 1;
	d.c.last_reload_time = d.c.start_time;
	d.report_start = mono_ns();
	d.next_report = d.report_start + d.cfg->lost_report_interval_ns;
	publish(&d);
	status(&d, "started with");

	while (!*stop) {
		int rc;

		if (*reload) {
			*reload = 0;
			start_reload(&d);
		}
		check_reload(&d);
		if (*stop)
			break;
		rc = poll_engine(&d, POLL_MS, &err);
		if (rc == -1 && !*stop && !*reload) {
			say(&d, LOG_ERR_, "the engine failed: %s", err.msg);
			status_code = 1;
			break;
		}
		if (rc == SW_POLL_DONE && !*stop) {
			say(&d, LOG_ERR_, "the engine stopped delivering events");
			status_code = 1;
			break;
		}
		housekeeping(&d);
	}
	sd_notify(0, "STOPPING=1\nSTATUS=stopping");
	if (d.engine)
		drain(&d);
	sw_mon_sinks_flush(d.sinks);
	report_lost(&d, mono_ns());
	for (size_t i = 0; i < d.c.nalerts; i++)
		alerts += d.c.alerts[i].n;
	say(&d, LOG_INFO_, "stopped: %llu events received, %llu recorded, %llu lost, %llu alerts",
	    (unsigned long long)d.c.events_received, (unsigned long long)d.c.events_recorded,
	    (unsigned long long)d.c.events_lost, (unsigned long long)alerts);
	teardown(&d);
	return d.failed ? 1 : status_code;
}
