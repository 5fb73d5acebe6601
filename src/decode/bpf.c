// SPDX-License-Identifier: GPL-2.0-only
/* bpf(2): the union bpf_attr of the common commands, as strace shows it (the
 * fields the given size holds): maps, program loads (the license string
 * read behind its pointer; the instructions as an address), pinned paths.
 * Other commands show the address. */
#include <inttypes.h>
#include <linux/bpf.h>
#include <stddef.h>
#include <string.h>

#include "decode/dec.h"

struct bpf_view {
	struct sw_dec *d;
	union bpf_attr in, out;
	size_t len;     /* bytes of the attr given and read */
	bool have_out;  /* the kernel's copy after a successful call */
	const char *sep;
};

#define END(f) (offsetof(union bpf_attr, f) + sizeof(((union bpf_attr *)0)->f))
#define FITS(v, f) (END(f) <= (v)->len)

/* Where the fields a command uses end: anything set past it shows as ", ...". */
static size_t used_end(int cmd)
{
	switch (cmd) {
	case BPF_MAP_CREATE:
		return END(map_extra);
	case BPF_MAP_DELETE_ELEM:
		return END(key);
	case BPF_MAP_GET_NEXT_KEY:
		return END(next_key);
	case BPF_MAP_LOOKUP_ELEM:
	case BPF_MAP_UPDATE_ELEM:
		return END(flags);
	case BPF_MAP_FREEZE:
		return END(map_fd);
	case BPF_OBJ_GET_INFO_BY_FD:
		return END(info);
	case BPF_PROG_LOAD:
		return END(fd_array);
	case BPF_OBJ_PIN:
	case BPF_OBJ_GET:
		return END(file_flags);
	default:
		return END(open_flags);
	}
}

static void field_u(struct bpf_view *v, const char *name, uint64_t x)
{
	dec_printf(v->d, "%s%s=%" PRIu64, v->sep, name, x);
	v->sep = ", ";
}

static void field_addr(struct bpf_view *v, const char *name, uint64_t x)
{
	dec_printf(v->d, "%s%s=", v->sep, name);
	dec_addr(v->d, x);
	v->sep = ", ";
}

static void map_create(struct bpf_view *v)
{
	const union bpf_attr *a = &v->in;
	struct sw_dec *d = v->d;

	if (!FITS(v, map_type))
		return;
	dec_puts(d, "map_type=");
	dec_enum_dec(d, &sw_xlat_bpf_map_types, a->map_type, NULL);
	v->sep = ", ";
	if (FITS(v, key_size))
		field_u(v, "key_size", a->key_size);
	if (FITS(v, value_size))
		field_u(v, "value_size", a->value_size);
	if (FITS(v, max_entries))
		field_u(v, "max_entries", a->max_entries);
	if (FITS(v, map_flags)) {
		dec_puts(d, ", map_flags=");
		dec_flags(d, &sw_xlat_bpf_map_flags, a->map_flags);
	}
	if (FITS(v, inner_map_fd))
		dec_printf(d, ", inner_map_fd=%d", (int)a->inner_map_fd);
	if (FITS(v, numa_node) && (a->map_flags & BPF_F_NUMA_NODE))
		field_u(v, "numa_node", a->numa_node);
	if (FITS(v, map_name)) {
		dec_puts(d, ", map_name=");
		dec_field_str(d, a->map_name, sizeof(a->map_name));
	}
	if (FITS(v, map_ifindex))
		field_u(v, "map_ifindex", a->map_ifindex);
	if (FITS(v, btf_fd))
		dec_printf(d, ", btf_fd=%d", (int)a->btf_fd);
	if (FITS(v, btf_key_type_id))
		field_u(v, "btf_key_type_id", a->btf_key_type_id);
	if (FITS(v, btf_value_type_id))
		field_u(v, "btf_value_type_id", a->btf_value_type_id);
	if (FITS(v, btf_vmlinux_value_type_id))
		field_u(v, "btf_vmlinux_value_type_id", a->btf_vmlinux_value_type_id);
	if (FITS(v, map_extra))
		field_u(v, "map_extra", a->map_extra);
}

/* A string a pointer of the attr leads to (the capture plan read it), else the address */
static void field_str(struct bpf_view *v, const char *name, unsigned tag, uint64_t addr)
{
	struct dec_deref it;
	struct sw_iov_rec r;
	const uint8_t *p;

	dec_printf(v->d, "%s%s=", v->sep, name);
	v->sep = ", ";
	if (addr && dec_deref_open(v->d, 1, SW_AT_ENTER, tag, &it) && dec_deref_next(&it, &r, &p) &&
	    r.base == addr && r.status != SW_CAPS_FAULT) {
		size_t n = r.stored;
		bool more = r.status == SW_CAPS_TRUNC;

		if (tag == SW_DR_BPF_LICENSE && n > v->d->strlimit) {
			n = v->d->strlimit;
			more = true;
		}
		dec_quoted(v->d, p, n, more);
	} else {
		dec_addr(v->d, addr);
	}
}

