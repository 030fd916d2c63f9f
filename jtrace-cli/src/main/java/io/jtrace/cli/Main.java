package io.jtrace.cli;

import io.jtrace.cli.output.Sink;
import io.jtrace.engine.LaunchSpec;
import io.jtrace.engine.User;
import io.jtrace.engine.ThisProcess;
import io.jtrace.engine.TraceException;
import io.jtrace.engine.TraceFailure;
import io.jtrace.engine.Tracer;
import io.jtrace.syscalls.SyscallTable;

import java.io.FileDescriptor;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code jtrace} command: strace 6.1's options, messages, output and exit status.
 *
 * <p>The launcher script passes the name it was invoked as ({@code -Djtrace.argv0}), so messages
 * begin with it as strace's begin with its argv[0], and the descriptors its caller gave it
 * ({@code -Djtrace.fds}), which the traced program inherits.
 */
public final class Main {
    /** How long trace output written to a file or pipe may wait in the buffer. */
    private static final long FLUSH_INTERVAL_MS = 100;
    /** Linux's PATH_MAX, which strace sizes its path buffers by. */
    private static final int PATH_MAX = 4096;

    private Main() {}

    /** The first fatal signal received, 0 before; guarded by this. */
    private int fatal;
    /** Whether every tracee asked for is traced; guarded by this. */
    private boolean started;
    private StracePrinter printer;
    private Tracer tracer;
    private int launched;

    /**
     * A signal that ends strace: before tracing starts jtrace dies of it at once, as strace, which
     * has no handler yet; afterwards it detaches everything and dies of it once idle.
     */
    private void onFatalSignal(int sig) {
        synchronized (this) {
            if (fatal != 0) {
                return;
            }
            fatal = sig;
            if (started) {
                stopTracing(sig);
                return;
            }
            if (tracer == null) {
                System.out.flush();
                exit(256 + sig);
            }
        }
    }

    /**
     * The pipe to an {@code -o '|CMD'} command. Once the command has exited the JDK closes its end
     * and says "Stream closed"; the write failed because nobody reads the pipe any more, which is
     * what strace reports: "Broken pipe".
     */
    private static final class CommandInput extends java.io.FilterOutputStream {
        CommandInput(java.io.OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw "Stream closed".equals(e.getMessage()) ? new IOException("Broken pipe", e) : e;
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                throw "Stream closed".equals(e.getMessage()) ? new IOException("Broken pipe", e) : e;
            }
        }

