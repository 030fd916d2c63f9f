package io.jtrace.engine;

import io.jtrace.bindings.ErrnoException;
import io.jtrace.bindings.Kernel;
import io.jtrace.abi.Registers;

/**
 * The thread an event is about, while it is stopped. One instance is reused for every event; it is
 * valid only inside {@link TraceListener#onEvent} and refuses to act once the thread has been resumed.
 */
public final class Tracee {
    private final Kernel kernel;
    private ThreadState thread;
    private boolean stopped;

    Tracee(Kernel kernel) {
        this.kernel = kernel;
    }

    void bind(ThreadState thread, boolean stopped) {
        this.thread = thread;
        this.stopped = stopped;
    }

    void unbind() {
        this.thread = null;
        this.stopped = false;
    }

    /** The thread's id. */
    public int tid() {
        return thread.tid;
    }

    /** The id of the thread's process (its thread group). */
    public int pid() {
        return thread.process.pid;
    }

    /** Whether the thread is stopped and can be read, changed and steered now. */
    public boolean isStopped() {
        return stopped;
    }

    /** How many threads of this thread's process are traced now. */
    public int tracedThreads() {
        return thread.process.threads.size();
    }

    /** Whether jtrace started this process (rather than attaching to it). */
    public boolean isLaunched() {
        return thread.process.launched;
    }

    private void requireStopped() {
        if (!stopped) {
            throw new IllegalStateException("thread " + (thread == null ? "?" : thread.tid) + " is not stopped");
        }
    }

    /**
     * Reads the tracee's memory into {@code dst}: the count read, short when the range runs into an
     * unmapped page, or -errno when nothing could be read.
     */
    public long read(long address, byte[] dst, int off, int len) {
        requireStopped();
        return kernel.readMemory(thread.tid, address, dst, off, len);
    }

    /** Writes the tracee's memory; the same contract as {@link #read}. */
    public long write(long address, byte[] src, int off, int len) {
        requireStopped();
        return kernel.writeMemory(thread.tid, address, src, off, len);
    }

    /** The thread's registers, read with PTRACE_GETREGS. */
    public Registers registers() {
        requireStopped();
        Registers r = new Registers();
        ErrnoException.check("ptrace(PTRACE_GETREGS)", kernel.getRegisters(thread.tid, r));
        return r;
    }

    /** Sets the thread's registers with PTRACE_SETREGS; they take effect when it resumes. */
    public void setRegisters(Registers registers) {
        requireStopped();
        ErrnoException.check("ptrace(PTRACE_SETREGS)", kernel.setRegisters(thread.tid, registers));
    }

    /** At a signal-delivery stop: do not deliver the signal. */
    public void suppressSignal() {
        requireStopped();
        thread.resumeSignal = 0;
    }

    /** At a signal-delivery stop: deliver {@code signal} instead. */
    public void replaceSignal(int signal) {
        requireStopped();
        thread.resumeSignal = signal;
    }

    /**
     * Let the thread go untraced when the listener returns. A process carrying a launch's seccomp
     * filter ({@link LaunchSpec#stoppingAt}) cannot run untraced: it is killed instead.
     */
    public void detach() {
        requireStopped();
        thread.detachRequested = true;
    }
}
