package io.jtrace.cli.format;

import java.util.HashMap;
import java.util.Map;

/**
 * Every decoder by name: argument decoders (named by {@code in:} and {@code out:} kinds in the
 * syscall table) and whole-call decoders (by syscall name). Each family of calls registers its own,
 * one class per family, as strace keeps one source file per family.
 */
public final class Decoders {
    private static final Map<String, ArgDecoder> ARGS = new HashMap<>();
    private static final Map<String, CallDecoder> CALLS = new HashMap<>();

    static {
        FileDecoders.register(ARGS, CALLS);
        ProcessDecoders.register(ARGS, CALLS);
        IpcDecoders.register(ARGS, CALLS);
    }

    private Decoders() {}

    /** The argument decoder {@code name}, or null. */
    public static ArgDecoder arg(String name) {
        return ARGS.get(name);
    }

    /** The whole-call decoder of syscall {@code name}, or null. */
    public static CallDecoder call(String name) {
        return CALLS.get(name);
    }
}
