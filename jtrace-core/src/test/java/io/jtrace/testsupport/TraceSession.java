package io.jtrace.testsupport;

import io.jtrace.bindings.Kernel;
import io.jtrace.engine.LaunchSpec;
import io.jtrace.engine.TraceException;
import io.jtrace.engine.Tracer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A tracer with a {@link Recorder}, used as a library user would, with every wait bounded: an engine
 * bug makes the test fail with the trace so far, never hang the build. Closing kills whatever the
 * test left traced.
 */
public final class TraceSession implements AutoCloseable {
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    public final Recorder recorder = new Recorder();
    public final Tracer tracer;

    private TraceSession(boolean follow) {
        this.tracer = Tracer.start(new Tracer.Options(follow), recorder);
    }

    /** Starts a tracer; skips the test (fails in CI) when ptrace is not allowed here. */
    public static TraceSession start(boolean follow) {
        Requirements.ptrace();
        return new TraceSession(follow);
    }

    public int launch(LaunchSpec spec) throws TraceException {
        return tracer.launch(spec);
    }

    /** Launches fixture {@code name} with {@code args}, inheriting this process's environment and stdio. */
    public int launchFixture(String name, String... args) throws TraceException {
        String path = Fixtures.path(name).toString();
        List<String> argv = new ArrayList<>();
        argv.add(name);
        argv.addAll(List.of(args));
        return tracer.launch(LaunchSpec.inheriting(path, argv));
    }

    /**
     * Waits on this thread until nothing is traced. After {@code timeout} a watchdog kills every
     * process still traced and interrupts the wait, and the test fails with the trace.
     */
    public void awaitIdle(Duration timeout) {
        Thread waiter = Thread.currentThread();
        AtomicBoolean fired = new AtomicBoolean();
        Thread watchdog = Thread.ofPlatform().daemon().name("jtrace-test-watchdog").start(() -> {
            try {
                Thread.sleep(timeout);
            } catch (InterruptedException e) {
                return;
            }
            fired.set(true);
            killLive();
            waiter.interrupt();
        });
        boolean interrupted = false;
        try {
            tracer.awaitIdle();
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            watchdog.interrupt();
            try {
                watchdog.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
            Thread.interrupted();
        }
        if (fired.get() || interrupted) {
            fail("the tracer was not idle after " + timeout + " (still traced: " + recorder.livePids()
                    + ", failure: " + tracer.failure() + "); events:\n" + recorder.dump());
        }
    }

    /** Asserts that neither the engine nor a test reaction failed. */
    public void assertNoFailure() {
        assertNull(tracer.failure(), () -> "engine failure: " + tracer.failure());
        assertNull(recorder.reactionFailure(), () -> "reaction failed: " + recorder.reactionFailure());
    }

    private void killLive() {
        try (Kernel k = Kernel.open()) {
            for (int pid : recorder.livePids()) {
                if (pid > 0) {
                    k.kill(pid, Kill.SIGKILL);
                }
            }
        }
    }

    @Override
    public void close() {
        killLive();
        Thread closer = Thread.ofPlatform().daemon().name("jtrace-test-close").start(() -> {
            try {
                tracer.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            closer.join(CLOSE_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closer.isAlive()) {
            fail("Tracer.close() did not return within " + CLOSE_TIMEOUT + "; events:\n" + recorder.dump());
        }
    }
}
