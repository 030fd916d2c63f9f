package io.jtrace.abi;

import java.util.Arrays;

/** x86_64 {@code struct user_regs_struct}: 27 words in the kernel's order. */
public final class Registers {
    public static final int SIZE = 27 * 8;
    public static final int R15 = 0, R14 = 1, R13 = 2, R12 = 3, RBP = 4, RBX = 5, R11 = 6, R10 = 7,
            R9 = 8, R8 = 9, RAX = 10, RCX = 11, RDX = 12, RSI = 13, RDI = 14, ORIG_RAX = 15, RIP = 16,
            CS = 17, EFLAGS = 18, RSP = 19, SS = 20, FS_BASE = 21, GS_BASE = 22, DS = 23, ES = 24,
            FS = 25, GS = 26;

    private final long[] words = new long[27];

    public long get(int index) {
        return words[index];
    }

    public void set(int index, long value) {
        words[index] = value;
    }

    public long rip() { return words[RIP]; }
    public long rsp() { return words[RSP]; }
    public long rax() { return words[RAX]; }
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
