package io.jtrace.bindings;

/** ptrace(2) request, option and event numbers from {@code <linux/ptrace.h>}. */
public final class Ptrace {
    public static final int TRACEME = 0;
    public static final int CONT = 7;
    public static final int KILL = 8;
    public static final int SINGLESTEP = 9;
    public static final int GETREGS = 12;
    public static final int SETREGS = 13;
    public static final int DETACH = 17;
    public static final int SYSCALL = 24;
    public static final int SETOPTIONS = 0x4200;
    public static final int GETEVENTMSG = 0x4201;
    public static final int GETSIGINFO = 0x4202;
    public static final int SETSIGINFO = 0x4203;
    public static final int SEIZE = 0x4206;
    public static final int INTERRUPT = 0x4207;
    public static final int LISTEN = 0x4208;
    public static final int GET_SYSCALL_INFO = 0x420e;

    public static final int O_TRACESYSGOOD = 1;
    public static final int O_TRACEFORK = 1 << 1;
    public static final int O_TRACEVFORK = 1 << 2;
    public static final int O_TRACECLONE = 1 << 3;
    public static final int O_TRACEEXEC = 1 << 4;
    public static final int O_TRACEVFORKDONE = 1 << 5;
    public static final int O_TRACEEXIT = 1 << 6;
    public static final int O_TRACESECCOMP = 1 << 7;
    public static final int O_EXITKILL = 1 << 20;

    public static final int EVENT_FORK = 1;
    public static final int EVENT_VFORK = 2;
    public static final int EVENT_CLONE = 3;
    public static final int EVENT_EXEC = 4;
    public static final int EVENT_VFORK_DONE = 5;
    public static final int EVENT_EXIT = 6;
    public static final int EVENT_SECCOMP = 7;
    public static final int EVENT_STOP = 128;

    public static final int SYSCALL_INFO_NONE = 0;
    public static final int SYSCALL_INFO_ENTRY = 1;
    public static final int SYSCALL_INFO_EXIT = 2;
    public static final int SYSCALL_INFO_SECCOMP = 3;

    private Ptrace() {}
}
