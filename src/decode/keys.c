// SPDX-License-Identifier: GPL-2.0-only
/* The kernel's key management: keyctl, add_key, request_key. */
#include <inttypes.h>
#include <linux/keyctl.h>

#include "decode/dec.h"

/* A key id: KEY_SPEC_SESSION_KEYRING, or its number. */
static void key_id(struct sw_dec *d, uint64_t v)
{
	const char *name = sw_xlat_name(&sw_xlat_key_spec, (uint64_t)(int64_t)(int32_t)v);

	dec_sep(d);
	if (name)
		dec_puts(d, name);
	else
		dec_printf(d, "%d", (int32_t)v);
}

static void num(struct sw_dec *d, uint64_t v, bool is_signed)
{
	dec_sep(d);
	if (is_signed)
		dec_printf(d, "%d", (int32_t)v);
	else
		dec_printf(d, "%u", (uint32_t)v);
}

/* keyctl's arguments after the operation: which there are and what they hold. */
static void decode_keyctl(struct sw_dec *d)
{
	const uint64_t *a = d->args;
	uint32_t op = (uint32_t)a[0];

	dec_arg(d, 0);
	switch (op) {
	case KEYCTL_GET_KEYRING_ID:
		key_id(d, a[1]);
		num(d, a[2], true);
		return;
	case KEYCTL_JOIN_SESSION_KEYRING:
		dec_sep(d);
		dec_str(d, 1, false);
		return;
	case KEYCTL_UPDATE:
		key_id(d, a[1]);
		dec_sep(d);
		dec_str(d, 2, false);
		dec_printf(d, ", %" PRIu64, a[3]);
		return;
	case KEYCTL_REVOKE:
	case KEYCTL_CLEAR:
	case KEYCTL_INVALIDATE:
	case KEYCTL_ASSUME_AUTHORITY:
		key_id(d, a[1]);
		return;
	case KEYCTL_CHOWN:
		key_id(d, a[1]);
		num(d, a[2], true);
		num(d, a[3], true);
		return;
	case KEYCTL_SETPERM:
		key_id(d, a[1]);
		dec_sep(d);
		dec_flags(d, &sw_xlat_key_perms, (uint32_t)a[2]);
		return;
	case KEYCTL_DESCRIBE:
	case KEYCTL_READ:
	case KEYCTL_GET_SECURITY:
		key_id(d, a[1]);
		dec_sep(d);
		dec_addr(d, a[2]);
		dec_printf(d, ", %" PRIu64, a[3]);
		return;
	case KEYCTL_LINK:
	case KEYCTL_UNLINK:
		key_id(d, a[1]);
		key_id(d, a[2]);
		return;
	case KEYCTL_SEARCH:
		key_id(d, a[1]);
		dec_sep(d);
		dec_str(d, 2, false);
		dec_sep(d);
		dec_str(d, 3, false);
		key_id(d, a[4]);
		return;
	case KEYCTL_INSTANTIATE:
		key_id(d, a[1]);
		dec_sep(d);
		dec_str(d, 2, false);
		dec_printf(d, ", %" PRIu64, a[3]);
		key_id(d, a[4]);
		return;
	case KEYCTL_NEGATE:
		key_id(d, a[1]);
		num(d, a[2], false);
		key_id(d, a[3]);
		return;
	case KEYCTL_SET_REQKEY_KEYRING:
		dec_sep(d);
		dec_enum_dec(d, &sw_xlat_key_reqkey_defl, (int32_t)a[1], NULL);
		return;
	case KEYCTL_SET_TIMEOUT:
		key_id(d, a[1]);
		num(d, a[2], false);
		return;
	case KEYCTL_SESSION_TO_PARENT:
		return;
	case KEYCTL_GET_PERSISTENT:
		num(d, a[1], true);
		key_id(d, a[2]);
		return;
	}
	for (unsigned i = 1; i < 5; i++) {
		dec_sep(d);
		dec_hex(d, a[i]);
	}
}

/* add_key(type, description, payload, plen, keyring) */
static void decode_add_key(struct sw_dec *d)
{
	dec_args(d, 0, 4);
	key_id(d, d->args[4]);
}

/* request_key(type, description, callout_info, dest_keyring) */
static void decode_request_key(struct sw_dec *d)
{
	dec_args(d, 0, 3);
	key_id(d, d->args[3]);
}

DEC_SYSCALL(add_key, decode_add_key, NULL);
DEC_SYSCALL(keyctl, decode_keyctl, NULL);
DEC_SYSCALL(request_key, decode_request_key, NULL);
