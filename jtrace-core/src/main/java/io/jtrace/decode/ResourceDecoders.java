package io.jtrace.decode;

import io.jtrace.syscalls.Xlat;

import java.nio.ByteBuffer;
import java.util.Map;

/**
 * Limits, usage and system information, as strace's {@code src/resource.c}, {@code src/uname.c},
 * {@code src/sysinfo.c} and {@code src/times.c} print them.
 */
final class ResourceDecoders {
    private static final long RLIM64_INFINITY = -1;
    private static final int UTS_FIELD = 65;
    private static final String[] UTS_NAMES = {"sysname", "nodename", "release", "version", "machine", "domainname"};
    private static final String[] RUSAGE_COUNTERS = {"ru_maxrss", "ru_ixrss", "ru_idrss", "ru_isrss", "ru_minflt",
            "ru_majflt", "ru_nswap", "ru_inblock", "ru_oublock", "ru_msgsnd", "ru_msgrcv", "ru_nsignals", "ru_nvcsw",
            "ru_nivcsw"};

    private ResourceDecoders() {}

    static void register(Registry r) {
        r.textArg("resource", (out, v, call, ctx) -> XlatFormat.value(out, Xlat.get("resources"), v));
        r.textArg("rlimit", ResourceDecoders::rlimit);
        r.textArg("usage_who", (out, v, call, ctx) -> usageWho(out, v));
        r.textArg("rusage", (out, v, call, ctx) -> rusage(out, v, ctx));
        r.textArg("utsname", ResourceDecoders::utsname);
        r.textArg("sysinfo", ResourceDecoders::sysinfo);
        r.textArg("tms", ResourceDecoders::tms);
        r.textArg("random_bytes", ResourceDecoders::randomBytes);
    }

    /** getrandom's buffer: the bytes it got, always in hex, shortened to -s. */
    private static void randomBytes(StringBuilder out, long address, Call call, DecodeContext ctx) {
        if (address == 0) {
            out.append("NULL");
            return;
        }
        long length = call.rval();
        int want = (int) Math.min(length, ctx.stringLimit() + 1L);
        ByteBuffer b = want == 0 ? ByteBuffer.allocate(0) : ctx.read(address, want);
        if (b == null) {
            DecodeContext.address(out, address);
        } else {
            Quoting.quoteBuffer(out, b.array(), 0, length, ctx.stringLimit(), Quoting.HexStyle.ALL);
        }
    }

    /** struct rlimit64: RLIM64_INFINITY, {@code N*1024} for whole kibibytes above one, else decimal. */
    private static void rlimit(StringBuilder out, long address, Call call, DecodeContext ctx) {
        ByteBuffer b = ProcessDecoders.readOrAddress(out, ctx, address, 16);
        if (b == null) {
            return;
        }
        out.append("{rlim_cur=");
        limit(out, b.getLong(0));
        out.append(", rlim_max=");
        limit(out, b.getLong(8));
        out.append('}');
    }

    private static void limit(StringBuilder out, long v) {
        String raw = Long.toUnsignedString(v);
        if (v == RLIM64_INFINITY) {
            XlatFormat.styled(out, raw, o -> o.append("RLIM64_INFINITY"));
        } else if (Long.compareUnsigned(v, 1024) > 0 && v % 1024 == 0) {
            XlatFormat.styled(out, raw, o -> o.append(Long.toUnsignedString(v / 1024)).append("*1024"));
        } else {
            out.append(raw);
        }
    }

    /** @param register the argument as passed, which -X raw prints whole */
    private static void usageWho(StringBuilder out, long register) {
        int who = (int) register;
        String name = Xlat.get("usagewho").nameOf(who);
        if (name != null) {
            XlatFormat.styled(out, XlatFormat.hexString(register), o -> o.append(name));
        } else {
            XlatFormat.value(out, Xlat.get("usagewho"), Integer.toUnsignedLong(who));
        }
    }

    /** struct rusage: the two times, and the counters only under -v. */
    static void rusage(StringBuilder out, long address, DecodeContext ctx) {
        ByteBuffer b = ProcessDecoders.readOrAddress(out, ctx, address, 16 * 2 + 8 * RUSAGE_COUNTERS.length);
        if (b == null) {
            return;
        }
        out.append("{ru_utime=");
        TimeDecoders.timeval(out, b, 0);
        out.append(", ru_stime=");
        TimeDecoders.timeval(out, b, 16);
        if (ctx.verbose()) {
            for (int i = 0; i < RUSAGE_COUNTERS.length; i++) {
                out.append(", ").append(RUSAGE_COUNTERS[i]).append('=').append(b.getLong(32 + 8 * i));
            }
        } else {
            out.append(", ...");
        }
        out.append('}');
    }

    /** struct utsname: six fields of 65 bytes, which -s does not shorten; the first two only unless -v. */
    private static void utsname(StringBuilder out, long address, Call call, DecodeContext ctx) {
        ByteBuffer b = ProcessDecoders.readOrAddress(out, ctx, address, UTS_FIELD * UTS_NAMES.length);
        if (b == null) {
            return;
        }
        byte[] raw = b.array();
        out.append('{');
        for (int i = 0; i < UTS_NAMES.length; i++) {
            if (i > 0) {
                out.append(", ");
            }
            if (i == 2 && !ctx.verbose()) {
                out.append("...");
                break;
            }
            out.append(UTS_NAMES[i]).append('=');
            Quoting.quoteCString(out, raw, UTS_FIELD * i, UTS_FIELD, UTS_FIELD, ctx.hex());
        }
        out.append('}');
    }

    /** struct sysinfo, every field whether -v or not. */
    private static void sysinfo(StringBuilder out, long address, Call call, DecodeContext ctx) {
        ByteBuffer b = ProcessDecoders.readOrAddress(out, ctx, address, 112);
        if (b == null) {
            return;
        }
        out.append("{uptime=").append(b.getLong(0)).append(", loads=[")
                .append(Long.toUnsignedString(b.getLong(8))).append(", ")
                .append(Long.toUnsignedString(b.getLong(16))).append(", ")
                .append(Long.toUnsignedString(b.getLong(24))).append(']');
        String[] memory = {"totalram", "freeram", "sharedram", "bufferram", "totalswap", "freeswap"};
        for (int i = 0; i < memory.length; i++) {
            out.append(", ").append(memory[i]).append('=').append(Long.toUnsignedString(b.getLong(32 + 8 * i)));
        }
        out.append(", procs=").append(Short.toUnsignedInt(b.getShort(80)))
                .append(", totalhigh=").append(Long.toUnsignedString(b.getLong(88)))
                .append(", freehigh=").append(Long.toUnsignedString(b.getLong(96)))
                .append(", mem_unit=").append(Integer.toUnsignedString(b.getInt(104))).append('}');
    }

    /** struct tms: four clock_t counts, each with its seconds. */
    private static void tms(StringBuilder out, long address, Call call, DecodeContext ctx) {
        ByteBuffer b = ProcessDecoders.readOrAddress(out, ctx, address, 32);
        if (b == null) {
            return;
        }
        String[] names = {"tms_utime", "tms_stime", "tms_cutime", "tms_cstime"};
        out.append('{');
        for (int i = 0; i < names.length; i++) {
            out.append(i > 0 ? ", " : "").append(names[i]).append('=');
            SignalFormatter.clockTicks(out, b.getLong(8 * i));
        }
        out.append('}');
    }
}
