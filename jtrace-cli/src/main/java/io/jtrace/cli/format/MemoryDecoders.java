package io.jtrace.cli.format;

import io.jtrace.syscalls.Xlat;

import java.util.Map;

/** Memory: mmap's flags and mremap's optional new address. */
final class MemoryDecoders {
    private static final long MAP_TYPE = 0xf;
    private static final int MAP_HUGE_SHIFT = 26;
    private static final long MAP_HUGE_MASK = 0x3fL << MAP_HUGE_SHIFT;
    private static final long MREMAP_MAYMOVE = 1, MREMAP_FIXED = 2;

    private MemoryDecoders() {}

    static void register(Map<String, ArgDecoder> args, Map<String, CallDecoder> calls) {
        args.put("mmap_flags", (out, v, call, ctx) -> mmapFlags(out, v));
        calls.put("mremap", (EntryDecoder) MemoryDecoders::mremap);
    }

    /**
     * mmap's flags: the mapping type (the low four bits) as one value, then the other flags, then
     * the huge page size as {@code N<<MAP_HUGE_SHIFT}. The argument is an unsigned long: its numeric
     * form has all 64 bits, but strace names only the low 32 (clearing the huge page bits with a
     * 32-bit mask also clears the upper half), and so does this.
     */
    static void mmapFlags(StringBuilder out, long register) {
        long flags = register & 0xffff_ffffL;
        XlatFormat.styled(out, register == 0 ? "0" : "0x" + Long.toHexString(register), o -> {
            XlatFormat.value(o, Xlat.get("mmap_flags"), flags & MAP_TYPE);
            long others = flags & ~MAP_TYPE & ~MAP_HUGE_MASK;
            if (others != 0) {
                o.append('|');
                XlatFormat.flags(o, XlatFormat.bare("mmap_flags"), others);
            }
            long huge = (flags & MAP_HUGE_MASK) >>> MAP_HUGE_SHIFT;
            if (huge != 0) {
                o.append('|').append(huge).append("<<MAP_HUGE_SHIFT");
            }
        });
    }

    /** mremap: the new address only when MREMAP_MAYMOVE|MREMAP_FIXED ask for one. */
    private static void mremap(StringBuilder out, Call call, DecodeContext ctx) {
        DecodeContext.address(out, call.arg(0));
        out.append(", ").append(Long.toUnsignedString(call.arg(1)));
        out.append(", ").append(Long.toUnsignedString(call.arg(2))).append(", ");
        XlatFormat.flags(out, Xlat.get("mremap_flags"), call.arg(3));
        if ((call.arg(3) & (MREMAP_MAYMOVE | MREMAP_FIXED)) == (MREMAP_MAYMOVE | MREMAP_FIXED)) {
            out.append(", ");
            DecodeContext.address(out, call.arg(4));
        }
    }
}
