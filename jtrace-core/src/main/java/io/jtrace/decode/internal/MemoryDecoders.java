package io.jtrace.decode.internal;

import io.jtrace.decode.Memory;
import io.jtrace.decode.ValueWriter;

import io.jtrace.syscalls.Xlat;

/**
 * Memory: mmap's flags, mremap's optional new address, mincore's page vector, membarrier, and the
 * NUMA policy calls (mbind, set_mempolicy, get_mempolicy) as strace's {@code src/mem.c},
 * {@code src/membarrier.c} and {@code src/numa.c} print them.
 */
final class MemoryDecoders {
    private static final long MAP_TYPE = 0xf;
    private static final int MAP_HUGE_SHIFT = 26;
    private static final long MAP_HUGE_MASK = 0x3fL << MAP_HUGE_SHIFT;
    private static final long MREMAP_MAYMOVE = 1, MREMAP_FIXED = 2;
    private static final long PAGE_SIZE = 4096;
    private static final long MEMBARRIER_CMD_FLAG_CPU = 1;
    /** The mode flags a NUMA policy may carry above its mode. */
    private static final long MPOL_MODE_FLAGS = 0x8000 | 0x4000 | 0x2000;

    private MemoryDecoders() {}

    static void register(Registry r) {
        r.arg("mmap_flags", (out, v, call, ctx) -> mmapFlags(out, v));
        r.call("mremap", (EntryDecoder) MemoryDecoders::mremap);
        r.arg("mincore_vec", MemoryDecoders::mincoreVector);
        r.call("membarrier", new Membarrier());
        r.arg("mpol_mode", (out, v, call, ctx) -> policyMode(out, v));
        r.arg("mpol_mode_int", (out, v, call, ctx) -> policyMode(out, v & 0xffffffffL));
        r.arg("nodemask_arg4", (out, v, call, ctx) -> nodemask(out, v, call.arg(4), call, ctx));
        r.arg("nodemask_arg2", (out, v, call, ctx) -> nodemask(out, v, call.arg(2), call, ctx));
        r.call("get_mempolicy", new GetMempolicy());
        // strace prints mbind's flags as an unsigned int: the upper half of the register is not shown
        r.arg("mbind_flags", (out, v, call, ctx) -> XlatFormat.flags(out, Xlat.get("mbind_flags"), v & 0xffffffffL));
    }

    /** mincore's vector: one byte a page of the range, each shown as its residency bit. */
    private static void mincoreVector(ValueWriter out, long address, Call call, DecodeContext ctx) {
        long length = call.arg(1);
        long pages = Long.divideUnsigned(length, PAGE_SIZE) + ((length & (PAGE_SIZE - 1)) != 0 ? 1 : 0);
        array(out, address, pages, 1, call, ctx, (o, e, i) -> o.integer(e.get(0) & 1, ValueWriter.Base.DEC));
    }

    /**
     * An array as strace's print_array: NULL, {@code []} when empty, the address when it cannot be
     * read (always after a failed call), else its elements up to -s unless -v.
     */
    private static void array(ValueWriter out, long address, long count, int size, Call call, DecodeContext ctx,
                              ArrayPrinter.ElementWriter element) {
        if (address == 0) {
            out.pointer(0);
        } else if (count == 0) {
            out.beginArray();
            out.endArray();
        } else if (call.exited() && call.isError()) {
            out.pointer(address);
        } else {
            ArrayPrinter.write(out, address, count, size, ArrayPrinter.shown(count, ctx), ctx, element);
        }
    }

    /**
     * A node mask of {@code maxNodes} bits: as many longs as hold {@code maxNodes - 1} bits, each
     * in 16 zero-padded hex digits (one symbol a word, whose number is the word); the address when
     * that count is none (one node) or overflows.
     */
    private static void nodemask(ValueWriter out, long address, long maxNodes, Call call, DecodeContext ctx) {
        long words = Long.divideUnsigned(maxNodes + 62, 64);
        if (Long.compareUnsigned(words, Long.divideUnsigned(maxNodes, 64)) < 0 || (maxNodes != 0 && words == 0)) {
            out.pointer(address);
            return;
        }
        array(out, address, words, 8, call, ctx, (o, e, i) -> {
            long word = e.getLong(0);
            String hex = Long.toHexString(word);
            o.symbol("0000000000000000".substring(hex.length()) + hex, word);
        });
    }

