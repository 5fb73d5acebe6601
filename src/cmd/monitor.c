// SPDX-License-Identifier: GPL-2.0-only
/* syswatch monitor: the daemon (see src/monitor/daemon.h) and --check-config. */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"
#include "cmd/options.h"
#include "core/syscalls.h"
#include "monitor/config.h"
#include "monitor/daemon.h"
#include "monitor/value.h"
#include "util/error.h"

static volatile sig_atomic_t stop_flag;
static volatile sig_atomic_t reload_flag;

static void on_stop(int sig)
{
	stop_flag = 1;
}

static void on_hup(int sig)
{
	reload_flag = 1;
}

static void usage(FILE *f)
{
	fprintf(f, "usage: syswatch monitor --config FILE [--check-config]\n\n"
		   "Runs the eBPF engine system-wide with the config's filters, evaluates its alert\n"
		   "rules and writes events, alerts and metrics. SIGHUP reloads the config (a bad one\n"
		   "is refused and the running one kept) and reopens the output files; SIGTERM and\n"
		   "SIGINT flush and exit.\n\n"
		   "  -c, --config FILE   the YAML config (see packaging/syswatch.yaml)\n"
		   "      --check-config  validate the config, print what it means, and exit\n"
		   "  -h, --help          this help\n\n"
		   "Built-in rules (select with builtin_rules:, or start a rule from one by naming it):\n");
	for (size_t i = 0; i < sw_mon_nbuiltins; i++) {
		const struct sw_mon_builtin *b = &sw_mon_builtins[i];

		fprintf(f, "  %s%s%s%s\n      %s\n", b->id, b->alias ? " (" : "", b->alias ? b->alias : "",
			b->alias ? ")" : "", b->description);
	}
}

static void print_uids(const char *label, const struct sw_mon_uids *u)
{
	if (!u->n)
		return;
	printf("  %s:", label);
	for (size_t i = 0; i < u->n; i++)
		printf(" %u", u->v[i]);
	printf("\n");
}

static void print_strs(const char *label, const struct sw_mon_strs *s)
{
	if (!s->n)
		return;
	printf("  %s:", label);
	for (size_t i = 0; i < s->n; i++)
		printf(" %s", s->v[i]);
	printf("\n");
}

static void print_rule(const struct sw_mon_rule *r)
{
	unsigned n = 0;

	printf("    %s: more than %llu in %llus (key: %s) -> %s; syscalls:", r->name, (unsigned long long)r->threshold,
	       (unsigned long long)(r->window_ns / 1000000000ull), sw_mon_keyby_name(r->key),
	       sw_mon_severity_name(r->severity));
	for (int nr = 0; nr < SW_NR_MAX; nr++)
		if (sw_sysset_has(&r->syscalls, nr) && sw_syscall_by_nr(nr))
			printf("%s%s", n++ ? "," : " ", sw_syscall_by_nr(nr)->name);
	if (r->cond && r->cond->nkids + (r->cond->op != SW_COND_ALL))
		printf("; with a condition");
	if (r->exceptions)
		printf("; %zu exception%s", r->exceptions->nkids, r->exceptions->nkids == 1 ? "" : "s");
	printf("\n");
}

/* What the config means once defaults, aliases and limits are applied. */
static void describe(const struct sw_mon_config *c)
{
	char ring[32], buf[32], mem[32], prog[32];
	static const char *const verifier[] = { "off", "normal", "strict" };

	sw_mon_format_size(c->ring_size, ring, sizeof(ring));
	sw_mon_format_size(c->buffer_size, buf, sizeof(buf));
	sw_mon_format_size(c->memory_limit, mem, sizeof(mem));
	sw_mon_format_size(c->max_program_size, prog, sizeof(prog));
	printf("%s: ok\n", c->path);
	printf("  syscalls: %u traced, %u recorded\n", sw_sysset_count(&c->traced), sw_sysset_count(&c->record));
	print_uids("users (uid)", &c->users);
	print_uids("excluded users (uid)", &c->exclude_users);
	print_strs("commands", &c->comms);
	print_strs("excluded commands", &c->exclude_comms);
	printf("  sampling: 1 event in %u\n", c->sample_every);
	printf("  ring buffer: %s (buffer_size %s), batching %s, flush every %llums\n", ring, buf,
	       c->batching ? "on" : "off", (unsigned long long)(c->flush_interval_ns / 1000000));
	printf("  limits: memory %s, program size %s, verifier %s\n", mem, prog, verifier[c->verifier_level]);
	printf("  rules (%zu):\n", c->nrules);
	for (size_t i = 0; i < c->nrules; i++)
		print_rule(&c->rules[i]);
	printf("  outputs: events %s, alerts %s, stdout %s, syslog %s, metrics %s\n",
	       c->events_path ? c->events_path : "off", c->alerts_path ? c->alerts_path : "off",
	       c->alerts_stdout ? "on" : "off", c->syslog ? c->syslog_socket : "off",
	       c->metrics_addr ? c->metrics_addr : "off");
}

static int check_config(const char *path)
{
	struct sw_mon_config *cfg;
	struct sw_err err;

	if (sw_mon_config_load(&cfg, path, &err) < 0) {
		fprintf(stderr, "%s\n", err.msg);
		return 1;
	}
	for (size_t i = 0; i < cfg->warnings.n; i++)
		fprintf(stderr, "%s\n", cfg->warnings.v[i]);
	describe(cfg);
	sw_mon_config_free(cfg);
	return 0;
}

int cmd_monitor(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "check-config", no_argument, NULL, 'C' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *config = NULL;
	bool check = false;
	struct sigaction sa;
	int opt;

	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "+:c:h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'c':
			config = optarg;
			break;
		case 'C':
			check = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			sw_cli_bad_option("monitor", opt, argv);
			return 2;
		}
	}
	if (optind < argc) {
		error("monitor: unexpected argument '%s'", argv[optind]);
		return 2;
	}
	if (!config) {
		error("monitor: --config FILE is required");
		return 2;
	}
	if (check)
		return check_config(config);

	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_stop;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = on_hup;
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	return sw_mon_daemon_run(config, &stop_flag, &reload_flag);
}
