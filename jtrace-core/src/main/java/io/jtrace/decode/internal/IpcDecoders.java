package io.jtrace.decode.internal;

import io.jtrace.decode.ValueWriter;

import io.jtrace.syscalls.Xlat;

import java.nio.ByteBuffer;

/**
 * System V IPC: shared memory, semaphores and message queues, as strace's {@code src/ipc_shm.c},
 * {@code src/ipc_shmctl.c}, {@code src/ipc_sem.c}, {@code src/ipc_semctl.c}, {@code src/ipc_msg.c},
 * {@code src/ipc_msgctl.c} and {@code src/print_msgbuf.c} print them. The structures are the
 * kernel's 64-bit ones (struct ipc64_perm and the *64_ds), which x86_64 passes directly.
 */
final class IpcDecoders {
    private static final int IPC_RMID = 0, IPC_SET = 1, IPC_STAT = 2, IPC_INFO = 3;
    private static final int SHM_STAT = 13, SHM_INFO = 14, SHM_STAT_ANY = 15;
    private static final int SEM_STAT = 18, SEM_INFO = 19, SEM_STAT_ANY = 20;
    private static final int MSG_STAT = 11, MSG_INFO = 12, MSG_STAT_ANY = 13;
    /** The flag old callers add to a command for the 64-bit structures. */
    private static final int IPC_64 = 0x100;
    private static final int SHM_HUGE_SHIFT = 26;
    private static final long SHM_HUGE_MASK = 0x3fL << SHM_HUGE_SHIFT;
    /** sizeof struct ipc64_perm, shmid64_ds, shminfo64, shm_info, semid64_ds, seminfo, msqid64_ds, msginfo. */
    private static final int IPC_PERM = 48, SHMID_DS = 112, SHMINFO = 72, SHM_INFO_SIZE = 48, SEMID_DS = 104,
            SEMINFO = 40, MSQID_DS = 120, MSGINFO = 32;
    private static final int SEMBUF = 6;

    private IpcDecoders() {}

    static void register(Registry r) {
        r.call("shmget", (EntryDecoder) (out, call, ctx) -> {
            key(out, call.arg(0));
            out.integer(call.arg(1), ValueWriter.Base.UDEC);
            shmgetFlags(out, call.arg(2) & 0xffffffffL);
        });
        r.call("shmat", (EntryDecoder) (out, call, ctx) -> {
            out.integer((int) call.arg(0), ValueWriter.Base.DEC);
            out.pointer(call.arg(1));
            XlatFormat.flags(out, Xlat.get("shm_flags"), call.arg(2) & 0xffffffffL);
        });
        r.call("shmctl", new Control("shmctl_flags", 1));
        r.call("semget", (EntryDecoder) (out, call, ctx) -> {
            key(out, call.arg(0));
            out.integer((int) call.arg(1), ValueWriter.Base.DEC);
            resourceFlags(out, call.arg(2) & 0xffffffffL);
        });
        r.call("semop", (EntryDecoder) (out, call, ctx) -> {
            out.integer((int) call.arg(0), ValueWriter.Base.DEC);
            sembufs(out, call, ctx);
        });
        r.call("semtimedop", (EntryDecoder) (out, call, ctx) -> {
            out.integer((int) call.arg(0), ValueWriter.Base.DEC);
            sembufs(out, call, ctx);
            TimeDecoders.timespec(out, call.arg(3), ctx);
        });
        r.call("semctl", new Control("semctl_flags", 2));
        r.call("msgget", (EntryDecoder) (out, call, ctx) -> {
            key(out, call.arg(0));
            resourceFlags(out, call.arg(1) & 0xffffffffL);
        });
        r.call("msgsnd", (EntryDecoder) (out, call, ctx) -> {
            out.integer((int) call.arg(0), ValueWriter.Base.DEC);
            msgbuf(out, call.arg(1), call.arg(2), call, ctx);
            out.integer(call.arg(2), ValueWriter.Base.UDEC);
            XlatFormat.flags(out, Xlat.get("ipc_msg_flags"), call.arg(3) & 0xffffffffL);
        });
        r.call("msgrcv", new CallDecoder() {
            @Override
            public void entry(ValueWriter out, Call call, DecodeContext ctx) {
                out.integer((int) call.arg(0), ValueWriter.Base.DEC);
                out.separator();
            }

            @Override
            public void exit(ValueWriter out, Call call, DecodeContext ctx) {
                msgbuf(out, call.arg(1), call.arg(2), call, ctx);
                out.integer(call.arg(2), ValueWriter.Base.UDEC);
                out.integer(call.arg(3), ValueWriter.Base.DEC);
                XlatFormat.flags(out, Xlat.get("ipc_msg_flags"), call.arg(4) & 0xffffffffL);
            }
        });
        r.call("msgctl", new Control("msgctl_flags", 1));
    }

