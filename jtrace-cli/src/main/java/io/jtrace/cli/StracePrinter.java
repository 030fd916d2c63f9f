package io.jtrace.cli;

import io.jtrace.decode.IoDump;
import io.jtrace.decode.Memory;
import io.jtrace.decode.PathFilter;
import io.jtrace.decode.PidNamespaces;
import io.jtrace.decode.CallStatus;
import io.jtrace.decode.DecodeOptions;
import io.jtrace.decode.Saved;
import io.jtrace.decode.StopClock;
import io.jtrace.decode.TextWriter;
import io.jtrace.decode.SyscallDecoder;
import io.jtrace.cli.output.Sink;
import io.jtrace.engine.TraceEvent;
import io.jtrace.engine.TraceListener;
import io.jtrace.engine.Tracee;
import io.jtrace.stats.CallCounter;
import io.jtrace.stats.SummaryTable;
import io.jtrace.syscalls.Errno;
import io.jtrace.syscalls.Signals;
import io.jtrace.syscalls.SyscallDef;
import io.jtrace.syscalls.SyscallTable;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns engine events into strace 6.1's text: one line per system call, split into
 * {@code <unfinished ...>} and {@code <... name resumed>} halves when another thread's line comes
 * between its entry and its exit.
 */
final class StracePrinter implements TraceListener {
    private static final Set<String> NO_RETURN = Set.of("exit", "exit_group");
    private static final long NR_RESTART_SYSCALL = SyscallTable.x86_64().number("restart_syscall");

    /** What is being printed for one thread. */
    private static final class Line {
        SyscallDef def;
        long[] args;
        /** Its entry half was printed and its exit not yet. */
        boolean open;
        /** Filtered out by -e trace: its stops print nothing. */
        boolean silent;
        /** -e raw=: printed undecoded. */
        boolean raw;
        /**
         * Under -z, -Z or -e status=: the entry half, held back until the call's end says whether
         * the line is printed at all, as strace stages it in a memstream.
         */
        String staged;
        /** The staged line's leader, as at its entry. */
        String stagedLeader;
        /** What the decoder of its current call kept from the entry for the exit. */
        final Saved saved = new Saved();
        /** The number of the thread's latest call, traced or not, for -n. */
        long lastNr;
        /** The monotonic time of its current call's entry stop, for -T. */
        long entryNanos;
    }

    /** One output file with the thread whose line is still open in it. */
    private static final class Output {
        final Sink sink;
        int openTid;

        Output(Sink sink) {
            this.sink = sink;
        }
    }

    private final Options options;
    private final Messages messages;
    private final SyscallTable table = SyscallTable.x86_64();
    private final SyscallDecoder formatter;
    /**
     * The decoders of the calls -e abbrev= or -e verbose= leave out, made when first needed: bit 0 of
     * the index for a call printed unabbreviated, as -v prints it, bit 1 for one whose structures
     * are not read. (Index 0 is {@link #formatter}.)
     */
    private final SyscallDecoder[] decoders = new SyscallDecoder[4];
    private final Output shared;
    /** -ff files by tid; concurrent because the flush timer walks it. */
    private final Map<Integer, Output> perThread = new ConcurrentHashMap<>();
    private final boolean interactive;
    private volatile boolean syncWrites;
    /** Until the first write to the -o file: whether it can be written to is not known yet. */
    private boolean probing;
    private final Map<Integer, Line> lines = new HashMap<>();
    private final StringBuilder text = new StringBuilder(256);
    /** Writes decoded values into {@link #text} as strace prints them. */
    private final TextWriter writer;
    /** A warning of strace's made while {@link #text} was being formatted, and where in it. */
    private record Warning(int at, String message) {}
    /** The warnings not written yet, in the order they were made. */
    private final java.util.List<Warning> warnings = new java.util.ArrayList<>();
    private Tracee current;
    private final Memory memory = (address, dst, off, len) -> current.read(address, dst, off, len);
    /** {@code -P}: only the calls about these paths are printed; null for every call. */
    private final PathFilter paths;
    private int traced;
    /** The -p processes whose attachment was announced. */
    private final Set<Integer> announced = new HashSet<>();
    private boolean pidPrefixAlways;
    private int launchedPid;
    /** A child of jtrace's own launcher (the one that hands the environment over), or 0. */
    private volatile int ownHelper;
    private int launchedStatus = -1;
    private boolean launchedExecDone;
    /** -t, -r and -T. */
    private final Timestamps timestamps;
    /** The clocks as read when the current event arrived, when the options need them. */
    private long stopRealtime;
    private long stopMonotonic;
    /** The current stop's instruction pointer, for -i, once known. */
    private long stopIp;
    private boolean stopIpKnown;
    /** -c and -C: what the summary table counts; null without them. */
    private final CallCounter counter;
    /** -c: the table alone, none of the trace. */
    private final boolean summaryOnly;
    /** -Y: the names shown after pids in line prefixes; null without it. */
    private final Comms comms;
    /** --pidns-translation's translations, or null without it. */
    private final PidNamespaces namespaces;
    /** -e read= and -e write=: the hex dumps after a call's line; null without them. */
    private final IoDump dumps;

