package io.jtrace.syscalls;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A table of named constants, as strace keeps them (its {@code src/xlat/*.in}): one family of flags
 * or values, in strace's order, which is the order names are printed in. Loaded once from
 * {@code xlat/NAME.tsv}: lines of {@code NAME<tab>VALUE} (C notation: 0x hex, leading-0 octal or
 * decimal), {@code #unknown TEXT} for the comment strace prints after an unknown value
 * ({@code O_???}), other {@code #} lines comments.
 *
 * @param name    the table's name
 * @param entries the constants in print order
 * @param unknown what strace prints in {@code /* ... *}{@code /} after a value it cannot name, or null
 */
public record Xlat(String name, List<Entry> entries, String unknown) {
    /** One constant. */
    /**
     * One constant.
     *
     * @param name  its name as strace prints it
     * @param value its value
     */
    public record Entry(String name, long value) {}

    private static final Map<String, Xlat> LOADED = new ConcurrentHashMap<>();

    /** Copies {@code entries}. */
    public Xlat {
        entries = List.copyOf(entries);
    }

    /** The table {@code name}; throws IllegalArgumentException when there is none. */
    public static Xlat get(String name) {
        return LOADED.computeIfAbsent(name, Xlat::load);
    }

    /** The name of {@code value}, or null. */
    public String nameOf(long value) {
        for (Entry e : entries) {
            if (e.value() == value) {
                return e.name();
            }
        }
        return null;
    }

    private static Xlat load(String name) {
        String resource = "xlat/" + name + ".tsv";
        try (InputStream in = Xlat.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no constant table " + name);
            }
            List<Entry> entries = new ArrayList<>();
            String unknown = null;
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("#unknown ")) {
                    unknown = line.substring("#unknown ".length()).trim();
                } else if (!line.isBlank() && !line.startsWith("#")) {
                    String[] f = line.split("\t");
                    entries.add(new Entry(f[0], parseValue(f[1].trim())));
                }
            }
            return new Xlat(name, entries, unknown);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long parseValue(String text) {
        boolean negative = text.startsWith("-");
        String digits = negative ? text.substring(1) : text;
        long v;
        if (digits.startsWith("0x") || digits.startsWith("0X")) {
            v = Long.parseUnsignedLong(digits.substring(2), 16);
        } else if (digits.length() > 1 && digits.startsWith("0")) {
            v = Long.parseUnsignedLong(digits.substring(1), 8);
        } else {
            v = Long.parseUnsignedLong(digits);
        }
        return negative ? -v : v;
    }
}
