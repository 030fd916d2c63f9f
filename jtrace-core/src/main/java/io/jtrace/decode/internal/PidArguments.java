package io.jtrace.decode.internal;

import io.jtrace.decode.PidNamespaces;
import io.jtrace.decode.ValueWriter;
import io.jtrace.syscalls.SyscallDef;
import io.jtrace.syscalls.SyscallTable;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Which arguments and results are process, thread, group or session ids that {@code -Y} follows
 * with the process's name and {@code --pidns-translation} with their id in jtrace's namespace,
 * from {@code pid-arguments.tsv}.
 */
public final class PidArguments {
    /** The position of results in {@link Rule#position()}. */
    private static final int RESULT = -1;

    /** The kinds of id of the table's third column. */
    public enum Type {
        /** A thread's id. */
        TID,
        /** A process's id. */
        TGID,
        /** A process's id, or a process group's negated (below -1). */
        TGID_PGID,
        /** A process group's id: translated, never named. */
        PGID,
        /** A session's id: translated, never named. */
        SID
    }

    /** One row: argument {@code position} (or the result) is an id of {@code type}, when argument {@code condArg} is {@code condValue}. */
    private record Rule(int position, Type type, int condArg, long condValue) {}

    /** The rules of each call, by number; null for calls without pids. */
    private static final List<Rule>[] RULES = load();

    private PidArguments() {}

    /** The kind of id argument {@code i} of a call of {@code def} with {@code args} is, or null. */
    public static Type argument(SyscallDef def, int i, long[] args) {
        return matches(def, i, args);
    }

    /** The kind of id the result of a call of {@code def} with {@code args} is, or null. */
    public static Type result(SyscallDef def, long[] args) {
        return matches(def, RESULT, args);
    }

    /** Writes {@code id}, of kind {@code type}, with what -Y and --pidns-translation in force add. */
    public static void write(ValueWriter out, Type type, int id) {
        switch (type) {
            case TID -> PidNames.write(out, id, PidNamespaces.IdType.TID);
            case TGID -> PidNames.write(out, id, PidNamespaces.IdType.TGID);
            case TGID_PGID -> PidNames.writeTgidPgid(out, id);
            case PGID -> PidNames.write(out, id, PidNamespaces.IdType.PGID);
            case SID -> PidNames.write(out, id, PidNamespaces.IdType.SID);
        }
    }

    private static Type matches(SyscallDef def, int position, long[] args) {
        List<Rule> rules = def.number() >= 0 && def.number() < RULES.length ? RULES[def.number()] : null;
        if (rules == null) {
            return null;
        }
        for (Rule r : rules) {
            if (r.position() == position && (r.condArg() < 0 || (int) args[r.condArg()] == r.condValue())) {
                return r.type();
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static List<Rule>[] load() {
        SyscallTable table = SyscallTable.x86_64();
        List<Rule>[] rules = new List[1024];
        try (InputStream in = PidArguments.class.getResourceAsStream("/io/jtrace/decode/pid-arguments.tsv")) {
            if (in == null) {
                throw new IllegalStateException("pid-arguments.tsv is missing");
            }
            int line = 0;
            for (String row : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                line++;
                if (row.isBlank() || row.startsWith("#")) {
                    continue;
                }
                String[] f = row.split("\t");
                if (f.length < 3 || f.length > 4 || !List.of("tid", "tgid", "tgid_pgid", "pgid", "sid").contains(f[2])) {
                    throw new IllegalStateException("pid-arguments.tsv:" + line + ": bad row");
                }
                Type type = Type.valueOf(f[2].toUpperCase(java.util.Locale.ROOT));
                int nr = (int) table.number(f[0]);
                int position = f[1].equals("result") ? RESULT : Integer.parseInt(f[1]);
                int condArg = -1;
                long condValue = 0;
                if (f.length == 4) {
                    String[] c = f[3].split("=");
                    condArg = Integer.parseInt(c[0].substring("arg".length()));
                    condValue = Long.parseLong(c[1]);
                }
                if (rules[nr] == null) {
                    rules[nr] = new ArrayList<>();
                }
                rules[nr].add(new Rule(position, type, condArg, condValue));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rules;
    }
}
