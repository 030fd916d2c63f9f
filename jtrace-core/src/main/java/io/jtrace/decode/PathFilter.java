package io.jtrace.decode;

import io.jtrace.decode.internal.Quoting;
import io.jtrace.syscalls.SyscallClass;
import io.jtrace.syscalls.SyscallDef;
import io.jtrace.syscalls.SyscallTable;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * strace's {@code -P PATH}: whether a call is about one of some files, by its path arguments (read
 * from the tracee) and its descriptor arguments (resolved through {@code /proc/TID/fd} when the call
 * is made). Which arguments count, per call, is the table {@code path-arguments.tsv}; calls not in
 * it go by their class, as strace's pathtrace.c does: a file call by its first argument as a path,
 * a descriptor or network call by its first argument as a descriptor.
 *
 * <p>Each path is taken as given and, when that differs, as {@code realpath} resolves it.
 */
public final class PathFilter {
    private sealed interface Rule {}
    private record Fd(int arg) implements Rule {}
    private record PathArg(int arg) implements Rule {}
    private enum Special implements Rule { SELECT, POLL, FSCONFIG, NONE }

    private static final int PATH_MAX = Quoting.PATH_MAX;
    private static final int FSCONFIG_SET_PATH = 3, FSCONFIG_SET_PATH_EMPTY = 4, FSCONFIG_SET_FD = 5;
    /** Rules by call number, from the table; null where the class decides. */
    private static final List<Rule>[] RULES = loadRules(SyscallTable.x86_64());

    private final Set<String> paths;
    private final List<String> resolutions;

    private PathFilter(Set<String> paths, List<String> resolutions) {
        this.paths = paths;
        this.resolutions = resolutions;
    }

    /**
     * The calls about {@code requested} paths. Relative paths and symbolic links are also matched as
     * {@code realpath} resolves them, now, against this process's working directory.
     */
    public static PathFilter of(List<String> requested) {
        Set<String> paths = new LinkedHashSet<>();
        List<String> resolutions = new ArrayList<>();
        for (String p : requested) {
            paths.add(p);
            String real;
            try {
                real = Path.of(p).toRealPath().toString();
            } catch (IOException | RuntimeException e) {
                continue;
            }
            if (!real.equals(p)) {
                StringBuilder m = new StringBuilder("Requested path ");
                quote(m, p);
                m.append(" resolved into ");
                quote(m, real);
                resolutions.add(m.toString());
                paths.add(real);
            }
        }
        return new PathFilter(Set.copyOf(paths), List.copyOf(resolutions));
    }

    private static void quote(StringBuilder out, String s) {
        byte[] text = s.getBytes(StandardCharsets.UTF_8);
        byte[] b = Arrays.copyOf(text, text.length + 1); // NUL-terminated, as strace quotes it
        Quoting.quoteCString(out, b, 0, b.length, b.length, HexStyle.NONE);
    }

    /** The paths matched: those requested, and what they resolve into. */
    public Set<String> paths() {
        return paths;
    }

    /**
     * strace's words for each requested path that resolves into another
     * ({@code Requested path "x" resolved into "/tmp/x"}), which it prints unless
     * {@code -e quiet=path-resolution}.
     */
    public List<String> resolutions() {
        return resolutions;
    }

    /** Whether call {@code nr} of thread {@code tid}, at its entry with {@code args}, is about one of the paths. */
    public boolean matches(long nr, long[] args, int tid, Memory memory) {
        List<Rule> rules = nr >= 0 && nr < RULES.length ? RULES[(int) nr] : null;
        if (rules == null) {
            SyscallDef def = SyscallTable.x86_64().lookup(nr).orElse(null);
            if (def == null) {
                return false;
            }
            if (SyscallClass.FILE.contains(nr)) {
                return pathMatches(memory, args[0]);
            }
            if (SyscallClass.DESC.contains(nr) || SyscallClass.NETWORK.contains(nr)) {
                return fdMatches(tid, args[0]);
            }
            return false;
        }
        for (Rule r : rules) {
            boolean hit = switch (r) {
                case Fd fd -> fdMatches(tid, args[fd.arg()]);
                case PathArg p -> pathMatches(memory, args[p.arg()]);
                case Special s -> switch (s) {
                    case SELECT -> selectMatches(tid, memory, args);
                    case POLL -> pollMatches(tid, memory, args);
                    case FSCONFIG -> switch ((int) args[1]) {
                        case FSCONFIG_SET_PATH, FSCONFIG_SET_PATH_EMPTY ->
                                fdMatches(tid, args[4]) || pathMatches(memory, args[3]);
                        case FSCONFIG_SET_FD -> fdMatches(tid, args[4]);
                        default -> false;
                    };
                    case NONE -> false;
                };
            };
            if (hit) {
                return true;
            }
        }
        return false;
    }

