package io.jtrace.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.jtrace.syscalls.SeccompFilter;
import io.jtrace.syscalls.SyscallSet;

/**
 * What to run and what it inherits. Strings are bytes so that arguments and environment reach the
 * tracee exactly as given, whatever their encoding.
 *
 * @param executable     the file to execve (already resolved against PATH)
 * @param argv           the argument vector, argv[0] included
 * @param env            the environment, {@code NAME=value} entries
 * @param cwd            the working directory, or null to inherit this process's
 * @param inheritedFds   the descriptors the tracee inherits; every other descriptor of this
 *                       process is closed in it
 * @param ignoredSignals bit (n-1) set: signal n stays ignored; every other signal gets its default action
 * @param blockedSignals the tracee's initial signal mask, same encoding
 * @param stopAt         the x86_64 calls at which the tracee stops, or null to stop at every call:
 *                       see {@link #stoppingAt}
 * @param user           the user to run the program as, or null for this process's: see {@link #asUser}
 */
public record LaunchSpec(byte[] executable, List<byte[]> argv, List<byte[]> env, byte[] cwd,
                         int[] inheritedFds, long ignoredSignals, long blockedSignals, SyscallSet stopAt,
                         User user) {

    /** A launch that stops at every call, as this process's user. */
    public LaunchSpec(byte[] executable, List<byte[]> argv, List<byte[]> env, byte[] cwd,
                      int[] inheritedFds, long ignoredSignals, long blockedSignals) {
        this(executable, argv, env, cwd, inheritedFds, ignoredSignals, blockedSignals, null, null);
    }

    /**
     * This launch, running the program as {@code user}, as strace's {@code -u} does: its groups, then
     * its group id, then its user id are set in the new process just before the execve. A
     * set-user-ID or set-group-ID program gets the file's owner or group as its effective id, as it
     * would untraced. The launch fails with the kernel's reason (setgroups: Operation not permitted)
     * without the privileges to switch.
     *
     * @param user the user, or null for this process's
     */
    public LaunchSpec asUser(User user) {
        return new LaunchSpec(executable, argv, env, cwd, inheritedFds, ignoredSignals, blockedSignals, stopAt, user);
    }

    /**
     * This launch, stopping only at the calls of {@code calls}: the kernel runs every other call
     * without a ptrace stop, through a seccomp filter installed in the tracee just before its
     * execve ({@link SeccompFilter}). execve and execveat always stop, for the
     * {@link TraceEvent.Exec} event's file name, and so does every call made through another ABI
     * than x86_64's. Children and threads inherit the filter, so the tracer must follow them
     * ({@link Tracer.Options#followForks()}), or the launch fails.
     *
     * <p>A process carrying the filter cannot live untraced: its filtered calls would fail with
     * ENOSYS. It is killed when the tracer dies (PTRACE_O_EXITKILL) and when it is let go
     * ({@link Tracee#detach}, {@link Tracer#detachAll}): the listener then sees it killed by
     * SIGKILL rather than detached. If the kernel refuses the filter
     * (no seccomp), the launch goes on stopping at every call, which only costs time.
     * {@code PR_SET_NO_NEW_PRIVS}, which an unprivileged process needs to install a filter, is set
     * only when the kernel asks for it; under ptrace a set-user-ID program does not gain its
     * privileges anyway.
     *
     * @param calls the calls to stop at, or null for every call
     */
    public LaunchSpec stoppingAt(SyscallSet calls) {
        return new LaunchSpec(executable, argv, env, cwd, inheritedFds, ignoredSignals, blockedSignals,
                calls == null || calls.isAll() ? null : calls, user);
    }

    /**
     * Runs {@code executable} with {@code argv}, giving it what this process was given: its
     * environment, working directory, standard descriptors, ignored signals and signal mask.
     */
    public static LaunchSpec inheriting(String executable, List<String> argv) {
        List<byte[]> args = new ArrayList<>(argv.size());
        for (String a : argv) {
            args.add(a.getBytes(StandardCharsets.UTF_8));
        }
        return inheritingBytes(executable.getBytes(StandardCharsets.UTF_8), args, new int[] {0, 1, 2});
    }

    /** As {@link #inheriting(String, List)}, with byte strings and an explicit descriptor set. */
    public static LaunchSpec inheritingBytes(byte[] executable, List<byte[]> argv, int[] inheritedFds) {
        return inheritingBytes(executable, argv, environment(), inheritedFds);
    }

    /** As {@link #inheritingBytes(byte[], List, int[])}, with an explicit environment. */
    public static LaunchSpec inheritingBytes(byte[] executable, List<byte[]> argv, List<byte[]> env,
                                             int[] inheritedFds) {
        ProcessSignals s = ProcessSignals.atStart();
        return new LaunchSpec(executable, List.copyOf(argv), List.copyOf(env), null, inheritedFds.clone(),
                s.ignored(), s.blocked());
    }

    /**
     * Runs {@code command}: its first word is looked up as strace looks up its PROG (a name with a
     * slash as it is, others in PATH), and the rest are its arguments; everything else as
     * {@link #inheriting(String, List)}.
     *
     * @throws TraceException {@code Can't stat 'NAME': No such file or directory} when it is not found
     */
    public static LaunchSpec command(List<String> command) throws TraceException {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("no command to run");
        }
        return inheriting(locate(command.getFirst()), command);
    }

    /**
     * The file strace would run for PROG, as {@link #resolve}, or strace's message why none:
     *
     * @throws TraceException {@code exec: File name too long} for a name longer than PATH_MAX allows,
     *                        {@code Can't stat 'NAME': No such file or directory} when it is not found
     */
    public static String locate(String prog) throws TraceException {
        if (prog.getBytes(StandardCharsets.UTF_8).length > PATH_MAX - 1) {
            throw new TraceException("exec: File name too long", ENAMETOOLONG);
        }
        String path = resolve(prog);
        if (path == null) {
            throw new TraceException("Can't stat '" + prog + "': No such file or directory", ENOENT);
        }
        return path;
    }

    /** As {@link #command(List)}. */
    public static LaunchSpec command(String... command) throws TraceException {
        return command(List.of(command));
    }

    /**
     * strace's lookup of PROG: a name with a slash is taken as it is if it exists; others are
     * searched in PATH for an executable regular file. Null when not found.
     */
    public static String resolve(String prog) {
        if (prog.contains("/")) {
            return Files.exists(Path.of(prog)) ? prog : null;
        }
        String pathVar = System.getenv("PATH");
        for (String dir : (pathVar == null ? "/bin:/usr/bin" : pathVar).split(":", -1)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, prog);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    private static final int ENOENT = 2, EACCES = 13, ENAMETOOLONG = 36, PATH_MAX = 4096;

    /**
     * Fails as strace would report the program's start failing: a file that is not there, or one
     * this process may not execute (a directory, no execute permission).
     */
    static void checkExecutable(byte[] executable) throws TraceException {
        String name = new String(executable, StandardCharsets.UTF_8);
        Path path;
        try {
            path = Path.of(name);
        } catch (java.nio.file.InvalidPathException e) {
            throw new TraceException("Can't stat '" + name + "': No such file or directory", ENOENT);
        }
        if (!Files.exists(path)) {
            throw new TraceException("Can't stat '" + name + "': No such file or directory", ENOENT);
        }
        if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
            throw new TraceException("exec: Permission denied", EACCES);
        }
    }

    /** This process's environment as it was passed in, byte for byte. */
    static List<byte[]> environment() {
        try {
            return splitNul(Files.readAllBytes(Path.of("/proc/self/environ")));
        } catch (IOException e) {
            List<byte[]> env = new ArrayList<>();
            System.getenv().forEach((k, v) -> env.add((k + "=" + v).getBytes(StandardCharsets.UTF_8)));
            return env;
        }
    }

    /** Splits a block of NUL-terminated strings, as /proc/PID/environ and cmdline hold them. */
    public static List<byte[]> splitNul(byte[] block) {
        List<byte[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < block.length; i++) {
            if (block[i] == 0) {
                out.add(java.util.Arrays.copyOfRange(block, start, i));
                start = i + 1;
            }
        }
        if (start < block.length) {
            out.add(java.util.Arrays.copyOfRange(block, start, block.length));
        }
        return out;
    }

    /**
     * The signal state this process started with. Dispositions are read from /proc/self/status (the
     * JVM keeps ignored signals ignored); the mask from the primordial thread, which the JVM leaves as
     * the parent set it because Java code runs on other threads.
     */
    record ProcessSignals(long ignored, long blocked) {
        static ProcessSignals atStart() {
            long ignored = statusMask(Path.of("/proc/self/status"), "SigIgn:");
            long pid = ProcessHandle.current().pid();
            long blocked = statusMask(Path.of("/proc/self/task/" + pid + "/status"), "SigBlk:");
            return new ProcessSignals(ignored, blocked);
        }

        private static long statusMask(Path status, String key) {
            return statusSet(status, key).orElse(0);
        }

        /** A signal set of a /proc status file ({@code SigIgn:}, {@code SigBlk:}...), if it can be read. */
        static java.util.OptionalLong statusSet(Path status, String key) {
            try {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith(key)) {
                        return java.util.OptionalLong.of(Long.parseUnsignedLong(line.substring(key.length()).trim(), 16));
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // unreadable: empty
            }
            return java.util.OptionalLong.empty();
        }
    }
}
