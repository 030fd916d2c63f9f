/**
 * jtrace: tracing Linux processes from Java with ptrace, and decoding their system calls as strace
 * does. Start with {@link io.jtrace.engine.Tracer} and {@link io.jtrace.decode.Decoding}.
 *
 * <p>The bindings to the kernel ({@code io.jtrace.bindings}, java.lang.foreign) and the decoders
 * themselves are internal; what is exported is the API.
 */
module io.jtrace {
    exports io.jtrace.engine;
    exports io.jtrace.decode;
    exports io.jtrace.syscalls;
    exports io.jtrace.abi;
    exports io.jtrace.stats;
}
