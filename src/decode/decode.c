/* Minimal generic decoder: raw arguments. Replaced by the full decoders. */
#include "decode/decode.h"

#include <string.h>

#include "core/syscalls.h"

const char *sw_syscall_name(int nr)
{
	const struct sw_syscall *sc = sw_syscall_by_nr(nr);

	return sc ? sc->name : NULL;
}

void sw_decode_call(struct sw_strbuf *sb, const struct sw_event *ev, const struct sw_decode_opts *o)
{
	const char *name = sw_syscall_name(ev->nr);
	const struct sw_syscall *sc = sw_syscall_by_nr(ev->nr);
	int n = sc && sc->nargs >= 0 ? sc->nargs : 6;

	(void)o;
	if (name)
		sw_strbuf_puts(sb, name);
	else
		sw_strbuf_printf(sb, "syscall_%#x", (unsigned)ev->nr);
	sw_strbuf_putc(sb, '(');
	for (int i = 0; i < n; i++)
		sw_strbuf_printf(sb, "%s%#llx", i ? ", " : "", (unsigned long long)ev->args[i]);
	sw_strbuf_putc(sb, ')');
}

bool sw_ret_is_error(const struct sw_event *ev)
{
	return ev->ret < 0 && ev->ret >= -4095;
}

void sw_decode_ret(struct sw_strbuf *sb, const struct sw_event *ev, const struct sw_decode_opts *o)
{
	(void)o;
	if (ev->flags & SW_EVF_NORET)
		sw_strbuf_puts(sb, "?");
	else if (sw_ret_is_error(ev))
		sw_strbuf_printf(sb, "-1 errno %d", (int)-ev->ret);
	else
		sw_strbuf_printf(sb, "%lld", (long long)ev->ret);
}

void sw_decode_signal(struct sw_strbuf *sb, const struct sw_event *ev, const struct sw_decode_opts *o)
{
	(void)o;
	sw_strbuf_printf(sb, "signal %d", ev->sig);
}

const char *sw_errno_name(int err)
{
	(void)err;
	return NULL;
}

const char *sw_signal_name(int sig)
{
	(void)sig;
	return NULL;
}

void sw_decode_quoted(struct sw_strbuf *sb, const uint8_t *s, size_t len, bool more_follow)
{
	sw_strbuf_putc(sb, '"');
	sw_strbuf_add(sb, (const char *)s, len);
	sw_strbuf_putc(sb, '"');
	if (more_follow)
		sw_strbuf_puts(sb, "...");
}
