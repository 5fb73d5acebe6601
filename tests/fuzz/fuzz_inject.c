// SPDX-License-Identifier: GPL-2.0-only
/* libFuzzer harness: the --inject and -e fault= spec parsers
 * (SET[:error=E|:retval=N][:signal=S][:syscall=P][:delay_enter=T][:delay_exit=T][:when=F[..L][+[S]]]).
 * Input: the spec (up to the first NUL); a first byte 'F' feeds the fault parser the rest. */
#include <stdlib.h>
#include <string.h>

#include "engine/engine.h"
#include "engine/ptrace/ptrace.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *spec = strndup((const char *)data, size);
	struct sw_inject inj[SW_MAX_INJECT];
	struct sw_err err = { 0 };
	unsigned n = 0;

	bool fault = spec[0] == 'F';

	if ((fault ? sw_fault_parse : sw_inject_parse)(spec + fault, inj, &n, SW_MAX_INJECT, &err) < 0) {
		if (!err.msg[0] || n != 0)
			abort();
	} else {
		if (n != 1 || inj[0].first == 0 || (inj[0].last && inj[0].last < inj[0].first))
			abort();
		if (!(inj[0].flags & ~SW_INJ_SYSCALL))
			abort();
	}
	free(spec);
	return 0;
}
