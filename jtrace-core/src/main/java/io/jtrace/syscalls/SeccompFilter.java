package io.jtrace.syscalls;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A classic-BPF seccomp program that makes a traced process stop only at some system calls: it
 * returns {@code SECCOMP_RET_TRACE} for the x86_64 calls of a {@link SyscallSet} and for every call
 * made through another ABI (i386's {@code int 0x80}, which the set's numbers do not describe), and
 * {@code SECCOMP_RET_ALLOW} for the rest, which then run without any ptrace stop.
 *
 * <p>The program is a chain of range tests over {@code seccomp_data.nr}, ascending, each block
 * ending in its own return so that no jump is longer than the 255 instructions BPF allows: with at
 * most one range per two call numbers it stays far below the kernel's 4096-instruction limit.
 * {@link #traces} runs the program as the kernel would, so what it does can be checked call by
 * call against {@link SyscallSet#contains}.
 */
public final class SeccompFilter {
    /** {@code SECCOMP_RET_TRACE}: stop for the tracer (PTRACE_EVENT_SECCOMP). */
    public static final int RET_TRACE = 0x7ff0_0000;
    /** {@code SECCOMP_RET_ALLOW}: run the call untouched, without a stop. */
    public static final int RET_ALLOW = 0x7fff_0000;

    // BPF opcodes: class | size | mode, and class | operation | source.
    private static final short LD_W_ABS = 0x20, JEQ_K = 0x15, JGE_K = 0x35, JGT_K = 0x25, RET_K = 0x06;
    /** Offsets in {@code struct seccomp_data}: the call number, then the audit architecture. */
    private static final int OFFSET_NR = 0, OFFSET_ARCH = 4;

    private record Insn(short code, int jt, int jf, int k) {}

    private final List<Insn> program;

    private SeccompFilter(List<Insn> program) {
        this.program = List.copyOf(program);
    }

    /** The program that stops at the calls of {@code calls} (and at every non-x86_64 call). */
    public static SeccompFilter stoppingAt(SyscallSet calls) {
        List<Insn> p = new ArrayList<>();
        p.add(new Insn(LD_W_ABS, 0, 0, OFFSET_ARCH));
        p.add(new Insn(JEQ_K, 1, 0, AuditArch.X86_64.value()));
        p.add(new Insn(RET_K, 0, 0, RET_TRACE));
        p.add(new Insn(LD_W_ABS, 0, 0, OFFSET_NR));
        for (long[] r : ranges(calls)) {
            // nr > hi: on to the next block; else nr >= lo: in the range; else below it, and above
            // every earlier range, so in none.
            p.add(new Insn(JGT_K, 3, 0, (int) r[1]));
            p.add(new Insn(JGE_K, 0, 1, (int) r[0]));
            p.add(new Insn(RET_K, 0, 0, RET_TRACE));
            p.add(new Insn(RET_K, 0, 0, RET_ALLOW));
        }
        p.add(new Insn(RET_K, 0, 0, RET_ALLOW));
        return new SeccompFilter(p);
    }

    /** The set's numbers as ascending, disjoint [lo, hi] ranges of unsigned 32-bit call numbers. */
    private static List<long[]> ranges(SyscallSet calls) {
        List<long[]> ranges = new ArrayList<>();
        int uniform = calls.uniformFrom();
        long start = -1;
        for (int nr = 0; nr < uniform; nr++) {
            boolean in = calls.contains(nr);
            if (in && start < 0) {
                start = nr;
            } else if (!in && start >= 0) {
                ranges.add(new long[] {start, nr - 1});
                start = -1;
            }
        }
        // From uniformFrom on, including the numbers above int's range that contains cannot name.
        if (calls.contains(uniform)) {
            ranges.add(new long[] {start >= 0 ? start : uniform, 0xffff_ffffL});
        } else if (start >= 0) {
            ranges.add(new long[] {start, uniform - 1});
        }
        return ranges;
    }

    /** The number of BPF instructions. */
    public int length() {
        return program.size();
    }

    /** The program as the kernel takes it: an array of {@code struct sock_filter}, 8 bytes each. */
    public byte[] bytes() {
        ByteBuffer b = ByteBuffer.allocate(8 * program.size()).order(ByteOrder.nativeOrder());
        for (Insn i : program) {
            b.putShort(i.code).put((byte) i.jt).put((byte) i.jf).putInt(i.k);
        }
        return b.array();
    }

    /**
     * What the kernel does with call {@code nr} (unsigned) made through audit architecture
     * {@code arch}: true for a stop ({@link #RET_TRACE}), false to let it run.
     */
    public boolean traces(int arch, int nr) {
        long acc = 0;
        int pc = 0;
        while (true) {
            Insn i = program.get(pc);
            long k = Integer.toUnsignedLong(i.k);
            switch (i.code) {
                case LD_W_ABS -> acc = Integer.toUnsignedLong(i.k == OFFSET_ARCH ? arch : nr);
                case JEQ_K -> pc += acc == k ? i.jt : i.jf;
                case JGE_K -> pc += acc >= k ? i.jt : i.jf;
                case JGT_K -> pc += acc > k ? i.jt : i.jf;
                case RET_K -> {
                    return i.k == RET_TRACE;
                }
                default -> throw new IllegalStateException("opcode " + i.code);
            }
            pc++;
        }
    }
}
