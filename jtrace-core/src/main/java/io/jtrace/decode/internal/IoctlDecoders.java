package io.jtrace.decode.internal;

import io.jtrace.decode.ValueWriter;

import io.jtrace.syscalls.Xlat;

import java.nio.ByteBuffer;
import java.util.Map;

/**
 * ioctl, as strace 6.1's {@code src/ioctl.c} and {@code src/term.c} print it: the request by name
 * (or as {@code _IOC(dir, type, nr, size)}), and the argument of the terminal requests decoded;
 * any other argument in hex.
 */
final class IoctlDecoders {
    private static final int IOC_NRBITS = 8, IOC_TYPEBITS = 8, IOC_SIZEBITS = 14;
    private static final int IOC_TYPESHIFT = IOC_NRBITS, IOC_SIZESHIFT = IOC_TYPESHIFT + IOC_TYPEBITS,
            IOC_DIRSHIFT = IOC_SIZESHIFT + IOC_SIZEBITS;
    private static final int TERMINAL_TYPE = 'T';
    private static final long CBAUD = 0010017, CIBAUD = 002003600000L, CSIZE = 0000060;
    private static final int IBSHIFT = 16;

    private IoctlDecoders() {}

    static void register(Registry r) {
        r.call("ioctl", new Ioctl());
    }

    /** How a terminal request's argument prints, and whether at entry or, filled in by the kernel, at exit. */
    private enum Arg {
        TERMIOS(36, true), TERMIOS2(44, true), TERMIO(18, true), WINSIZE(8, true), MODEM(4, true), INT(4, true),
        TCXONC(0, false), TCFLSH(0, false), DECIMAL(0, false), CHAR(1, false), NONE(0, false), HEX(0, false);

        final int size;
        final boolean indirect;

        Arg(int size, boolean indirect) {
            this.size = size;
            this.indirect = indirect;
        }
    }

    /** A request strace decodes: the argument's form and whether the kernel writes it. */
    private record Request(Arg arg, boolean atExit) {}

