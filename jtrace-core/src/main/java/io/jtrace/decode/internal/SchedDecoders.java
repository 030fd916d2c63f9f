package io.jtrace.decode.internal;

import io.jtrace.decode.ValueWriter;

import io.jtrace.syscalls.Xlat;

import java.nio.ByteBuffer;

/**
 * Scheduling, interval timers and capabilities, as strace's {@code src/sched.c},
 * {@code src/itimer.c} and {@code src/capability.c} print them; registers {@link PrctlDecoder}.
 */
final class SchedDecoders {
    private static final int CAP_HEADER_SIZE = 8, CAP_DATA_SIZE = 12;
    private static final int CAP_VERSION_1 = 0x19980330, CAP_VERSION_2 = 0x20071026, CAP_VERSION_3 = 0x20080522;
    private static final String[] CAP_SETS = {"effective", "permitted", "inheritable"};

    private SchedDecoders() {}

    static void register(Registry r) {
        r.arg("sched_param", (out, v, call, ctx) -> {
            ByteBuffer b = ctx.readOrAddress(out, v, 4);
            if (b != null) {
                out.beginArray();
                out.integer(b.getInt(0), ValueWriter.Base.DEC);
                out.endArray();
            }
        });
        r.arg("itimerval", (out, v, call, ctx) -> {
            ByteBuffer b = ctx.readOrAddress(out, v, 32);
            if (b != null) {
                out.beginStruct();
                out.field("it_interval");
                TimeDecoders.timeval(out, b, 0);
                out.field("it_value");
                TimeDecoders.timeval(out, b, 16);
                out.endStruct();
            }
        });
        r.arg("cap_header", (out, v, call, ctx) -> {
            ByteBuffer b = ctx.readOrAddress(out, v, CAP_HEADER_SIZE);
            if (b != null) {
                out.beginStruct();
                out.field("version");
                XlatFormat.value(out, Xlat.get("cap_version"), b.getInt(0) & 0xffffffffL);
                out.field("pid");
                PidNames.write(out, b.getInt(4));
                out.endStruct();
            }
        });
        r.arg("cap_data", SchedDecoders::capData);
        r.call("sched_getscheduler", new PolicyResult());
        r.call("personality", new Personality());
        r.call("ioprio_get", new IoprioGet());
        r.call("ioprio_set", (EntryDecoder) (out, call, ctx) -> {
            ioprioWho(out, call, ctx);
            ioprio(out, (int) call.arg(2));
        });
        r.call("prctl", new PrctlDecoder());
    }

    /**
     * The capability sets of capget and capset: as many 32-bit words per set as the header's version
     * has (the header read again now), each set printed as its two words' names.
     */
    private static void capData(ValueWriter out, long address, Call call, DecodeContext ctx) {
        ByteBuffer header = address == 0 ? null : ctx.readStruct(call.arg(0), CAP_HEADER_SIZE);
        int words = header == null ? 0 : switch (header.getInt(0)) {
            case CAP_VERSION_1 -> 1;
            case CAP_VERSION_2, CAP_VERSION_3 -> 2;
            default -> 0;
        };
        if (words == 0) {
            out.pointer(address);
            return;
        }
        ByteBuffer b = ctx.readOrAddress(out, address, words * CAP_DATA_SIZE);
        if (b == null) {
            return;
        }
        out.beginStruct();
        for (int i = 0; i < CAP_SETS.length; i++) {
            out.field(CAP_SETS[i]);
            long low = b.getInt(4 * i) & 0xffffffffL;
            long high = words > 1 ? b.getInt(CAP_DATA_SIZE + 4 * i) & 0xffffffffL : 0;
            if (high == 0) {
                XlatFormat.flags(out, Xlat.get("cap_mask0"), low);
            } else if (low == 0) {
                XlatFormat.flags(out, Xlat.get("cap_mask1"), high);
            } else {
                // Both words of a set are one set of capabilities, whose number is the two together.
                StringBuilder text = new StringBuilder();
                XlatFormat.flags(text, Xlat.get("cap_mask0"), low);
                text.append('|');
                XlatFormat.flags(text, Xlat.get("cap_mask1"), high);
                out.symbol(text.toString(), high << 32 | low);
            }
        }
        out.endStruct();
    }

    /** A result followed by its name, {@code 0 (SCHED_OTHER)}, when it has one. */
    private static void named(ValueWriter out, long rval, String name) {
        out.integer(rval, ValueWriter.Base.DEC);
        if (name != null) {
            out.beginNote("");
            out.symbol(name, rval);
            out.endNote();
        }
    }

    /** sched_getscheduler: the policy it returns followed by its name, {@code = 0 (SCHED_OTHER)}. */
    private static final class PolicyResult implements EntryDecoder {
        @Override
        public void entry(ValueWriter out, Call call, DecodeContext ctx) {
            ctx.pid(out, (int) call.arg(0));
        }

        @Override
        public boolean result(ValueWriter out, Call call, DecodeContext ctx) {
            if (call.isError()) {
                return false;
            }
            named(out, call.rval(), Xlat.get("schedulers").nameOf(call.rval()));
            return true;
        }
    }

    private static final long PER_MASK = 0xff;

