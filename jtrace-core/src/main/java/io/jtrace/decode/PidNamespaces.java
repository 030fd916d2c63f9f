package io.jtrace.decode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Translates the process, thread, group and session ids a tracee in another pid namespace sees
 * into the ids of this process's namespace, as strace's {@code --pidns-translation} does: from the
 * {@code NSpid}, {@code NStgid}, {@code NSpgid} and {@code NSsid} lines of {@code /proc/N/status}
 * of a process in the tracee's namespace (compared by {@code /proc/N/ns/pid}) that has that id
 * there. A process found is remembered for the next translation of the same id, and checked again
 * against /proc before it is believed; only when it no longer fits is /proc searched again.
 *
 * <p>The /proc mounted may belong to an ancestor of this process's namespace: ids are read at this
 * namespace's level of each status line, and thread ids of this namespace are found in /proc first
 * (among the threads this process traces, as a sibling namespace may number its own alike).
 * Not thread-safe.
 */
public final class PidNamespaces {
    /** The kind of id, each with its own line in /proc/N/status. */
    public enum IdType {
        /** A thread id ({@code NSpid}). */
        TID("NSpid:"),
        /** A thread group (process) id ({@code NStgid}). */
        TGID("NStgid:"),
        /** A process group id ({@code NSpgid}). */
        PGID("NSpgid:"),
        /** A session id ({@code NSsid}). */
        SID("NSsid:");

        private final String line;

        IdType(String line) {
            this.line = line;
        }
    }

    /** A translation remembered: the id {@code id} of type {@code type} in namespace {@code ns}. */
    private record Key(String ns, IdType type, int id) {}

    private final Path proc;
    /** This process's depth below the namespace of the /proc mounted: the index of our ids in status lines. */
    private final int ourLevel;
    private final String ourNs;
    /** The /proc entry each translation was last found in. */
    private final Map<Key, Integer> found = new HashMap<>();
    /** The namespace of each tracee, by thread id in ours. */
    private final Map<Integer, String> traceeNs = new HashMap<>();
    /** The /proc entry of each of our thread ids, when /proc is not ours. */
    private final Map<Integer, Integer> procPids = new HashMap<>();

    /** Translations into the namespace of this process, read from {@code /proc}. */
    public PidNamespaces() {
        this(Path.of("/proc"));
    }

    private PidNamespaces(Path proc) {
        this.proc = proc;
        int[] own = ids(proc.resolve("self"), IdType.TID);
        this.ourLevel = own == null ? 0 : own.length - 1;
        this.ourNs = namespace(proc.resolve("self"));
    }

