/* Subcommands: each parses its options and wires engine, filters and outputs. */
#ifndef SW_CMD_CMD_H
#define SW_CMD_CMD_H

int cmd_trace(int argc, char **argv);
int cmd_stat(int argc, char **argv);
int cmd_bench(int argc, char **argv);
int cmd_monitor(int argc, char **argv);
int cmd_verify(int argc, char **argv);

#endif
