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
    /**
     * An integer and how strace spells it.
     *
     * @param value the integer
     * @param base  how it is spelled
     */
    record Int(long value, ValueWriter.Base base) implements Value {}

    /**
     * A named constant or flag set: the names as strace spells them, and the number.
     *
     * @param text the names ({@code O_RDONLY|O_CLOEXEC}), or the number as {@code -X raw} spells it
     * @param raw  the number
     */
    record Symbol(String text, long raw) implements Value {}

    /**
     * An address ({@code 0} is NULL).
     *
     * @param address the address
     */
    record Pointer(long address) implements Value {}

    /**
     * An address whose memory could not be read.
     *
     * @param address the address
     */
    record Unreadable(long address) implements Value {}

    /**
     * A string or buffer: the bytes shown, whether there was more, and whether strace shows these
     * bytes in hex whatever {@code -x} says (getrandom's).
     *
     * @param bytes     the bytes shown
     * @param truncated whether strace prints {@code ...} after them
     * @param hex       whether strace always shows them in hex
     */
    record Str(byte[] bytes, boolean truncated, boolean hex) implements Value {
        /** Copies {@code bytes}, so that the value does not change. */
        public Str {
            bytes = bytes.clone();
        }

        /** A string shown as {@code -x} says. */
        public Str(byte[] bytes, boolean truncated) {
            this(bytes, truncated, false);
        }

        /** A copy of the bytes shown. */
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
     *
     * @param fd         the descriptor's number
     * @param shown      its name, or null
     * @param decoration what -y/-yy show of it, or null
     */
    record Fd(int fd, String shown, String decoration) implements Value {}

    /**
     * A structure: its members in order; a member without a name has a null name.
     *
     * @param fields the members
     */
    record Struct(List<Field> fields) implements Value {
        /** Copies {@code fields}. */
        public Struct {
            fields = List.copyOf(fields);
        }
    }

    /**
     * A value strace names outside a structure: clone's arguments ({@code child_stack=NULL,
     * flags=...}), members of function forms.
     *
     * @param name  the name strace prints before {@code =}
     * @param value the value
     */
    record Named(String name, Value value) implements Value {}

    /**
     * A member of a {@link Struct}.
     *
     * @param name  the member's name, or null
     * @param value its value
     */
    record Field(String name, Value value) {}

    /**
     * An array or set.
     *
     * @param items the elements
     */
    record Array(List<Value> items) implements Value {
        /** Copies {@code items}. */
        public Array {
            items = List.copyOf(items);
        }
    }

    /** What strace leaves out: {@code ...}. */
    record Elided() implements Value {}

    /**
     * A function-like form: {@code htons(80)}.
     *
     * @param function the function's name
     * @param args     its arguments
     */
    record Call(String function, List<Value> args) implements Value {
        /** Copies {@code args}. */
        public Call {
            args = List.copyOf(args);
        }
    }

    /**
     * A value the call was given and what it made of it: {@code 128 => 16}.
     *
     * @param before the value given
     * @param after  what the call made of it
     */
    record Changed(Value before, Value after) implements Value {}

    /**
     * A value with strace's comment after it.
     *
     * @param value   the value
     * @param comment the comment's text, without {@code /*} and {@code *}{@code /}
     */
    record Commented(Value value, String comment) implements Value {}

    /**
     * A value with strace's explanation in parentheses after it: {@code 0x1 (flags FD_CLOEXEC)}.
     *
     * @param value the value
     * @param label the words before the note's values ({@code flags})
     * @param note  the note's values
     */
    record Noted(Value value, String label, List<Value> note) implements Value {
        /** Copies {@code note}. */
        public Noted {
            note = List.copyOf(note);
        }
    }

    /**
     * A form strace prints as it is.
     *
     * @param text the text
     */
    record Literal(String text) implements Value {}

    /**
     * A failed call's error number, with its name when it has one.
     *
     * @param errno the error number
     * @param name  its name ({@code ENOENT}), or null
     */
    record Error(int errno, String name) implements Value {}
}
