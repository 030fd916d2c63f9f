package io.jtrace.bindings;

import io.jtrace.abi.SigInfo;

import io.jtrace.abi.Registers;

import io.jtrace.testsupport.Fixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The layouts, constants and wait-status decoding the bindings hard-code, checked against what the C
 * compiler makes of the system's headers (src/test/c/layout.c prints them).
 */
class StructLayoutTest {
    private static final Map<String, String> C = new HashMap<>();
    private static final List<String> STATUS_LINES = new ArrayList<>();

    @BeforeAll
    static void runTheCProgram() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Fixtures.path("layout").toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(10, TimeUnit.SECONDS), "layout did not exit");
        assertEquals(0, p.exitValue(), out);
        for (String line : out.split("\n")) {
            if (line.startsWith("status ")) {
                STATUS_LINES.add(line);
            } else {
                String[] kv = line.split(" ", 2);
                C.put(kv[0], kv[1]);
            }
        }
    }

    private static long c(String name) {
        String v = C.get(name);
        if (v == null) {
            throw new AssertionError("layout.c printed no " + name);
        }
        return Long.parseLong(v);
    }

    private static void same(String name, long javaValue) {
        assertEquals(c(name), javaValue, name);
    }

    @Test
    void ptraceSyscallInfo() {
        same("ptrace_syscall_info.size", SyscallInfo.SIZE);
        same("ptrace_syscall_info.op", SyscallInfo.OFF_OP);
        same("ptrace_syscall_info.arch", SyscallInfo.OFF_ARCH);
        same("ptrace_syscall_info.instruction_pointer", SyscallInfo.OFF_IP);
        same("ptrace_syscall_info.stack_pointer", SyscallInfo.OFF_SP);
        same("ptrace_syscall_info.entry.nr", SyscallInfo.OFF_NR);
        same("ptrace_syscall_info.entry.args", SyscallInfo.OFF_ARGS);
        same("ptrace_syscall_info.exit.rval", SyscallInfo.OFF_RVAL);
        same("ptrace_syscall_info.exit.is_error", SyscallInfo.OFF_IS_ERROR);
        same("ptrace_syscall_info.seccomp.nr", SyscallInfo.OFF_NR);
        same("ptrace_syscall_info.seccomp.args", SyscallInfo.OFF_ARGS);
        same("ptrace_syscall_info.seccomp.ret_data", SyscallInfo.OFF_RET_DATA);
    }

    @Test
    void siginfoFieldsDecodeAsTheCompilerLaidThemOut() {
        same("siginfo.size", SigInfo.SIZE);
        SigInfo chld = siginfo("siginfo.sigchld");
        assertEquals(17, chld.signo());
        assertEquals(5, chld.errno());
        assertEquals(1, chld.code()); // CLD_EXITED
        assertEquals(123456, chld.pid());
        assertEquals(1001, chld.uid());
        assertEquals(42, chld.status());
        assertEquals(7000000001L, chld.utime());
        assertEquals(9000000002L, chld.stime());

        SigInfo segv = siginfo("siginfo.sigsegv");
        assertEquals(11, segv.signo());
        assertEquals(0x7ffd12345678L, segv.addr());

        SigInfo queued = siginfo("siginfo.sigqueue");
        assertEquals(10, queued.signo());
        assertEquals(-1, queued.code()); // SI_QUEUE
        assertEquals(77, queued.pid());
        assertEquals(88, queued.uid());
        assertEquals(0x1122334455667788L, queued.value());
    }

    @Test
    void siginfoOffsets() {
        // SigInfo's accessors read these offsets; the decoding test above proves the values, this
        // one names the fields that differ when it fails.
        same("siginfo.si_signo", 0);
        same("siginfo.si_errno", 4);
        same("siginfo.si_code", 8);
        same("siginfo.si_pid", 16);
        same("siginfo.si_uid", 20);
        same("siginfo.si_status", 24);
        same("siginfo.si_utime", 32);
        same("siginfo.si_stime", 40);
        same("siginfo.si_addr", 16);
        same("siginfo.si_value", 24);
    }

    private static SigInfo siginfo(String name) {
        byte[] raw = HexFormat.of().parseHex(C.get(name));
        assertEquals(SigInfo.SIZE, raw.length, name);
        return SigInfo.of(raw);
    }

    @Test
    void userRegsStruct() {
        same("user_regs_struct.size", Registers.SIZE);
        String[] names = {"r15", "r14", "r13", "r12", "rbp", "rbx", "r11", "r10", "r9", "r8", "rax", "rcx", "rdx",
                "rsi", "rdi", "orig_rax", "rip", "cs", "eflags", "rsp", "ss", "fs_base", "gs_base", "ds", "es", "fs", "gs"};
        int[] indexes = {Registers.R15, Registers.R14, Registers.R13, Registers.R12, Registers.RBP, Registers.RBX,
                Registers.R11, Registers.R10, Registers.R9, Registers.R8, Registers.RAX, Registers.RCX, Registers.RDX,
                Registers.RSI, Registers.RDI, Registers.ORIG_RAX, Registers.RIP, Registers.CS, Registers.EFLAGS,
                Registers.RSP, Registers.SS, Registers.FS_BASE, Registers.GS_BASE, Registers.DS, Registers.ES,
                Registers.FS, Registers.GS};
        for (int i = 0; i < names.length; i++) {
            same("user_regs_struct." + names[i], 8L * indexes[i]);
        }
        Registers r = new Registers();
        r.set(Registers.ORIG_RAX, 59);
        r.set(Registers.RIP, 0x401000);
        r.set(Registers.RSP, 0x7ffc0000);
        r.set(Registers.RAX, -38);
        assertEquals(59, r.origRax());
        assertEquals(0x401000, r.rip());
        assertEquals(0x7ffc0000, r.rsp());
        assertEquals(-38, r.rax());
    }

    @Test
    void iovecAndTheLibcStructsKernelAllocates() {
        same("iovec.size", Kernel.IOVEC_SIZE);
        same("iovec.iov_base", 0);
        same("iovec.iov_len", 8);
        same("rusage.size", Kernel.RUSAGE_SIZE);
        same("rusage.ru_stime", Kernel.RU_STIME);
        same("posix_spawn_file_actions_t.size", Kernel.FILE_ACTIONS_SIZE);
        same("posix_spawnattr_t.size", Kernel.SPAWNATTR_SIZE);
        same("sigset_t.size", Kernel.SIGSET_SIZE);
        same("POSIX_SPAWN_SETSIGDEF", Kernel.POSIX_SPAWN_SETSIGDEF);
        same("POSIX_SPAWN_SETSIGMASK", Kernel.POSIX_SPAWN_SETSIGMASK);
        same("sigaction.size", Kernel.SA_SIGACTION_SIZE);
        same("sigaction.sa_handler", 0); // Kernel writes the handler at offset 0
    }

    @Test
    void ptraceAndWaitConstants() {
        same("PTRACE_SEIZE", Ptrace.SEIZE);
        same("PTRACE_INTERRUPT", Ptrace.INTERRUPT);
        same("PTRACE_LISTEN", Ptrace.LISTEN);
        same("PTRACE_GET_SYSCALL_INFO", Ptrace.GET_SYSCALL_INFO);
        same("PTRACE_GETEVENTMSG", Ptrace.GETEVENTMSG);
        same("PTRACE_GETSIGINFO", Ptrace.GETSIGINFO);
        same("PTRACE_O_EXITKILL", Ptrace.O_EXITKILL);
        same("PTRACE_EVENT_STOP", Ptrace.EVENT_STOP);
        same("PTRACE_SYSCALL_INFO_SECCOMP", Ptrace.SYSCALL_INFO_SECCOMP);
        same("__WALL", Wait.WALL);
        same("__WNOTHREAD", Wait.WNOTHREAD);
        same("WNOHANG", Wait.WNOHANG);
    }

    @Test
    void waitStatusDecodingMatchesTheMacros() {
        assertEquals(7, STATUS_LINES.size());
        for (String line : STATUS_LINES) {
            String[] f = line.split(" ");
            int status = Integer.parseInt(f[1]);
            String what = "status " + Integer.toHexString(status);
            assertEquals(f[2].equals("1"), Wait.exited(status), what + " WIFEXITED");
            assertEquals(Integer.parseInt(f[3]), Wait.exitCode(status), what + " WEXITSTATUS");
            assertEquals(f[4].equals("1"), Wait.signaled(status), what + " WIFSIGNALED");
            assertEquals(Integer.parseInt(f[5]), Wait.termSignal(status), what + " WTERMSIG");
            assertEquals(f[6].equals("1"), Wait.coreDumped(status), what + " WCOREDUMP");
            assertEquals(f[7].equals("1"), Wait.stopped(status), what + " WIFSTOPPED");
            assertEquals(Integer.parseInt(f[8]), Wait.stopSignal(status), what + " WSTOPSIG");
        }
        assertEquals(4, Wait.ptraceEvent((4 << 16) | (5 << 8) | 0x7f));
    }
}