/* BPF_PROG_LOAD: the fields the size given holds, as strace 6.1 shows them */
static void prog_load(struct bpf_view *v)
{
	const union bpf_attr *a = &v->in;
	struct sw_dec *d = v->d;

	if (!FITS(v, prog_type))
		return;
	dec_puts(d, "prog_type=");
	dec_enum(d, &sw_xlat_bpf_prog_types, a->prog_type, "BPF_PROG_TYPE_???");
	v->sep = ", ";
	if (FITS(v, insn_cnt))
		field_u(v, "insn_cnt", a->insn_cnt);
	if (FITS(v, insns))
		field_addr(v, "insns", a->insns);
	if (FITS(v, license))
		field_str(v, "license", SW_DR_BPF_LICENSE, a->license);
	if (!FITS(v, log_buf))
		return;
	field_u(v, "log_level", a->log_level);
	field_u(v, "log_size", a->log_size);
	field_addr(v, "log_buf", a->log_buf);
	if (!FITS(v, kern_version))
		return;
	dec_printf(d, ", kern_version=KERNEL_VERSION(%u, %u, %u)", a->kern_version >> 16, (a->kern_version >> 8) & 0xff,
		   a->kern_version & 0xff);
	if (!FITS(v, prog_flags))
		return;
	dec_puts(d, ", prog_flags=");
	dec_flags(d, &sw_xlat_bpf_prog_flags, a->prog_flags);
	if (!FITS(v, prog_name))
		return;
	dec_puts(d, ", prog_name=");
	dec_field_str(d, a->prog_name, sizeof(a->prog_name));
	if (!FITS(v, prog_ifindex))
		return;
	dec_puts(d, ", prog_ifindex=");
	dec_ifindex(d, a->prog_ifindex);
	if (!FITS(v, expected_attach_type))
		return;
	dec_puts(d, ", expected_attach_type=");
	dec_enum(d, &sw_xlat_bpf_attach_types, a->expected_attach_type, "BPF_???");
	if (!FITS(v, line_info_cnt))
		return;
	dec_printf(d, ", prog_btf_fd=%d", (int)a->prog_btf_fd);
	field_u(v, "func_info_rec_size", a->func_info_rec_size);
	field_addr(v, "func_info", a->func_info);
	field_u(v, "func_info_cnt", a->func_info_cnt);
	field_u(v, "line_info_rec_size", a->line_info_rec_size);
	field_addr(v, "line_info", a->line_info);
	field_u(v, "line_info_cnt", a->line_info_cnt);
	if (FITS(v, attach_btf_id))
		field_u(v, "attach_btf_id", a->attach_btf_id);
	if (FITS(v, attach_prog_fd))
		dec_printf(d, ", attach_prog_fd=%d", (int)a->attach_prog_fd);
	if (FITS(v, fd_array))
		field_addr(v, "fd_array", a->fd_array);
}

/* BPF_OBJ_PIN, BPF_OBJ_GET: {pathname="/sys/fs/bpf/x", bpf_fd=3, file_flags=0} */
static void obj_pin(struct bpf_view *v)
{
	const union bpf_attr *a = &v->in;

	if (!FITS(v, bpf_fd))
		return;
	field_str(v, "pathname", SW_DR_BPF_PATH, a->pathname);
	dec_printf(v->d, ", bpf_fd=%d", (int)a->bpf_fd);
	if (!FITS(v, file_flags))
		return;
	dec_puts(v->d, ", file_flags=");
	dec_flags(v->d, &sw_xlat_bpf_file_mode_flags, a->file_flags);
}

/* MAP_LOOKUP_ELEM, MAP_UPDATE_ELEM, MAP_DELETE_ELEM, MAP_GET_NEXT_KEY */
static void map_elem(struct bpf_view *v, int cmd)
{
	const union bpf_attr *a = &v->in;
	struct sw_dec *d = v->d;

	if (!FITS(v, map_fd))
		return;
	dec_printf(d, "map_fd=%d", (int)a->map_fd);
	v->sep = ", ";
	if (FITS(v, key))
		field_addr(v, "key", a->key);
	if (cmd == BPF_MAP_DELETE_ELEM)
		return;
	if (cmd == BPF_MAP_GET_NEXT_KEY) {
		if (FITS(v, next_key))
			field_addr(v, "next_key", a->next_key);
		return;
	}
	if (FITS(v, value))
		field_addr(v, "value", a->value);
	if (!FITS(v, flags))
		return;
	dec_puts(d, ", flags=");
	if (cmd == BPF_MAP_UPDATE_ELEM)
		dec_enum(d, &sw_xlat_bpf_map_update_flags, a->flags, "BPF_???");
	else
		dec_enum(d, &sw_xlat_bpf_map_lookup_flags, a->flags, "BPF_???");
}

/* *_GET_NEXT_ID: {start_id=0, next_id=0 => 331645, open_flags=0};
 * *_GET_FD_BY_ID: {map_id=5, next_id=0, open_flags=0} */