    /** A key: IPC_PRIVATE by name, any other in hex. */
    private static void key(ValueWriter out, long key) {
        XlatFormat.value(out, Xlat.get("ipc_private"), key & 0xffffffffL);
    }

    /** {@code IPC_CREAT|IPC_EXCL|0600}, one symbol: the flags, when there are any, then the permissions. */
    private static void resourceFlags(ValueWriter out, long flags) {
        StringBuilder text = new StringBuilder();
        long named = flags & ~0777L;
        if (named != 0) {
            XlatFormat.flags(text, Xlat.get("resource_flags"), named);
            text.append('|');
        }
        FileDecoders.umode(text, flags & 0777);
        out.symbol(text.toString(), flags);
    }

    /** shmget's flags: as {@link #resourceFlags}, with a huge page size as {@code N<<SHM_HUGE_SHIFT}. */
    private static void shmgetFlags(ValueWriter out, long value) {
        StringBuilder text = new StringBuilder();
        long flags = value & ~0777L;
        long huge = flags & SHM_HUGE_MASK;
        flags &= ~SHM_HUGE_MASK;
        if (flags != 0) {
            XlatFormat.flags(text, Xlat.get("shm_resource_flags"), flags);
        }
        if (huge != 0) {
            if (flags != 0) {
                text.append('|');
            }
            text.append(huge >>> SHM_HUGE_SHIFT).append("<<");
            XlatFormat.styled(text, Integer.toString(SHM_HUGE_SHIFT), o -> o.append("SHM_HUGE_SHIFT"));
        }
        if (flags != 0 || huge != 0) {
            text.append('|');
        }
        FileDecoders.umode(text, value & 0777);
        out.symbol(text.toString(), value);
    }

    /** Permission bits as strace prints them ({@code 0600}, {@code 000}), with their value. */
    private static void umode(ValueWriter out, long mode) {
        StringBuilder text = new StringBuilder();
        FileDecoders.umode(text, mode);
        out.symbol(text.toString(), mode);
    }

    /** A user or group id: -1 (unchanged) as -1, any other value unsigned. */
    private static void id(ValueWriter out, int id) {
        out.integer(id == -1 ? -1 : Integer.toUnsignedLong(id), ValueWriter.Base.DEC);
    }

    /** semop's operations and their count: {@code [{sem_num=0, sem_op=1, sem_flg=SEM_UNDO}], 1}. */
    private static void sembufs(ValueWriter out, Call call, DecodeContext ctx) {
        long address = call.arg(1);
        long count = call.arg(2) & 0xffffffffL;
        if (address == 0) {
            out.pointer(0);
        } else if (count == 0) {
            out.beginArray();
            out.endArray();
        } else {
            ArrayPrinter.write(out, address, count, SEMBUF, ArrayPrinter.shown(count, ctx), ctx, (o, b, i) -> {
                o.beginStruct();
                o.field("sem_num");
                o.integer(Short.toUnsignedInt(b.getShort(0)), ValueWriter.Base.DEC);
                o.field("sem_op");
                o.integer(b.getShort(2), ValueWriter.Base.DEC);
                o.field("sem_flg");
                XlatFormat.flags(o, Xlat.get("semop_flags"), Short.toUnsignedLong(b.getShort(4)));
                o.endStruct();
            });
        }
        out.integer(count, ValueWriter.Base.DEC);
    }

    /** struct msgbuf: its type, then as many bytes of text as the call's size, quoted. */
    private static void msgbuf(ValueWriter out, long address, long size, Call call, DecodeContext ctx) {
        if (call.exited() && call.isError()) {
            out.pointer(address);
            return;
        }
        ByteBuffer b = ctx.readOrAddress(out, address, 8);
        if (b == null) {
            return;
        }
        out.beginStruct();
        out.field("mtype");
        out.integer(b.getLong(0), ValueWriter.Base.DEC);
        out.field("mtext");
        int want = (int) Math.min(Long.compareUnsigned(size, ctx.stringLimit()) > 0 ? ctx.stringLimit() + 1L : size,
                1 << 20);
        ByteBuffer text = want == 0 ? ByteBuffer.allocate(0) : ctx.read(address + 8, want);
        if (text == null) {
            out.unreadable(address + 8);
        } else {
            Quoting.buffer(out, text.array(), 0, size, ctx.stringLimit());
        }
        out.endStruct();
    }

