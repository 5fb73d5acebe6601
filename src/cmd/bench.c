#include "cmd/cmd.h"
#include "util/error.h"

int cmd_bench(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return error("'bench' is not available in this build yet"), 2;
}
