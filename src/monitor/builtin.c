// SPDX-License-Identifier: GPL-2.0-only
/* The built-in rules: what a security team expects a syscall monitor to
 * watch for out of the box. A config selects them by name (the English id,
 * or the Chinese name the original article used) and may override any field. */
#include <stddef.h>
#include <string.h>

#include "monitor/config.h"

static const char *const shadow_paths[] = { "/etc/shadow", "/etc/gshadow", NULL };
/* programs whose job is to read the shadow files: exempt by what they are
 * (the file they run), not by their command name, which anyone can choose */
static const char *const shadow_readers[] = {
	"unix_chkpwd", "sshd", "login", "su", "sudo", "passwd", "chpasswd", "chage",
	"useradd", "usermod", "userdel", "groupadd", "groupmod", "groupdel", "gpasswd",
	"newusers", "pwck", "grpck", "vipw", "cron", "newgrp", "sg", "chgpasswd", "expiry", NULL,
};
static const char *const temp_dirs[] = { "/tmp", "/dev/shm", "/var/tmp", NULL };

/* A rule that fires on any matching call, whatever its arguments:
 * threshold 0 in a 60 s window, per process. */
#define EVERY_CALL .arg_index = -1, .threshold = 0, .window_s = 60, .key = SW_KEY_PROCESS

const struct sw_mon_builtin sw_mon_builtins[] = {
	{
		.id = "mass-file-deletion",
		.alias = "短时间内多次文件删除",
		.description = "many files deleted by one process in a short time (ransomware, wipers)",
		.syscalls = "unlink,unlinkat,rmdir",
		.arg_index = -1,
		.threshold = 5,
		.window_s = 60,
		.key = SW_KEY_PROCESS,
		.severity = SW_SEV_WARNING,
	},
	{
		.id = "abnormal-network-connections",
		.alias = "异常网络连接",
		.description = "a process opening connections at a rate typical of scans and floods",
		.syscalls = "connect",
		.arg_index = -1,
		.threshold = 100,
		.window_s = 60,
		.key = SW_KEY_PROCESS,
		.severity = SW_SEV_CRITICAL,
	},
	{
		.id = "shadow-file-read",
		.description = "the password hashes in /etc/shadow or /etc/gshadow opened by a program "
			       "that has no business reading them",
		.syscalls = "?open,openat,openat2",
		.succeeded_only = true,
		.paths = shadow_paths,
		.exempt_exes = shadow_readers,
		EVERY_CALL,
		.severity = SW_SEV_CRITICAL,
	},
	{
		.id = "exec-from-temp-dir",
		.description = "a program executed from /tmp, /dev/shm or /var/tmp, where droppers put payloads",
		.syscalls = "execve,execveat",
		.succeeded_only = true,
		.exe_dirs = temp_dirs,
		EVERY_CALL,
		.severity = SW_SEV_WARNING,
	},
	{
		.id = "exec-deleted-binary",
		.description = "a program executed from a file that has no name on disk (deleted, or a memfd): "
			       "fileless malware",
		.syscalls = "execve,execveat",
		.succeeded_only = true,
		.exe_deleted = true,
		EVERY_CALL,
		.severity = SW_SEV_CRITICAL,
	},
	{
		.id = "setid-to-root",
		.description = "a process not running as root asking for uid or gid 0, or becoming root (privilege escalation)",
		.syscalls = "setuid,setgid,setreuid,setregid,setresuid,setresgid,setfsuid,setfsgid",
		.exclude_root = true,
		.to_root = true,
		EVERY_CALL,
		.severity = SW_SEV_CRITICAL,
	},
	{
		.id = "ptrace-attach",
		.description = "a process attaching to another one with ptrace (credential theft, injection)",
		.syscalls = "ptrace",
		.arg_index = 0,
		.arg_values = { 16 /* PTRACE_ATTACH */, 0x4206 /* PTRACE_SEIZE */ },
		.narg_values = 2,
		.threshold = 0,
		.window_s = 60,
		.key = SW_KEY_PROCESS,
		.severity = SW_SEV_WARNING,
	},
};

const size_t sw_mon_nbuiltins = sizeof(sw_mon_builtins) / sizeof(sw_mon_builtins[0]);

const struct sw_mon_builtin *sw_mon_builtin_by_name(const char *name)
{
	for (size_t i = 0; i < sw_mon_nbuiltins; i++) {
		const struct sw_mon_builtin *b = &sw_mon_builtins[i];

		if (strcmp(name, b->id) == 0 || (b->alias && strcmp(name, b->alias) == 0))
			return b;
	}
	return NULL;
}