    /**
     * shmctl(id, cmd, buf), msgctl(id, cmd, buf) and semctl(id, num, cmd, arg): the command by name
     * (after {@code IPC_64|} when it has that flag), then the structure IPC_SET passes at entry, or
     * the one a STAT or INFO command fills at exit; other commands' argument as an address.
     */
    private static final class Control implements CallDecoder {
        private final String table;
        /** Which argument the command is: 1, or 2 for semctl. */
        private final int cmdArg;

        Control(String table, int cmdArg) {
            this.table = table;
            this.cmdArg = cmdArg;
        }

        private int command(Call call) {
            return (int) call.arg(cmdArg) & ~IPC_64;
        }

        private long buffer(Call call) {
            return call.arg(cmdArg + 1);
        }

        private boolean atExit(int cmd) {
            return switch (table) {
                case "shmctl_flags" -> cmd == IPC_STAT || cmd == SHM_STAT || cmd == SHM_STAT_ANY || cmd == IPC_INFO
                        || cmd == SHM_INFO;
                case "semctl_flags" -> cmd == IPC_STAT || cmd == SEM_STAT || cmd == SEM_STAT_ANY || cmd == IPC_INFO
                        || cmd == SEM_INFO;
                default -> cmd == IPC_STAT || cmd == MSG_STAT || cmd == MSG_STAT_ANY || cmd == IPC_INFO
                        || cmd == MSG_INFO;
            };
        }

        @Override
        public void entry(ValueWriter out, Call call, DecodeContext ctx) {
            out.integer((int) call.arg(0), ValueWriter.Base.DEC);
            if (cmdArg == 2) {
                out.integer((int) call.arg(1), ValueWriter.Base.DEC);
            }
            long raw = call.arg(cmdArg) & 0xffffffffL;
            if ((raw & IPC_64) != 0) {
                // IPC_64|CMD is one value, whatever the command's own spelling.
                StringBuilder text = new StringBuilder();
                XlatFormat.styled(text, XlatFormat.hexString(IPC_64), o -> o.append("IPC_64"));
                text.append('|');
                XlatFormat.value(text, Xlat.get(table), raw & ~IPC_64);
                out.symbol(text.toString(), raw);
            } else {
                XlatFormat.value(out, Xlat.get(table), raw);
            }
            int cmd = command(call);
            if (cmd == IPC_SET) {
                structure(out, call, cmd, ctx);
            } else if (!atExit(cmd)) {
                out.pointer(buffer(call));
            } else {
                out.separator();
            }
        }

        @Override
        public void exit(ValueWriter out, Call call, DecodeContext ctx) {
            int cmd = command(call);
            if (cmd != IPC_SET && atExit(cmd)) {
                if (call.isError()) {
                    out.pointer(buffer(call));
                } else {
                    structure(out, call, cmd, ctx);
                }
            }
        }

        @Override
        public boolean completeAtEntry() {
            return false;
        }

        private void structure(ValueWriter out, Call call, int cmd, DecodeContext ctx) {
            long address = buffer(call);
            switch (table) {
                case "shmctl_flags" -> {
                    if (cmd == IPC_INFO) {
                        counts(out, address, SHMINFO, ctx, "shmmax", "shmmin", "shmmni", "shmseg", "shmall");
                    } else if (cmd == SHM_INFO) {
                        shmInfo(out, address, ctx);
                    } else {
                        shmidDs(out, address, cmd, ctx);
                    }
                }
                case "semctl_flags" -> {
                    if (cmd == IPC_INFO || cmd == SEM_INFO) {
                        ints(out, address, SEMINFO, ctx, "semmap", "semmni", "semmns", "semmnu", "semmsl", "semopm",
                                "semume", "semusz", "semvmx", "semaem");
                    } else {
                        semidDs(out, address, cmd, ctx);
                    }
                }
                default -> {
                    if (cmd == IPC_INFO || cmd == MSG_INFO) {
                        msginfo(out, address, ctx);
                    } else {
                        msqidDs(out, address, cmd, ctx);
                    }
                }
            }
        }
    }

    /** struct ipc64_perm: the owner and mode, and with anything but IPC_SET the key and creator. */
    private static void perm(ValueWriter out, ByteBuffer b, int cmd) {
        out.beginStruct();
        out.field("uid");
        id(out, b.getInt(4));
        out.field("gid");
        id(out, b.getInt(8));
        out.field("mode");
        umode(out, b.getInt(20) & 0xffffffffL);
        if (cmd != IPC_SET) {
            out.field("key");
            out.integer(Integer.toUnsignedLong(b.getInt(0)), ValueWriter.Base.DEC);
            out.field("cuid");
            id(out, b.getInt(12));
            out.field("cgid");
            id(out, b.getInt(16));
        }
        out.endStruct();
    }

