/* libFuzzer harness: the --inject spec parser (SYSCALL[,SYSCALL]:error=E|retval=N[:when=N[+[M]]]).
 * Input: the spec (up to the first NUL). */
#include <stdlib.h>
#include <string.h>

#include "engine/engine.h"
#include "engine/ptrace/ptrace.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *spec = strndup((const char *)data, size);
	struct sw_inject inj[SW_MAX_INJECT];
	struct sw_err err = { "" };
	unsigned n = 0;

	if (sw_inject_parse(spec, inj, &n, SW_MAX_INJECT, &err) < 0) {
		if (!err.msg[0])
			abort();
	} else {
		if (n == 0 || n > SW_MAX_INJECT)
			abort();
		for (unsigned i = 0; i < n; i++)
			if (inj[i].first == 0)
				abort();
	}
	free(spec);
	return 0;
}
