package io.jtrace.engine;

import io.jtrace.bindings.Kernel;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Traces processes with ptrace. A tracer owns one platform thread that makes every ptrace request,
 * because the kernel binds a tracee to the thread that attached it; its methods may be called from
 * any thread and are carried out there. Events reach the {@link TraceListener} on that thread.
 *
 * <pre>{@code
 * try (Tracer tracer = Tracer.start(new Tracer.Options(true), (event, tracee) -> System.out.println(event))) {
 *     tracer.launch(LaunchSpec.inheriting("/bin/ls", List.of("ls", "/")));
 *     tracer.awaitIdle();
 * }
 * }</pre>
 */
public final class Tracer implements AutoCloseable {
    /**
     * How a tracer traces.
     *
     * @param followForks trace the children and threads the tracees create, as strace -f
     */
    public record Options(boolean followForks) {}

    /** Sent to the tracer thread to make its wait4 return EINTR when a command is queued. */
    static final int WAKEUP_SIGNAL = 23; // SIGURG: ignored by default, unused by the JVM

    private final BlockingQueue<Command<?>> commands = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final Engine engine;
    private final CompletableFuture<Integer> tracerTid = new CompletableFuture<>();

    private Tracer(Options options, TraceListener listener) {
        this.engine = new Engine(options, listener, commands);
        this.thread = Thread.ofPlatform().name("jtrace-tracer").daemon(true).unstarted(this::run);
    }

    /** Starts a tracer with its thread; it traces nothing until {@link #launch} or {@link #attach}. */
    public static Tracer start(Options options, TraceListener listener) {
        Tracer t = new Tracer(options, listener);
        t.thread.start();
        t.tracerTid.join();
        return t;
    }

    private void run() {
        try (Kernel kernel = Kernel.open()) {
            kernel.installWakeupHandler(WAKEUP_SIGNAL);
            tracerTid.complete(kernel.gettid());
            engine.run(kernel);
        } catch (Throwable t) {
            tracerTid.completeExceptionally(t);
            engine.fail(t);
        }
    }

    /**
     * Starts a program under trace. Returns its pid; it is stopped at its execve until events flow.
     *
     * @throws TraceException when the program cannot be started, with strace's words for it:
     *                        {@code Can't stat '/nonexistent': No such file or directory} for a
     *                        file that is not there, {@code exec: Permission denied} for one that
     *                        cannot be executed; or when the launch itself failed
     */
    public int launch(LaunchSpec spec) throws TraceException {
        LaunchSpec.checkExecutable(spec.executable());
        return launchUnchecked(spec);
    }

    /**
     * Starts a program under trace as strace does, without looking at the file first: when it cannot
     * be executed, the listener sees its execve fail, and the process then exits with status 1.
     */
    public int launchUnchecked(LaunchSpec spec) throws TraceException {
        return call(() -> engine.launch(spec, 0));
    }

    /**
     * Runs the program in process {@code pid}, which already exists and waits to be replaced, as
     * strace -D runs it in the process its caller started: the tracer is then not the tracee's
     * parent. The process is seized (it must be one this process may trace), taken over at its next
     * system call wherever it is blocked, given the spec's signal state, stripped of the descriptors
     * the spec does not list (the ones it lists stay where they are; {@link LaunchSpec#cwd()} is not
     * applied) and made to execve the program, as by {@link #launchUnchecked}. Returns {@code pid}.
     */
    public int launchInto(int pid, LaunchSpec spec) throws TraceException {
        return call(() -> engine.launch(spec, pid));
    }

    /**
     * Seizes every thread of process {@code pid}. Returns the tids seized. A process in a group-stop
     * stays stopped. A child of this JVM cannot be attached (TraceException with EPERM): the JDK
     * waits for its children and would take their ptrace stops.
     */
    public List<Integer> attach(int pid) throws TraceException {
        return call(() -> engine.attach(pid, true));
    }

    /** Seizes the one thread {@code tid}, as strace -p without -f does. Returns it in a list. */
    public List<Integer> attachThread(int tid) throws TraceException {
        return call(() -> engine.attach(tid, false));
    }

