/**
 * Tracing processes with ptrace: launch or attach, then receive every stop as an event.
 *
 * <h2>The stop model</h2>
 * <p>A traced thread runs freely until the kernel stops it for its tracer: when it enters or
 * leaves a system call, when a signal is about to be delivered to it, when it forks, clones,
 * execs or exits, when a stop signal puts it in a group-stop, or when the tracer interrupts it.
 * Only the stopped thread waits; the other threads of its process run on unless they are stopped
 * too.
 *
 * <p>A {@link io.jtrace.engine.Tracer} owns one platform thread, which makes every ptrace request
 * (the kernel binds a tracee to the thread that attached it). For each stop it calls the
 * {@link io.jtrace.engine.TraceListener} with a {@link io.jtrace.engine.TraceEvent} and a
 * {@link io.jtrace.engine.Tracee} for the stopped thread. While the listener runs, the thread stays
 * stopped, and the listener may read and write its memory and registers, suppress or replace the
 * signal about to be delivered, or detach it. When the listener returns, the thread is resumed:
 * to its next system call stop, with the signal it was stopped for unless the listener changed
 * that. Events of threads that are already gone ({@code Exited}, {@code Killed},
 * {@code Detached}) come with a Tracee that refuses to act.
 *
 * <p>Every stop costs two context switches and a few system calls, so a listener should be quick:
 * heavy work belongs on another thread, fed with copies of what the listener read.
 *
 * <h2>Ending</h2>
 * <p>{@link io.jtrace.engine.Tracer#awaitIdle()} returns when nothing is traced any more.
 * {@link io.jtrace.engine.Tracer#detachAll()} lets every tracee go as if it had never been
 * traced (a stopped process stays stopped). A listener that throws ends tracing: every tracee is
 * detached and {@code awaitIdle} throws {@link io.jtrace.engine.TraceFailure} with the exception.
 * Closing the tracer detaches whatever is left. Processes the tracer launched are killed by the
 * kernel if the tracer's process dies while they are traced.
 *
 * <h2>Decoded system calls</h2>
 * <p>{@link io.jtrace.decode.Decoding#listener} turns the entry and exit stops of each call into one
 * {@link io.jtrace.decode.SyscallEvent} with its arguments decoded as strace decodes them.
 */
package io.jtrace.engine;
