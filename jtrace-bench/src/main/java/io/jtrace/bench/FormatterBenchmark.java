package io.jtrace.bench;

import io.jtrace.decode.HexStyle;
import io.jtrace.decode.TextWriter;

import io.jtrace.decode.Memory;
import io.jtrace.decode.internal.Quoting;
import io.jtrace.decode.SyscallDecoder;
import io.jtrace.syscalls.SyscallDef;
import io.jtrace.syscalls.SyscallTable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * How many trace lines one core formats per second: a mix of the calls a program start makes
 * (openat with a path, read with a buffer, mmap, close, an error), against an in-memory tracee.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FormatterBenchmark {
    private static final long PATH = 0x7f0000001000L;
    private static final long BUFFER = 0x7f0000002000L;
    private static final byte[] MEMORY = new byte[0x3000];

    private final StringBuilder out = new StringBuilder(512);
    private final io.jtrace.decode.TextWriter writer = new io.jtrace.decode.TextWriter(out, HexStyle.NONE);
    private SyscallDecoder formatter;
    private SyscallDef openat;
    private SyscallDef read;
    private SyscallDef mmap;
    private SyscallDef close;
    private final long[] openatArgs = {-100, PATH, 0x80000, 0, 0, 0};
    private final long[] readArgs = {3, BUFFER, 832, 0, 0, 0};
    private final long[] mmapArgs = {0, 8192, 3, 0x22, -1, 0};
    private final long[] closeArgs = {3, 0, 0, 0, 0, 0};

    @Setup
    public void setUp() {
        byte[] path = "/lib/x86_64-linux-gnu/libc.so.6\0".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(path, 0, MEMORY, 0x1000, path.length);
        for (int i = 0; i < 832; i++) {
            MEMORY[0x2000 + i] = (byte) i;
        }
        Memory memory = (address, dst, off, len) -> {
            long at = address - 0x7f0000000000L;
            if (at < 0 || at + len > MEMORY.length) {
                return -14;
            }
            System.arraycopy(MEMORY, (int) at, dst, off, len);
            return len;
        };
        formatter = new SyscallDecoder(io.jtrace.decode.DecodeOptions.DEFAULTS, () -> 0, memory);
        SyscallTable table = SyscallTable.x86_64();
        openat = table.lookup(257).orElseThrow();
        read = table.lookup(0).orElseThrow();
        mmap = table.lookup(9).orElseThrow();
        close = table.lookup(3).orElseThrow();
    }

    private int line(SyscallDef def, long[] args, long rval, boolean isError) {
        out.setLength(0);
        out.append(def.name()).append('(');
        formatter.entry(writer.reset(), def, args);
        formatter.exit(writer.reset(), def, args, rval, isError);
        out.append(") = ");
        formatter.result(writer.reset(), def, args, rval, isError);
        return out.length();
    }

    /** Five lines per invocation; with OperationsPerInvocation the score is lines per second. */
    @Benchmark
    @org.openjdk.jmh.annotations.OperationsPerInvocation(5)
    public int linesOfAProgramStart() {
        return line(openat, openatArgs, 3, false)
                + line(read, readArgs, 832, false)
                + line(mmap, mmapArgs, 0x7f1234560000L, false)
                + line(close, closeArgs, 0, false)
                + line(openat, openatArgs, -2, true);
    }
}