    /**
     * Stops thread {@code tid} wherever it is; the listener then gets {@link TraceEvent.Interrupted}
     * with the thread stopped, to inspect or change it. The thread runs on when the listener returns.
     */
    public void interrupt(int tid) throws TraceException {
        call(() -> {
            engine.interrupt(tid);
            return null;
        });
    }

    /**
     * As {@link #detachAll()}, then sends process {@code pid}, if it was traced, each of
     * {@code signals} in order; it receives them once let go, not as stops. A process no longer
     * traced is not signalled: its pid may have been reused. This is how strace hands an interrupt
     * on to the program it started.
     */
    public void detachAll(int pid, int... signals) {
        callUnchecked(() -> {
            // The tracees are detached at their next stops, so pid is still traced here.
            engine.detachAll();
            for (int sig : signals) {
                engine.kill(pid, sig);
            }
        });
    }

    /**
     * Lets every tracee go: each is interrupted and detached at its next stop, a pending signal
     * delivered, a stopped process left stopped. Returns at once; {@link #awaitIdle} tells when done.
     */
    public void detachAll() {
        callUnchecked(engine::detachAll);
    }

    /**
     * The PTRACE_O_ options each tracee is seized with ({@code PTRACE_O_EXITKILL} is added for a
     * launched one, {@code PTRACE_O_TRACESECCOMP} for one stopped by a filter), as strace's
     * {@code -d} reports its own.
     */
    public int ptraceOptions() {
        return engine.ptraceOptions();
    }

    /**
     * Blocks until nothing is traced any more: every tracee exited or was detached.
     *
     * @throws TraceFailure when a listener threw (the tracees were all detached because of it) or
     *                      the tracer thread failed
     */
    public void awaitIdle() throws InterruptedException {
        try {
            engine.awaitIdle();
        } catch (TraceFailure f) {
            failureThrown = true;
            throw f;
        }
    }

    /** {@link #awaitIdle} has thrown the failure: {@link #close} need not again. */
    private volatile boolean failureThrown;

    /** What made tracing end early (a listener's exception, or the engine's), or null. */
    public Throwable failure() {
        return engine.failure();
    }

    /**
     * Lets every tracee go (as {@link #detachAll()}), waits until they are, and stops the tracer
     * thread.
     *
     * @throws TraceFailure when tracing ended early and {@link #awaitIdle} has not said so yet
     */
    @Override
    public void close() throws InterruptedException {
        if (!thread.isAlive()) {
            return;
        }
        detachAll();
        try {
            engine.awaitIdle();
        } catch (TraceFailure f) {
            if (!failureThrown) {
                throw f;
            }
        } finally {
            callUnchecked(engine::shutdown);
            thread.join(1000);
        }
    }

    /** Runs {@code body}, which cannot fail with a TraceException, on the tracer thread. */
    private void callUnchecked(Runnable body) {
        try {
            call(() -> {
                body.run();
                return null;
            });
        } catch (TraceException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T call(Callable<T> body) throws TraceException {
        if (Thread.currentThread() == thread) {
            try {
                return body.call();
            } catch (TraceException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        Command<T> c = new Command<>(body);
        commands.add(c);
        while (true) {
            ring();
            try {
                return c.result.get(20, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (!thread.isAlive()) {
                    throw new IllegalStateException("the tracer thread has stopped", engine.failure());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the tracer", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof TraceException te) {
                    throw te;
                }
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    /**
     * Wakes the tracer thread if it is blocked in wait4. A signal sent just before the thread blocks
     * is lost, so callers ring until their command is taken.
     */
    private void ring() {
        if (Thread.currentThread() == thread) {
            return;
        }
        try (Kernel k = Kernel.open()) {
            k.tgkill(k.getpid(), tracerTid.join(), WAKEUP_SIGNAL);
        }
    }

    /** A unit of work for the tracer thread. */
    static final class Command<T> {
        final Callable<T> body;
        final CompletableFuture<T> result = new CompletableFuture<>();

        Command(Callable<T> body) {
            this.body = body;
        }

        void run() {
            try {
                result.complete(body.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }
    }
}
