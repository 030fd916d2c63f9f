package io.jtrace.cli.format;

import java.util.Map;

/** Processes, signals, time and resources: clone, wait4, rt_sigaction, prlimit64 and their kin. */
final class ProcessDecoders {
    private ProcessDecoders() {}

    static void register(Map<String, ArgDecoder> args, Map<String, CallDecoder> calls) {
    }
}
