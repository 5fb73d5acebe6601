// SPDX-License-Identifier: GPL-2.0-only
/* libFuzzer harness: the syscall-set parser (-e trace=SET): names, %classes,
 * /regexes, "!" and "?". Input: the expression (up to the first NUL). */
#include <stdlib.h>
#include <string.h>

#include "core/sysset.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *expr = strndup((const char *)data, size);
	struct sw_sysset set;
	struct sw_err err = { 0 };

	const char *body = expr[0] == '!' ? expr + 1 : expr;
	int rc = sw_sysset_parse(&set, expr, &err);

	/* a set without a single element is refused, negated or not */
	if (rc == 0 && strspn(body, ",") == strlen(body))
		abort();
	if (rc < 0) {
		/* a refusal always says why */
		if (!err.msg[0])
			abort();
	} else {
		(void)sw_sysset_count(&set);
	}
	free(expr);
	return 0;
}
