package io.jtrace.cli;

import io.jtrace.syscalls.Signals;

import java.util.BitSet;
import java.util.OptionalInt;

/**
 * A set of signals as {@code -e signal=} gives it: names with or without {@code SIG} in any case,
 * numbers up to 255, {@code all}, {@code none}, each leading {@code !} inverting the rest.
 *
 * @param numbers  the signals named
 * @param inverted the set is every signal but those
 */
record SignalSet(BitSet numbers, boolean inverted) {
    SignalSet {
        numbers = (BitSet) numbers.clone();
    }

    boolean contains(int signal) {
        return (signal >= 0 && numbers.get(signal)) != inverted;
    }

    /** strace's qualify_tokens over its signal names: the first bad token is the one reported. */
    static SignalSet parse(String expression) throws UsageException {
        OptionParser.Negated negated = OptionParser.Negated.of(expression);
        boolean inverted = negated.inverted();
        String set = negated.set();
        BitSet numbers = new BitSet();
        if (set.equals("all")) {
            return new SignalSet(numbers, !inverted);
        }
        if (set.equals("none")) {
            return new SignalSet(numbers, inverted);
        }
        boolean any = false;
        for (String token : set.split(",")) {
            if (token.isEmpty()) {
                continue;
            }
            OptionalInt sig = Signals.parse(token);
            if (sig.isEmpty()) {
                throw new UsageException("invalid signal '" + token + "'", false);
            }
            numbers.set(sig.getAsInt());
            any = true;
        }
        if (!any) {
            throw new UsageException("invalid signal '" + expression + "'", false);
        }
        return new SignalSet(numbers, inverted);
    }
}
