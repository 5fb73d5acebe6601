#include "engine/engine.h"

const struct sw_engine_ops sw_engine_ptrace = { .name = "ptrace" };