    private static final Map<Integer, Request> TERMINAL = Map.ofEntries(
            Map.entry(0x5401, new Request(Arg.TERMIOS, true)),            // TCGETS
            Map.entry(0x5456, new Request(Arg.TERMIOS, true)),            // TIOCGLCKTRMIOS
            Map.entry(0x5402, new Request(Arg.TERMIOS, false)),           // TCSETS
            Map.entry(0x5403, new Request(Arg.TERMIOS, false)),           // TCSETSW
            Map.entry(0x5404, new Request(Arg.TERMIOS, false)),           // TCSETSF
            Map.entry(0x5457, new Request(Arg.TERMIOS, false)),           // TIOCSLCKTRMIOS
            Map.entry(0x802c542a, new Request(Arg.TERMIOS2, true)),       // TCGETS2
            Map.entry(0x402c542b, new Request(Arg.TERMIOS2, false)),      // TCSETS2
            Map.entry(0x402c542c, new Request(Arg.TERMIOS2, false)),      // TCSETSW2
            Map.entry(0x402c542d, new Request(Arg.TERMIOS2, false)),      // TCSETSF2
            Map.entry(0x5405, new Request(Arg.TERMIO, true)),             // TCGETA
            Map.entry(0x5406, new Request(Arg.TERMIO, false)),            // TCSETA
            Map.entry(0x5407, new Request(Arg.TERMIO, false)),            // TCSETAW
            Map.entry(0x5408, new Request(Arg.TERMIO, false)),            // TCSETAF
            Map.entry(0x5413, new Request(Arg.WINSIZE, true)),            // TIOCGWINSZ
            Map.entry(0x5414, new Request(Arg.WINSIZE, false)),           // TIOCSWINSZ
            Map.entry(0x540a, new Request(Arg.TCXONC, false)),            // TCXONC
            Map.entry(0x540b, new Request(Arg.TCFLSH, false)),            // TCFLSH
            Map.entry(0x5409, new Request(Arg.DECIMAL, false)),           // TCSBRK
            Map.entry(0x5425, new Request(Arg.DECIMAL, false)),           // TCSBRKP
            Map.entry(0x540e, new Request(Arg.DECIMAL, false)),           // TIOCSCTTY
            Map.entry(0x5415, new Request(Arg.MODEM, true)),              // TIOCMGET
            Map.entry(0x5416, new Request(Arg.MODEM, false)),             // TIOCMBIS
            Map.entry(0x5417, new Request(Arg.MODEM, false)),             // TIOCMBIC
            Map.entry(0x5418, new Request(Arg.MODEM, false)),             // TIOCMSET
            Map.entry(0x540f, new Request(Arg.INT, true)),                // TIOCGPGRP
            Map.entry(0x5429, new Request(Arg.INT, true)),                // TIOCGSID
            Map.entry(0x5424, new Request(Arg.INT, true)),                // TIOCGETD
            Map.entry(0x5419, new Request(Arg.INT, true)),                // TIOCGSOFTCAR
            Map.entry(0x80045430, new Request(Arg.INT, true)),            // TIOCGPTN
            Map.entry(0x541b, new Request(Arg.INT, true)),                // FIONREAD
            Map.entry(0x5411, new Request(Arg.INT, true)),                // TIOCOUTQ
            Map.entry(0x80045440, new Request(Arg.INT, true)),            // TIOCGEXCL
            Map.entry(0x80045432, new Request(Arg.INT, true)),            // TIOCGDEV
            Map.entry(0x5410, new Request(Arg.INT, false)),               // TIOCSPGRP
            Map.entry(0x5423, new Request(Arg.INT, false)),               // TIOCSETD
            Map.entry(0x5421, new Request(Arg.INT, false)),               // FIONBIO
            Map.entry(0x5452, new Request(Arg.INT, false)),               // FIOASYNC
            Map.entry(0x5420, new Request(Arg.INT, false)),               // TIOCPKT
            Map.entry(0x541a, new Request(Arg.INT, false)),               // TIOCSSOFTCAR
            Map.entry(0x40045431, new Request(Arg.INT, false)),           // TIOCSPTLCK
            Map.entry(0x5412, new Request(Arg.CHAR, false)),              // TIOCSTI
            Map.entry(0x5427, new Request(Arg.NONE, false)),              // TIOCSBRK
            Map.entry(0x5428, new Request(Arg.NONE, false)),              // TIOCCBRK
            Map.entry(0x541d, new Request(Arg.NONE, false)),              // TIOCCONS
            Map.entry(0x5422, new Request(Arg.NONE, false)),              // TIOCNOTTY
            Map.entry(0x540c, new Request(Arg.NONE, false)),              // TIOCEXCL
            Map.entry(0x540d, new Request(Arg.NONE, false)),              // TIOCNXCL
            Map.entry(0x5451, new Request(Arg.NONE, false)),              // FIOCLEX
            Map.entry(0x5450, new Request(Arg.NONE, false)),              // FIONCLEX
            Map.entry(0x5437, new Request(Arg.NONE, false)),              // TIOCVHANGUP
            Map.entry(0x541f, new Request(Arg.NONE, false)));             // TIOCSSERIAL

    private static final Request OTHER = new Request(Arg.HEX, false);

    private static Request request(Call call) {
        int code = (int) call.arg(1);
        if ((code >>> IOC_TYPESHIFT & 0xff) != TERMINAL_TYPE) {
            return OTHER;
        }
        return TERMINAL.getOrDefault(code, OTHER);
    }

    private static final class Ioctl implements CallDecoder {
        @Override
        public void entry(ValueWriter out, Call call, DecodeContext ctx) {
            ctx.fd(out, (int) call.arg(0));
            requestName(out, (int) call.arg(1));
            Request r = request(call);
            if (r.atExit()) {
                out.separator();
            } else if (r.arg() != Arg.NONE) {
                argument(out, r.arg(), call.arg(2), ctx);
            }
        }

        @Override
        public void exit(ValueWriter out, Call call, DecodeContext ctx) {
            Request r = request(call);
            if (r.atExit()) {
                if (call.isError()) {
                    out.pointer(call.arg(2));
                } else {
                    argument(out, r.arg(), call.arg(2), ctx);
                }
            }
        }
    }

