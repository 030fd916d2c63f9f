package io.jtrace.decode;

import io.jtrace.decode.internal.Call;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * A decoded argument or result, as {@link ValueTree} builds it from what a decoder wrote: the same
 * structure strace prints, without the text. Records compare and print by content.
 */
public sealed interface Value {
    /** An integer and how strace spells it. */
    record Int(long value, ValueWriter.Base base) implements Value {}

    /** A named constant or flag set: the names as strace spells them, and the number. */
    record Symbol(String text, long raw) implements Value {}

    /** An address ({@code 0} is NULL). */
    record Pointer(long address) implements Value {}

    /** An address whose memory could not be read. */
    record Unreadable(long address) implements Value {}

    /**
     * A string or buffer: the bytes shown, whether there was more, and whether strace shows these
     * bytes in hex whatever {@code -x} says (getrandom's).
     */
    record Str(byte[] bytes, boolean truncated, boolean hex) implements Value {
        public Str {
            bytes = bytes.clone();
        }

        public Str(byte[] bytes, boolean truncated) {
            this(bytes, truncated, false);
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        /** The bytes as text, one char per byte (ISO-8859-1), so that any bytes survive. */
        public String latin1() {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Str s && s.truncated == truncated && s.hex == hex && Arrays.equals(s.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes) * 31 + Boolean.hashCode(truncated) * 2 + Boolean.hashCode(hex);
        }

        @Override
        public String toString() {
            return "Str[bytes=" + HexFormat.of().formatHex(bytes) + ", truncated=" + truncated + ", hex=" + hex + "]";
        }
    }

    /**
     * A file descriptor; {@code shown} is how strace names it when not by number ({@code AT_FDCWD}),
     * {@code decoration} what -y/-yy print after it. Either may be null.
     */
    record Fd(int fd, String shown, String decoration) implements Value {}

    /** A structure: its members in order; a member without a name has a null name. */
    record Struct(List<Field> fields) implements Value {
        public Struct {
            fields = List.copyOf(fields);
        }
    }

    /**
     * A value strace names outside a structure: clone's arguments ({@code child_stack=NULL,
     * flags=...}), members of function forms.
     */
    record Named(String name, Value value) implements Value {}

    /** A member of a {@link Struct}. */
    record Field(String name, Value value) {}

    /** An array or set. */
    record Array(List<Value> items) implements Value {
        public Array {
            items = List.copyOf(items);
        }
    }

    /** What strace leaves out: {@code ...}. */
    record Elided() implements Value {}

    /** A function-like form: {@code htons(80)}. */
    record Call(String function, List<Value> args) implements Value {
        public Call {
            args = List.copyOf(args);
        }
    }

    /** A value the call was given and what it made of it: {@code 128 => 16}. */
    record Changed(Value before, Value after) implements Value {}

    /** A value with strace's comment after it. */
    record Commented(Value value, String comment) implements Value {}

    /** A value with strace's explanation in parentheses after it: {@code 0x1 (flags FD_CLOEXEC)}. */
    record Noted(Value value, String label, List<Value> note) implements Value {
        public Noted {
            note = List.copyOf(note);
        }
    }

    /** A form strace prints as it is. */
    record Literal(String text) implements Value {}

    /** A failed call's error number, with its name when it has one. */
    record Error(int errno, String name) implements Value {}
}