        @Override
        public void close() throws IOException {
            try {
                out.close();
            } catch (IOException e) {
                throw "Stream closed".equals(e.getMessage()) ? new IOException("Broken pipe", e) : e;
            }
        }
    }

    /** A line of /proc/self/status after its key ({@code Uid:}: real, effective, saved, fs), or null. */
    private static String statusLine(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key)) {
                    return line.substring(key.length()).trim();
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    /** SIGQUIT and SIGCHLD: the two signals whose disposition bash changes for itself. */
    private static final long SHELL_OWN = (1L << (3 - 1)) | (1L << (17 - 1));

    /**
     * The signals jtrace's caller ignored. The launcher reads them from its shell, which differs in
     * two: bash ignores SIGQUIT and handles SIGCHLD itself while it runs, and gives the programs it
     * starts the caller's dispositions of both. The JVM, which under -Xrs leaves SIGQUIT alone and
     * does not touch SIGCHLD until it starts a process, still has those two as given; the signals
     * the JVM does take over (SIGPIPE, SIGXFSZ, SIGUSR2, ...) come from the shell.
     */
    static long callerIgnored(long jvmIgnored) {
        return (callerSignals("jtrace.sigign", jvmIgnored) & ~SHELL_OWN) | (jvmIgnored & SHELL_OWN);
    }

    /** A signal set of a /proc status file ({@code SigIgn:}, {@code SigBlk:}...), 0 if unreadable. */
    static long statusSet(Path status, String key) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith(key)) {
                    return Long.parseUnsignedLong(line.substring(key.length()).trim(), 16);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    /** As strace: the program jtrace started gets the signal too (woken if stopped); every tracee is let go. */
    private void stopTracing(int sig) {
        if (launched > 0 && interruptible == 2) {
            tracer.detachAll(launched, SIGCONT, sig);
        } else {
            tracer.detachAll();
        }
    }

    private static final int SIGCONT = 18;
    /** The -I level: at 1 the command is not handed the signal, only let go. */
    private volatile int interruptible = 2;

    /** A signal set the launcher passed in hex ({@code -Djtrace.sigign}), or {@code otherwise}. */
    static long callerSignals(String property, long otherwise) {
        String hex = System.getProperty(property);
        if (hex == null || hex.isBlank()) {
            return otherwise;
        }
        try {
            return Long.parseUnsignedLong(hex.trim(), 16);
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    /** The dispositions the JVM started with, read before anything in jtrace changes one. */
    private static long ignoredAtStart;
    /** The environment jtrace's caller gave it, read at start. */
    private static List<byte[]> callerEnvironment;

    public static void main(String[] args) {
        ignoredAtStart = statusSet(Path.of("/proc/self/status"), "SigIgn:");
        // Before any process is started: reading it reaps the launcher's child that wrote it.
        callerEnvironment = environment();
        String argv0 = System.getProperty("jtrace.argv0", "jtrace");
        Sink stderr = new Sink(new FileOutputStream(FileDescriptor.err), false);
        Messages messages = new Messages(argv0, stderr);
        int status;
        try {
            status = new Main().run(args, messages);
        } catch (RuntimeException | Error e) {
            messages.error("internal error: " + e);
            status = 1;
        }
        stderr.flush();
        System.out.flush();
        exit(status);
    }

    /** Exits with {@code status}; a value above 255 means: die by signal (status - 256), as the tracee did. */
    private static void exit(int status) {
        if (status > 255) {
            ThisProcess.dieBySignal(status - 256);
            Runtime.getRuntime().halt(128 + (status - 256));
        }
        Runtime.getRuntime().halt(status);
    }

    /**
     * -D: the process jtrace's caller started, which waits (in the launcher, reading {@code gate},
     * a FIFO) for jtrace to take it over and run the program in it.
     */
    record Daemonized(int pid, Path gate) {
        /** From the launcher's {@code -Djtrace.daemonized=PID:GATE}, or null. */
        static Daemonized fromLauncher() {
            String v = System.getProperty("jtrace.daemonized");
            int colon = v == null ? -1 : v.indexOf(':');
            if (colon < 0) {
                return null;
            }
            try {
                return new Daemonized(Integer.parseInt(v.substring(0, colon)), Path.of(v.substring(colon + 1)));
            } catch (NumberFormatException e) {
                return null;
            }
        }

        /** Ends the wait: taken over, the process needs nothing more; else it exits 1 on reading a line. */
        void release(boolean tookOver) {
            try {
                if (!tookOver && Files.exists(gate)) {
                    Files.writeString(gate, "\n");
                }
                Files.deleteIfExists(gate);
            } catch (IOException e) {
                // The launcher's own timeout ends its wait.
            }
        }
    }

    private Daemonized daemonized;

    int run(String[] args, Messages messages) {
        daemonized = Daemonized.fromLauncher();
        try {
            return runDaemonizable(args, messages);
        } finally {
            if (daemonized != null) {
                daemonized.release(false);
            }
        }
    }

    private int runDaemonizable(String[] args, Messages messages) {
        String argv0 = messages.argv0();
        Options options;
        try {
            options = new OptionParser().parse(args);
        } catch (UsageException e) {
            e.warningsBefore().forEach(messages::info);
            messages.info(e.getMessage());
            if (e.tryHelp()) {
                messages.stderr().appendUtf8Line("Try '" + argv0 + " -h' for more information.");
            }
            return 1;
        }
        if (options.help()) {
            System.out.print(OptionParser.helpText());
            return 0;
        }
        if (options.version()) {
            System.out.print(OptionParser.versionText());
            return 0;
        }
        for (String w : options.warnings()) {
            messages.info(w);
        }
        if (options.daemonize() > 0 && daemonized == null) {
            messages.error("-D/--daemonize needs jtrace's launcher (./jtrace), which starts the program's process");
            return 1;
        }
        User user = null;
        if (options.user() != null) {
            String ids = statusLine("Uid:");
            if (ids == null || !ids.matches("0\\s+0\\s.*")) {
                messages.error("You must be root to use the -u/--username option");
                return 1;
            }
            user = User.byName(options.user()).orElse(null);
            if (user == null) {
                messages.error("Cannot find user '" + options.user() + "'");
                return 1;
            }
        }
        // strace -I: 3 and 4 (the default with -o FILE PROG) ignore the signals that end strace;
        // 2 (the default otherwise) detaches everything, hands the signal to the command and dies
        // of it; 1 lets everything go and dies of it, as strace, which then has no handler, does.
        interruptible = options.interruptible();
        if (options.interruptible() >= 3) {
            FatalSignals.ignore(options.interruptible() == 4);
        } else {
            FatalSignals.watch(callerSignals("jtrace.sigblk", 0), this::onFatalSignal);
        }

        Sink traceSink;
        Process pipeCommand = null;
        boolean separate = options.followForksSeparately() && options.outputFile() != null;
        if (options.outputFile() == null) {
            traceSink = messages.stderr();
            traceSink.onError(messages.writeFailures(null));
        } else if (separate) {
            // strace's check: room for ".PID" after the name within PATH_MAX.
            if (options.outputFile().getBytes(StandardCharsets.UTF_8).length >= PATH_MAX - 3 * Integer.BYTES) {
                messages.error(options.outputFile() + ": File name too long");
                return 1;
            }
            traceSink = null;
        } else if (options.outputFile().startsWith("|") || options.outputFile().startsWith("!")) {
            // strace's popen: the command's stdin is a pipe from jtrace; its stdout and stderr are
            // jtrace's. It is started from this thread, whose children the tracer never waits for.
            try {
                // As popen runs it: sh by that name, so that its messages begin "sh: ".
                pipeCommand = new ProcessBuilder(Files.isExecutable(Path.of("/bin/sh")) ? "sh" : "/bin/sh", "-c",
                        options.outputFile().substring(1))
                        .redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT)
                        .start();
            } catch (IOException e) {
                messages.error("Can't execute '/bin/sh': " + Messages.reason(e));
                return 1;
            }
            traceSink = new Sink(new CommandInput(pipeCommand.getOutputStream()), true);
        } else {
            try {
                traceSink = new Sink(new FileOutputStream(options.outputFile(), options.appendOutput()), true);
            } catch (FileNotFoundException e) {
                messages.error("Can't fopen '" + options.outputFile() + "': " + Messages.reason(e));
                return 1;
            }
        }

        LaunchSpec spec = null;
        if (!options.command().isEmpty()) {
            String path;
            try {
                path = LaunchSpec.locate(options.command().getFirst());
            } catch (TraceException e) {
                messages.error(e.getMessage());
                return 1;
            }
            LaunchSpec inherited = LaunchSpec.inheritingBytes(path.getBytes(StandardCharsets.UTF_8),
                    commandBytes(options.command()), options.envChanges().isEmpty() ? callerEnvironment
                            : EnvChanges.apply(callerEnvironment, options.envChanges(), argumentBytes(args.length)),
                    inheritedFds());
            // The launcher read the caller's signal state before the JVM changed its own.
            spec = new LaunchSpec(inherited.executable(), inherited.argv(), inherited.env(), inherited.cwd(),
                    inherited.inheritedFds(), daemonized != null
                            // -D: the launcher read every disposition from a child of its shell.
                            ? callerSignals("jtrace.sigign.all", callerIgnored(ignoredAtStart))
                            : callerIgnored(ignoredAtStart),
                    callerSignals("jtrace.sigblk", inherited.blockedSignals()));
            if (options.seccomp()) {
                // -Y rereads a thread's name after prctl(PR_SET_NAME) even when it is not traced,
                // as strace's own filter stops there too.
                spec = spec.stoppingAt(options.decodePidsComm()
                        ? options.trace().with(SyscallTable.x86_64().number("prctl")) : options.trace());
            }
            spec = spec.asUser(user);
        }

        Path traceFile = options.outputFile() == null ? Path.of("/proc/self/fd/2")
                : pipeCommand != null || separate ? null : Path.of(options.outputFile());
        boolean shared = traceFile != null && sharesDestination(traceFile,
                spec != null ? spec.inheritedFds() : new int[0], options.attachPids());
        StracePrinter printer = new StracePrinter(options, messages, traceSink, stderrIsTerminal(), shared);
        if (options.outputFile() != null && traceSink != null) {
            traceSink.onError(printer.failures(options.outputFile()));
        }
        Thread.ofPlatform().name("jtrace-flush").daemon(true).start(() -> {
            while (true) {
                try {
                    Thread.sleep(FLUSH_INTERVAL_MS);
                } catch (InterruptedException e) {
                    return;
                }
                printer.flush();
            }
        });
        printer.ownChild(Integer.getInteger("jtrace.helper", 0));
        Tracer tracer = Tracer.start(new Tracer.Options(options.followForks()), printer);
        if (options.debug()) {
            messages.info(String.format("ptrace_setoptions = %#x", tracer.ptraceOptions()));
        }
        synchronized (this) {
            this.printer = printer;
            this.tracer = tracer;
        }
        int tracees = 0;
        for (int pid : options.attachPids()) {
            try {
                List<Integer> tids = options.followForks() ? tracer.attach(pid) : tracer.attachThread(pid);
                tracees += tids.size();
            } catch (TraceException e) {
                messages.error(e.getMessage());
            }
        }
        if (spec != null) {
            try {
                launched = daemonized != null ? tracer.launchInto(daemonized.pid(), spec) : tracer.launchUnchecked(spec);
                if (daemonized != null) {
                    daemonized.release(true);
                }
                // As strace once its program runs: the program's pipes are its own to close.
                ThisProcess.releaseStandardStreams(Arrays.stream(inheritedFds()).filter(fd -> fd <= 1).toArray());
                tracees++;
            } catch (TraceException e) {
                messages.error(e.getMessage());
                closeOutput(printer, pipeCommand);
                return 1;
            }
        }
        if (tracees == 0) {
            closeOutput(printer, pipeCommand);
            return 1;
        }
        printer.started(tracees);
        synchronized (this) {
            started = true;
            if (fatal != 0) {
                // Arrived while the tracees were being attached or launched: detach them now.
                stopTracing(fatal);
            }
        }
        try {
            tracer.awaitIdle();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TraceFailure e) {
            // reported below, once the output is flushed
        }
        printer.printSummary();
        closeOutput(printer, pipeCommand);
        if (tracer.failure() != null) {
            messages.error("internal error: " + tracer.failure());
            return 1;
        }
        synchronized (this) {
            if (fatal != 0) {
                return 256 + fatal;
            }
        }
        int st = printer.launchedStatus();
        if (spec == null || st < 0) {
            return 0;
        }
        if ((st & 0x7f) != 0) {
            return 256 + (st & 0x7f);
        }
        return (st >> 8) & 0xff;
    }

    /** Writes the rest of the trace, and waits for the command of -o '|CMD' to end, as strace does. */
    private static void closeOutput(StracePrinter printer, Process pipeCommand) {
        printer.close();
        if (pipeCommand != null) {
            while (true) {
                try {
                    pipeCommand.waitFor();
                    return;
                } catch (InterruptedException e) {
                    // keep waiting: the command is reading what jtrace wrote
                }
            }
        }
    }

    /**
     * Whether the trace goes where the program's own output goes ({@code 2>&1} into a pipe or a
     * file, a shared terminal): the same file as one of the descriptors it inherits, or, for
     * processes attached with -p, as their standard descriptors. Lines must then be written before
     * the tracee runs on, as strace writes them, so that both come out in the order they happened.
     */
    static boolean sharesDestination(Path trace, int[] inheritedFds, List<Integer> attached) {
        Object target = fileKey(trace);
        if (target == null) {
            return false;
        }
        List<Path> theirs = new ArrayList<>();
        for (int fd : inheritedFds) {
            theirs.add(Path.of("/proc/self/fd/" + fd));
        }
        for (int pid : attached) {
            for (int fd = 0; fd <= 2; fd++) {
                theirs.add(Path.of("/proc/" + pid + "/fd/" + fd));
            }
        }
        return theirs.stream().anyMatch(p -> target.equals(fileKey(p)));
    }

    /**
     * Device and inode of the file {@code p} names (magic links of /proc followed), or null, also
     * for /dev/null: what is written there has no order to keep, and a benchmark's output going
     * there with the trace's must not cost a write per stop.
     */
    private static Object fileKey(Path p) {
        try {
            var a = Files.readAttributes(p, "unix:dev,ino,rdev,mode");
            boolean charDevice = ((Integer) a.get("mode") & 0170000) == 0020000;
            if (charDevice && ((Long) a.get("rdev")) == DEV_NULL) {
                return null;
            }
            return List.of(a.get("dev"), a.get("ino"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return null;
        }
    }

    /** makedev(1, 3). */
    private static final long DEV_NULL = 0x103;

    /** Whether standard error is a terminal, where trace lines must appear as they happen. */
    static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /**
     * The command's arguments as the bytes jtrace was given. Java decodes its arguments with the
     * platform charset, which may not round-trip, so they are taken from /proc/self/cmdline, whose
     * last entries are this program's arguments exactly as passed.
     */
    static List<byte[]> commandBytes(List<String> command) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc/self/cmdline"));
            List<byte[]> all = LaunchSpec.splitNul(raw);
                if (all.size() >= command.size()) {
                return new ArrayList<>(all.subList(all.size() - command.size(), all.size()));
            }
        } catch (IOException e) {
            // fall through to the decoded arguments
        }
        List<byte[]> decoded = new ArrayList<>();
        command.forEach(c -> decoded.add(c.getBytes(StandardCharsets.UTF_8)));
        return decoded;
    }

    /** jtrace's last {@code count} arguments as the bytes it was given, or null when unknown. */
    static List<byte[]> argumentBytes(int count) {
        try {
            List<byte[]> all = LaunchSpec.splitNul(Files.readAllBytes(Path.of("/proc/self/cmdline")));
            return all.size() >= count ? all.subList(all.size() - count, all.size()) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The environment jtrace's caller gave it. The launcher script passes it through a file
     * ({@code -Djtrace.environ}) because bash reorders the environment of the JVM it starts.
     */
    static List<byte[]> environment() {
        String file = System.getProperty("jtrace.environ");
        if (file != null) {
            try {
                List<byte[]> env = LaunchSpec.splitNul(Files.readAllBytes(Path.of(file)));
                reapLauncherChildren();
                return env;
            } catch (IOException e) {
                // fall back to this process's own
            }
        }
        try {
            return LaunchSpec.splitNul(Files.readAllBytes(Path.of("/proc/self/environ")));
        } catch (IOException e) {
            List<byte[]> env = new ArrayList<>();
            System.getenv().forEach((k, v) -> env.add((k + "=" + v).getBytes(StandardCharsets.UTF_8)));
            return env;
        }
    }

    /**
     * The launcher's process substitution that wrote the environment is a child of this process
     * (the shell exec'd into it): once it has written everything, it is reaped here, not left a
     * zombie under jtrace. Nothing else has been started yet, so every child is that one.
     */
    private static void reapLauncherChildren() {
        List<Long> children = ProcessHandle.current().children().map(ProcessHandle::pid).toList();
        for (long pid : children) {
            ThisProcess.reap((int) pid);
        }
    }


    /** The descriptors jtrace's caller gave it: from the launcher script, else the standard three. */
    static int[] inheritedFds() {
        String fds = System.getProperty("jtrace.fds");
        if (fds == null) {
            return new int[] {0, 1, 2};
        }
        if (fds.isBlank()) {
            // The caller closed them all: the JVM's own files have taken those numbers since.
            return new int[0];
        }
        return Arrays.stream(fds.trim().split("[ ,]+")).mapToInt(Integer::parseInt).toArray();
    }
}
