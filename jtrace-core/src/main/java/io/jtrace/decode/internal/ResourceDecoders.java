package io.jtrace.decode.internal;

import io.jtrace.decode.ValueWriter;

import io.jtrace.syscalls.Xlat;

import java.nio.ByteBuffer;

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
        r.arg("resource", (out, v, call, ctx) -> XlatFormat.value(out, Xlat.get("resources"), v));
        r.arg("rlimit", ResourceDecoders::rlimit);
        r.arg("usage_who", (out, v, call, ctx) -> usageWho(out, v));
        r.arg("rusage", (out, v, call, ctx) -> rusage(out, v, ctx));
        r.arg("utsname", ResourceDecoders::utsname);
        r.arg("sysinfo", ResourceDecoders::sysinfo);
        r.arg("tms", ResourceDecoders::tms);
        r.arg("random_bytes", ResourceDecoders::randomBytes);
    }

    /** getrandom's buffer: the bytes it got, always in hex, shortened to -s. */
    private static void randomBytes(ValueWriter out, long address, Call call, DecodeContext ctx) {
        if (address == 0) {
            out.pointer(0);
            return;
        }
        long length = call.rval();
        int want = (int) Math.min(length, ctx.stringLimit() + 1L);
        ByteBuffer b = want == 0 ? ByteBuffer.allocate(0) : ctx.read(address, want);
        if (b == null) {
            out.unreadable(address);
            return;
        }
        boolean truncated = Long.compareUnsigned(length, ctx.stringLimit()) > 0;
        out.hexString(b.array(), 0, truncated ? ctx.stringLimit() : (int) length, truncated);
    }

    /** struct rlimit64: RLIM64_INFINITY, {@code N*1024} for whole kibibytes above one, else decimal. */
    private static void rlimit(ValueWriter out, long address, Call call, DecodeContext ctx) {
        ByteBuffer b = ctx.readOrAddress(out, address, 16);
        if (b == null) {
            return;
        }
        out.beginStruct();
        out.field("rlim_cur");
        limit(out, b.getLong(0));
        out.field("rlim_max");
        limit(out, b.getLong(8));
        out.endStruct();
    }

    private static void limit(ValueWriter out, long v) {
        String raw = Long.toUnsignedString(v);
        if (v == RLIM64_INFINITY) {
            XlatFormat.styled(out, v, raw, o -> o.append("RLIM64_INFINITY"));
        } else if (Long.compareUnsigned(v, 1024) > 0 && v % 1024 == 0) {
            XlatFormat.styled(out, v, raw, o -> o.append(Long.toUnsignedString(v / 1024)).append("*1024"));
        } else {
            out.integer(v, ValueWriter.Base.UDEC);
        }
    }

    /** @param register the argument as passed, which -X raw prints whole */
    private static void usageWho(ValueWriter out, long register) {
        int who = (int) register;
        String name = Xlat.get("usagewho").nameOf(who);
        if (name != null) {
            XlatFormat.styled(out, register, XlatFormat.hexString(register), o -> o.append(name));
        } else {
            XlatFormat.value(out, Xlat.get("usagewho"), Integer.toUnsignedLong(who));
        }
    }

    /** struct rusage: the two times, and the counters only under -v. */
    static void rusage(ValueWriter out, long address, DecodeContext ctx) {
        ByteBuffer b = ctx.readOrAddress(out, address, 16 * 2 + 8 * RUSAGE_COUNTERS.length);
        if (b == null) {
            return;
        }
        out.beginStruct();
        out.field("ru_utime");
        TimeDecoders.timeval(out, b, 0);
        out.field("ru_stime");
        TimeDecoders.timeval(out, b, 16);
        if (ctx.verbose()) {
            for (int i = 0; i < RUSAGE_COUNTERS.length; i++) {
                out.field(RUSAGE_COUNTERS[i]);
                out.integer(b.getLong(32 + 8 * i), ValueWriter.Base.DEC);
            }
        } else {
            out.elided();
        }
        out.endStruct();
    }

    /** struct utsname: six fields of 65 bytes, which -s does not shorten; the first two only unless -v. */
    private static void utsname(ValueWriter out, long address, Call call, DecodeContext ctx) {
        ByteBuffer b = ctx.readOrAddress(out, address, UTS_FIELD * UTS_NAMES.length);
        if (b == null) {
            return;
        }
        byte[] raw = b.array();
        out.beginStruct();
        for (int i = 0; i < UTS_NAMES.length; i++) {
            if (i == 2 && !ctx.verbose()) {
                out.elided();
                break;
            }
            out.field(UTS_NAMES[i]);
            Quoting.cString(out, raw, UTS_FIELD * i, UTS_FIELD, UTS_FIELD);
        }
        out.endStruct();
    }

    /** struct sysinfo, every field whether -v or not. */
    private static void sysinfo(ValueWriter out, long address, Call call, DecodeContext ctx) {
        ByteBuffer b = ctx.readOrAddress(out, address, 112);
        if (b == null) {
            return;
        }
        out.beginStruct();
        out.field("uptime");
        out.integer(b.getLong(0), ValueWriter.Base.DEC);
        out.field("loads");
        out.beginArray();
        for (int i = 0; i < 3; i++) {
            out.integer(b.getLong(8 + 8 * i), ValueWriter.Base.UDEC);
        }
        out.endArray();
        String[] memory = {"totalram", "freeram", "sharedram", "bufferram", "totalswap", "freeswap"};
        for (int i = 0; i < memory.length; i++) {
            out.field(memory[i]);
            out.integer(b.getLong(32 + 8 * i), ValueWriter.Base.UDEC);
        }
        out.field("procs");
        out.integer(Short.toUnsignedInt(b.getShort(80)), ValueWriter.Base.DEC);
        out.field("totalhigh");
        out.integer(b.getLong(88), ValueWriter.Base.UDEC);
        out.field("freehigh");
        out.integer(b.getLong(96), ValueWriter.Base.UDEC);
        out.field("mem_unit");
        out.integer(Integer.toUnsignedLong(b.getInt(104)), ValueWriter.Base.DEC);
        out.endStruct();
    }

    /** struct tms: four clock_t counts, each with its seconds. */
    private static void tms(ValueWriter out, long address, Call call, DecodeContext ctx) {
        ByteBuffer b = ctx.readOrAddress(out, address, 32);
        if (b == null) {
            return;
        }
        String[] names = {"tms_utime", "tms_stime", "tms_cutime", "tms_cstime"};
        out.beginStruct();
        for (int i = 0; i < names.length; i++) {
            out.field(names[i]);
            SignalFormatter.clockTicks(out, b.getLong(8 * i));
        }
        out.endStruct();
    }
}
