package io.jtrace.stats;

import io.jtrace.decode.SyscallEvent;
import io.jtrace.engine.TraceEvent;
import io.jtrace.engine.TraceListener;
import io.jtrace.engine.Tracee;
import io.jtrace.syscalls.AuditArch;
import io.jtrace.syscalls.SyscallDef;
import io.jtrace.syscalls.SyscallSet;
import io.jtrace.syscalls.SyscallTable;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts system calls as strace 6.1's {@code -c} does: per call, the calls that returned, those that
 * failed, and their total, shortest and longest time.
 *
 * <p>Fed with the engine's events ({@link #onEvent}, or {@link #entry} and {@link #exit}), it counts
 * the x86_64 calls strace 6.1 knows by name, from entry stop to exit stop; a call whose exit is never
 * seen (exit_group, a thread killed inside a call) is not counted, as strace does not count it. Fed
 * with decoded calls ({@link #add(SyscallEvent)}) or with raw figures ({@link #add(long, String,
 * boolean, long)}), it counts what it is given.
 *
 * <p>A counter is not thread-safe: feed it from one thread (a listener runs on the tracer's), and
 * read it from another only after {@link io.jtrace.engine.Tracer#awaitIdle()} has returned.
 */
public final class CallCounter implements TraceListener {
    /** What a call's time is. */
    public enum Clock {
        /**
         * The system CPU time the call's process used between the call's entry and exit stops, as
         * wait4's rusage reports it at each (strace's default). The kernel accounts it in ticks, so
         * most calls take 0.
         */
        SYSTEM,
        /** The wall-clock time between the entry and exit stops (strace's {@code -w}). */
        WALL
    }

    /** A call between its entry and exit stops. */
    private record Pending(SyscallDef def, long wallNanos, long systemNanos) {}

    /** One call's running figures. */
    private static final class Figures {
        final String name;
        long calls;
        long errors;
        long total;
        long min = Long.MAX_VALUE;
        long max;

        Figures(String name) {
            this.name = name;
        }
    }

    private final Clock clock;
    private final long overheadNanos;
    private final SyscallSet selection;
    private final SyscallTable table = SyscallTable.x86_64();
    private final Map<Long, Figures> figures = new TreeMap<>();
    private final Map<Integer, Pending> pending = new HashMap<>();

    /** A counter of every call's system time, as {@code strace -c}. */
    public CallCounter() {
        this(Clock.SYSTEM, 0, null);
    }

    /**
     * A counter of the calls {@code selection} names, each timed by {@code clock}.
     *
     * @param clock         what a call's time is
     * @param overheadNanos what is taken off each call's time (strace's {@code -O}), its time
     *                      staying at least 0
     * @param selection     the calls the engine's events are counted for (strace's
     *                      {@code -e trace=}), or null for every call
     */
    public CallCounter(Clock clock, long overheadNanos, SyscallSet selection) {
        if (overheadNanos < 0) {
            throw new IllegalArgumentException("negative overhead " + overheadNanos);
        }
        this.clock = java.util.Objects.requireNonNull(clock, "clock");
        this.overheadNanos = overheadNanos;
        this.selection = selection;
    }

    /**
     * Counts one call that returned.
     *
     * @param number the call's number: calls are told apart, and listed, by it
     * @param name   its name, as the table is to show it
     * @param failed whether it failed
     * @param nanos  the time it took, before the overhead is taken off
     */
    public void add(long number, String name, boolean failed, long nanos) {
        Figures f = figures.computeIfAbsent(number, n -> new Figures(name));
        long t = Math.max(0, nanos - overheadNanos);
        f.calls++;
        if (failed) {
            f.errors++;
        }
        f.total += t;
        f.min = Math.min(f.min, t);
        f.max = Math.max(f.max, t);
    }

    /**
     * Counts one decoded call, by its {@link SyscallEvent#systemNanos()} or, with {@link Clock#WALL},
     * the time between its entry and exit. A call that never returned is not counted.
     *
     * @param call the call
     */
    public void add(SyscallEvent call) {
        if (!call.finished()) {
            return;
        }
        add(call.number(), call.name(), call.isError(),
                clock == Clock.WALL ? call.exitNanos() - call.entryNanos() : call.systemNanos());
    }

    /**
     * A call's entry stop: remembered until its thread's next exit stop, if the call is counted.
     *
     * @param e         the entry
     * @param wallNanos {@link System#nanoTime()} at the entry
     */
    public void entry(TraceEvent.SyscallEntry e, long wallNanos) {
        SyscallDef def = e.arch() == AuditArch.X86_64 ? table.lookup(e.nr()).orElse(null) : null;
        if (def == null || !def.knownToStrace61() || (selection != null && !selection.contains(e.nr()))) {
            pending.remove(e.tid());
            return;
        }
        pending.put(e.tid(), new Pending(def, wallNanos, e.systemTimeNanos()));
    }

    /**
     * A call's exit stop: the call its thread entered last is counted, if it is counted at all.
     *
     * @param x         the exit
     * @param wallNanos {@link System#nanoTime()} at the exit
     */
    public void exit(TraceEvent.SyscallExit x, long wallNanos) {
        Pending p = pending.remove(x.tid());
        if (p == null) {
            return;
        }
        add(p.def().number(), p.def().straceName(), x.isError(), clock == Clock.WALL
                ? wallNanos - p.wallNanos() : x.systemTimeNanos() - p.systemNanos());
    }

    /**
     * Counts from the engine's events: entries and exits at {@link System#nanoTime()}, a call pending
     * in a thread that ends forgotten, and one pending in an execve that moves to the leader's tid
     * moved with it.
     */
    @Override
    public void onEvent(TraceEvent event, Tracee tracee) {
        switch (event) {
            case TraceEvent.SyscallEntry e -> entry(e, System.nanoTime());
            case TraceEvent.SyscallExit x -> exit(x, System.nanoTime());
            case TraceEvent.Exec x when x.formerTid() != x.tid() -> {
                pending.remove(x.tid());
                Pending p = pending.remove(x.formerTid());
                if (p != null) {
                    pending.put(x.tid(), p);
                }
            }
            case TraceEvent.Exited x -> pending.remove(x.tid());
            case TraceEvent.Killed k -> pending.remove(k.tid());
            case TraceEvent.Detached d -> pending.remove(d.tid());
            default -> { }
        }
    }

    /** Whether no call has been counted. */
    public boolean isEmpty() {
        return figures.isEmpty();
    }

    /** What was counted, one entry per call that returned at least once, by ascending number. */
    public List<CallCounts> counts() {
        List<CallCounts> out = new ArrayList<>(figures.size());
        figures.forEach((number, f) -> out.add(new CallCounts(number, f.name, f.calls, f.errors, f.total,
                f.min, f.max)));
        return out;
    }
}