    /**
     * @param interactive the trace goes to a terminal: written whenever the tracer would block
     * @param shared      the trace goes where the tracees' own output goes: written at each stop,
     *                    before the tracee runs on, so that the two stay in order
     */
    StracePrinter(Options options, Messages messages, Sink traceSink, boolean interactive, boolean shared) {
        this.options = options;
        this.syncWrites = shared;
        this.probing = options.outputFile() != null;
        // Known before the first event, which may come before started(): strace decides it
        // after attaching, from -f or the number of processes asked for.
        pidPrefixAlways = options.outputFile() != null && !separateFiles() && (options.followForks()
                || options.attachPids().size() + (options.command().isEmpty() ? 0 : 1) > 1);
        this.messages = messages;
        this.paths = options.tracePaths().isEmpty() ? null : PathFilter.of(options.tracePaths());
        this.writer = new TextWriter(text, options.hex());
        this.shared = traceSink == null ? null : new Output(traceSink);
        namespaces = options.decodePidsNs() ? new PidNamespaces() : null;
        this.formatter = decoder(options.verbose(), true);
        decoders[0] = formatter;
        this.interactive = interactive;
        this.timestamps = new Timestamps(options.timing());
        Options.Summary summary = options.summary();
        this.counter = summary == null ? null : new CallCounter(summary.wallClock() ? CallCounter.Clock.WALL
                : CallCounter.Clock.SYSTEM, summary.overheadNanos(), options.trace());
        this.summaryOnly = summary != null && summary.only();
        comms = options.decodePidsComm() ? new Comms(Comms.ownName(messages.argv0()), options.hex()) : null;
        if (options.readFds() != null || options.writeFds() != null) {
            dumps = new IoDump(memory, options.readFds() != null ? options.readFds() : fd -> false,
                    options.writeFds() != null ? options.writeFds() : fd -> false);
            dumps.warnings(w -> warnings.add(new Warning(text.length(), w)));
        } else {
            dumps = null;
        }
    }

    /**
     * Writes the call summary where the trace goes, as strace does when tracing ends; nothing
     * without -c or -C, or when no call was counted.
     */
    void printSummary() {
        if (counter != null && !counter.isEmpty() && shared != null) {
            Options.Summary summary = options.summary();
            shared.sink.append(SummaryTable.render(counter.counts(), summary.columns(), summary.sortBy()));
        }
        if (options.tips() != null && shared != null) {
            shared.sink.append(options.tips().render());
        }
    }

    /**
     * What to do when writing to output {@code name} fails: report each lost line, as strace does,
     * and from then on write at every stop, so that the reports come when strace's would.
     */
    Sink.ErrorHandler failures(String name) {
        Sink.ErrorHandler report = messages.writeFailures(name);
        return (e, lines) -> {
            syncWrites = true;
            report.failed(e, lines);
        };
    }

    /** Called once tracing has started: strace decides the pid prefix of -o files then. */
    void started(int initialTracees) {
        pidPrefixAlways = options.outputFile() != null && !separateFiles()
                && (options.followForks() || initialTracees > 1);
    }

    /** The launched program's wait status, or -1 when it did not end while traced. */
    int launchedStatus() {
        return launchedStatus;
    }

    private boolean separateFiles() {
        return options.followForksSeparately() && options.outputFile() != null;
    }

