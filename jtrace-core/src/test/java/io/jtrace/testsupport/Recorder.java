package io.jtrace.testsupport;

import io.jtrace.engine.TraceEvent;
import io.jtrace.engine.TraceListener;
import io.jtrace.engine.Tracee;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A listener that keeps every event, in order. Events arrive on the tracer thread; tests read them
 * from theirs, so every access is under the recorder's lock. A test may add a reaction, which runs
 * on the tracer thread while the tracee is stopped, as a user's listener would.
 */
public final class Recorder implements TraceListener {
    private final List<TraceEvent> events = new ArrayList<>();
    private volatile BiConsumer<TraceEvent, Tracee> reaction = (e, t) -> {};
    private volatile Throwable reactionFailure;

    /** Runs {@code r} for each later event, on the tracer thread. */
    public void react(BiConsumer<TraceEvent, Tracee> r) {
        reaction = r;
    }

    @Override
    public void onEvent(TraceEvent event, Tracee tracee) {
        synchronized (this) {
            events.add(event);
            notifyAll();
        }
        try {
            reaction.accept(event, tracee);
        } catch (Throwable t) {
            reactionFailure = t;
        }
    }

    /** An assertion that failed inside a reaction, or null. */
    public Throwable reactionFailure() {
        return reactionFailure;
    }

    public synchronized List<TraceEvent> events() {
        return List.copyOf(events);
    }

    public <T extends TraceEvent> List<T> events(Class<T> type) {
        return events().stream().filter(type::isInstance).map(type::cast).toList();
    }

    public List<TraceEvent> eventsOf(int tid) {
        return events().stream().filter(e -> e.tid() == tid).toList();
    }

    /** Waits for the first event, from the start of the trace, that matches; fails after {@code timeout}. */
    public TraceEvent await(Predicate<TraceEvent> match, Duration timeout, String what) throws InterruptedException {
        return awaitAfter(null, match, timeout, what);
    }

    /** As {@link #await}, looking only at events recorded after {@code earlier} (null: all). */
    public TraceEvent awaitAfter(TraceEvent earlier, Predicate<TraceEvent> match, Duration timeout, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            int from = 0;
            if (earlier != null) {
                while (events.get(from) != earlier) {
                    from++;
                }
                from++;
            }
            while (true) {
                for (int i = from; i < events.size(); i++) {
                    if (match.test(events.get(i))) {
                        return events.get(i);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no " + what + " within " + timeout + "; events:\n" + dumpLocked());
                }
                wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /** The thread group ids of threads that have no terminal event (Exited, Killed, Detached) yet. */
    public synchronized List<Integer> livePids() {
        List<Integer> live = new ArrayList<>();
        List<Integer> ended = new ArrayList<>();
        for (int i = events.size() - 1; i >= 0; i--) {
            TraceEvent e = events.get(i);
            if (isTerminal(e)) {
                ended.add(e.tid());
            } else if (!ended.contains(e.tid()) && !live.contains(e.pid())) {
                live.add(e.pid());
            }
        }
        return live;
    }

    public static boolean isTerminal(TraceEvent e) {
        return e instanceof TraceEvent.Exited || e instanceof TraceEvent.Killed || e instanceof TraceEvent.Detached;
    }

    /** The events, one a line, for failure messages (long traces are cut in the middle). */
    public synchronized String dump() {
        return dumpLocked();
    }

    private String dumpLocked() {
        List<String> lines = events.stream().map(Recorder::describe).collect(Collectors.toList());
        if (lines.size() > 400) {
            int n = lines.size();
            List<String> cut = new ArrayList<>(lines.subList(0, 200));
            cut.add("... " + (n - 400) + " events left out ...");
            cut.addAll(lines.subList(n - 200, n));
            lines = cut;
        }
        return String.join("\n", lines);
    }

    private static String describe(TraceEvent e) {
        return switch (e) {
            case TraceEvent.SyscallEntry s -> "SyscallEntry[tid=" + s.tid() + ", pid=" + s.pid() + ", nr=" + s.nr() + "]";
            case TraceEvent.SyscallExit s -> "SyscallExit[tid=" + s.tid() + ", pid=" + s.pid() + ", nr=" + s.nr()
                    + ", rval=" + s.rval() + (s.isError() ? " (error)" : "") + "]";
            default -> e.toString();
        };
    }
}
