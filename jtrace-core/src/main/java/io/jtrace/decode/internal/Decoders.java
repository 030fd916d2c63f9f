package io.jtrace.decode.internal;

import io.jtrace.syscalls.ArgKind;
import io.jtrace.syscalls.SyscallDef;
import io.jtrace.syscalls.SyscallTable;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every decoder: argument decoders (named by {@code in:} and {@code out:} kinds in the syscall
 * table) and whole-call decoders (by syscall name), one class per family, as strace keeps one
 * source file per family. Looked up by syscall number, resolved once when the table is loaded.
 */
public final class Decoders {
    private static final Map<String, ArgDecoder> ARGS = new HashMap<>();
    private static final Map<String, CallDecoder> CALLS = new HashMap<>();
    /** By syscall number: the whole-call decoder, or null. */
    private static final CallDecoder[] CALL_BY_NR;
    /** By syscall number: each argument's decoder, or null; null for a call without any. */
    private static final ArgDecoder[][] ARGS_BY_NR;

    static {
        Registry r = new Registry(ARGS, CALLS);
        for (Runnable family : List.<Runnable>of(
                () -> FileDecoders.register(r), () -> FsDecoders.register(r), () -> VectorDecoders.register(r),
                () -> MemoryDecoders.register(r), () -> StatDecoders.register(r), () -> FcntlDecoders.register(r),
                () -> IoctlDecoders.register(r), () -> ProcessDecoders.register(r), () -> SignalDecoders.register(r),
                () -> TimeDecoders.register(r), () -> ResourceDecoders.register(r), () -> NetDecoders.register(r),
                () -> PollDecoders.register(r), () -> DescriptorDecoders.register(r), () -> MsgDecoders.register(r),
                () -> SchedDecoders.register(r), () -> IpcDecoders.register(r), () -> AioDecoders.register(r),
                () -> IoUringDecoders.register(r), () -> KeyDecoders.register(r))) {
            family.run();
        }
        List<SyscallDef> all = SyscallTable.x86_64().all();
        int max = 0;
        for (SyscallDef d : all) {
            max = Math.max(max, (int) d.number());
        }
        CALL_BY_NR = new CallDecoder[max + 1];
        ARGS_BY_NR = new ArgDecoder[max + 1][];
        for (SyscallDef d : all) {
            int nr = (int) d.number();
            CALL_BY_NR[nr] = CALLS.get(d.name());
            ArgDecoder[] byArg = null;
            for (int i = 0; i < d.nargs(); i++) {
                String name = switch (d.args().get(i)) {
                    case ArgKind.In in -> in.decoder();
                    case ArgKind.Out o -> o.decoder();
                    default -> null;
                };
                if (name != null && ARGS.get(name) != null) {
                    if (byArg == null) {
                        byArg = new ArgDecoder[d.nargs()];
                    }
                    byArg[i] = ARGS.get(name);
                }
            }
            ARGS_BY_NR[nr] = byArg;
        }
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

    /** The whole-call decoder of {@code def}, or null. */
    public static CallDecoder call(SyscallDef def) {
        int nr = (int) def.number();
        return nr >= 0 && nr < CALL_BY_NR.length ? CALL_BY_NR[nr] : null;
    }

    /** The decoder of argument {@code i} of {@code def}, or null. */
    public static ArgDecoder arg(SyscallDef def, int i) {
        int nr = (int) def.number();
        ArgDecoder[] byArg = nr >= 0 && nr < ARGS_BY_NR.length ? ARGS_BY_NR[nr] : null;
        return byArg == null ? null : byArg[i];
    }
}
