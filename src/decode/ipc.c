/* POSIX message queues. */
#include "decode/dec.h"

/* mq_open(name, O_RDWR|O_CREAT, 0600, attr): the flags as open's */
static void decode_mq_open(struct sw_dec *d)
{
	dec_arg(d, 0);
	dec_sep(d);
	dec_open_flags(d, d->args[1]);
	dec_args(d, 2, 4);
}

DEC_SYSCALL(mq_open, decode_mq_open, NULL);