    /** An unsigned long member at {@code at}. */
    private static void ulong(ValueWriter out, String name, ByteBuffer b, int at) {
        out.field(name);
        out.integer(b.getLong(at), ValueWriter.Base.UDEC);
    }

    /** An int member at {@code at}. */
    private static void int32(ValueWriter out, String name, ByteBuffer b, int at) {
        out.field(name);
        out.integer(b.getInt(at), ValueWriter.Base.DEC);
    }

    private static void shmidDs(ValueWriter out, long address, int cmd, DecodeContext ctx) {
        ByteBuffer b = ctx.readOrAddress(out, address, SHMID_DS);
        if (b == null) {
            return;
        }
        out.beginStruct();
        out.field("shm_perm");
        perm(out, b, cmd);
        if (cmd != IPC_SET) {
            ulong(out, "shm_segsz", b, IPC_PERM);
            out.field("shm_cpid");
            PidNames.write(out, b.getInt(80));
            out.field("shm_lpid");
            PidNames.write(out, b.getInt(84));
            ulong(out, "shm_nattch", b, 88);
            ulong(out, "shm_atime", b, 56);
            ulong(out, "shm_dtime", b, 64);
            ulong(out, "shm_ctime", b, 72);
        }
        out.endStruct();
    }

    private static void shmInfo(ValueWriter out, long address, DecodeContext ctx) {
        ByteBuffer b = ctx.readOrAddress(out, address, SHM_INFO_SIZE);
        if (b == null) {
            return;
        }
        out.beginStruct();
        int32(out, "used_ids", b, 0);
        String[] names = {"shm_tot", "shm_rss", "shm_swp", "swap_attempts", "swap_successes"};
        for (int i = 0; i < names.length; i++) {
            ulong(out, names[i], b, 8 + 8 * i);
        }
        out.endStruct();
    }

    private static void semidDs(ValueWriter out, long address, int cmd, DecodeContext ctx) {
        ByteBuffer b = ctx.readOrAddress(out, address, SEMID_DS);
        if (b == null) {
            return;
        }
        out.beginStruct();
        out.field("sem_perm");
        perm(out, b, cmd);
        if (cmd != IPC_SET) {
            ulong(out, "sem_otime", b, 48);
            ulong(out, "sem_ctime", b, 64);
            ulong(out, "sem_nsems", b, 80);
        }
        out.endStruct();
    }

    private static void msqidDs(ValueWriter out, long address, int cmd, DecodeContext ctx) {
        ByteBuffer b = ctx.readOrAddress(out, address, MSQID_DS);
        if (b == null) {
            return;
        }
        out.beginStruct();
        out.field("msg_perm");
        perm(out, b, cmd);
        if (cmd != IPC_SET) {
            ulong(out, "msg_stime", b, 48);
            ulong(out, "msg_rtime", b, 56);
            ulong(out, "msg_ctime", b, 64);
            ulong(out, "msg_qnum", b, 80);
        }
        ulong(out, "msg_qbytes", b, 88);
        if (cmd != IPC_SET) {
            int32(out, "msg_lspid", b, 96);
            int32(out, "msg_lrpid", b, 100);
        }
        out.endStruct();
    }

    private static void msginfo(ValueWriter out, long address, DecodeContext ctx) {
        ByteBuffer b = ctx.readOrAddress(out, address, MSGINFO);
        if (b == null) {
            return;
        }
        String[] names = {"msgpool", "msgmap", "msgmax", "msgmnb", "msgmni", "msgssz", "msgtql"};
        out.beginStruct();
        for (int i = 0; i < names.length; i++) {
            int32(out, names[i], b, 4 * i);
        }
        out.field("msgseg");
        out.integer(Short.toUnsignedInt(b.getShort(28)), ValueWriter.Base.DEC);
        out.endStruct();
    }

    /** A structure of unsigned longs, {@code {name=N, ...}}. */
    private static void counts(ValueWriter out, long address, int size, DecodeContext ctx, String... names) {
        ByteBuffer b = ctx.readOrAddress(out, address, size);
        if (b == null) {
            return;
        }
        out.beginStruct();
        for (int i = 0; i < names.length; i++) {
            ulong(out, names[i], b, 8 * i);
        }
        out.endStruct();
    }

    /** A structure of ints, {@code {name=N, ...}}. */
    private static void ints(ValueWriter out, long address, int size, DecodeContext ctx, String... names) {
        ByteBuffer b = ctx.readOrAddress(out, address, size);
        if (b == null) {
            return;
        }
        out.beginStruct();
        for (int i = 0; i < names.length; i++) {
            int32(out, names[i], b, 4 * i);
        }
        out.endStruct();
    }
}
