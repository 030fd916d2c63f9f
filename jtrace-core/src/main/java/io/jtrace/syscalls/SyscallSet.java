package io.jtrace.syscalls;

import java.util.BitSet;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A set of x86_64 system calls, as strace's {@code -e trace=} selects them: by name, number, class
 * ({@code %file}), regular expression ({@code /^open}), {@code all} or {@code none}, inverted by
 * leading {@code !}s. Immutable; {@link #contains} is a bit test, cheap enough for every stop.
 */
public final class SyscallSet {
    private static final SyscallSet ALL = new SyscallSet(new BitSet(), true);
    private static final SyscallSet NONE = new SyscallSet(new BitSet(), false);

    private final BitSet numbers;
    /** Inverted: the set holds every number {@link #numbers} does not. */
    private final boolean inverted;

    private SyscallSet(BitSet numbers, boolean inverted) {
        this.numbers = numbers;
        this.inverted = inverted;
    }

    /** Every call, known or not. */
    public static SyscallSet all() {
        return ALL;
    }

    /** No call. */
    public static SyscallSet none() {
        return NONE;
    }

    /** Whether call {@code nr} is in the set. */
    public boolean contains(long nr) {
        boolean in = nr >= 0 && nr < Integer.MAX_VALUE && numbers.get((int) nr);
        return in != inverted;
    }

    /** The calls numbered {@code numbers}. */
    public static SyscallSet of(long... numbers) {
        return NONE.with(numbers);
    }

    /** This set with the calls numbered {@code more} added. */
    public SyscallSet with(long... more) {
        BitSet b = (BitSet) numbers.clone();
        for (long nr : more) {
            if (nr < 0 || nr >= Integer.MAX_VALUE) {
                throw new IllegalArgumentException("no system call has number " + nr);
            }
            // In an inverted set a number is present when its bit is clear.
            b.set((int) nr, !inverted);
        }
        return new SyscallSet(b, inverted);
    }

    /**
     * The first number from which on every number is in the set or every one is out of it, as
     * {@link #contains} says for it: sets are made of finitely many exceptions.
     */
    int uniformFrom() {
        return numbers.length();
    }

    /** Whether the set holds every call: nothing need be left out. */
    public boolean isAll() {
        return inverted && numbers.isEmpty();
    }

    /**
     * The calls strace's {@code -e trace=EXPRESSION} selects, from {@code table}'s calls that strace
     * knows by name.
     *
     * @throws IllegalArgumentException with strace's message: {@code invalid system call 'NAME'},
     *                                  {@code regcomp: PATTERN: REASON}
     */
    public static SyscallSet parse(String expression, SyscallTable table) {
        int start = 0;
        boolean inverted = false;
        while (start < expression.length() && expression.charAt(start) == '!') {
            inverted = !inverted;
            start++;
        }
        String set = expression.substring(start);
        if (set.equals("none")) {
            return inverted ? ALL : NONE;
        }
        if (set.equals("all")) {
            return inverted ? NONE : ALL;
        }
        BitSet numbers = new BitSet();
        boolean any = false;
        for (String token : set.split(",")) {
            if (token.isEmpty()) {
                continue; // strace's strtok skips empty tokens
            }
            any = true;
            if (!add(token, table, numbers)) {
                throw new IllegalArgumentException("invalid system call '" + token + "'");
            }
        }
        if (!any) {
            throw new IllegalArgumentException("invalid system call '" + expression + "'");
        }
        return new SyscallSet(numbers, inverted);
    }

    /** Adds what {@code token} names; false when it names nothing and is not marked {@code ?}. */
    private static boolean add(String token, SyscallTable table, BitSet numbers) {
        String spec = token;
        boolean optional = false;
        while (spec.startsWith("?")) {
            spec = spec.substring(1);
            optional = true;
        }
        int at = spec.lastIndexOf('@');
        if (at >= 0) {
            String personality = spec.substring(at + 1);
            spec = spec.substring(0, at);
            if (!personality.equals("64")) {
                // The 32-bit and x32 calls: none of them is an x86_64 call of this table.
                return true;
            }
        }
        return addNative(spec, table, numbers) || optional;
    }

    private static boolean addNative(String spec, SyscallTable table, BitSet numbers) {
        if (!spec.isEmpty() && spec.charAt(0) >= '0' && spec.charAt(0) <= '9') {
            long nr = number(spec);
            // Any number up to the table's last, named or not, as strace's scno_pers_is_valid allows.
            if (nr < 0 || nr > table.all().getLast().number()) {
                return false;
            }
            numbers.set((int) nr);
            return true;
        }
        if (spec.startsWith("/")) {
            return regex(spec.substring(1), table, numbers);
        }
        if (spec.equalsIgnoreCase("all")) {
            for (SyscallDef d : table.all()) {
                if (d.knownToStrace61()) {
                    numbers.set(d.number());
                }
            }
            return true;
        }
        Optional<SyscallClass> c = SyscallClass.byName(spec);
        if (c.isPresent()) {
            numbers.or(c.get().members());
            return true;
        }
        boolean found = false;
        for (int nr : table.numbersOf(spec)) {
            if (table.lookup(nr).map(SyscallDef::knownToStrace61).orElse(false)) {
                numbers.set(nr);
                found = true;
            }
        }
        return found;
    }

    /** A decimal number as strace's string_to_uint reads it, or -1. */
    private static long number(String text) {
        if (text.length() > 10) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return -1;
            }
        }
        long v = Long.parseLong(text);
        return v > Integer.MAX_VALUE ? -1 : v;
    }

    /**
     * Calls whose names the extended regular expression matches anywhere, as strace's regexec does,
     * with the expression read as glibc's regcomp reads it.
     */
    private static boolean regex(String pattern, SyscallTable table, BitSet numbers) {
        Pattern p;
        try {
            p = PosixRegex.compile(pattern);
        } catch (PosixRegex.SyntaxException e) {
            throw new IllegalArgumentException("regcomp: " + pattern + ": " + e.getMessage());
        }
        boolean found = false;
        Matcher m = p.matcher("");
        for (SyscallDef d : table.all()) {
            if (d.knownToStrace61() && m.reset(d.name()).find()) {
                numbers.set(d.number());
                found = true;
            }
        }
        return found;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SyscallSet s && s.inverted == inverted && s.numbers.equals(numbers);
    }

    @Override
    public int hashCode() {
        return numbers.hashCode() * 2 + (inverted ? 1 : 0);
    }

    @Override
    public String toString() {
        return (inverted ? "all but " : "") + numbers;
    }
}
