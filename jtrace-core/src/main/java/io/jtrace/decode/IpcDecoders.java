package io.jtrace.decode;

import io.jtrace.syscalls.Xlat;

import java.nio.ByteBuffer;
import java.util.Map;

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
        r.textCall("shmget", (TextEntryDecoder) (out, call, ctx) -> {
            key(out, call.arg(0));
            out.append(", ").append(Long.toUnsignedString(call.arg(1))).append(", ");
            shmgetFlags(out, call.arg(2) & 0xffffffffL);
        });
        r.textCall("shmat", (TextEntryDecoder) (out, call, ctx) -> {
            out.append((int) call.arg(0)).append(", ");
            DecodeContext.address(out, call.arg(1));
            out.append(", ");
            XlatFormat.flags(out, Xlat.get("shm_flags"), call.arg(2) & 0xffffffffL);
        });
        r.textCall("shmctl", new Control("shmctl_flags", 1));
        r.textCall("semget", (TextEntryDecoder) (out, call, ctx) -> {
            key(out, call.arg(0));
            out.append(", ").append((int) call.arg(1)).append(", ");
            resourceFlags(out, call.arg(2) & 0xffffffffL);
        });
        r.textCall("semop", (TextEntryDecoder) (out, call, ctx) -> {
            out.append((int) call.arg(0)).append(", ");
            sembufs(out, call, ctx);
        });
        r.textCall("semtimedop", (TextEntryDecoder) (out, call, ctx) -> {
            out.append((int) call.arg(0)).append(", ");
            sembufs(out, call, ctx);
            out.append(", ");
            TimeDecoders.timespec(out, call.arg(3), ctx);
        });
        r.textCall("semctl", new Control("semctl_flags", 2));
        r.textCall("msgget", (TextEntryDecoder) (out, call, ctx) -> {
            key(out, call.arg(0));
            out.append(", ");
            resourceFlags(out, call.arg(1) & 0xffffffffL);
        });
        r.textCall("msgsnd", (TextEntryDecoder) (out, call, ctx) -> {
            out.append((int) call.arg(0)).append(", ");
            msgbuf(out, call.arg(1), call.arg(2), call, ctx);
            out.append(", ").append(Long.toUnsignedString(call.arg(2))).append(", ");
            XlatFormat.flags(out, Xlat.get("ipc_msg_flags"), call.arg(3) & 0xffffffffL);
        });
        r.textCall("msgrcv", new TextCallDecoder() {
            @Override
            public void entry(StringBuilder out, Call call, DecodeContext ctx) {
                out.append((int) call.arg(0)).append(", ");
            }

            @Override
            public void exit(StringBuilder out, Call call, DecodeContext ctx) {
                msgbuf(out, call.arg(1), call.arg(2), call, ctx);
                out.append(", ").append(Long.toUnsignedString(call.arg(2))).append(", ").append(call.arg(3))
                        .append(", ");
                XlatFormat.flags(out, Xlat.get("ipc_msg_flags"), call.arg(4) & 0xffffffffL);
                out.append(')');
            }
        });
        r.textCall("msgctl", new Control("msgctl_flags", 1));
    }

    /** A key: IPC_PRIVATE by name, any other in hex. */
    private static void key(StringBuilder out, long key) {
        XlatFormat.value(out, Xlat.get("ipc_private"), key & 0xffffffffL);
    }

    /** {@code IPC_CREAT|IPC_EXCL|0600}: the flags, when there are any, then the permissions. */
    private static void resourceFlags(StringBuilder out, long flags) {
        long named = flags & ~0777L;
        if (named != 0) {
            XlatFormat.flags(out, Xlat.get("resource_flags"), named);
            out.append('|');
        }
        FileDecoders.umode(out, flags & 0777);
    }

    /** shmget's flags: as {@link #resourceFlags}, with a huge page size as {@code N<<SHM_HUGE_SHIFT}. */
    private static void shmgetFlags(StringBuilder out, long value) {
        long flags = value & ~0777L;
        long huge = flags & SHM_HUGE_MASK;
        flags &= ~SHM_HUGE_MASK;
        if (flags != 0) {
            XlatFormat.flags(out, Xlat.get("shm_resource_flags"), flags);
        }
        if (huge != 0) {
            if (flags != 0) {
                out.append('|');
            }
            out.append(huge >>> SHM_HUGE_SHIFT).append("<<");
            XlatFormat.styled(out, Integer.toString(SHM_HUGE_SHIFT), o -> o.append("SHM_HUGE_SHIFT"));
        }
        if (flags != 0 || huge != 0) {
            out.append('|');
        }
        FileDecoders.umode(out, value & 0777);
    }

    /** semop's operations and their count: {@code [{sem_num=0, sem_op=1, sem_flg=SEM_UNDO}], 1}. */
    private static void sembufs(StringBuilder out, Call call, DecodeContext ctx) {
        long address = call.arg(1);
        long count = call.arg(2) & 0xffffffffL;
        if (address == 0) {
            out.append("NULL");
        } else if (count == 0) {
            out.append("[]");
        } else {
            ArrayPrinter.print(out, address, count, SEMBUF, ArrayPrinter.shown(count, ctx), ctx, (o, b, i) -> {
                o.append("{sem_num=").append(Short.toUnsignedInt(b.getShort(0))).append(", sem_op=")
                        .append(b.getShort(2)).append(", sem_flg=");
                XlatFormat.flags(o, Xlat.get("semop_flags"), Short.toUnsignedLong(b.getShort(4)));
                o.append('}');
            });
        }
        out.append(", ").append(count);
    }

    /** struct msgbuf: its type, then as many bytes of text as the call's size, quoted. */
    private static void msgbuf(StringBuilder out, long address, long size, Call call, DecodeContext ctx) {
        ByteBuffer b = call.exited() && call.isError() ? null : ctx.read(address, 8);
        if (b == null) {
            DecodeContext.address(out, address);
            return;
        }
        out.append("{mtype=").append(b.getLong(0)).append(", mtext=");
        int want = (int) Math.min(Long.compareUnsigned(size, ctx.stringLimit()) > 0 ? ctx.stringLimit() + 1L : size,
                1 << 20);
        ByteBuffer text = want == 0 ? ByteBuffer.allocate(0) : ctx.read(address + 8, want);
        if (text == null) {
            DecodeContext.address(out, address + 8);
        } else {
            Quoting.quoteBuffer(out, text.array(), 0, size, ctx.stringLimit(), ctx.hex());
        }
        out.append('}');
    }

    /**
     * shmctl(id, cmd, buf), msgctl(id, cmd, buf) and semctl(id, num, cmd, arg): the command by name
     * (after {@code IPC_64|} when it has that flag), then the structure IPC_SET passes at entry, or
     * the one a STAT or INFO command fills at exit; other commands' argument as an address.
     */
    private static final class Control implements TextCallDecoder {
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
        public void entry(StringBuilder out, Call call, DecodeContext ctx) {
            out.append((int) call.arg(0)).append(", ");
            if (cmdArg == 2) {
                out.append((int) call.arg(1)).append(", ");
            }
            long raw = call.arg(cmdArg) & 0xffffffffL;
            if ((raw & IPC_64) != 0) {
                XlatFormat.styled(out, XlatFormat.hexString(IPC_64), o -> o.append("IPC_64"));
                out.append('|');
            }
            XlatFormat.value(out, Xlat.get(table), raw & ~IPC_64);
            out.append(", ");
            int cmd = command(call);
            if (cmd == IPC_SET) {
                structure(out, call, cmd, ctx);
            } else if (!atExit(cmd)) {
                DecodeContext.address(out, buffer(call));
            }
        }

        @Override
        public void exit(StringBuilder out, Call call, DecodeContext ctx) {
            int cmd = command(call);
            if (cmd != IPC_SET && atExit(cmd)) {
                if (call.isError()) {
                    DecodeContext.address(out, buffer(call));
                } else {
                    structure(out, call, cmd, ctx);
                }
            }
            out.append(')');
        }

        @Override
        public boolean completeAtEntry() {
            return false;
        }

        private void structure(StringBuilder out, Call call, int cmd, DecodeContext ctx) {
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
    private static void perm(StringBuilder out, ByteBuffer b, int cmd) {
        out.append("{uid=");
        FileDecoders.id(out, b.getInt(4));
        out.append(", gid=");
        FileDecoders.id(out, b.getInt(8));
        out.append(", mode=");
        FileDecoders.umode(out, b.getInt(20) & 0xffffffffL);
        if (cmd != IPC_SET) {
            out.append(", key=").append(Integer.toUnsignedString(b.getInt(0))).append(", cuid=");
            FileDecoders.id(out, b.getInt(12));
            out.append(", cgid=");
            FileDecoders.id(out, b.getInt(16));
        }
        out.append('}');
    }

    private static void shmidDs(StringBuilder out, long address, int cmd, DecodeContext ctx) {
        ByteBuffer b = ProcessDecoders.readOrAddress(out, ctx, address, SHMID_DS);
        if (b == null) {
            return;
        }
        out.append("{shm_perm=");
        perm(out, b, cmd);
        if (cmd != IPC_SET) {
            out.append(", shm_segsz=").append(Long.toUnsignedString(b.getLong(IPC_PERM)))
                    .append(", shm_cpid=").append(b.getInt(80)).append(", shm_lpid=").append(b.getInt(84))
                    .append(", shm_nattch=").append(Long.toUnsignedString(b.getLong(88)))
                    .append(", shm_atime=").append(Long.toUnsignedString(b.getLong(56)))
                    .append(", shm_dtime=").append(Long.toUnsignedString(b.getLong(64)))
                    .append(", shm_ctime=").append(Long.toUnsignedString(b.getLong(72)));
        }
        out.append('}');
    }

    private static void shmInfo(StringBuilder out, long address, DecodeContext ctx) {
        ByteBuffer b = ProcessDecoders.readOrAddress(out, ctx, address, SHM_INFO_SIZE);
        if (b == null) {
            return;
        }
        out.append("{used_ids=").append(b.getInt(0));
        String[] names = {"shm_tot", "shm_rss", "shm_swp", "swap_attempts", "swap_successes"};
        for (int i = 0; i < names.length; i++) {
            out.append(", ").append(names[i]).append('=').append(Long.toUnsignedString(b.getLong(8 + 8 * i)));
        }
        out.append('}');
    }

    private static void semidDs(StringBuilder out, long address, int cmd, DecodeContext ctx) {
        ByteBuffer b = ProcessDecoders.readOrAddress(out, ctx, address, SEMID_DS);
        if (b == null) {
            return;
        }
        out.append("{sem_perm=");
        perm(out, b, cmd);
        if (cmd != IPC_SET) {
            out.append(", sem_otime=").append(Long.toUnsignedString(b.getLong(48)))
                    .append(", sem_ctime=").append(Long.toUnsignedString(b.getLong(64)))
                    .append(", sem_nsems=").append(Long.toUnsignedString(b.getLong(80)));
        }
        out.append('}');
    }

    private static void msqidDs(StringBuilder out, long address, int cmd, DecodeContext ctx) {
        ByteBuffer b = ProcessDecoders.readOrAddress(out, ctx, address, MSQID_DS);
        if (b == null) {
            return;
        }
        out.append("{msg_perm=");
        perm(out, b, cmd);
        if (cmd != IPC_SET) {
            out.append(", msg_stime=").append(Long.toUnsignedString(b.getLong(48)))
                    .append(", msg_rtime=").append(Long.toUnsignedString(b.getLong(56)))
                    .append(", msg_ctime=").append(Long.toUnsignedString(b.getLong(64)))
                    .append(", msg_qnum=").append(Long.toUnsignedString(b.getLong(80)));
        }
        out.append(", msg_qbytes=").append(Long.toUnsignedString(b.getLong(88)));
        if (cmd != IPC_SET) {
            out.append(", msg_lspid=").append(b.getInt(96)).append(", msg_lrpid=").append(b.getInt(100));
        }
        out.append('}');
    }

    private static void msginfo(StringBuilder out, long address, DecodeContext ctx) {
        ByteBuffer b = ProcessDecoders.readOrAddress(out, ctx, address, MSGINFO);
        if (b == null) {
            return;
        }
        String[] names = {"msgpool", "msgmap", "msgmax", "msgmnb", "msgmni", "msgssz", "msgtql"};
        out.append('{');
        for (int i = 0; i < names.length; i++) {
            out.append(names[i]).append('=').append(b.getInt(4 * i)).append(", ");
        }
        out.append("msgseg=").append(Short.toUnsignedInt(b.getShort(28))).append('}');
    }

    /** A structure of unsigned longs, {@code {name=N, ...}}. */
    private static void counts(StringBuilder out, long address, int size, DecodeContext ctx, String... names) {
        ByteBuffer b = ProcessDecoders.readOrAddress(out, ctx, address, size);
        if (b == null) {
            return;
        }
        out.append('{');
        for (int i = 0; i < names.length; i++) {
            if (i > 0) {
                out.append(", ");
            }
            out.append(names[i]).append('=').append(Long.toUnsignedString(b.getLong(8 * i)));
        }
        out.append('}');
    }

    /** A structure of ints, {@code {name=N, ...}}. */
    private static void ints(StringBuilder out, long address, int size, DecodeContext ctx, String... names) {
        ByteBuffer b = ProcessDecoders.readOrAddress(out, ctx, address, size);
        if (b == null) {
            return;
        }
        out.append('{');
        for (int i = 0; i < names.length; i++) {
            if (i > 0) {
                out.append(", ");
            }
            out.append(names[i]).append('=').append(b.getInt(4 * i));
        }
        out.append('}');
    }
}