    /** The request's names joined by {@code or}, else {@code _IOC(dir, type, nr, size)}: one symbol. */
    private static void requestName(ValueWriter out, int code) {
        XlatFormat.styled(out, code & 0xffffffffL, XlatFormat.hexString(code & 0xffffffffL), o -> requestSymbol(o, code));
    }

    private static void requestSymbol(StringBuilder out, int code) {
        int before = out.length();
        for (Xlat.Entry e : Xlat.get("ioctls").entries()) {
            if (e.value() == (code & 0xffffffffL)) {
                if (out.length() > before) {
                    out.append(" or ");
                }
                out.append(e.name());
            }
        }
        if (out.length() > before) {
            return;
        }
        out.append("_IOC(");
        XlatFormat.flags(out, Xlat.get("ioctl_dirs"), code >>> IOC_DIRSHIFT);
        out.append(", ");
        XlatFormat.hex(out, code >>> IOC_TYPESHIFT & 0xff);
        out.append(", ");
        XlatFormat.hex(out, code & 0xff);
        out.append(", ");
        XlatFormat.hex(out, code >>> IOC_SIZESHIFT & ((1 << IOC_SIZEBITS) - 1));
        out.append(')');
    }

    private static void argument(ValueWriter out, Arg arg, long value, DecodeContext ctx) {
        switch (arg) {
            case TCXONC -> XlatFormat.value(out, Xlat.get("tcxonc_options"), value);
            case TCFLSH -> XlatFormat.value(out, Xlat.get("tcflsh_options"), value);
            case DECIMAL -> out.integer((int) value, ValueWriter.Base.DEC);
            case HEX -> out.integer(value, ValueWriter.Base.HEX);
            case CHAR -> {
                ByteBuffer b = ctx.read(value, 1);
                if (b == null) {
                    FileDecoders.unreadable(out, value);
                } else {
                    Quoting.buffer(out, b.array(), 0, 1, ctx.stringLimit());
                }
            }
            case NONE -> { }
            default -> indirect(out, arg, value, ctx);
        }
    }

    /** An argument that points at what the request reads or writes. */
    private static void indirect(ValueWriter out, Arg arg, long address, DecodeContext ctx) {
        ByteBuffer b = ctx.readStruct(address, arg.size);
        if (b == null) {
            FileDecoders.unreadable(out, address);
            return;
        }
        switch (arg) {
            case TERMIOS, TERMIOS2 -> {
                out.beginStruct();
                terminalFlags(out, b.getInt(0), b.getInt(4), b.getInt(8), b.getInt(12));
                terminalTail(out, b, 16, 19, arg == Arg.TERMIOS2 ? 36 : -1, ctx);
                out.endStruct();
            }
            case TERMIO -> {
                out.beginStruct();
                terminalFlags(out, b.getShort(0) & 0xffff, b.getShort(2) & 0xffff,
                        b.getShort(4) & 0xffff, b.getShort(6) & 0xffff);
                terminalTail(out, b, 8, 8, -1, ctx);
                out.endStruct();
            }
            case WINSIZE -> {
                out.beginStruct();
                String[] fields = {"ws_row", "ws_col", "ws_xpixel", "ws_ypixel"};
                for (int i = 0; i < fields.length; i++) {
                    out.field(fields[i]);
                    out.integer(b.getShort(2 * i) & 0xffff, ValueWriter.Base.DEC);
                }
                out.endStruct();
            }
            case MODEM -> {
                out.beginArray();
                XlatFormat.flags(out, Xlat.get("modem_flags"), b.getInt(0) & 0xffffffffL);
                out.endArray();
            }
            default -> {
                out.beginArray();
                out.integer(b.getInt(0), ValueWriter.Base.DEC);
                out.endArray();
            }
        }
    }

