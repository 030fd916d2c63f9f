package io.jtrace.decode;

import io.jtrace.syscalls.SyscallDef;
import io.jtrace.syscalls.SyscallTable;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every decoder, on plain bytes (no tracee): each system call of the table decoded at entry, exit
 * and result with several argument sets over readable, zeroed and unreadable memory. The value tree
 * written back as text gives exactly strace's text, and the JSON parses.
 */
class ValueRenderingTest {
    private static final long BASE = 0x7f0000010000L;
    private static final int SIZE = 1 << 16;

    /** Memory of {@code fill}: a pattern, zeros, or nothing readable. */
    private static Memory memory(String fill) {
        byte[] bytes = new byte[SIZE];
        if (fill.equals("pattern")) {
            for (int i = 0; i < SIZE; i++) {
                bytes[i] = (byte) (i * 7 + (i >> 8));
            }
        }
        return (address, dst, off, len) -> {
            if (fill.equals("none") || address < BASE || address >= BASE + SIZE) {
                return -14;
            }
            int n = (int) Math.min(len, BASE + SIZE - address);
            System.arraycopy(bytes, (int) (address - BASE), dst, off, n);
            return n;
        };
    }

    private static final long[][] ARGUMENT_SETS = {
            {3, BASE, 16, BASE + 64, 2, 0},
            {-100, BASE + 8, 0, 0x80000, 0x1ff, BASE + 512},
            {0, 0, 0, 0, 0, 0},
            {-1, -1, -1, -1, -1, -1},
            {1, BASE + 100, 0x5401, BASE + 4096, 1, 4},
            {BASE, 16, 0, BASE + 256, BASE + 1024, 3},
            {BASE + 512, BASE + 64, BASE + 128, 8, BASE, BASE + 2048},
    };

    @Test
    void everyDecoderRendersTheSameTextFromItsValuesAndValidJson() {
        List<String> failures = new ArrayList<>();
        int calls = 0;
        for (String fill : List.of("pattern", "zeros", "none")) {
            Memory mem = memory(fill);
            for (boolean verbose : new boolean[] {false, true}) {
                DecodeOptions options = DecodeOptions.DEFAULTS.withVerbose(verbose);
                SyscallDecoder decoder = new SyscallDecoder(options, () -> 1, mem);
                for (SyscallDef def : SyscallTable.x86_64().all()) {
                    for (long[] args : ARGUMENT_SETS) {
                        for (long rval : new long[] {0, 16, -2}) {
                            calls++;
                            try {
                                check(decoder, def, args, rval, failures);
                            } catch (RuntimeException e) {
                                failures.add(def.name() + " " + fill + " " + java.util.Arrays.toString(args)
                                        + " rval " + rval + ": " + e);
                            }
                        }
                    }
                }
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + calls + " decodings differ, for example:\n"
                    + String.join("\n", failures.subList(0, Math.min(20, failures.size()))));
        }
    }

    /**
     * Entry and exit written straight as text, against the values of both written back as one
     * list: the same text, but for a separator written at entry for exit arguments there were none
     * of. The result likewise. And the JSON of each part parses.
     */
    private static void check(SyscallDecoder decoder, SyscallDef def, long[] args, long rval, List<String> failures) {
        boolean isError = rval < 0;
        StringBuilder text = new StringBuilder();
        TextWriter direct = new TextWriter(text, HexStyle.NONE);
        ValueTree tree = new ValueTree();
        JsonWriter json = new JsonWriter();
        Saved[] saved = {new Saved(), new Saved(), new Saved()};
        List<Value> call = new ArrayList<>();
        StringBuilder callText = new StringBuilder();
        for (int part = 0; part < 3; part++) {
            text.setLength(0);
            if (part != 1) {
                // The exit goes on from the entry's values, as Decoding does: it may change them.
                tree.clear();
                json.clear();
            }
            ValueWriter[] outs = {direct.reset(), tree, json};
            for (int w = 0; w < outs.length; w++) {
                switch (part) {
                    case 0 -> decoder.entry(outs[w], def, args, BASE + 2048, saved[w]);
                    case 1 -> decoder.exit(outs[w], def, args, rval, isError, saved[w]);
                    default -> decoder.result(outs[w], def, args, rval, isError);
                }
            }
            String js = json.toJson();
            try {
                Json.parse(js);
            } catch (IllegalArgumentException e) {
                failures.add(def.name() + " part " + part + ": bad JSON " + js + ": " + e.getMessage());
            }
            if (part < 2) {
                callText.append(text);
                if (part == 1) {
                    call.addAll(tree.values());
                }
                continue;
            }
            String expected = callText.toString();
            if (expected.endsWith(", ")) {
                expected = expected.substring(0, expected.length() - 2);
            }
            compare(def.name() + " arguments", expected, call, failures);
            compare(def.name() + " result", text.toString(), tree.values(), failures);
        }
    }

