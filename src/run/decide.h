/* SPDX-License-Identifier: GPL-2.0-only */
/* syswatch run --supervise: rules deciding a call on its decoded arguments
 * (the resolved path and flags of an open, a socket's family, a connection's
 * destination, the program an exec loads), and the supervisor's side of
 * those calls. Opens are made by the supervisor itself and the descriptor
 * handed over (SECCOMP_IOCTL_NOTIF_ADDFD), so what was decided is what is
 * opened, whatever the program does to the path string meanwhile. */
#ifndef SW_RUN_DECIDE_H
#define SW_RUN_DECIDE_H

#include <linux/seccomp.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "core/sysset.h"
#include "run/policy.h"
#include "util/cidr.h"
#include "util/error.h"

enum sup_group { SUP_OPEN = 1, SUP_SOCKET, SUP_CONNECT, SUP_EXEC };

struct sup_ident {
	dev_t dev;
	ino_t ino;
};

struct sup_rule {
	int rule;                 /* the policy's rule label */
	enum sup_group group;
	char *path;               /* glob, SUP_OPEN (and SUP_EXEC: exec=) */
	struct sup_ident *ids;    /* the files path named at the start (hard links match them) */
	size_t nids;
	int flags_any;            /* O_* bits, any of them (-1: not given) */
	bool flags_rdonly;        /* flags=O_RDONLY: opened for reading only */
	int family;               /* -1: any */
	bool have_net;            /* dest= */
	struct sw_cidr net;
	int port;                 /* -1: any */
	struct run_action act;    /* allow, errno, log */
};

struct sup_rules {
	struct sup_rule *r;
	size_t n;
	struct sw_sysset calls; /* the syscalls some rule decides */
	/* The supervisor's shortcuts. Every process under the filter starts
	 * with syswatch's file system identity and root (it forked them); as
	 * long as none made a call that changes them (sup_note sees those),
	 * opens are made as syswatch is, with no question to /proc. */
	bool ident_differs; /* a process may have another fsuid, fsgid, groups or capabilities */
	bool root_differs;  /* a process may have another root directory */
	bool cwd_differs;   /* a process may have another working directory */
	bool own_cwd_open;
	int own_cwd;        /* syswatch's working directory (its processes' first), opened once */
	/* some rule names a device, FIFO or socket by identity: every open is
	 * then decided before the file is opened (no quick open) */
	bool ids_special;
	bool own_fds_open;
	int own_fds;        /* syswatch's /proc/self/fd, opened once */
	pid_t own_pid;
};

/* The calls after which a shortcut no longer holds: ident, those changing a
 * thread's identity (the set*id family, setgroups, capset, and execveat:
 * execve is always seen); root, those changing its root, working directory
 * or view of the mounts (chroot, pivot_root, setns, chdir, fchdir, unshare,
 * mount, umount2, move_mount, mount_setattr). The supervisor must see them,
 * or give the shortcuts up (ident_differs, root_differs, cwd_differs) from
 * the start. */
void sup_watch_calls(struct sw_sysset *ident, struct sw_sysset *root);
/* Notes a call of the sets above, or an exec (a set-user-ID or set-group-ID
 * program changes the identity), before it runs. */
void sup_note(struct sup_rules *rs, const struct seccomp_notif *req);

/* Parses one --supervise RULE: "COND... DECISION" (whitespace-separated),
 * COND path=GLOB flags=O_X[|O_Y] family=AF_X[|AF_Y] dest=CIDR port=N
 * exec=GLOB, DECISION allow, log, deny or deny:ERRNO. */
int sup_rule_parse(struct sup_rules *rs, struct run_policy *p, const char *arg, struct sw_err *err);
void sup_rules_free(struct sup_rules *rs);

/* What the supervisor did with a supervised call. */
struct sup_outcome {
	int rule;        /* the rule that decided, RUN_RULE_DEFAULT: none matched (allowed) */
	int64_t ret;     /* what the call returned (-errno, or the new descriptor) */
	bool answered;   /* the response was sent (ADDFD with SEND counts as one) */
	bool failing;    /* not answered yet: the call is to fail with ret (sup_fail) */
};

/* Decides and answers the call req (whose number is in rs->calls). A call
 * to fail is left waiting (out->failing), so that its arguments can still
 * be read: sup_fail answers it. */
void sup_answer(struct sup_rules *rs, int listener, const struct seccomp_notif *req, struct sup_outcome *out);
void sup_fail(int listener, const struct seccomp_notif *req, struct sup_outcome *out);

#endif
