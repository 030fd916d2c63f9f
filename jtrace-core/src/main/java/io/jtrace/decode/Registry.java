package io.jtrace.decode;

import java.util.Map;

/**
 * Where each family of decoders registers its own: argument decoders by the name the syscall table
 * gives them, whole-call decoders by syscall name.
 */
final class Registry {
    private final Map<String, ArgDecoder> args;
    private final Map<String, CallDecoder> calls;

    Registry(Map<String, ArgDecoder> args, Map<String, CallDecoder> calls) {
        this.args = args;
        this.calls = calls;
    }

    void arg(String name, ArgDecoder d) {
        if (args.putIfAbsent(name, d) != null) {
            throw new IllegalStateException("two decoders named " + name);
        }
    }

    void call(String name, CallDecoder d) {
        if (calls.putIfAbsent(name, d) != null) {
            throw new IllegalStateException("two decoders of " + name);
        }
    }

    /** A decoder that still appends strace's text itself: its text is one item. */
    void textArg(String name, TextArgDecoder d) {
        arg(name, (out, value, call, ctx) -> out.text(sb -> d.decode(sb, value, call, ctx)));
    }

    /**
     * A whole-call decoder that still appends strace's text itself, separators and all. It appends
     * straight into the text being written, so that strace's warnings land where they did.
     */
    void textCall(String name, TextCallDecoder d) {
        call(name, new CallDecoder() {
            @Override
            public void entry(ValueWriter out, Call call, DecodeContext ctx) {
                write(out, o -> d.entry(o, call, ctx));
            }

            @Override
            public void exit(ValueWriter out, Call call, DecodeContext ctx) {
                write(out, o -> {
                    int start = o.length();
                    d.exit(o, call, ctx);
                    // The text decoders close the parenthesis themselves; the renderer does now.
                    if (o.length() > start && o.charAt(o.length() - 1) == ')') {
                        o.setLength(o.length() - 1);
                    }
                });
            }

            @Override
            public boolean completeAtEntry() {
                return d.completeAtEntry();
            }

            @Override
            public boolean result(ValueWriter out, Call call, DecodeContext ctx) {
                if (out instanceof TextWriter text) {
                    // Straight into the line, for the warnings; nothing is written when it declines.
                    StringBuilder o = text.builder();
                    int start = o.length();
                    if (!d.result(o, call, ctx)) {
                        return false;
                    }
                    if (o.length() >= start + 2 && o.charAt(start) == '=' && o.charAt(start + 1) == ' ') {
                        o.delete(start, start + 2);
                    }
                    return true;
                }
                StringBuilder sb = new StringBuilder();
                if (!d.result(sb, call, ctx)) {
                    return false;
                }
                int from = sb.indexOf("= ") == 0 ? 2 : 0;
                out.text(o -> o.append(sb, from, sb.length()));
                return true;
            }
        });
    }

    /**
     * Text appended straight into strace's line (so that its warnings land where they did), or, for
     * other writers, as one literal when there is any.
     */
    private static void write(ValueWriter out, java.util.function.Consumer<StringBuilder> text) {
        if (out instanceof TextWriter) {
            out.text(text);
            return;
        }
        StringBuilder sb = new StringBuilder();
        text.accept(sb);
        if (!sb.isEmpty()) {
            out.literal(sb.toString());
        }
    }
}
