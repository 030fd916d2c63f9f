package io.jtrace.decode;

import io.jtrace.engine.TraceEvent;
import io.jtrace.engine.TraceListener;
import io.jtrace.engine.Tracee;
import io.jtrace.syscalls.Errno;
import io.jtrace.syscalls.SyscallDef;
import io.jtrace.syscalls.SyscallTable;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Decoded system calls for a {@link io.jtrace.engine.Tracer}: a listener that turns each call's
 * entry and exit stops into one {@link SyscallEvent}.
 *
 * <pre>{@code
 * TraceListener listener = Decoding.listener(DecodeOptions.DEFAULTS, call -> System.out.println(call.toStrace()));
 * try (Tracer tracer = Tracer.start(new Tracer.Options(false), listener)) {
 *     tracer.launch(LaunchSpec.command("cat", "/etc/hostname"));
 *     tracer.awaitIdle();
 * }
 * }</pre>
 */
public final class Decoding {
    private Decoding() {}

    /** A listener that hands {@code calls} every system call, decoded with {@code options}. */
    public static TraceListener listener(DecodeOptions options, Consumer<SyscallEvent> calls) {
        return listener(options, calls, (event, tracee) -> { });
    }

    /**
     * As {@link #listener(DecodeOptions, Consumer)}; every event, system call stops included, also
     * reaches {@code others} (after the call's {@link SyscallEvent}, for an exit).
     */
    public static TraceListener listener(DecodeOptions options, Consumer<SyscallEvent> calls, TraceListener others) {
        return new Listener(options, calls, others);
    }

    /** A call between its entry and exit. */
    private static final class Pending {
        final SyscallDef def;
        final long nr;
        final long[] args;
        final Saved saved = new Saved();
        final long entryNanos;
        final long entrySystemNanos;
        List<Value> entryValues;

        Pending(SyscallDef def, long nr, long[] args, long entryNanos, long entrySystemNanos) {
            this.def = def;
            this.nr = nr;
            this.args = args;
            this.entryNanos = entryNanos;
            this.entrySystemNanos = entrySystemNanos;
        }
    }

    private static final class Listener implements TraceListener {
        private final Consumer<SyscallEvent> calls;
        private final TraceListener others;
        private final SyscallTable table = SyscallTable.x86_64();
        private final SyscallDecoder decoder;
        private final ValueTree tree = new ValueTree();
        private final Map<Integer, Pending> pending = new HashMap<>();
        private Tracee current;

        Listener(DecodeOptions options, Consumer<SyscallEvent> calls, TraceListener others) {
            this.calls = calls;
            this.others = others;
            this.decoder = new SyscallDecoder(options, () -> current.tid(),
                    (address, dst, off, len) -> current.read(address, dst, off, len));
        }

        @Override
        public void onEvent(TraceEvent event, Tracee tracee) {
            current = tracee;
            try {
                switch (event) {
                    case TraceEvent.SyscallEntry e -> entry(e);
                    case TraceEvent.SyscallExit x -> exit(x);
                    case TraceEvent.Exited x -> unfinished(x.tid());
                    case TraceEvent.Killed k -> unfinished(k.tid());
                    case TraceEvent.Exec x when x.formerTid() != x.tid() -> {
                        // The caller took the leader's tid: its execve returns under that one.
                        pending.remove(x.tid());
                        Pending p = pending.remove(x.formerTid());
                        if (p != null) {
                            pending.put(x.tid(), p);
                        }
                    }
                    default -> { }
                }
            } finally {
                current = null;
            }
            others.onEvent(event, tracee);
        }

        @Override
        public void onIdle() {
            others.onIdle();
        }

        @Override
        public boolean wantsIdle() {
            return others.wantsIdle();
        }

        private void entry(TraceEvent.SyscallEntry e) {
            SyscallDef def = e.arch() == io.jtrace.syscalls.AuditArch.X86_64 ? table.lookup(e.nr()).orElse(null) : null;
            Pending p = new Pending(def, e.nr(), e.args(), StopClock.monotonicNanos(), e.systemTimeNanos());
            if (def != null) {
                decoder.entry(tree.clear(), def, e.args(), e.stackPointer(), p.saved);
                p.entryValues = tree.values();
            } else {
                p.entryValues = rawArguments(e.args());
            }
            pending.put(e.tid(), p);
        }

        private void exit(TraceEvent.SyscallExit x) {
            Pending p = pending.remove(x.tid());
            if (p == null) {
                return; // the entry came before tracing did
            }
            long now = StopClock.monotonicNanos();
            List<Value> args = p.entryValues;
            if (p.def != null) {
                // On from what the entry wrote: an exit may show what became of an entry's value.
                decoder.exit(tree.resume(args), p.def, p.args, x.rval(), x.isError(), p.saved);
                args = tree.values();
            }
            decoder.result(tree.clear(), p.def, p.args, x.rval(), x.isError());
            List<Value> result = tree.values();
            calls.accept(new SyscallEvent(x.tid(), x.pid(), name(p), p.nr, args,
                    result.isEmpty() ? new Value.Int(x.rval(), ValueWriter.Base.DEC) : result.getFirst(),
                    x.rval(), x.isError(),
                    x.isError() ? Errno.byNumber((int) -x.rval()).map(Errno::name).orElse(null) : null,
                    p.entryNanos, now, Math.max(0, x.systemTimeNanos() - p.entrySystemNanos)));
        }

        private void unfinished(int tid) {
            Pending p = pending.remove(tid);
            if (p != null) {
                calls.accept(new SyscallEvent(tid, current.pid(), name(p), p.nr, p.entryValues, null,
                        0, false, null, p.entryNanos, 0, 0));
            }
        }

        private static String name(Pending p) {
            return p.def != null ? p.def.straceName() : SyscallDef.unknownName(p.nr);
        }

        /** A call jtrace has no definition of: its six registers, as strace prints them. */
        private static List<Value> rawArguments(long[] args) {
            List<Value> values = new java.util.ArrayList<>(6);
            for (long a : args) {
                values.add(new Value.Int(a, ValueWriter.Base.HEX));
            }
            return values;
        }
    }
}
