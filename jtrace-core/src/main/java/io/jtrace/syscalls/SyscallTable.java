package io.jtrace.syscalls;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The system calls of one arch, loaded once from the arch's table resource (see {@code x86_64.tsv}
 * for the format) and looked up by number in constant time.
 */
public final class SyscallTable {

    private static final Map<AuditArch, SyscallTable> LOADED = new ConcurrentHashMap<>();

    private final AuditArch arch;
    private final List<Optional<SyscallDef>> byNumber;
    private final List<SyscallDef> all;
    private final Map<String, List<Integer>> numbersByName;

    private SyscallTable(AuditArch arch, List<SyscallDef> defs) {
        this.arch = arch;
        int size = defs.isEmpty() ? 0 : defs.getLast().number() + 1;
        List<Optional<SyscallDef>> slots = new ArrayList<>(Collections.nCopies(size, Optional.empty()));
        Map<String, List<Integer>> names = new HashMap<>();
        for (SyscallDef def : defs) {
            slots.set(def.number(), Optional.of(def));
            names.computeIfAbsent(def.name(), name -> new ArrayList<>()).add(def.number());
        }
        this.byNumber = List.copyOf(slots);
        this.all = List.copyOf(defs);
        names.replaceAll((name, numbers) -> List.copyOf(numbers));
        this.numbersByName = Map.copyOf(names);
    }

    /** The x86_64 table. */
    public static SyscallTable x86_64() {
        return forArch(AuditArch.X86_64).orElseThrow();
    }

    /** The table of {@code arch}, loaded on first use; empty if jtrace has none for it. */
    public static Optional<SyscallTable> forArch(AuditArch arch) {
        return arch.tableResource().map(resource -> LOADED.computeIfAbsent(arch, a -> load(a, resource)));
    }

    private static SyscallTable load(AuditArch arch, String resource) {
        List<SyscallDef> defs = new ArrayList<>();
        for (TsvResource.Row row : TsvResource.read(resource, 7)) {
            int number = row.intColumn(0);
            if (!defs.isEmpty() && number <= defs.getLast().number()) {
                throw row.error("syscall numbers must ascend, " + number + " follows " + defs.getLast().number());
            }
            List<ArgKind> args = parseKinds(row, row.column(4));
            if (args.size() != row.intColumn(3)) {
                throw row.error("nargs is " + row.column(3) + " but " + args.size() + " kinds follow");
            }
            try {
                defs.add(new SyscallDef(number, row.column(1), row.flagColumn(2), args, parseTypes(row, row.column(5)),
                        ResultKind.parse(row.column(6))));
            } catch (IllegalArgumentException e) {
                throw row.error(e.getMessage());
            }
        }
        return new SyscallTable(arch, defs);
    }

    private static List<ArgKind> parseKinds(TsvResource.Row row, String kinds) {
        if (kinds.equals("-")) {
            return List.of();
        }
        try {
            return Arrays.stream(kinds.split(",")).map(ArgKind::parse).toList();
        } catch (IllegalArgumentException e) {
            throw row.error(e.getMessage());
        }
    }

    private static List<ArgType> parseTypes(TsvResource.Row row, String types) {
        if (types.equals("-")) {
            return List.of();
        }
        try {
            return Arrays.stream(types.split(",")).map(ArgType::parse).toList();
        } catch (IllegalArgumentException e) {
            throw row.error(e.getMessage());
        }
    }

    /** The arch whose calls these are. */
    public AuditArch arch() {
        return arch;
    }

    /** The call with this number, or empty for a number the kernel does not use. */
    public Optional<SyscallDef> lookup(long number) {
        if (number < 0 || number >= byNumber.size()) {
            return Optional.empty();
        }
        return byNumber.get((int) number);
    }

    /**
     * The number of the call named {@code name}: for the calls jtrace itself must recognise (execve,
     * clone...), named rather than numbered in code.
     *
     * @throws IllegalArgumentException when no call, or more than one, has that name
     */
    public long number(String name) {
        List<Integer> numbers = numbersOf(name);
        if (numbers.size() != 1) {
            throw new IllegalArgumentException(numbers.isEmpty() ? "no system call " + name
                    : name + " has several numbers: " + numbers);
        }
        return numbers.getFirst();
    }

    /** The numbers of the calls named {@code name}, ascending; empty if there is none. */
    public List<Integer> numbersOf(String name) {
        return numbersByName.getOrDefault(name, List.of());
    }

    /**
     * Whether some call of this table is named {@code name}. That includes calls newer than strace
     * 6.1, which {@link SyscallDef#knownToStrace61()} tells apart.
     */
    public boolean isName(String name) {
        return numbersByName.containsKey(name);
    }

    /** Every call of the table, by ascending number. */
    public List<SyscallDef> all() {
        return all;
    }
}
