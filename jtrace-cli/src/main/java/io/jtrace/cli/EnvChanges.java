package io.jtrace.cli;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** {@code -E}/{@code --env}: the launched command's environment, changed as strace changes it. */
final class EnvChanges {
    private EnvChanges() {}

    /**
     * One {@code -E} argument.
     *
     * @param text     as Java decoded it
     * @param argIndex the argv word (argv[0] not counted) it ends, of which it is the end: its
     *                 exact bytes are that word's, after {@code offset} bytes of option letters
     * @param offset   how many bytes of the word come before it ({@code -E}, {@code --env=}, none)
     */
    record Change(String text, int argIndex, int offset) {}

    /**
     * {@code env} with each change applied in order, as strace's make_env: {@code VAR=VAL}
     * replaces the first entry named VAR (an entry {@code VAR} without {@code =} counts) or is
     * appended; {@code VAR} removes every entry named so.
     *
     * @param args the bytes of jtrace's arguments, argv[0] not included; null when unknown, the
     *             changes' text is then encoded in UTF-8
     */
    static List<byte[]> apply(List<byte[]> env, List<Change> changes, List<byte[]> args) {
        List<byte[]> result = new ArrayList<>(env);
        for (Change c : changes) {
            byte[] change = bytes(c, args);
            int eq = indexOf(change, (byte) '=');
            if (eq >= 0) {
                int at = find(result, change, eq);
                if (at >= 0) {
                    result.set(at, change);
                } else {
                    result.add(change);
                }
            } else {
                result.removeIf(e -> named(e, change, change.length));
            }
        }
        return result;
    }

    private static byte[] bytes(Change c, List<byte[]> args) {
        if (args != null && c.argIndex() >= 0 && c.argIndex() < args.size()) {
            byte[] word = args.get(c.argIndex());
            if (c.offset() >= 0 && c.offset() <= word.length) {
                return Arrays.copyOfRange(word, c.offset(), word.length);
            }
        }
        return c.text().getBytes(StandardCharsets.UTF_8);
    }

    /** Whether {@code entry} is named by the first {@code len} bytes of {@code name}. */
    private static boolean named(byte[] entry, byte[] name, int len) {
        if (entry.length < len || !Arrays.equals(entry, 0, len, name, 0, len)) {
            return false;
        }
        return entry.length == len || entry[len] == '=';
    }

    private static int find(List<byte[]> env, byte[] name, int len) {
        for (int i = 0; i < env.size(); i++) {
            if (named(env.get(i), name, len)) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOf(byte[] b, byte x) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }
}