    @Override
    public void onEvent(TraceEvent event, Tracee tracee) {
        current = tracee;
        if (options.debug()) {
            // -d: jtrace's own account of each stop, where strace prints its internals.
            messages.info("[" + event + "]");
        }
        // One reading per stop, taken as it arrives: every line printed at the stop shows it.
        if (timestamps.needsRealtime()) {
            stopRealtime = StopClock.realtimeNanos();
        }
        if (timestamps.needsMonotonic()) {
            stopMonotonic = StopClock.monotonicNanos();
        }
        stopIpKnown = false;
        // A call is timed as strace times it: from after its entry is printed to before its exit is.
        boolean entry = event instanceof TraceEvent.SyscallEntry;
        if (counter != null && !entry) {
            counter.onEvent(event, tracee);
        }
        switch (event) {
            case TraceEvent.Attached a -> {
                traced++;
                if (comms != null) {
                    comms.attached(a.tid(), a.origin() == TraceEvent.Origin.LAUNCHED);
                }
                if (a.origin() == TraceEvent.Origin.LAUNCHED) {
                    launchedPid = a.pid();
                }
                if (!options.quiet("attach")) {
                    announce(a, tracee);
                }
            }
            case TraceEvent.SyscallEntry e -> onEntry(e);
            case TraceEvent.SyscallExit x -> onExit(x);
            case TraceEvent.SignalDelivery s when !options.printsSignal(s.signal()) -> { }
            case TraceEvent.SignalDelivery s -> {
                text.setLength(0);
                text.append("--- ").append(Signals.name(s.signal())).append(' ');
                formatter.siginfo(writer.reset(), s.signal(), s.info());
                text.append(" ---\n");
                whole(s.tid(), text);
            }
            case TraceEvent.GroupStop g when !options.printsSignal(g.signal()) -> { }
            case TraceEvent.GroupStop g -> {
                text.setLength(0);
                text.append("--- stopped by ").append(Signals.name(g.signal())).append(" ---\n");
                whole(g.tid(), text);
            }
            case TraceEvent.Exiting x -> finishNoReturn(x.tid());
            case TraceEvent.Exited x -> {
                finishNoReturn(x.tid());
                if (x.tid() == launchedPid) {
                    launchedStatus = (x.code() & 0xff) << 8;
                }
                if (!options.quiet("exit")) {
                    text.setLength(0);
                    text.append("+++ exited with ").append(x.code()).append(" +++\n");
                    whole(x.tid(), text);
                }
                forget(x.tid());
            }
            case TraceEvent.Killed k -> {
                finishNoReturn(k.tid());
                if (k.tid() == launchedPid) {
                    launchedStatus = k.signal() | (k.coreDumped() ? 0x80 : 0);
                }
                // strace prints a death by signal whatever -q says (only exits are quiet), unless
                // -e signal= leaves the signal out.
                if (options.printsSignal(k.signal())) {
                    text.setLength(0);
                    text.append("+++ killed by ").append(Signals.name(k.signal()))
                            .append(k.coreDumped() ? " (core dumped) +++\n" : " +++\n");
                    whole(k.tid(), text);
                }
                forget(k.tid());
            }
            case TraceEvent.UnknownExited u -> {
                // As strace: a child never traced (CLONE_PARENT's, an orphan handed to jtrace as a
                // namespace's init), but not the command let go at its execve by -b.
                if (!options.quiet("exit") && !(options.detachOnExecve() && u.pid() == launchedPid)
                        && u.pid() != ownHelper) {
                    messages.info("Exit of unknown pid " + u.pid() + " ignored");
                }
            }
            case TraceEvent.Detached d -> {
                if (!options.quiet("attach")) {
                    messages.info("Process " + d.tid() + " detached");
                }
                Line line = lines.get(d.tid());
                Output out = output(d.tid());
                if (line != null && line.staged != null && options.status().contains(CallStatus.DETACHED)) {
                    Output o = begin(d.tid(), line.stagedLeader);
                    o.sink.append(line.staged).append(" <detached ...>\n");
                } else if (line != null && line.open && line.staged == null && out.openTid == d.tid()) {
                    out.sink.append(" <detached ...>\n");
                    out.openTid = 0;
                }
                forget(d.tid());
            }
            case TraceEvent.NewChild n -> { }
            case TraceEvent.Interrupted i -> { }
            case TraceEvent.Exec x -> onExec(x);
        }
        if (counter != null && entry) {
            counter.onEvent(event, tracee);
        }
        current = null;
        if (syncWrites) {
            flush();
        } else if (probing && shared != null && shared.sink.hasPending()) {
            // The first line goes out at once: a file that cannot be written to (a full disk) is
            // reported from the first line on, as strace reports it, not at the first batch.
            probing = false;
            shared.sink.flush();
        }
    }