    private boolean pathMatches(Memory memory, long address) {
        byte[] buf = new byte[PATH_MAX + 1];
        int done = 0;
        // Page by page: a path may end right before an unmapped page.
        while (done < buf.length) {
            long at = address + done;
            int chunk = (int) Math.min(buf.length - done, 4096 - (at & 4095));
            long n = memory.read(at, buf, done, chunk);
            if (n <= 0) {
                return false;
            }
            for (int i = done; i < done + n; i++) {
                if (buf[i] == 0) {
                    return paths.contains(new String(buf, 0, i, StandardCharsets.UTF_8));
                }
            }
            done += (int) n;
        }
        return false;
    }

    /** What descriptor {@code fd} of thread {@code tid} names, as strace's getfdpath reads it. */
    private boolean fdMatches(int tid, long fd) {
        // As strace (and the kernel) read it: the low 32 bits, whatever the register's upper half holds.
        int n = (int) fd;
        if (n < 0) {
            return false;
        }
        Path link = Path.of("/proc", Integer.toString(tid), "fd", Integer.toString(n));
        String target;
        try {
            target = Files.readSymbolicLink(link).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
        String deleted = " (deleted)";
        if (target.endsWith(deleted)) {
            // The kernel marks an unlinked file so: the name is the file's unless a file of that
            // name exists (strace also compares the two inodes).
            String bare = target.substring(0, target.length() - deleted.length());
            if (!Files.exists(Path.of(bare), LinkOption.NOFOLLOW_LINKS)) {
                target = bare;
            }
        }
        return paths.contains(target);
    }

    private boolean selectMatches(int tid, Memory memory, long[] args) {
        int nfds = (int) args[0];
        if (nfds <= 0) {
            return false;
        }
        nfds = Math.min(nfds, 1024 * 1024);
        int size = ((nfds + 7) / 8 + 7) & ~7;
        byte[] set = new byte[size];
        for (int i = 1; i <= 3; i++) {
            if (args[i] == 0 || memory.read(args[i], set, 0, size) != size) {
                continue;
            }
            for (int fd = 0; fd < nfds; fd++) {
                if ((set[fd >> 3] & (1 << (fd & 7))) != 0 && fdMatches(tid, fd)) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean pollMatches(int tid, Memory memory, long[] args) {
        long nfds = Math.min(args[1] & 0xffff_ffffL, 1024 * 1024);
        byte[] entry = new byte[8]; // struct pollfd: int fd, short events, short revents
        for (long i = 0; i < nfds; i++) {
            if (memory.read(args[0] + 8 * i, entry, 0, 8) != 8) {
                break;
            }
            if (fdMatches(tid, ByteBuffer.wrap(entry).order(ByteOrder.LITTLE_ENDIAN).getInt(0))) {
                return true;
            }
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private static List<Rule>[] loadRules(SyscallTable table) {
        Map<String, List<Rule>> byName = new HashMap<>();
        try (InputStream in = PathFilter.class.getResourceAsStream("path-arguments.tsv")) {
            if (in == null) {
                throw new IllegalStateException("path-arguments.tsv is missing from jtrace");
            }
            for (String row : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (row.isBlank() || row.startsWith("#")) {
                    continue;
                }
                String[] f = row.split("\t");
                List<Rule> rules = new ArrayList<>();
                for (String r : f[1].split(",")) {
                    rules.add(switch (r) {
                        case "select" -> Special.SELECT;
                        case "poll" -> Special.POLL;
                        case "fsconfig" -> Special.FSCONFIG;
                        case "none" -> Special.NONE;
                        default -> r.startsWith("fd") ? new Fd(Integer.parseInt(r.substring(2)))
                                : new PathArg(Integer.parseInt(r.substring(4)));
                    });
                }
                byName.put(f[0], List.copyOf(rules));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Rule>[] rules = new List[table.all().stream().mapToInt(SyscallDef::number).max().orElse(0) + 1];
        for (SyscallDef d : table.all()) {
            rules[d.number()] = byName.get(d.name());
        }
        return rules;
    }

    @Override
    public String toString() {
        return "PathFilter" + Arrays.toString(paths.toArray());
    }
}