    /**
     * personality: the execution domain (the low byte) by name and the flags above it, or
     * 0xffffffff, which asks without changing; the result, the previous personality, in hex with
     * its names.
     */
    private static final class Personality implements EntryDecoder {
        @Override
        public void entry(ValueWriter out, Call call, DecodeContext ctx) {
            long pers = call.arg(0);
            if (pers == 0xffffffffL) {
                out.integer(pers, ValueWriter.Base.HEX);
                return;
            }
            if ((pers & ~PER_MASK) == 0) {
                XlatFormat.value(out, Xlat.get("personality_types"), pers & PER_MASK);
                return;
            }
            // The domain and the flags are one value, as strace prints them.
            StringBuilder text = new StringBuilder();
            XlatFormat.value(text, Xlat.get("personality_types"), pers & PER_MASK);
            text.append('|');
            XlatFormat.flags(text, Xlat.get("personality_flags"), pers & ~PER_MASK);
            out.symbol(text.toString(), pers);
        }

        @Override
        public boolean result(ValueWriter out, Call call, DecodeContext ctx) {
            if (call.isError()) {
                return false;
            }
            long pers = call.rval() & 0xffffffffL;
            out.integer(pers, ValueWriter.Base.HEX);
            out.beginNote("");
            out.symbol(names(pers), pers);
            out.endNote();
            return true;
        }

        /**
         * The previous personality's names, as strace's sprintxval and sprintflags, which follow -X:
         * the domain, then the flags above it when there are any.
         */
        private static String names(long pers) {
            StringBuilder out = new StringBuilder();
            XlatFormat.value(out, Xlat.get("personality_types"), pers & PER_MASK);
            long flags = pers & ~PER_MASK;
            if (flags != 0) {
                out.append('|');
                XlatFormat.flags(out, Xlat.get("personality_flags"), flags);
            }
            return out.toString();
        }
    }

    private static final int IOPRIO_CLASS_SHIFT = 13;

    /** ioprio_get and ioprio_set's which by name, and who. */
    private static void ioprioWho(ValueWriter out, Call call, DecodeContext ctx) {
        XlatFormat.value(out, Xlat.get("ioprio_who"), call.arg(0));
        if ((int) call.arg(0) == IOPRIO_WHO_PROCESS) {
            ctx.pid(out, (int) call.arg(1));
        } else if ((int) call.arg(0) == IOPRIO_WHO_PGRP) {
            PidNames.write(out, (int) call.arg(1), io.jtrace.decode.PidNamespaces.IdType.PGID);
        } else {
            out.integer((int) call.arg(1), ValueWriter.Base.DEC);
        }
    }

    private static final int IOPRIO_WHO_PROCESS = 1, IOPRIO_WHO_PGRP = 2;

    /**
     * ioprio_set's priority: {@code IOPRIO_PRIO_VALUE(class, data)}; under -X raw the number, under
     * -X verbose the number and that form in a comment, one symbol.
     */
    private static void ioprio(ValueWriter out, int ioprio) {
        ioprio(out, ioprio, Integer.toString(ioprio));
    }

    /**
     * A priority as strace's print_ioprio prints it (aio_reqprio): as {@link #ioprio(ValueWriter, int)},
     * the number in hex.
     */
    static void ioprioInHex(ValueWriter out, int ioprio) {
        ioprio(out, ioprio, XlatFormat.hexString(Integer.toUnsignedLong(ioprio)));
    }

    private static void ioprio(ValueWriter out, int ioprio, String number) {
        if (XlatFormat.abbrev()) {
            ioprioValue(out, ioprio);
            return;
        }
        String decoded = ioprio(ioprio); // before styled, which names everything inside it plainly
        out.symbol(XlatFormat.styledText(number, o -> o.append(decoded)), ioprio);
    }

    /** {@code IOPRIO_PRIO_VALUE(class, data)}: the class by name, the data in decimal. */
    private static void ioprioValue(ValueWriter out, int ioprio) {
        int data = ioprio & ((1 << IOPRIO_CLASS_SHIFT) - 1);
        long type = Integer.toUnsignedLong(ioprio) >>> IOPRIO_CLASS_SHIFT;
        out.beginCall("IOPRIO_PRIO_VALUE");
        Xlat classes = Xlat.get("ioprio_class");
        if (classes.nameOf(type) == null) {
            out.integer(type, ValueWriter.Base.HEX);
            out.comment(classes.unknown());
        } else {
            out.symbol(ioprioClass(type), type);
        }
        out.integer(data, ValueWriter.Base.DEC);
        out.endCall();
    }

    /** The text of {@link #ioprioValue}. */
    private static String ioprio(int ioprio) {
        int data = ioprio & ((1 << IOPRIO_CLASS_SHIFT) - 1);
        long type = Integer.toUnsignedLong(ioprio) >>> IOPRIO_CLASS_SHIFT;
        return "IOPRIO_PRIO_VALUE(" + ioprioClass(type) + ", " + data + ")";
    }

    /** strace's sprintxval: the name alone, with its number under -X verbose, the number for no name. */
    private static String ioprioClass(long type) {
        Xlat classes = Xlat.get("ioprio_class");
        String name = classes.nameOf(type);
        String number = type == 0 ? "0" : "0x" + Long.toHexString(type);
        return name == null ? number + " /* " + classes.unknown() + " */"
                : XlatFormat.verbose() ? number + " /* " + name + " */" : name;
    }

    /** ioprio_get: the priority it returns, decoded after it. */
    private static final class IoprioGet implements EntryDecoder {
        @Override
        public void entry(ValueWriter out, Call call, DecodeContext ctx) {
            ioprioWho(out, call, ctx);
        }

        @Override
        public boolean result(ValueWriter out, Call call, DecodeContext ctx) {
            if (call.isError()) {
                return false;
            }
            out.integer(call.rval(), ValueWriter.Base.DEC);
            if (!XlatFormat.raw()) {
                out.beginNote("");
                ioprioValue(out, (int) call.rval());
                out.endNote();
            }
            return true;
        }
    }
}