    /**
     * "Process N attached": for a child found by -f at its first stop; for a -p process at the first
     * stop of any of its threads, before anything of it is printed, all its threads being seized by then.
     */
    private void announce(TraceEvent.Attached a, Tracee tracee) {
        switch (a.origin()) {
            case FOLLOWED -> messages.info("Process " + a.tid() + " attached");
            case ATTACHED -> {
                int requested = options.attachPids().contains(a.tid()) ? a.tid() : a.pid();
                if (options.attachPids().contains(requested) && announced.add(requested)) {
                    int threads = options.followForks() ? tracee.tracedThreads() : 1;
                    messages.info("Process " + requested + " attached"
                            + (threads > 1 ? " with " + threads + " threads" : ""));
                }
            }
            case LAUNCHED -> {
                // -D: the command runs in a process jtrace seized, which strace announces.
                if (options.daemonize() > 0) {
                    messages.info("Process " + a.tid() + " attached");
                }
            }
        }
    }

    private void onExec(TraceEvent.Exec x) {
        boolean programStart = x.pid() == launchedPid && !launchedExecDone;
        if (x.pid() == launchedPid) {
            launchedExecDone = true;
        }
        if (options.detachOnExecve() && !programStart) {
            // -b execve: let it go at its exec, the command's own first one excepted.
            current.detach();
        }
        if (x.formerTid() != x.tid()) {
            // The thread that called execve now has the leader's tid: its open line moves with it.
            Line l = lines.remove(x.formerTid());
            Output o = output(x.formerTid());
            if (o.openTid == x.formerTid()) {
                o.openTid = 0;
                o.sink.append(" <unfinished ...>\n");
                if (l != null) {
                    l.open = false;
                }
            }
            if (l != null) {
                lines.put(x.tid(), l);
            }
            if (!options.quiet("thread-execve")) {
                text.setLength(0);
                text.append("+++ superseded by execve in pid ").append(x.formerTid()).append(" +++\n");
                whole(x.tid(), text);
            }
            traced--;
        }
    }

    private void onEntry(TraceEvent.SyscallEntry e) {
        if (summaryOnly) {
            return;
        }
        Line line = lines.computeIfAbsent(e.tid(), k -> new Line());
        String previous = line.def != null ? line.def.straceName() : null;
        line.def = table.lookup(e.nr()).orElse(null);
        line.args = e.args();
        line.lastNr = e.nr();
        stopIp = e.instructionPointer();
        stopIpKnown = true;
        String name = line.def != null ? line.def.straceName() : SyscallDef.unknownName(e.nr());
        line.raw = options.raw() != null && options.raw().contains(e.nr());
        line.silent = options.trace() != null && !options.trace().contains(e.nr())
                || paths != null && !paths.matches(e.nr(), e.args(), e.tid(), memory);
        line.open = false;
        if (line.silent) {
            return;
        }
        printEntry(e, line, name, previous);
        if (options.timing().syscallTimes()) {
            // strace takes a call's start as late as it can, once the entry is printed, so that -T
            // leaves out the tracer's own work at the entry stop.
            line.entryNanos = StopClock.monotonicNanos();
        }
    }

    private void printEntry(TraceEvent.SyscallEntry e, Line line, String name, String previous) {
        boolean staging = options.status() != null;
        Output out = staging ? null : begin(e.tid());
        text.setLength(0);
        text.append(name).append('(');
        if (line.def != null && line.def.number() == NR_RESTART_SYSCALL) {
            // strace names the call being resumed: the thread's previous one. A thread seen for the
            // first time has none, and strace then names syscall 0, read.
            text.append("<... resuming interrupted ").append(previous != null ? previous : "read").append(" ...>");
        } else if (line.raw) {
            rawArgs(text, line.def, e.args());
        } else if (line.def != null) {
            decoderOf(line).entry(writer.reset(), line.def, e.args(), e.stackPointer(), line.saved);
        } else {
            unknownArgs(text, e.args());
        }
        line.open = true;
        if (staging) {
            // strace stages the line's leader too: a pid prefix only if it was due at entry.
            line.stagedLeader = leader(e.tid());
            line.staged = text.toString();
            warningsApart();
            return;
        }
        emit(out, text);
        out.openTid = e.tid();
    }

