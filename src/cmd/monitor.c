#include "cmd/cmd.h"
#include "util/error.h"

int cmd_monitor(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return error("'monitor' is not available in this build yet"), 2;
}
