# SPDX-License-Identifier: GPL-2.0-only
# The program profiles are recorded from: "same" makes the recorded calls,
# "more" one syscall more (getsid), and says what it got.
import os, sys
print("pid", os.getpid() > 0)
if sys.argv[1] == "more":
    try:
        os.getsid(0)
        print("getsid ok")
    except OSError as e:
        print("getsid errno=%d" % e.errno)
