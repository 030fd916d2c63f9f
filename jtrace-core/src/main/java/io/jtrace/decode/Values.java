package io.jtrace.decode;

import io.jtrace.decode.internal.Call;

/** Writes {@link Value}s back to a {@link ValueWriter}: a value tree rendered as strace text or JSON. */
public final class Values {
    private Values() {}

    /** Writes {@code v} to {@code out} as the decoder that made it wrote it. */
    public static void write(Value v, ValueWriter out) {
        switch (v) {
            case Value.Int i -> out.integer(i.value(), i.base());
            case Value.Symbol s -> out.symbol(s.text(), s.raw());
            case Value.Pointer p -> out.pointer(p.address());
            case Value.Unreadable u -> out.unreadable(u.address());
            case Value.Str s -> {
                byte[] b = s.bytes();
                if (s.hex()) {
                    out.hexString(b, 0, b.length, s.truncated());
                } else {
                    out.string(b, 0, b.length, s.truncated());
                }
            }
            case Value.Fd f -> out.fd(f.fd(), f.shown(), f.decoration());
            case Value.Struct s -> {
                out.beginStruct();
                for (Value.Field f : s.fields()) {
                    if (f.name() != null) {
                        out.field(f.name());
                    }
                    write(f.value(), out);
                }
                out.endStruct();
            }
            case Value.Array a -> {
                out.beginArray();
                for (Value item : a.items()) {
                    write(item, out);
                }
                out.endArray();
            }
            case Value.Elided e -> out.elided();
            case Value.Call c -> {
                out.beginCall(c.function());
                for (Value arg : c.args()) {
                    write(arg, out);
                }
                out.endCall();
            }
            case Value.Changed c -> {
                write(c.before(), out);
                out.changed();
                write(c.after(), out);
            }
            case Value.Commented c -> {
                write(c.value(), out);
                out.comment(c.comment());
            }
            case Value.Noted n -> {
                write(n.value(), out);
                out.beginNote(n.label());
                for (Value item : n.note()) {
                    write(item, out);
                }
                out.endNote();
            }
            case Value.Named n -> {
                out.field(n.name());
                write(n.value(), out);
            }
            case Value.Literal l -> out.literal(l.text());
            case Value.Error e -> out.error(e.errno());
        }
    }
}
