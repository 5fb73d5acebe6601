// SPDX-License-Identifier: GPL-2.0-only
/* A direct-mapped cache: uid & (SLOTS - 1) picks the slot; a miss (or a
 * collision) asks the user database again. Unknown uids are cached too. */
#include "monitor/users.h"

#include <pwd.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util/error.h"

#define SLOTS 256
#define NAME_MAX_ 64

struct slot {
	bool used;
	bool known;       /* the database has a name for uid */
	uint32_t uid;
	char name[NAME_MAX_];
};

struct sw_mon_users {
	struct slot slot[SLOTS];
};

struct sw_mon_users *sw_mon_users_new(void)
{
	return sw_xcalloc(1, sizeof(struct sw_mon_users));
}

void sw_mon_users_free(struct sw_mon_users *u)
{
	free(u);
}

const char *sw_mon_users_name(struct sw_mon_users *u, uint32_t uid)
{
	struct slot *s = &u->slot[uid & (SLOTS - 1)];

	if (!s->used || s->uid != uid) {
		struct passwd pw, *res = NULL;
		char buf[1024];

		s->used = true;
		s->uid = uid;
		s->known = getpwuid_r(uid, &pw, buf, sizeof(buf), &res) == 0 && res && pw.pw_name &&
			   strlen(pw.pw_name) < sizeof(s->name);
		if (s->known)
			strcpy(s->name, pw.pw_name);
	}
	return s->known ? s->name : NULL;
}
