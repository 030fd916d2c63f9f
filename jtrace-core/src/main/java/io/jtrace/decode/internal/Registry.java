package io.jtrace.decode.internal;

import java.util.Map;

/**
 * Where each family of decoders registers its own: argument decoders by the name the syscall table
 * gives them, whole-call decoders by syscall name.
 */
final class Registry {
    private final Map<String, ArgDecoder> args;
    private final Map<String, CallDecoder> calls;

    Registry(Map<String, ArgDecoder> args, Map<String, CallDecoder> calls) {
        this.args = args;
        this.calls = calls;
    }

    void arg(String name, ArgDecoder d) {
        if (args.putIfAbsent(name, d) != null) {
            throw new IllegalStateException("two decoders named " + name);
        }
    }

    void call(String name, CallDecoder d) {
        if (calls.putIfAbsent(name, d) != null) {
            throw new IllegalStateException("two decoders of " + name);
        }
    }
}