    /**
     * The id that {@code id}, an id of type {@code type} as the thread {@code tracee} (a thread id
     * of this process's namespace) sees it, has in this process's namespace: {@code id} itself
     * when the tracee shares the namespace, 0 when no process has it or it cannot be read.
     */
    public int translate(int tracee, int id, IdType type) {
        if (id <= 0) {
            return 0;
        }
        String ns = traceeNs.get(tracee);
        if (ns == null) {
            int procPid = procPid(tracee);
            ns = procPid == 0 ? null : namespace(proc.resolve(Integer.toString(procPid)));
            if (ns == null) {
                return 0;
            }
            traceeNs.put(tracee, ns);
        }
        if (ns.equals(ourNs)) {
            return id;
        }
        Key key = new Key(ns, type, id);
        Integer cached = found.get(key);
        if (cached != null) {
            int ours = ourId(proc.resolve(Integer.toString(cached)), ns, id, type);
            if (ours != 0) {
                return ours;
            }
            found.remove(key);
        }
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(proc)) {
            for (Path p : dir) {
                if (!isPid(p)) {
                    continue;
                }
                // Threads first, as a thread id may name a thread other than the leader.
                try (DirectoryStream<Path> tasks = Files.newDirectoryStream(p.resolve("task"))) {
                    for (Path t : tasks) {
                        int ours = isPid(t) ? ourId(t, ns, id, type) : 0;
                        if (ours != 0) {
                            found.put(key, Integer.parseInt(t.getFileName().toString()));
                            return ours;
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    // the process went away
                }
                int ours = ourId(p, ns, id, type);
                if (ours != 0) {
                    found.put(key, Integer.parseInt(p.getFileName().toString()));
                    return ours;
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    /** Forgets what was learnt of the thread {@code tracee} (of this namespace), which has gone. */
    public void forget(int tracee) {
        traceeNs.remove(tracee);
        procPids.remove(tracee);
    }

    /** {@code entry}'s id of {@code type} in our namespace, if it is in {@code ns} and has {@code id} there; else 0. */
    private int ourId(Path entry, String ns, int id, IdType type) {
        if (!ns.equals(namespace(entry))) {
            return 0;
        }
        int[] ids = ids(entry, type);
        if (ids == null || ids.length <= ourLevel || ids[ids.length - 1] != id) {
            return 0;
        }
        return ids[ourLevel];
    }

    /** The /proc entry of our thread {@code tid}, or 0. */
    private int procPid(int tid) {
        if (ourLevel == 0) {
            return tid;
        }
        Integer cached = procPids.get(tid);
        if (cached != null && fitsOurTid(proc.resolve(Integer.toString(cached)), tid)) {
            return cached;
        }
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(proc)) {
            for (Path p : dir) {
                if (!isPid(p)) {
                    continue;
                }
                try (DirectoryStream<Path> tasks = Files.newDirectoryStream(p.resolve("task"))) {
                    for (Path t : tasks) {
                        if (isPid(t) && fitsOurTid(t, tid)) {
                            int procPid = Integer.parseInt(t.getFileName().toString());
                            procPids.put(tid, procPid);
                            return procPid;
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    // the process went away
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    /**
     * Whether {@code entry} is our thread {@code tid}: its id at our level, and traced by a thread
     * of this process, since another namespace at our depth (a sibling's) may have the same id
     * there: /proc does not say whose namespace an ancestor level is.
     */
    private boolean fitsOurTid(Path entry, int tid) {
        int[] ids = ids(entry, IdType.TID);
        if (ids == null || ids.length <= ourLevel || ids[ourLevel] != tid) {
            return false;
        }
        int tracer = tracerPid(entry);
        return tracer > 0 && Files.exists(proc.resolve("self/task/" + tracer));
    }

    /** The TracerPid of a /proc entry, as /proc's namespace numbers it; 0 when untraced or unreadable. */
    private static int tracerPid(Path entry) {
        try {
            String status = new String(Files.readAllBytes(entry.resolve("status")), StandardCharsets.US_ASCII);
            int at = status.indexOf("\nTracerPid:");
            if (at < 0) {
                return 0;
            }
            int end = status.indexOf('\n', at + 1);
            return Integer.parseInt(status.substring(at + "\nTracerPid:".length(), end < 0 ? status.length() : end).strip());
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static boolean isPid(Path p) {
        String name = p.getFileName().toString();
        return !name.isEmpty() && name.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** The pid namespace of a /proc entry ({@code pid:[4026531836]}), or null. */
    private static String namespace(Path entry) {
        try {
            return Files.readSymbolicLink(entry.resolve("ns/pid")).toString();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The ids of {@code type} in a /proc entry's status, from /proc's namespace down; null if unreadable. */
    private static int[] ids(Path entry, IdType type) {
        try {
            String status = new String(Files.readAllBytes(entry.resolve("status")), StandardCharsets.US_ASCII);
            int at = status.startsWith(type.line) ? 0 : status.indexOf("\n" + type.line) + 1;
            if (at <= 0 && !status.startsWith(type.line)) {
                return null;
            }
            int end = status.indexOf('\n', at);
            String[] f = status.substring(at + type.line.length(), end < 0 ? status.length() : end).strip().split("\\s+");
            int[] ids = new int[f.length];
            for (int i = 0; i < f.length; i++) {
                ids[i] = Integer.parseInt(f[i]);
            }
            return ids;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
