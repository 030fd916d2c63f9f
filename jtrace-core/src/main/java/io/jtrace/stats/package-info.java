/**
 * Call statistics, as strace 6.1's {@code -c} keeps and prints them.
 *
 * <p>A {@link io.jtrace.stats.CallCounter} counts, per system call, how often it returned, how often
 * it failed, and the total, shortest and longest time it took: the system CPU time its process used
 * between the call's entry and exit stops (strace's default), or the wall-clock time between them
 * (strace's {@code -w}). It is fed with the engine's events (it is a
 * {@link io.jtrace.engine.TraceListener} itself) or with decoded
 * {@link io.jtrace.decode.SyscallEvent}s. {@link io.jtrace.stats.SummaryTable} prints what it
 * counted in the layout of strace's summary table, with the columns of
 * {@link io.jtrace.stats.Column} in any order and sorted by any of them.
 *
 * <pre>{@code
 * CallCounter counter = new CallCounter();
 * try (Tracer tracer = Tracer.start(new Tracer.Options(true), counter)) {
 *     tracer.launch(LaunchSpec.command("ls", "/"));
 *     tracer.awaitIdle();
 * }
 * System.err.print(SummaryTable.render(counter.counts(), Column.DEFAULTS, Column.TIME_PERCENT));
 * }</pre>
 */
package io.jtrace.stats;
