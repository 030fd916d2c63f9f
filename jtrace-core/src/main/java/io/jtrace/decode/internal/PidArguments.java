package io.jtrace.decode.internal;

import io.jtrace.syscalls.SyscallDef;
import io.jtrace.syscalls.SyscallTable;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Which arguments and results are process or thread ids that {@code -Y} follows with the
 * process's name, from {@code pid-arguments.tsv}.
 */
public final class PidArguments {
    /** The position of results in {@link Rule#position()}. */
    private static final int RESULT = -1;

    /** One row: argument {@code position} (or the result) is named, when argument {@code condArg} is {@code condValue}. */
    private record Rule(int position, int condArg, long condValue) {}

    /** The rules of each call, by number; null for calls without pids. */
    private static final List<Rule>[] RULES = load();

    private PidArguments() {}

    /** Whether argument {@code i} of a call of {@code def} with {@code args} is a pid -Y names. */
    public static boolean argument(SyscallDef def, int i, long[] args) {
        return matches(def, i, args);
    }

    /** Whether the result of a call of {@code def} with {@code args} is a pid -Y names. */
    public static boolean result(SyscallDef def, long[] args) {
        return matches(def, RESULT, args);
    }

    private static boolean matches(SyscallDef def, int position, long[] args) {
        List<Rule> rules = def.number() >= 0 && def.number() < RULES.length ? RULES[def.number()] : null;
        if (rules == null) {
            return false;
        }
        for (Rule r : rules) {
            if (r.position() == position && (r.condArg() < 0 || (int) args[r.condArg()] == r.condValue())) {
                return true;
            }
        }
        return false;
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
                if (f.length < 3 || f.length > 4 || !List.of("tid", "tgid", "tgid_pgid").contains(f[2])) {
                    throw new IllegalStateException("pid-arguments.tsv:" + line + ": bad row");
                }
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
                rules[nr].add(new Rule(position, condArg, condValue));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rules;
    }
}
