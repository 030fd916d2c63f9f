package io.jtrace.syscalls;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The classes strace groups system calls in, for {@code -e trace=%file} and the like: which calls
 * belong to each is strace 6.1's own, from {@code syscall-classes.tsv}.
 */
public enum SyscallClass {
    /** Calls that take or return a file descriptor: {@code %desc}. */
    DESC("%desc", "desc"),
    /** Calls that take a file name: {@code %file}. */
    FILE("%file", "file"),
    /** Memory mapping: {@code %memory}. */
    MEMORY("%memory", "memory"),
    /** Process management: {@code %process}. */
    PROCESS("%process", "process"),
    /** User and group identifiers, capabilities: {@code %creds}. */
    CREDS("%creds", null),
    /** Signals: {@code %signal}. */
    SIGNAL("%signal", "signal"),
    /** System V IPC: {@code %ipc}. */
    IPC("%ipc", "ipc"),
    /** Networking: {@code %net}, also {@code %network}. */
    NETWORK("%net", "network", "%network"),
    /** The stat variants that take a path: {@code %stat}. */
    STAT("%stat", null),
    /** The lstat variants: {@code %lstat}. */
    LSTAT("%lstat", null),
    /** The fstat variants: {@code %fstat}. */
    FSTAT("%fstat", null),
    /** Every stat-like call: {@code %%stat}. */
    STAT_LIKE("%%stat", null),
    /** statfs and its variants taking a path: {@code %statfs}. */
    STATFS("%statfs", null),
    /** fstatfs and its variants: {@code %fstatfs}. */
    FSTATFS("%fstatfs", null),
    /** Every statfs-like call: {@code %%statfs}. */
    STATFS_LIKE("%%statfs", null),
    /** Calls without arguments that always succeed (getpid...): {@code %pure}. */
    PURE("%pure", null),
    /** Clocks and timers: {@code %clock}. */
    CLOCK("%clock", null);

    private final String name;
    private final String legacy;
    private final String alias;

    SyscallClass(String name, String legacy) {
        this(name, legacy, null);
    }

    SyscallClass(String name, String legacy, String alias) {
        this.name = name;
        this.legacy = legacy;
        this.alias = alias;
    }

    /** The name strace's -e trace= knows the class by, {@code %file}. */
    public String straceName() {
        return name;
    }

    /**
     * The class {@code text} names as strace's -e trace= does: {@code %file}, {@code %net} or
     * {@code %network}, and the legacy names without {@code %} of the first seven; case ignored.
     */
    public static Optional<SyscallClass> byName(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        for (SyscallClass c : values()) {
            if (t.equals(c.name) || t.equals(c.legacy) || t.equals(c.alias)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** The x86_64 system call numbers in this class. */
    public BitSet members() {
        return (BitSet) Members.X86_64.get(this).clone();
    }

    /** Whether x86_64 call {@code nr} is in this class. */
    public boolean contains(long nr) {
        return nr >= 0 && nr < Integer.MAX_VALUE && Members.X86_64.get(this).get((int) nr);
    }

    /** The table, loaded on first use. */
    private static final class Members {
        static final Map<SyscallClass, BitSet> X86_64 = load();

        private static Map<SyscallClass, BitSet> load() {
            Map<SyscallClass, BitSet> members = new EnumMap<>(SyscallClass.class);
            for (SyscallClass c : values()) {
                members.put(c, new BitSet());
            }
            for (TsvResource.Row row : TsvResource.read("syscall-classes.tsv", 3)) {
                int nr = row.intColumn(0);
                if (row.column(2).equals("-")) {
                    continue;
                }
                List<String> unknown = new ArrayList<>();
                for (String c : row.column(2).split(",")) {
                    try {
                        members.get(valueOf(c.toUpperCase(Locale.ROOT))).set(nr);
                    } catch (IllegalArgumentException e) {
                        unknown.add(c);
                    }
                }
                if (!unknown.isEmpty()) {
                    throw row.error("unknown classes " + unknown);
                }
            }
            return members;
        }
    }
}
