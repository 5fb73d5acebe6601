#include "cmd/cmd.h"
#include "util/error.h"

int cmd_verify(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return error("'verify' is not available in this build yet"), 2;
}
