// SPDX-License-Identifier: GPL-2.0-only
/* syswatch --version: the version, the commit it was built from, and what
 * this build can do. The version and commit come from the build
 * ($(O)/gen/version.h, see mk/version.mk); library versions are asked of the
 * libraries themselves, so they are those the binary runs with. A feature
 * that the build can leave out prints "no" and how to get it. */
#include <stdio.h>

#include <bpf/libbpf.h>
#include <cairo/cairo.h>
#include <microhttpd.h>
#include <seccomp.h>

#ifdef SW_HAVE_LIBDW
#include <elfutils/libdwfl.h>
#endif
#include "cmd/cmd.h"
#include "engine/engine.h"
#include "version.h"

static void feature(const char *name, const char *state, const char *what)
{
	printf("  %-13s %-4s %s\n", name, state, what);
}

const char *sw_version(void)
{
	return SW_VERSION;
}

const char *sw_git_commit(void)
{
	return SW_GIT_COMMIT;
}

int cmd_version(void)
{
	const struct scmp_version *sv = seccomp_version();
	char buf[128];

	printf("syswatch %s\n", SW_VERSION);
	printf("commit: %s\n", SW_GIT_COMMIT[0] ? SW_GIT_COMMIT : "unknown (built outside git)");
	printf("engines:");
	for (size_t i = 0; sw_engine_at(i); i++)
		printf(" %s", sw_engine_at(i)->name);
	printf("\nfeatures:\n");
	snprintf(buf, sizeof(buf), "libbpf %u.%u: CO-RE, tp_btf (raw_tp fallback), ring buffer",
		 libbpf_major_version(), libbpf_minor_version());
	if (sw_engine_ebpf_ops)
		feature("ebpf", "yes", buf);
	else
		feature("ebpf", "no", "(not in this build)");
	snprintf(buf, sizeof(buf), "libseccomp %u.%u.%u: ptrace pre-filter for -e trace=SET",
		 sv ? sv->major : 0, sv ? sv->minor : 0, sv ? sv->micro : 0);
	feature("seccomp", "yes", buf);
	snprintf(buf, sizeof(buf), "libmicrohttpd %s: Prometheus endpoint of the monitor", MHD_get_version());
	feature("metrics", "yes", buf);
	feature("systemd", "yes", "sd_notify (Type=notify unit)");
	snprintf(buf, sizeof(buf), "cairo %s: bench --plot PNG and SVG", cairo_version_string());
	feature("charts", "yes", buf);
#ifdef SW_HAVE_LIBDW
	snprintf(buf, sizeof(buf), "libdw %s: -k", dwfl_version(NULL));
	feature("stack traces", "yes", buf);
#else
	feature("stack traces", "no", "(not in this build)");
#endif
	return 0;
}