    /**
     * A NUMA policy: its mode by name, then its mode flags; with flags, the pair is one composite
     * value under -X; a mode without a name prints as flags.
     */
    private static void policyMode(ValueWriter out, long value) {
        long flags = value & MPOL_MODE_FLAGS;
        long mode = value & ~MPOL_MODE_FLAGS;
        if (flags == 0) {
            XlatFormat.value(out, Xlat.get("mpol_modes"), mode);
            return;
        }
        String name = Xlat.get("mpol_modes").nameOf(mode);
        if (name == null) {
            XlatFormat.flags(out, Xlat.get("mpol_mode_flags"), value);
            return;
        }
        XlatFormat.styled(out, value, XlatFormat.hexString(value), o -> {
            o.append(name).append('|');
            XlatFormat.flags(o, Xlat.get("mpol_mode_flags"), flags);
        });
    }

    /** get_mempolicy: everything at exit, the policy it stored first. */
    private static final class GetMempolicy implements CallDecoder {
        @Override
        public void entry(ValueWriter out, Call call, DecodeContext ctx) {
        }

        @Override
        public void exit(ValueWriter out, Call call, DecodeContext ctx) {
            if (call.isError()) {
                out.pointer(call.arg(0));
            } else {
                java.nio.ByteBuffer b = ctx.readOrAddress(out, call.arg(0), 4);
                if (b != null) {
                    out.beginArray();
                    XlatFormat.value(out, Xlat.get("mpol_modes"), b.getInt(0));
                    out.endArray();
                }
            }
            nodemask(out, call.arg(1), call.arg(2), call, ctx);
            out.integer(call.arg(2), ValueWriter.Base.UDEC);
            out.pointer(call.arg(3));
            XlatFormat.flags(out, Xlat.get("get_mempolicy_flags"), call.arg(4));
        }
    }

    /**
     * membarrier(cmd, flags[, cpu_id]): the CPU only with MEMBARRIER_CMD_FLAG_CPU; a query's result
     * in hex with the commands it names.
     */
    private static final class Membarrier implements EntryDecoder {
        @Override
        public void entry(ValueWriter out, Call call, DecodeContext ctx) {
            XlatFormat.value(out, Xlat.get("membarrier_cmds"), (int) call.arg(0));
            long flags = call.arg(1) & 0xffffffffL;
            XlatFormat.flags(out, Xlat.get("membarrier_flags"), flags);
            if ((flags & MEMBARRIER_CMD_FLAG_CPU) != 0) {
                out.integer((int) call.arg(2), ValueWriter.Base.DEC);
            }
        }

        @Override
        public boolean result(ValueWriter out, Call call, DecodeContext ctx) {
            if ((int) call.arg(0) != 0 || call.isError() || call.rval() == 0) {
                return false;
            }
            out.integer(call.rval(), ValueWriter.Base.HEX);
            out.beginNote("");
            XlatFormat.flags(out, XlatFormat.bare("membarrier_cmds"), call.rval());
            out.endNote();
            return true;
        }
    }

    /**
     * mmap's flags: the mapping type (the low four bits) as one value, then the other flags, then
     * the huge page size as {@code N<<MAP_HUGE_SHIFT}, all one symbol. The argument is an unsigned
     * long: its numeric form has all 64 bits, but strace names only the low 32 (clearing the huge
     * page bits with a 32-bit mask also clears the upper half), and so does this.
     */
    static void mmapFlags(ValueWriter out, long register) {
        long flags = register & 0xffff_ffffL;
        XlatFormat.styled(out, register, XlatFormat.hexString(register), o -> {
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
    private static void mremap(ValueWriter out, Call call, DecodeContext ctx) {
        out.pointer(call.arg(0));
        out.integer(call.arg(1), ValueWriter.Base.UDEC);
        out.integer(call.arg(2), ValueWriter.Base.UDEC);
        XlatFormat.flags(out, Xlat.get("mremap_flags"), call.arg(3));
        if ((call.arg(3) & (MREMAP_MAYMOVE | MREMAP_FIXED)) == (MREMAP_MAYMOVE | MREMAP_FIXED)) {
            out.pointer(call.arg(4));
        }
    }
}
