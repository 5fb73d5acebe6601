#include "cmd/cmd.h"
#include "util/error.h"

int cmd_stat(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return error("'stat' is not available in this build yet"), 2;
}
