package io.jtrace.abi;

import java.util.Arrays;

/** x86_64 {@code struct user_regs_struct}: 27 words in the kernel's order. */
public final class Registers {
    /** The size of {@code struct user_regs_struct} in bytes: what PTRACE_GETREGS copies. */
    public static final int SIZE = 27 * 8;

    // Indexes of the struct's 64-bit words, in the order of the kernel's arch/x86/include/asm/user_64.h.

    /** Word 0, r15, callee-saved. */
    public static final int R15 = 0;
    /** Word 1, r14, callee-saved. */
    public static final int R14 = 1;
    /** Word 2, r13, callee-saved. */
    public static final int R13 = 2;
    /** Word 3, r12, callee-saved. */
    public static final int R12 = 3;
    /** Word 4, rbp, the frame pointer. */
    public static final int RBP = 4;
    /** Word 5, rbx, callee-saved. */
    public static final int RBX = 5;
    /** Word 6, r11; the syscall instruction saves rflags in it. */
    public static final int R11 = 6;
    /** Word 7, r10: a system call's fourth argument (rcx in the C ABI). */
    public static final int R10 = 7;
    /** Word 8, r9: a system call's sixth argument. */
    public static final int R9 = 8;
    /** Word 9, r8: a system call's fifth argument. */
    public static final int R8 = 9;
    /**
     * Word 10, rax: the system call number going in, its return value coming out ({@code -ENOSYS}
     * at a syscall-entry stop).
     */
    public static final int RAX = 10;
    /** Word 11, rcx; the syscall instruction saves the return address in it. */
    public static final int RCX = 11;
    /** Word 12, rdx: a system call's third argument. */
    public static final int RDX = 12;
    /** Word 13, rsi: a system call's second argument. */
    public static final int RSI = 13;
    /** Word 14, rdi: a system call's first argument. */
    public static final int RDI = 14;
    /**
     * Word 15, orig_rax: the number of the system call the thread is in (-1 when none); the kernel
     * keeps it apart from rax, which the return value overwrites.
     */
    public static final int ORIG_RAX = 15;
    /** Word 16, rip, the instruction pointer. */
    public static final int RIP = 16;
    /** Word 17, cs, the code segment selector (0x33 for 64-bit code, 0x23 for 32-bit). */
    public static final int CS = 17;
    /** Word 18, eflags, the flags register. */
    public static final int EFLAGS = 18;
    /** Word 19, rsp, the stack pointer. */
    public static final int RSP = 19;
    /** Word 20, ss, the stack segment selector. */
    public static final int SS = 20;
    /** Word 21, fs_base, the base address of fs: the thread pointer (TLS) on x86_64. */
    public static final int FS_BASE = 21;
    /** Word 22, gs_base, the base address of gs. */
    public static final int GS_BASE = 22;
    /** Word 23, ds, the data segment selector (unused in 64-bit mode). */
    public static final int DS = 23;
    /** Word 24, es, the extra segment selector (unused in 64-bit mode). */
    public static final int ES = 24;
    /** Word 25, fs, a segment selector; its base is {@link #FS_BASE}. */
    public static final int FS = 25;
    /** Word 26, gs, a segment selector; its base is {@link #GS_BASE}. */
    public static final int GS = 26;

    private final long[] words = new long[27];

    /** All words zero; filled by PTRACE_GETREGS, {@link #set} or {@link #setAll}. */
    public Registers() {
    }

    /** The word at {@code index}, one of the constants above. */
    public long get(int index) {
        return words[index];
    }

    /** Sets the word at {@code index}, one of the constants above; PTRACE_SETREGS makes it the thread's. */
    public void set(int index, long value) {
        words[index] = value;
    }

    /** The instruction pointer. */
    public long rip() { return words[RIP]; }
    /** The stack pointer. */
    public long rsp() { return words[RSP]; }
    /** rax: at a syscall-exit stop, the call's return value. */
    public long rax() { return words[RAX]; }
    /** orig_rax: at a syscall stop, the call's number. */
    public long origRax() { return words[ORIG_RAX]; }

    /** Every word, in the kernel's order. */
    public long[] toArray() {
        return words.clone();
    }

    /** Sets every word from {@code all}, in the kernel's order. */
    public void setAll(long[] all) {
        if (all.length != words.length) {
            throw new IllegalArgumentException("user_regs_struct has " + words.length + " words, not " + all.length);
        }
        System.arraycopy(all, 0, words, 0, words.length);
    }

    /** An independent copy of these words. */
    public Registers copy() {
        Registers r = new Registers();
        System.arraycopy(words, 0, r.words, 0, words.length);
        return r;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Registers r && Arrays.equals(words, r.words);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(words);
    }
}