    private static void compare(String what, String expected, List<Value> values, List<String> failures) {
        StringBuilder replayed = new StringBuilder();
        TextWriter again = new TextWriter(replayed, HexStyle.NONE);
        for (Value v : values) {
            Values.write(v, again);
        }
        if (!expected.equals(replayed.toString())) {
            failures.add(what + ": text " + expected + " | from values " + replayed);
        }
    }

    @Test
    void eachDecoderKeepsItsOwnConstantStyle() {
        SyscallDef openat = SyscallTable.x86_64().lookup(257).orElseThrow();
        long[] args = {-100, BASE, 0x80000, 0, 0, 0};
        SyscallDecoder names = new SyscallDecoder(DecodeOptions.DEFAULTS, () -> 1, memory("zeros"));
        SyscallDecoder numbers = new SyscallDecoder(new DecodeOptions(32, HexStyle.NONE, false, 0, ConstantStyle.RAW),
                () -> 1, memory("zeros"));
        for (int round = 0; round < 2; round++) {
            StringBuilder a = new StringBuilder();
            names.entry(new TextWriter(a, HexStyle.NONE), openat, args, 0, new Saved());
            StringBuilder b = new StringBuilder();
            numbers.entry(new TextWriter(b, HexStyle.NONE), openat, args, 0, new Saved());
            assertEquals("AT_FDCWD, \"\", O_RDONLY|O_CLOEXEC", a.toString());
            assertEquals("-100, \"\", 0x80000", b.toString());
        }
    }

    @Test
    void theJsonOfAStructureNamesItsFields() {
        JsonWriter json = new JsonWriter();
        json.beginStruct();
        json.field("st_mode");
        json.symbol("S_IFREG|0644", 0100644);
        json.field("st_size");
        json.integer(10, ValueWriter.Base.DEC);
        json.elided();
        json.endStruct();
        json.string("a\"b\n\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, 5, true);
        assertEquals("[{\"struct\":[{\"name\":\"st_mode\",\"value\":{\"sym\":\"S_IFREG|0644\",\"raw\":33188}},"
                + "{\"name\":\"st_size\",\"value\":{\"int\":10,\"base\":\"dec\"}},{\"name\":null,\"value\":{\"elided\":true}}]},"
                + "{\"str\":\"a\\\"b\\n\\u0000\",\"truncated\":true}]", json.toJson());
        Json.parse(json.toJson());
    }

    /** A strict JSON reader, enough to tell whether the renderer's output parses. */
    static final class Json {
        private final String s;
        private int i;

        private Json(String s) {
            this.s = s;
        }

        static void parse(String s) {
            Json j = new Json(s);
            j.value();
            if (j.i != s.length()) {
                throw new IllegalArgumentException("trailing text at " + j.i);
            }
        }

        private char peek() {
            if (i >= s.length()) {
                throw new IllegalArgumentException("unexpected end");
            }
            return s.charAt(i);
        }

        private void expect(char c) {
            if (peek() != c) {
                throw new IllegalArgumentException("expected " + c + " at " + i + ", found " + peek());
            }
            i++;
        }

        private void value() {
            char c = peek();
            switch (c) {
                case '{' -> {
                    i++;
                    if (peek() != '}') {
                        do {
                            string();
                            expect(':');
                            value();
                        } while (peek() == ',' && ++i > 0);
                    }
                    expect('}');
                }
                case '[' -> {
                    i++;
                    if (peek() != ']') {
                        do {
                            value();
                        } while (peek() == ',' && ++i > 0);
                    }
                    expect(']');
                }
                case '"' -> string();
                default -> {
                    int start = i;
                    while (i < s.length() && "-+.eE0123456789truefalsn".indexOf(s.charAt(i)) >= 0) {
                        i++;
                    }
                    String word = s.substring(start, i);
                    if (!word.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?|true|false|null")) {
                        throw new IllegalArgumentException("bad value '" + word + "' at " + start);
                    }
                }
            }
        }

        private void string() {
            expect('"');
            while (peek() != '"') {
                char c = s.charAt(i++);
                if (c < 0x20) {
                    throw new IllegalArgumentException("raw control character at " + (i - 1));
                }
                if (c == '\\') {
                    char e = s.charAt(i++);
                    if (e == 'u') {
                        String hex = s.substring(i, i + 4);
                        if (!hex.matches("[0-9a-fA-F]{4}")) {
                            throw new IllegalArgumentException("bad \\u escape at " + i);
                        }
                        i += 4;
                    } else if ("\"\\/bfnrt".indexOf(e) < 0) {
                        throw new IllegalArgumentException("bad escape \\" + e + " at " + (i - 1));
                    }
                }
            }
            i++;
        }
    }
}