    /**
     * The four flag words of struct termios (or termio), abbreviated as strace prints them without
     * {@code -v}: the output delays and the character size always named, even when zero. Each word
     * is one symbol, built as strace spells it.
     */
    private static void terminalFlags(ValueWriter out, long iflag, long oflag, long cflag, long lflag) {
        iflag &= 0xffffffffL;
        oflag &= 0xffffffffL;
        cflag &= 0xffffffffL;
        lflag &= 0xffffffffL;
        out.field("c_iflag");
        bits(out, "term_iflags", iflag);
        out.field("c_oflag");
        StringBuilder text = new StringBuilder();
        long left = oflag;
        for (String delay : new String[] {"nldly", "crdly", "tabdly", "bsdly", "vtdly", "ffdly"}) {
            Xlat table = Xlat.get("term_oflags_" + delay);
            long mask = mask(table);
            XlatFormat.value(text, table, left & mask);
            text.append('|');
            left &= ~mask;
        }
        bits(text, "term_oflags", left);
        out.symbol(text.toString(), oflag);
        out.field("c_cflag");
        text.setLength(0);
        Xlat baud = Xlat.get("baud_options");
        XlatFormat.value(text, baud, cflag & CBAUD);
        text.append('|');
        if ((cflag & CIBAUD) != 0) {
            XlatFormat.value(text, baud, (cflag & CIBAUD) >>> IBSHIFT);
            text.append("<<");
            XlatFormat.styled(text, XlatFormat.hexString(IBSHIFT), o -> o.append("IBSHIFT"));
            text.append('|');
        }
        Xlat csize = Xlat.get("term_cflags_csize");
        XlatFormat.value(text, csize, cflag & CSIZE);
        text.append('|');
        bits(text, "term_cflags", cflag & ~(CBAUD | CIBAUD | CSIZE));
        out.symbol(text.toString(), cflag);
        out.field("c_lflag");
        bits(out, "term_lflags", lflag);
    }

    private static final String[] CONTROL_CHARACTERS = {"VINTR", "VQUIT", "VERASE", "VKILL", "VEOF", "VTIME",
            "VMIN", "VSWTC", "VSTART", "VSTOP", "VSUSP", "VEOL", "VREPRINT", "VDISCARD", "VWERASE", "VLNEXT", "VEOL2"};

    /**
     * The end of a termios: {@code ...} without -v; with it the line discipline, the {@code count}
     * control characters after it, and termios2's two speeds at {@code speeds}.
     */
    private static void terminalTail(ValueWriter out, ByteBuffer b, int line, int count, int speeds,
                                     DecodeContext ctx) {
        if (!ctx.verbose()) {
            out.elided();
            return;
        }
        out.field("c_line");
        XlatFormat.value(out, Xlat.get("term_line_discs"), b.get(line) & 0xff);
        out.field("c_cc");
        out.beginArray();
        for (int i = 0; i < count; i++) {
            // an array indexed by name: [VINTR]=0x3
            out.field("[" + (i < CONTROL_CHARACTERS.length ? CONTROL_CHARACTERS[i] : Integer.toString(i)) + "]");
            out.integer(b.get(line + 1 + i) & 0xff, ValueWriter.Base.HEX);
        }
        out.endArray();
        if (speeds >= 0) {
            out.field("c_ispeed");
            out.integer(b.getInt(speeds) & 0xffffffffL, ValueWriter.Base.DEC);
            out.field("c_ospeed");
            out.integer(b.getInt(speeds + 4) & 0xffffffffL, ValueWriter.Base.DEC);
        }
    }

    /** The bits every name of {@code table} covers. */
    private static long mask(Xlat table) {
        long mask = 0;
        for (Xlat.Entry e : table.entries()) {
            mask |= e.value();
        }
        return mask;
    }

    /** Flag bits without a default: nothing for zero, unknown bits in hex without a comment. */
    private static void bits(StringBuilder out, String table, long v) {
        if (v != 0) {
            XlatFormat.flags(out, XlatFormat.bare(table), v);
        }
    }

    /**
     * As {@link #bits(StringBuilder, String, long)}, one item: for zero an empty symbol, as strace
     * prints nothing after the field's name.
     */
    private static void bits(ValueWriter out, String table, long v) {
        StringBuilder text = new StringBuilder();
        bits(text, table, v);
        out.symbol(text.toString(), v);
    }
}