static void by_id(struct bpf_view *v, const char *first)
{
	const union bpf_attr *a = &v->in;
	struct sw_dec *d = v->d;

	if (!FITS(v, start_id))
		return;
	dec_printf(d, "%s=%u", first, a->start_id);
	if (!FITS(v, next_id))
		return;
	dec_printf(d, ", next_id=%u", a->next_id);
	if (v->have_out && strcmp(first, "start_id") == 0 && v->out.next_id != a->next_id)
		dec_printf(d, " => %u", v->out.next_id);
	if (FITS(v, open_flags))
		dec_printf(d, ", open_flags=%u", a->open_flags);
}

static void obj_info(struct bpf_view *v)
{
	const union bpf_attr *a = &v->in;
	struct sw_dec *d = v->d;

	if (!FITS(v, info.bpf_fd))
		return;
	dec_printf(d, "info={bpf_fd=%d", (int)a->info.bpf_fd);
	if (FITS(v, info.info_len)) {
		dec_printf(d, ", info_len=%u", a->info.info_len);
		if (v->have_out && v->out.info.info_len != a->info.info_len)
			dec_printf(d, " => %u", v->out.info.info_len);
	}
	if (FITS(v, info.info)) {
		dec_puts(d, ", info=");
		dec_addr(d, a->info.info);
	}
	dec_puts(d, "}");
}

static void decode_bpf(struct sw_dec *d)
{
	struct bpf_view v = { .d = d, .sep = "" };
	const struct sw_capture *c = dec_cap(d, 1, SW_AT_ENTER);
	int cmd = (int)(uint32_t)d->args[0];
	uint64_t size = (uint32_t)d->args[2];

	dec_arg(d, 0);
	dec_sep(d);
	switch (cmd) {
	case BPF_MAP_CREATE:
	case BPF_MAP_LOOKUP_ELEM:
	case BPF_MAP_UPDATE_ELEM:
	case BPF_MAP_DELETE_ELEM:
	case BPF_MAP_GET_NEXT_KEY:
	case BPF_MAP_FREEZE:
	case BPF_PROG_GET_NEXT_ID:
	case BPF_MAP_GET_NEXT_ID:
	case BPF_BTF_GET_NEXT_ID:
	case BPF_LINK_GET_NEXT_ID:
	case BPF_PROG_GET_FD_BY_ID:
	case BPF_MAP_GET_FD_BY_ID:
	case BPF_BTF_GET_FD_BY_ID:
	case BPF_LINK_GET_FD_BY_ID:
	case BPF_OBJ_GET_INFO_BY_FD:
	case BPF_PROG_LOAD:
	case BPF_OBJ_PIN:
	case BPF_OBJ_GET:
		break;
	default:
		c = NULL;
		break;
	}
	if (!c || size == 0) {
		dec_addr(d, d->args[1]);
		dec_arg(d, 2);
		return;
	}
	memset(&v.in, 0, sizeof(v.in));
	v.len = c->len < size ? c->len : size;
	if (v.len > sizeof(v.in))
		v.len = sizeof(v.in);
	memcpy(&v.in, sw_capture_data(d->ev, c), v.len);
	if (!dec_failed(d) && (c = dec_cap(d, 1, SW_AT_EXIT)) && c->len >= v.len) {
		memcpy(&v.out, sw_capture_data(d->ev, c), v.len);
		v.have_out = true;
	}
	dec_puts(d, "{");
	switch (cmd) {
	case BPF_MAP_CREATE:
		map_create(&v);
		break;
	case BPF_MAP_FREEZE:
		if (FITS(&v, map_fd))
			dec_printf(d, "map_fd=%d", (int)v.in.map_fd);
		break;
	case BPF_PROG_GET_NEXT_ID:
	case BPF_MAP_GET_NEXT_ID:
	case BPF_BTF_GET_NEXT_ID:
	case BPF_LINK_GET_NEXT_ID:
		by_id(&v, "start_id");
		break;
	case BPF_PROG_GET_FD_BY_ID:
		by_id(&v, "prog_id");
		break;
	case BPF_MAP_GET_FD_BY_ID:
		by_id(&v, "map_id");
		break;
	case BPF_BTF_GET_FD_BY_ID:
		by_id(&v, "btf_id");
		break;
	case BPF_LINK_GET_FD_BY_ID:
		by_id(&v, "link_id");
		break;
	case BPF_OBJ_GET_INFO_BY_FD:
		obj_info(&v);
		break;
	case BPF_PROG_LOAD:
		prog_load(&v);
		break;
	case BPF_OBJ_PIN:
	case BPF_OBJ_GET:
		obj_pin(&v);
		break;
	default:
		map_elem(&v, cmd);
		break;
	}
	for (size_t k = used_end(cmd); k < v.len; k++)
		if (((const uint8_t *)&v.in)[k]) {
			dec_puts(d, ", ...");
			break;
		}
	dec_puts(d, "}");
	dec_arg(d, 2);
}

DEC_SYSCALL(bpf, decode_bpf, NULL);