    /** The decoder of {@code line}'s call: -e abbrev= may leave it out of the abbreviated ones. */
    /** {@code pid} is a child of jtrace's own: its exit, should jtrace reap it, is not reported. */
    void ownChild(int pid) {
        ownHelper = pid;
    }

    private SyscallDecoder decoderOf(Line line) {
        if (line.def == null) {
            return formatter;
        }
        int nr = line.def.number();
        int kind = (options.abbrev() != null && !options.abbrev().contains(nr) ? 1 : 0)
                | (options.dereferenced() != null && !options.dereferenced().contains(nr) ? 2 : 0);
        SyscallDecoder d = decoders[kind];
        if (d == null) {
            d = decoders[kind] = decoder(options.verbose() || (kind & 1) != 0, (kind & 2) == 0);
        }
        return d;
    }

    /** A decoder with the command's options, unabbreviated or not, reading structures or not. */
    private SyscallDecoder decoder(boolean unabbreviated, boolean dereference) {
        SyscallDecoder d = new SyscallDecoder(new DecodeOptions(options.stringLimit(), options.hex(), unabbreviated,
                options.decodeFds(), options.constStyle(), dereference), () -> current.tid(), memory);
        d.warnings(w -> warnings.add(new Warning(d.readBeforeSeparator() ? text.length() : writer.nextItemOffset(), w)));
        d.decodePids(options.decodePidsComm());
        d.translatePids(namespaces);
        return d;
    }

