package io.jtrace.cli;

import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntPredicate;

/**
 * A set of file descriptors as {@code -e read=} and {@code -e write=} give it: numbers,
 * {@code all}, {@code none}, each leading {@code !} inverting the rest (strace's qualify_tokens
 * over string_to_uint).
 *
 * @param numbers  the descriptors named
 * @param inverted the set is every descriptor but those
 */
record DescriptorSet(Set<Integer> numbers, boolean inverted) implements IntPredicate {
    DescriptorSet {
        numbers = Set.copyOf(numbers);
    }

    boolean contains(int fd) {
        return numbers.contains(fd) != inverted;
    }

    @Override
    public boolean test(int fd) {
        return contains(fd);
    }

    /** Parses {@code expression}; the first bad token is the one reported, as strace reports it. */
    static DescriptorSet parse(String expression) throws UsageException {
        int start = 0;
        boolean inverted = false;
        while (start < expression.length() && expression.charAt(start) == '!') {
            inverted = !inverted;
            start++;
        }
        String set = expression.substring(start);
        if (set.equals("all")) {
            return new DescriptorSet(Set.of(), !inverted);
        }
        if (set.equals("none")) {
            return new DescriptorSet(Set.of(), inverted);
        }
        Set<Integer> numbers = new TreeSet<>();
        for (String token : set.split(",")) {
            if (token.isEmpty()) {
                continue;
            }
            long fd = OptionParser.parseUint(token, Integer.MAX_VALUE);
            if (fd < 0) {
                throw new UsageException("invalid descriptor '" + token + "'", false);
            }
            numbers.add((int) fd);
        }
        if (numbers.isEmpty()) {
            throw new UsageException("invalid descriptor '" + expression + "'", false);
        }
        return new DescriptorSet(numbers, inverted);
    }
}
