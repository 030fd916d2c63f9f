package io.jtrace.syscalls;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Signal and {@code si_code} names as strace 6.1 prints them, from {@code signals.tsv} and
 * {@code si_codes.tsv}.
 */
public final class Signals {

    /** The first realtime signal as the kernel numbers them; strace calls it SIGRTMIN. */
    public static final int SIGRTMIN = 32;
    /** The last realtime signal; strace calls it SIGRT_32. */
    public static final int SIGRTMAX = 64;

    /** The largest number strace accepts for a signal given in decimal. */
    private static final int MAX_SIGNAL_NUMBER = 255;
    private static final int ANY_SIGNAL = 0;

    private Signals() {
    }

    /**
     * The name strace prints for {@code signal}: {@code SIGHUP} and the like for 1 to 31,
     * {@code SIGRTMIN} for 32, {@code SIGRT_1} to {@code SIGRT_32} for 33 to 64, and the number in
     * decimal for anything else.
     */
    public static String name(int signal) {
        if (signal > 0 && signal <= SIGRTMAX) {
            return Table.NAMES[signal];
        }
        return Integer.toString(signal);
    }

    /**
     * The signal {@code text} names the way strace's command line accepts it: a decimal number up
     * to 255, or a name printed by {@link #name(int)}, with or without its {@code SIG} prefix, in any
     * case.
     */
    public static OptionalInt parse(String text) {
        if (!text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            String digits = text.replaceFirst("^0+(?=.)", "");
            if (digits.length() > 3 || Integer.parseInt(digits) > MAX_SIGNAL_NUMBER) {
                return OptionalInt.empty();
            }
            return OptionalInt.of(Integer.parseInt(digits));
        }
        String upper = text.toUpperCase(Locale.ROOT);
        String bare = upper.startsWith("SIG") ? upper.substring(3) : upper;
        Integer signal = Table.BY_BARE_NAME.get(bare);
        return signal == null ? OptionalInt.empty() : OptionalInt.of(signal);
    }

    /**
     * The name strace prints for {@code code} in the siginfo of {@code signal}, such as
     * {@code SI_USER} or {@code CLD_EXITED}; empty if strace has none, in which case it prints
     * {@code 0x} and the code's 32 bits in hex.
     */
    public static Optional<String> codeName(int signal, int code) {
        String generic = Table.CODES.get(codeKey(ANY_SIGNAL, code));
        if (generic != null) {
            return Optional.of(generic);
        }
        return Optional.ofNullable(Table.CODES.get(codeKey(signal, code)));
    }

    private static long codeKey(int signal, int code) {
        return ((long) signal << 32) | (code & 0xffffffffL);
    }

    /** Loads the two tables on first use. */
    private static final class Table {
        static final String[] NAMES = new String[SIGRTMAX + 1];
        static final Map<String, Integer> BY_BARE_NAME = new HashMap<>();
        static final Map<Long, String> CODES = new HashMap<>();

        static {
            Map<String, Integer> byName = new HashMap<>();
            for (TsvResource.Row row : TsvResource.read("signals.tsv", 2)) {
                int signal = row.intColumn(0);
                if (signal < 1 || signal >= SIGRTMIN || NAMES[signal] != null) {
                    throw row.error("signal " + signal + " out of range or listed twice");
                }
                NAMES[signal] = row.column(1);
                byName.put(row.column(1), signal);
            }
            NAMES[SIGRTMIN] = "SIGRTMIN";
            for (int signal = SIGRTMIN + 1; signal <= SIGRTMAX; signal++) {
                NAMES[signal] = "SIGRT_" + (signal - SIGRTMIN);
            }
            for (int signal = 1; signal <= SIGRTMAX; signal++) {
                if (NAMES[signal] == null) {
                    throw new IllegalStateException("signals.tsv: no name for signal " + signal);
                }
                BY_BARE_NAME.put(NAMES[signal].substring(3), signal);
            }
            for (TsvResource.Row row : TsvResource.read("si_codes.tsv", 3)) {
                int signal = ANY_SIGNAL;
                if (!row.column(0).equals("*")) {
                    Integer named = byName.get(row.column(0));
                    if (named == null) {
                        throw row.error("unknown signal " + row.column(0));
                    }
                    signal = named;
                }
                if (CODES.put(codeKey(signal, row.intColumn(1)), row.column(2)) != null) {
                    throw row.error("code listed twice");
                }
            }
        }
    }
}
