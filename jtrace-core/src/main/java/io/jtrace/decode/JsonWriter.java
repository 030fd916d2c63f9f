package io.jtrace.decode;

import io.jtrace.decode.internal.Call;

import java.util.List;

/**
 * Decoded values as JSON: each item an object with its kind ({@code {"int":3}},
 * {@code {"sym":"O_RDONLY","raw":0}}, {@code {"str":"abc","truncated":false}},
 * {@code {"struct":[{"name":"st_mode","value":...}]}} ...). Strings are the bytes shown, one
 * char per byte, escaped as JSON requires.
 */
public final class JsonWriter implements ValueWriter {
    private final ValueTree tree = new ValueTree();

    /** A writer with nothing written yet. */
    public JsonWriter() {
    }

    /** The items written so far, as a JSON array. */
    public String toJson() {
        return toJson(tree.values());
    }

    /** Forgets everything written. */
    public JsonWriter clear() {
        tree.clear();
        return this;
    }

    /** {@code values} as a JSON array. */
    public static String toJson(List<Value> values) {
        StringBuilder out = new StringBuilder();
        array(out, values);
        return out.toString();
    }

    /** One value as a JSON object. */
    public static String toJson(Value value) {
        StringBuilder out = new StringBuilder();
        value(out, value);
        return out.toString();
    }

    private static void array(StringBuilder out, List<Value> values) {
        out.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            value(out, values.get(i));
        }
        out.append(']');
    }

    private static void value(StringBuilder out, Value v) {
        switch (v) {
            case Value.Int i -> out.append("{\"int\":").append(i.base() == Base.UDEC && i.value() < 0
                    ? Long.toUnsignedString(i.value()) : Long.toString(i.value()))
                    .append(",\"base\":\"").append(i.base().name().toLowerCase()).append("\"}");
            case Value.Symbol s -> {
                out.append("{\"sym\":");
                string(out, s.text());
                out.append(",\"raw\":").append(s.raw()).append('}');
            }
            case Value.Pointer p -> out.append("{\"ptr\":").append(p.address()).append('}');
            case Value.Unreadable u -> out.append("{\"unreadable\":").append(u.address()).append('}');
            case Value.Str s -> {
                out.append("{\"str\":");
                string(out, s.latin1());
                out.append(",\"truncated\":").append(s.truncated());
                if (s.hex()) {
                    out.append(",\"hex\":true");
                }
                out.append('}');
            }
            case Value.Fd f -> {
                out.append("{\"fd\":").append(f.fd());
                if (f.shown() != null) {
                    out.append(",\"shown\":");
                    string(out, f.shown());
                }
                if (f.decoration() != null) {
                    out.append(",\"decoration\":");
                    string(out, f.decoration());
                }
                out.append('}');
            }
            case Value.Struct s -> {
                out.append("{\"struct\":[");
                for (int i = 0; i < s.fields().size(); i++) {
                    Value.Field f = s.fields().get(i);
                    out.append(i > 0 ? "," : "").append("{\"name\":");
                    if (f.name() == null) {
                        out.append("null");
                    } else {
                        string(out, f.name());
                    }
                    out.append(",\"value\":");
                    value(out, f.value());
                    out.append('}');
                }
                out.append("]}");
            }
            case Value.Array a -> {
                out.append("{\"array\":");
                array(out, a.items());
                out.append('}');
            }
            case Value.Elided e -> out.append("{\"elided\":true}");
            case Value.Call c -> {
                out.append("{\"call\":");
                string(out, c.function());
                out.append(",\"args\":");
                array(out, c.args());
                out.append('}');
            }
            case Value.Changed c -> {
                out.append("{\"before\":");
                value(out, c.before());
                out.append(",\"after\":");
                value(out, c.after());
                out.append('}');
            }
            case Value.Commented c -> {
                out.append("{\"value\":");
                value(out, c.value());
                out.append(",\"comment\":");
                string(out, c.comment());
                out.append('}');
            }
            case Value.Noted n -> {
                out.append("{\"value\":");
                value(out, n.value());
                out.append(",\"label\":");
                string(out, n.label());
                out.append(",\"note\":");
                array(out, n.note());
                out.append('}');
            }
            case Value.Named n -> {
                out.append("{\"name\":");
                string(out, n.name());
                out.append(",\"value\":");
                value(out, n.value());
                out.append('}');
            }
            case Value.Literal l -> {
                out.append("{\"literal\":");
                string(out, l.text());
                out.append('}');
            }
            case Value.Error e -> {
                out.append("{\"errno\":").append(e.errno());
                if (e.name() != null) {
                    out.append(",\"name\":");
                    string(out, e.name());
                }
                out.append('}');
            }
        }
    }

    /** A JSON string: quotes, backslashes and control characters escaped. */
    static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    @Override public void integer(long value, Base base) { tree.integer(value, base); }
    @Override public void symbol(String text, long raw) { tree.symbol(text, raw); }
    @Override public void pointer(long address) { tree.pointer(address); }
    @Override public void unreadable(long address) { tree.unreadable(address); }
    @Override public void string(byte[] bytes, int off, int len, boolean truncated) { tree.string(bytes, off, len, truncated); }
    @Override public void hexString(byte[] bytes, int off, int len, boolean truncated) { tree.hexString(bytes, off, len, truncated); }
    @Override public void fd(int fd, String shown, String decoration) { tree.fd(fd, shown, decoration); }
    @Override public void beginStruct() { tree.beginStruct(); }
    @Override public void field(String name) { tree.field(name); }
    @Override public void endStruct() { tree.endStruct(); }
    @Override public void beginArray() { tree.beginArray(); }
    @Override public void endArray() { tree.endArray(); }
    @Override public void elided() { tree.elided(); }
    @Override public void comment(String text) { tree.comment(text); }
    @Override public void beginCall(String function) { tree.beginCall(function); }
    @Override public void endCall() { tree.endCall(); }
    @Override public void changed() { tree.changed(); }
    @Override public void literal(String text) { tree.literal(text); }
    @Override public void separator() { tree.separator(); }
    @Override public void error(int errno) { tree.error(errno); }
    @Override public void beginNote(String label) { tree.beginNote(label); }
    @Override public void endNote() { tree.endNote(); }
}
