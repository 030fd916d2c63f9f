package io.jtrace.examples;

import io.jtrace.decode.DecodeOptions;
import io.jtrace.decode.Decoding;
import io.jtrace.engine.LaunchSpec;
import io.jtrace.engine.TraceEvent;
import io.jtrace.engine.TraceException;
import io.jtrace.engine.Tracer;
import io.jtrace.syscalls.Signals;

/** strace in a page: runs a command and prints its system calls, decoded, as strace prints them. */
public final class Strace {
    public static void main(String[] args) throws InterruptedException {
        if (args.length == 0) {
            System.err.println("usage: examples/run strace COMMAND [ARG]...");
            System.exit(2);
        }
        int[] status = {0};
        var listener = Decoding.listener(DecodeOptions.DEFAULTS, call -> System.err.println(call.toStrace()),
                (event, tracee) -> {
                    switch (event) {
                        case TraceEvent.Exited e -> System.err.println("+++ exited with " + (status[0] = e.code()) + " +++");
                        case TraceEvent.Killed k -> System.err.println("+++ killed by " + Signals.name(k.signal()) + " +++");
                        default -> { }
                    }
                });
        try (Tracer tracer = Tracer.start(new Tracer.Options(false), listener)) {
            tracer.launch(LaunchSpec.command(args));
            tracer.awaitIdle();
        } catch (TraceException e) {
            System.err.println("strace: " + e.getMessage());
            System.exit(1);
        }
        System.exit(status[0]);
    }
}
