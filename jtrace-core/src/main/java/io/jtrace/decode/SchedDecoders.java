package io.jtrace.decode;

import io.jtrace.syscalls.Xlat;

import java.nio.ByteBuffer;
import java.util.Map;

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
        r.textArg("sched_param", (out, v, call, ctx) -> {
            ByteBuffer b = ProcessDecoders.readOrAddress(out, ctx, v, 4);
            if (b != null) {
                out.append('[').append(b.getInt(0)).append(']');
            }
        });
        r.textArg("itimerval", (out, v, call, ctx) -> {
            ByteBuffer b = ProcessDecoders.readOrAddress(out, ctx, v, 32);
            if (b != null) {
                out.append("{it_interval=");
                TimeDecoders.timeval(out, b, 0);
                out.append(", it_value=");
                TimeDecoders.timeval(out, b, 16);
                out.append('}');
            }
        });
        r.textArg("cap_header", (out, v, call, ctx) -> {
            ByteBuffer b = ProcessDecoders.readOrAddress(out, ctx, v, CAP_HEADER_SIZE);
            if (b != null) {
                out.append("{version=");
                XlatFormat.value(out, Xlat.get("cap_version"), b.getInt(0) & 0xffffffffL);
                out.append(", pid=").append(b.getInt(4)).append('}');
            }
        });
        r.textArg("cap_data", SchedDecoders::capData);
        r.textCall("sched_getscheduler", new PolicyResult());
        r.textCall("personality", new Personality());
        r.textCall("ioprio_get", new IoprioGet());
        r.textCall("ioprio_set", (TextEntryDecoder) (out, call, ctx) -> {
            ioprioWho(out, call);
            out.append(", ");
            int ioprio = (int) call.arg(2);
            String decoded = ioprio(ioprio); // before styled, which names everything inside it plainly
            XlatFormat.styled(out, Integer.toString(ioprio), o -> o.append(decoded));
        });
        r.textCall("prctl", new PrctlDecoder());
    }

    /**
     * The capability sets of capget and capset: as many 32-bit words per set as the header's version
     * has (the header read again now), each set printed as its two words' names.
     */
    private static void capData(StringBuilder out, long address, Call call, DecodeContext ctx) {
        ByteBuffer header = address == 0 ? null : ctx.read(call.arg(0), CAP_HEADER_SIZE);
        int words = header == null ? 0 : switch (header.getInt(0)) {
            case CAP_VERSION_1 -> 1;
            case CAP_VERSION_2, CAP_VERSION_3 -> 2;
            default -> 0;
        };
        ByteBuffer b = words == 0 ? null : ctx.read(address, words * CAP_DATA_SIZE);
        if (b == null) {
            DecodeContext.address(out, address);
            return;
        }
        out.append('{');
        for (int i = 0; i < CAP_SETS.length; i++) {
            if (i > 0) {
                out.append(", ");
            }
            out.append(CAP_SETS[i]).append('=');
            long low = b.getInt(4 * i) & 0xffffffffL;
            long high = words > 1 ? b.getInt(CAP_DATA_SIZE + 4 * i) & 0xffffffffL : 0;
            if (low != 0 || high == 0) {
                XlatFormat.flags(out, Xlat.get("cap_mask0"), low);
            }
            if (high != 0) {
                if (low != 0) {
                    out.append('|');
                }
                XlatFormat.flags(out, Xlat.get("cap_mask1"), high);
            }
        }
        out.append('}');
    }

    /** sched_getscheduler: the policy it returns followed by its name, {@code = 0 (SCHED_OTHER)}. */
    private static final class PolicyResult implements TextEntryDecoder {
        @Override
        public void entry(StringBuilder out, Call call, DecodeContext ctx) {
            out.append((int) call.arg(0));
        }

        @Override
        public boolean result(StringBuilder out, Call call, DecodeContext ctx) {
            if (call.isError()) {
                return false;
            }
            String name = Xlat.get("schedulers").nameOf(call.rval());
            out.append("= ").append(call.rval());
            if (name != null) {
                out.append(" (").append(name).append(')');
            }
            return true;
        }
    }

    private static final long PER_MASK = 0xff;

    private static String hexOrZero(long v) {
        return v == 0 ? "0" : "0x" + Long.toHexString(v);
    }

    /**
     * personality: the execution domain (the low byte) by name and the flags above it, or
     * 0xffffffff, which asks without changing; the result, the previous personality, in hex with
     * its names.
     */
    private static final class Personality implements TextEntryDecoder {
        @Override
        public void entry(StringBuilder out, Call call, DecodeContext ctx) {
            long pers = call.arg(0);
            if (pers == 0xffffffffL) {
                out.append("0xffffffff");
                return;
            }
            XlatFormat.value(out, Xlat.get("personality_types"), pers & PER_MASK);
            if ((pers & ~PER_MASK) != 0) {
                out.append('|');
                XlatFormat.flags(out, Xlat.get("personality_flags"), pers & ~PER_MASK);
            }
        }

        @Override
        public boolean result(StringBuilder out, Call call, DecodeContext ctx) {
            if (call.isError()) {
                return false;
            }
            long pers = call.rval() & 0xffffffffL;
            out.append("= ").append(hexOrZero(pers)).append(" (");
            // strace's sprintxval and sprintflags, which follow -X as printxval and printflags do
            Xlat types = Xlat.get("personality_types");
            long domain = pers & PER_MASK;
            String type = types.nameOf(domain);
            if (type == null) {
                out.append(hexOrZero(domain)).append(" /* ").append(types.unknown()).append(" */");
            } else if (XlatFormat.raw()) {
                out.append(hexOrZero(domain));
            } else if (XlatFormat.verbose()) {
                out.append(hexOrZero(domain)).append(" /* ").append(type).append(" */");
            } else {
                out.append(type);
            }
            long flags = pers & ~PER_MASK;
            if (flags != 0) {
                out.append('|');
                if (XlatFormat.raw()) {
                    out.append(hexOrZero(flags));
                } else {
                    StringBuilder names = new StringBuilder();
                    for (Xlat.Entry e : Xlat.get("personality_flags").entries()) {
                        if ((flags & e.value()) == e.value()) {
                            names.append(names.isEmpty() ? "" : "|").append(e.name());
                            flags &= ~e.value();
                        }
                    }
                    if (flags != 0) {
                        names.append(names.isEmpty() ? "" : "|").append(hexOrZero(flags));
                    }
                    if (XlatFormat.verbose()) {
                        out.append(hexOrZero(pers & ~PER_MASK)).append(" /* ").append(names).append(" */");
                    } else {
                        out.append(names);
                    }
                }
            }
            out.append(')');
            return true;
        }
    }

    private static final int IOPRIO_CLASS_SHIFT = 13;

    /** ioprio_get and ioprio_set's which by name, and who. */
    private static void ioprioWho(StringBuilder out, Call call) {
        XlatFormat.value(out, Xlat.get("ioprio_who"), call.arg(0));
        out.append(", ").append((int) call.arg(1));
    }

    /** {@code IOPRIO_PRIO_VALUE(class, data)}: the class by name, the data in decimal. */
    private static String ioprio(int ioprio) {
        int data = ioprio & ((1 << IOPRIO_CLASS_SHIFT) - 1);
        long type = Integer.toUnsignedLong(ioprio) >>> IOPRIO_CLASS_SHIFT;
        Xlat classes = Xlat.get("ioprio_class");
        String name = classes.nameOf(type);
        String number = type == 0 ? "0" : "0x" + Long.toHexString(type);
        // strace's sprintxval: the name alone, with its number under -X verbose, the number for no name
        String cls = name == null ? number + " /* " + classes.unknown() + " */"
                : XlatFormat.verbose() ? number + " /* " + name + " */" : name;
        return "IOPRIO_PRIO_VALUE(" + cls + ", " + data + ")";
    }

    /** ioprio_get: the priority it returns, decoded after it. */
    private static final class IoprioGet implements TextEntryDecoder {
        @Override
        public void entry(StringBuilder out, Call call, DecodeContext ctx) {
            ioprioWho(out, call);
        }

        @Override
        public boolean result(StringBuilder out, Call call, DecodeContext ctx) {
            if (call.isError()) {
                return false;
            }
            out.append("= ").append(call.rval());
            if (!XlatFormat.raw()) {
                out.append(" (").append(ioprio((int) call.rval())).append(')');
            }
            return true;
        }
    }
}
