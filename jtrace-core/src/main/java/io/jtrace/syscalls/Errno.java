package io.jtrace.syscalls;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Linux errno value with the name and message strace 6.1 prints for it, from {@code errno.tsv}.
 *
 * <p>strace prints a failed call as {@code = -1 ENOENT (No such file or directory)}; the four
 * {@linkplain #isRestart() restart codes} as {@code = ? ERESTARTSYS (To be restarted if SA_RESTART
 * is set)}; and a value it has no name for, {@linkplain #knownToStrace61() named or not}, as
 * {@code = -1 (errno 519)}.
 *
 * @param number          the errno value, 1 to {@link #MAX_ERRNO}
 * @param name            the kernel's name for it
 * @param knownToStrace61 whether strace 6.1 prints the name
 * @param message         the text strace prints in parentheses after the name
 */
public record Errno(int number, String name, boolean knownToStrace61, String message) {

    /** The largest errno; a return value in {@code -MAX_ERRNO..-1} is an error. */
    public static final int MAX_ERRNO = 4095;

    private static final int ERESTARTSYS = 512;
    private static final int ERESTARTNOINTR = 513;
    private static final int ERESTARTNOHAND = 514;
    private static final int ERESTART_RESTARTBLOCK = 516;

    /** Checks that the number is in {@code 1..MAX_ERRNO}. */
    public Errno {
        if (number < 1 || number > MAX_ERRNO) {
            throw new IllegalArgumentException("errno out of range: " + number);
        }
    }

    /**
     * Whether this is one of the kernel's codes for a call interrupted by a signal that will be
     * restarted, or turned into EINTR, once the signal is handled. strace prints {@code ?} for
     * their return value rather than {@code -1}.
     */
    public boolean isRestart() {
        return switch (number) {
            case ERESTARTSYS, ERESTARTNOINTR, ERESTARTNOHAND, ERESTART_RESTARTBLOCK -> true;
            default -> false;
        };
    }

    /** The errno with this value, if the kernel names it. */
    public static Optional<Errno> byNumber(int number) {
        if (number < 0 || number >= Table.BY_NUMBER.size()) {
            return Optional.empty();
        }
        return Table.BY_NUMBER.get(number);
    }

    /** The errno with this name, such as {@code ENOENT}. */
    public static Optional<Errno> byName(String name) {
        return Optional.ofNullable(Table.BY_NAME.get(name));
    }

    /** Every named errno, by ascending value. */
    public static List<Errno> all() {
        return Table.ALL;
    }

    /** Loads {@code errno.tsv} on first use of a lookup. */
    private static final class Table {
        static final List<Errno> ALL;
        static final List<Optional<Errno>> BY_NUMBER;
        static final Map<String, Errno> BY_NAME;

        static {
            List<Errno> all = new ArrayList<>();
            for (TsvResource.Row row : TsvResource.read("errno.tsv", 4)) {
                try {
                    all.add(new Errno(row.intColumn(0), row.column(1), row.flagColumn(2), row.column(3)));
                } catch (IllegalArgumentException e) {
                    throw row.error(e.getMessage());
                }
            }
            int size = all.stream().mapToInt(Errno::number).max().orElse(0) + 1;
            List<Optional<Errno>> byNumber = new ArrayList<>(Collections.nCopies(size, Optional.empty()));
            Map<String, Errno> byName = new HashMap<>();
            for (Errno errno : all) {
                if (byNumber.set(errno.number(), Optional.of(errno)).isPresent()) {
                    throw new IllegalStateException("errno.tsv: errno " + errno.number() + " listed twice");
                }
                if (byName.put(errno.name(), errno) != null) {
                    throw new IllegalStateException("errno.tsv: " + errno.name() + " listed twice");
                }
            }
            ALL = List.copyOf(all);
            BY_NUMBER = List.copyOf(byNumber);
            BY_NAME = Map.copyOf(byName);
        }
    }
}
