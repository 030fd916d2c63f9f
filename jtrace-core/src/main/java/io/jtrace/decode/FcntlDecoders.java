package io.jtrace.decode;

import io.jtrace.syscalls.Signals;
import io.jtrace.syscalls.Xlat;

import java.nio.ByteBuffer;
import java.util.Map;

/**
 * fcntl, as strace 6.1's {@code src/fcntl.c} prints it: the third argument by what the command
 * makes of it, struct flock and struct f_owner_ex in full, and the results of the commands that
 * return flags or a lease by name.
 */
final class FcntlDecoders {
    private static final int F_DUPFD = 0, F_GETFD = 1, F_SETFD = 2, F_GETFL = 3, F_SETFL = 4, F_GETLK = 5,
            F_SETLK = 6, F_SETLKW = 7, F_SETOWN = 8, F_GETOWN = 9, F_SETSIG = 10, F_GETSIG = 11,
            F_SETOWN_EX = 15, F_GETOWN_EX = 16, F_OFD_GETLK = 36, F_OFD_SETLK = 37, F_OFD_SETLKW = 38,
            F_SETLEASE = 1024, F_GETLEASE = 1025, F_NOTIFY = 1026, F_DUPFD_CLOEXEC = 1030,
            F_SETPIPE_SZ = 1031, F_GETPIPE_SZ = 1032, F_ADD_SEALS = 1033, F_GET_SEALS = 1034;
    private static final int FLOCK_SIZE = 32, F_OWNER_EX_SIZE = 8;

    private FcntlDecoders() {}

    static void register(Registry r) {
        r.textCall("fcntl", new Fcntl());
    }

    /** What the command does with the third argument, which decides when and how it prints. */
    private enum Third {
        /** Nothing: the argument is not printed at all. */
        NONE,
        /** Printed when the call starts. */
        AT_ENTRY,
        /** Filled in by the kernel: printed when the call returns, as its address if it failed. */
        AT_EXIT
    }

    private static final class Fcntl implements TextCallDecoder {
        private static int command(Call call) {
            return (int) call.arg(1);
        }

        private static Third third(int cmd) {
            return switch (cmd) {
                case F_GETFD, F_GETFL, F_GETOWN, F_GETSIG, F_GETLEASE, F_GETPIPE_SZ, F_GET_SEALS -> Third.NONE;
                case F_GETLK, F_OFD_GETLK, F_GETOWN_EX -> Third.AT_EXIT;
                default -> Third.AT_ENTRY;
            };
        }

        @Override
        public void entry(StringBuilder out, Call call, DecodeContext ctx) {
            int cmd = command(call);
            ctx.fd(out, (int) call.arg(0));
            out.append(", ");
            XlatFormat.value(out, Xlat.get("fcntlcmds"), cmd & 0xffffffffL);
            if (third(cmd) != Third.AT_ENTRY) {
                return;
            }
            out.append(", ");
            long arg = call.arg(2);
            switch (cmd) {
                case F_SETFD -> XlatFormat.flags(out, Xlat.get("fdflags"), arg & 0xffffffffL);
                case F_SETOWN -> out.append((int) arg);
                case F_SETPIPE_SZ, F_DUPFD, F_DUPFD_CLOEXEC -> out.append(arg);
                case F_SETFL -> FileDecoders.openFlags(out, arg & 0xffffffffL);
                case F_SETLK, F_SETLKW, F_OFD_SETLK, F_OFD_SETLKW -> flock(out, arg, false, ctx);
                case F_SETOWN_EX -> ownerEx(out, arg, ctx);
                case F_NOTIFY -> XlatFormat.flags(out, Xlat.get("notifyflags"), arg);
                case F_SETLEASE -> XlatFormat.value(out, Xlat.get("lockfcmds"), arg);
                case F_ADD_SEALS -> XlatFormat.flags(out, Xlat.get("f_seals"), arg);
                case F_SETSIG -> XlatFormat.signal(out, (int) arg);
                default -> ProcessDecoders.hex(out, arg);
            }
        }

        @Override
        public void exit(StringBuilder out, Call call, DecodeContext ctx) {
            int cmd = command(call);
            if (third(cmd) == Third.AT_EXIT) {
                out.append(", ");
                if (call.isError()) {
                    DecodeContext.address(out, call.arg(2));
                } else if (cmd == F_GETOWN_EX) {
                    ownerEx(out, call.arg(2), ctx);
                } else {
                    flock(out, call.arg(2), true, ctx);
                }
            }
            out.append(')');
        }

        @Override
        public boolean result(StringBuilder out, Call call, DecodeContext ctx) {
            if (call.isError()) {
                return false;
            }
            long rval = call.rval();
            switch (command(call)) {
                case F_GETFL -> {
                    hexResult(out, rval).append(" (flags ");
                    XlatFormat.namesOnly(out, o -> FileDecoders.openFlags(o, rval & 0xffffffffL));
                    out.append(')');
                }
                case F_GETFD, F_GET_SEALS -> {
                    if (rval == 0) {
                        return false;
                    }
                    boolean fd = command(call) == F_GETFD;
                    hexResult(out, rval).append(fd ? " (flags " : " (seals ");
                    XlatFormat.flags(out, XlatFormat.bare(fd ? "fdflags" : "f_seals"), rval);
                    out.append(')');
                }
                case F_GETLEASE -> {
                    hexResult(out, rval);
                    String name = Xlat.get("lockfcmds").nameOf(rval);
                    if (name != null) {
                        out.append(" (").append(name).append(')');
                    }
                }
                case F_DUPFD, F_DUPFD_CLOEXEC -> {
                    // a new descriptor, with its path under -y
                    out.append("= ");
                    ctx.fd(out, (int) rval);
                }
                case F_GETSIG -> {
                    if (rval == 0) {
                        return false;
                    }
                    out.append("= ").append(rval).append(" (").append(Signals.name((int) rval)).append(')');
                }
                default -> {
                    return false;
                }
            }
            return true;
        }

        private static StringBuilder hexResult(StringBuilder out, long rval) {
            out.append("= ");
            ProcessDecoders.hex(out, rval);
            return out;
        }
    }

    /** struct flock: {@code {l_type=F_RDLCK, l_whence=SEEK_SET, l_start=0, l_len=0}}, and l_pid for the GETLK commands. */
    private static void flock(StringBuilder out, long address, boolean withPid, DecodeContext ctx) {
        ByteBuffer b = ProcessDecoders.readOrAddress(out, ctx, address, FLOCK_SIZE);
        if (b == null) {
            return;
        }
        out.append("{l_type=");
        XlatFormat.value(out, Xlat.get("lockfcmds"), b.getShort(0) & 0xffff);
        out.append(", l_whence=");
        XlatFormat.value(out, Xlat.get("whence_codes"), b.getShort(2) & 0xffff);
        out.append(", l_start=").append(b.getLong(8)).append(", l_len=").append(b.getLong(16));
        if (withPid) {
            out.append(", l_pid=").append(b.getInt(24));
        }
        out.append('}');
    }

    /** struct f_owner_ex: {@code {type=F_OWNER_PID, pid=42}}. */
    private static void ownerEx(StringBuilder out, long address, DecodeContext ctx) {
        ByteBuffer b = ProcessDecoders.readOrAddress(out, ctx, address, F_OWNER_EX_SIZE);
        if (b == null) {
            return;
        }
        out.append("{type=");
        XlatFormat.value(out, Xlat.get("f_owner_types"), b.getInt(0) & 0xffffffffL);
        out.append(", pid=").append(b.getInt(4)).append('}');
    }
}