    /** -e raw=: each of the call's arguments in hex, as strace's printargs prints them. */
    private static void rawArgs(StringBuilder out, SyscallDef def, long[] args) {
        int n = def != null ? def.args().size() : 6;
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                out.append(", ");
            }
            out.append(args[i] == 0 ? "0" : "0x" + Long.toHexString(args[i]));
        }
    }

    private static void unknownArgs(StringBuilder out, long[] args) {
        for (int i = 0; i < 6; i++) {
            if (i > 0) {
                out.append(", ");
            }
            out.append("0x").append(Long.toHexString(args[i]));
        }
    }

    private void onExit(TraceEvent.SyscallExit x) {
        if (comms != null) {
            Line l = lines.get(x.tid());
            if (l != null && l.def != null) {
                comms.afterCall(x.tid(), l.def, l.args, x.isError());
            }
        }
        if (x.tid() == launchedPid && !launchedExecDone && x.isError()) {
            printExit(x);
            // As strace's child does when its execve fails; the engine then ends the process with 1.
            messages.info("exec: " + Errno.byNumber((int) -x.rval()).map(Errno::message)
                    .orElse("Unknown error " + -x.rval()));
            return;
        }
        printExit(x);
    }

    private void printExit(TraceEvent.SyscallExit x) {
        Line line = lines.get(x.tid());
        if (line == null || line.silent || !line.open) {
            return;
        }
        if (line.staged != null) {
            printStaged(x, line);
            return;
        }
        Output out = output(x.tid());
        text.setLength(0);
        if (out.openTid != x.tid()) {
            begin(x.tid());
            text.append("<... ").append(line.def != null ? line.def.straceName() : SyscallDef.unknownName(x.nr()))
                    .append(" resumed>");
        }
        if (line.def != null && !line.raw) {
            decoderOf(line).exit(writer.reset(), line.def, line.args, x.rval(), x.isError(), line.saved);
        }
        text.append(')');
        emit(out, text);
        printResult(out, line, x);
        out.openTid = 0;
        line.open = false;
    }

    /** The end of a call's line: the padding, {@code = } and the result. */
    private void printResult(Output out, Line line, TraceEvent.SyscallExit x) {
        out.sink.padTo(options.alignColumn());
        text.setLength(0);
        text.append("= ");
        if (line.raw) {
            rawResult(text, x);
        } else {
            decoderOf(line).result(writer.reset(), line.def, line.args, x.rval(), x.isError());
        }
        if (options.timing().syscallTimes()) {
            // From the entry stop to the exit stop, as strace measures it.
            timestamps.duration(text, stopMonotonic - line.entryNanos);
        }
        text.append('\n');
        emit(out, text);
        if (dumps != null && line.def != null) {
            text.setLength(0);
            dumps.afterCall(text, line.def, line.args, x.rval(), x.isError(), x.tid());
            if (!text.isEmpty() || !warnings.isEmpty()) {
                emit(out, text);
            }
        }
    }

    /** -e raw=: the result in hex, an error as {@code -1 ENAME (message)}, as strace prints them. */
    private static void rawResult(StringBuilder out, TraceEvent.SyscallExit x) {
        if (x.isError()) {
            int errno = (int) -x.rval();
            out.append("-1 ").append(Errno.byNumber(errno).map(e -> e.name() + " (" + e.message() + ")")
                    .orElse("(errno " + errno + ")"));
        } else {
            out.append(x.rval() == 0 ? "0" : "0x" + Long.toHexString(x.rval()));
        }
    }

    /** A staged call's whole line, if its status is one asked for. */
    private void printStaged(TraceEvent.SyscallExit x, Line line) {
        String entry = line.staged;
        line.staged = null;
        line.open = false;
        text.setLength(0);
        text.append(entry);
        // strace decodes the exit into the staged text too, before it knows whether it prints it.
        if (line.def != null && !line.raw) {
            decoderOf(line).exit(writer.reset(), line.def, line.args, x.rval(), x.isError(), line.saved);
        }
        text.append(')');
        // strace's warnings go to stderr as they happen, not into the staged line.
        warningsApart();
        if (!options.status().contains(x.isError() ? CallStatus.FAILED : CallStatus.SUCCESSFUL)) {
            return;
        }
        Output out = begin(x.tid(), line.stagedLeader);
        emit(out, text);
        printResult(out, line, x);
    }

    /** Warnings made while a staged entry was decoded: printed now, on lines of their own. */
    private void warningsApart() {
        for (Warning w : warnings) {
            messages.info(w.message());
        }
        warnings.clear();
    }

    /**
     * A call that never returns (exit, exit_group), or a thread that ends inside a call:
     * {@code = ?}. As in strace, a call that still had arguments to print at exit is marked
     * {@code <unfinished ...>} first.
     */
    private void finishNoReturn(int tid) {
        Line line = lines.get(tid);
        if (line == null || !line.open) {
            return;
        }
        boolean noReturn = line.def != null && NO_RETURN.contains(line.def.name());
        boolean marked = !noReturn && (line.def == null || !SyscallDecoder.completeAtEntry(line.def));
        Output out;
        text.setLength(0);
        if (line.staged != null) {
            String entry = line.staged;
            line.staged = null;
            line.open = false;
            if (!options.status().contains(CallStatus.UNFINISHED)) {
                return;
            }
            out = begin(tid, line.stagedLeader);
            text.append(entry);
            if (marked) {
                text.append(" <unfinished ...>");
            }
        } else {
            out = output(tid);
            if (out.openTid != tid) {
                begin(tid);
                text.append("<... ").append(line.def != null ? line.def.straceName() : "syscall").append(" resumed>");
            }
            if (marked) {
                // strace marks it after "resumed>" too: the decoder's exit half never came.
                text.append(" <unfinished ...>");
            }
            out.openTid = 0;
            line.open = false;
        }
        text.append(')');
        out.sink.append(text);
        out.sink.padTo(options.alignColumn());
        out.sink.append("= ?\n");
    }

    /** The thread is gone: after its last line, which still has its [pid N] prefix. */
    private void forget(int tid) {
        traced--;
        if (comms != null) {
            comms.forget(tid);
        }
        if (namespaces != null) {
            namespaces.forget(tid);
        }
        lines.remove(tid);
        Output o = perThread.remove(tid);
        if (o != null) {
            o.sink.close();
        }
    }

    /**
     * Writes {@code s} to {@code out} with the warnings made while it was formatted: where strace
     * prints them, in the middle of the line, when the trace goes to stderr too; else to stderr.
     */
    private void emit(Output out, StringBuilder s) {
        if (warnings.isEmpty()) {
            // Nearly always: no iterator, no copy.
            out.sink.append(s);
            return;
        }
        int from = 0;
        for (Warning w : warnings) {
            if (out.sink == messages.stderr()) {
                int at = Math.min(w.at(), s.length());
                out.sink.append(s.subSequence(from, at));
                from = at;
                messages.infoInLine(w.message());
            } else {
                messages.info(w.message());
            }
        }
        warnings.clear();
        out.sink.append(from == 0 ? s : s.subSequence(from, s.length()));
    }

    /** Prints a whole line (signal, exit) for {@code tid}. */
    private void whole(int tid, CharSequence line) {
        if (summaryOnly) {
            return; // -c prints no signals, exits or deaths either
        }
        Output out = begin(tid);
        out.sink.append(line);
    }

    /** Starts a line for {@code tid}: closes another thread's open line first, then writes the prefix. */
    private Output begin(int tid) {
        return begin(tid, leader(tid));
    }

    /** As {@link #begin(int)}, with the line's leader as it was when its entry was decoded. */
    private Output begin(int tid, String leader) {
        Output out = output(tid);
        if (out.openTid != 0) {
            // The open line stays open for its thread: its exit prints as "<... name resumed>".
            out.sink.append(" <unfinished ...>\n");
            out.openTid = 0;
        }
        out.sink.append(leader);
        return out;
    }

    /**
     * What a line of {@code tid} starts with now, in strace's order: its pid when strace would show
     * it, the time of day (-t), the time since the previous line (-r), the number of the thread's
     * latest call (-n) and its instruction pointer (-i).
     */
    private String leader(int tid) {
        String pid;
        String comm = comms != null ? comms.decoration(tid) : "";
        if (pidPrefixAlways) {
            pid = comm.isEmpty() ? String.format("%-5d ", tid) : tid + comm + " ";
        } else if (!separateFiles() && options.outputFile() == null && traced > 1) {
            pid = String.format("[pid %5d", tid) + comm + "] ";
        } else {
            pid = "";
        }
        if (!timestamps.needsRealtime() && !options.timing().relative() && !options.syscallNumber()
                && !options.instructionPointer()) {
            return pid;
        }
        StringBuilder b = new StringBuilder(64).append(pid);
        timestamps.prefix(b, stopRealtime, stopMonotonic);
        if (options.syscallNumber()) {
            // A thread that has made no call yet shows 0, as strace's zeroed tcb does.
            Line line = lines.get(tid);
            String nr = Long.toUnsignedString(line != null ? line.lastNr : 0);
            b.append('[').repeat(' ', Math.max(0, 4 - nr.length())).append(nr).append("] ");
        }
        if (options.instructionPointer()) {
            b.append('[');
            if (instructionPointer(tid)) {
                String ip = Long.toHexString(stopIp);
                b.repeat('0', 16 - ip.length()).append(ip);
            } else {
                // The thread is gone (exited, killed): strace cannot read it either.
                b.repeat('?', 16);
            }
            b.append("] ");
        }
        return b.toString();
    }

    /**
     * Whether {@link #stopIp} holds {@code tid}'s instruction pointer at this stop: given by a
     * call's entry, else read from its registers while it is stopped.
     */
    private boolean instructionPointer(int tid) {
        if (!stopIpKnown && current != null && current.tid() == tid && current.isStopped()) {
            try {
                stopIp = current.registers().rip();
                stopIpKnown = true;
            } catch (RuntimeException e) {
                // ESRCH: killed while stopped; shown as unreadable, as strace shows it.
            }
        }
        return stopIpKnown;
    }

    private Output output(int tid) {
        if (!separateFiles()) {
            return shared;
        }
        Output o = perThread.get(tid);
        if (o == null) {
            String name = options.outputFile() + "." + tid;
            try {
                o = new Output(new Sink(new FileOutputStream(name, options.appendOutput()), true, failures(name)));
            } catch (IOException e) {
                messages.error("Can't fopen '" + name + "': " + Messages.reason(e));
                o = new Output(new Sink(OutputStream.nullOutputStream(), false));
            }
            perThread.put(tid, o);
        }
        return o;
    }

    /**
     * On a terminal the trace is written before the tracer blocks, so that it interleaves with the
     * program's own output as strace's unbuffered stderr does. Elsewhere (files, pipes) a timer
     * flushes it (see {@link Main}), which spares a write per system call.
     */
    @Override
    public boolean wantsIdle() {
        return interactive && messages.stderr().hasPending();
    }

    @Override
    public void onIdle() {
        flush();
    }

    void flush() {
        if (shared != null) {
            shared.sink.flush();
        }
        for (Output o : perThread.values()) {
            o.sink.flush();
        }
        messages.flush();
    }

    void close() {
        flush();
        for (Output o : perThread.values()) {
            o.sink.close();
        }
        perThread.clear();
        if (shared != null) {
            shared.sink.close();
        }
    }
}
