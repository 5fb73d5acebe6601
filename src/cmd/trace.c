#include "cmd/cmd.h"
#include "util/error.h"

int cmd_trace(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return error("'trace' is not available in this build yet"), 2;
}
