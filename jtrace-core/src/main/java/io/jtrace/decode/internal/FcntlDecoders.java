package io.jtrace.decode.internal;

import io.jtrace.decode.PidNamespaces;

import io.jtrace.decode.ValueWriter;

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
        r.call("fcntl", new Fcntl());
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

    private static final class Fcntl implements CallDecoder {
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
        public void entry(ValueWriter out, Call call, DecodeContext ctx) {
            int cmd = command(call);
            ctx.fd(out, (int) call.arg(0));
            XlatFormat.value(out, Xlat.get("fcntlcmds"), cmd & 0xffffffffL);
            if (third(cmd) == Third.AT_EXIT) {
                out.separator();
            }
            if (third(cmd) != Third.AT_ENTRY) {
                return;
            }
            long arg = call.arg(2);
            switch (cmd) {
                case F_SETFD -> XlatFormat.flags(out, Xlat.get("fdflags"), arg & 0xffffffffL);
                case F_SETOWN -> PidNames.writeTgidPgid(out, (int) arg); // a group's (negative) id is not named
                case F_SETPIPE_SZ, F_DUPFD, F_DUPFD_CLOEXEC -> out.integer(arg, ValueWriter.Base.DEC);
                case F_SETFL -> FileDecoders.openFlags(out, arg & 0xffffffffL);
                case F_SETLK, F_SETLKW, F_OFD_SETLK, F_OFD_SETLKW -> flock(out, arg, false, ctx);
                case F_SETOWN_EX -> ownerEx(out, arg, ctx);
                case F_NOTIFY -> XlatFormat.flags(out, Xlat.get("notifyflags"), arg);
                case F_SETLEASE -> XlatFormat.value(out, Xlat.get("lockfcmds"), arg);
                case F_ADD_SEALS -> XlatFormat.flags(out, Xlat.get("f_seals"), arg);
                case F_SETSIG -> XlatFormat.signal(out, (int) arg);
                default -> out.integer(arg, ValueWriter.Base.HEX);
            }
        }

        @Override
        public void exit(ValueWriter out, Call call, DecodeContext ctx) {
            int cmd = command(call);
            if (third(cmd) == Third.AT_EXIT) {
                if (call.isError()) {
                    out.pointer(call.arg(2));
                } else if (cmd == F_GETOWN_EX) {
                    ownerEx(out, call.arg(2), ctx);
                } else {
                    flock(out, call.arg(2), true, ctx);
                }
            }
        }

        @Override
        public boolean result(ValueWriter out, Call call, DecodeContext ctx) {
            if (call.isError()) {
                return false;
            }
            long rval = call.rval();
            switch (command(call)) {
                case F_GETOWN -> PidNames.write(out, (int) rval);
                case F_GETFL -> {
                    out.integer(rval, ValueWriter.Base.HEX);
                    out.beginNote("flags ");
                    StringBuilder names = new StringBuilder();
                    XlatFormat.namesOnly(names, o -> o.append(FileDecoders.openFlagsText(rval & 0xffffffffL)));
                    out.symbol(names.toString(), rval & 0xffffffffL);
                    out.endNote();
                }
                case F_GETFD, F_GET_SEALS -> {
                    if (rval == 0) {
                        return false;
                    }
                    boolean fd = command(call) == F_GETFD;
                    out.integer(rval, ValueWriter.Base.HEX);
                    out.beginNote(fd ? "flags " : "seals ");
                    XlatFormat.flags(out, XlatFormat.bare(fd ? "fdflags" : "f_seals"), rval);
                    out.endNote();
                }
                case F_GETLEASE -> {
                    out.integer(rval, ValueWriter.Base.HEX);
                    String name = Xlat.get("lockfcmds").nameOf(rval);
                    if (name != null) {
                        out.beginNote("");
                        out.symbol(name, rval);
                        out.endNote();
                    }
                }
                case F_DUPFD, F_DUPFD_CLOEXEC -> ctx.fd(out, (int) rval); // a new descriptor, with its path under -y
                case F_GETSIG -> {
                    if (rval == 0) {
                        return false;
                    }
                    out.integer(rval, ValueWriter.Base.DEC);
                    out.beginNote("");
                    out.symbol(Signals.name((int) rval), rval);
                    out.endNote();
                }
                default -> {
                    return false;
                }
            }
            return true;
        }
    }

    /** struct flock: {@code {l_type=F_RDLCK, l_whence=SEEK_SET, l_start=0, l_len=0}}, and l_pid for the GETLK commands. */
    private static void flock(ValueWriter out, long address, boolean withPid, DecodeContext ctx) {
        ByteBuffer b = ctx.readStruct(address, FLOCK_SIZE);
        if (b == null) {
            FileDecoders.unreadable(out, address);
            return;
        }
        out.beginStruct();
        out.field("l_type");
        XlatFormat.value(out, Xlat.get("lockfcmds"), b.getShort(0) & 0xffff);
        out.field("l_whence");
        XlatFormat.value(out, Xlat.get("whence_codes"), b.getShort(2) & 0xffff);
        out.field("l_start");
        out.integer(b.getLong(8), ValueWriter.Base.DEC);
        out.field("l_len");
        out.integer(b.getLong(16), ValueWriter.Base.DEC);
        if (withPid) {
            out.field("l_pid");
            PidNames.write(out, b.getInt(24));
        }
        out.endStruct();
    }

    private static final int F_OWNER_TID = 0, F_OWNER_PID = 1, F_OWNER_PGRP = 2;

    /** struct f_owner_ex: {@code {type=F_OWNER_PID, pid=42}}. */
    private static void ownerEx(ValueWriter out, long address, DecodeContext ctx) {
        ByteBuffer b = ctx.readStruct(address, F_OWNER_EX_SIZE);
        if (b == null) {
            FileDecoders.unreadable(out, address);
            return;
        }
        out.beginStruct();
        out.field("type");
        XlatFormat.value(out, Xlat.get("f_owner_types"), b.getInt(0) & 0xffffffffL);
        out.field("pid");
        if (b.getInt(0) == F_OWNER_TID || b.getInt(0) == F_OWNER_PID || b.getInt(0) == F_OWNER_PGRP) {
            // a process group's id is translated, not named
            PidNames.write(out, b.getInt(4), b.getInt(0) == F_OWNER_TID ? PidNamespaces.IdType.TID
                    : b.getInt(0) == F_OWNER_PID ? PidNamespaces.IdType.TGID : PidNamespaces.IdType.PGID);
        } else {
            out.integer(b.getInt(4), ValueWriter.Base.DEC);
        }
        out.endStruct();
    }
}
