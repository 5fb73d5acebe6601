// SPDX-License-Identifier: GPL-2.0-only
/* JSON escaping: no input bytes can break a line or the JSON syntax. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "output/output.h"
#include "util/strbuf.h"

static void check(const char *in, size_t len, const char *want)
{
	struct sw_strbuf sb = SW_STRBUF_INIT;

	sw_json_string(&sb, in, len);
	assert_string_equal(sw_strbuf_str(&sb), want);
	sw_strbuf_release(&sb);
}

static void plain_and_escapes(void **state)
{
	(void)state;
	check("abc", 3, "\"abc\"");
	check("a\"b\\c", 5, "\"a\\\"b\\\\c\"");
	check("line\nfeed\r\t", 11, "\"line\\nfeed\\r\\t\"");
	check("\x01\x1f\x7f", 3, "\"\\u0001\\u001f\\u007f\"");
	check("nul\0x", 5, "\"nul\\u0000x\"");
}

static void utf8_kept_invalid_escaped(void **state)
{
	(void)state;
	check("caf\xc3\xa9", 5, "\"caf\xc3\xa9\"");
	check("\xe6\x97\xa5", 3, "\"\xe6\x97\xa5\"");
	check("\xff\xfe", 2, "\"\\u00ff\\u00fe\"");
	check("\xc3", 1, "\"\\u00c3\"");          /* truncated sequence */
	check("\xc0\xaf", 2, "\"\\u00c0\\u00af\""); /* overlong */
	check("\xed\xa0\x80", 3, "\"\\u00ed\\u00a0\\u0080\""); /* surrogate */
	check("\xe2\x80\xa8", 3, "\"\\u2028\"");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(plain_and_escapes),
		cmocka_unit_test(utf8_kept_invalid_escaped),
	};
	return cmocka_run_group_tests_name("json", tests, NULL, NULL);
}
