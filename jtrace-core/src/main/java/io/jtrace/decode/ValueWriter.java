package io.jtrace.decode;

/**
 * Where decoders write what they make of a system call: values and the structure around them, never
 * text. The strace renderer ({@link TextWriter}) turns the calls into strace's exact text, the value
 * tree ({@link ValueTree}) into {@link Value}s, {@link JsonWriter} into JSON.
 *
 * <p>A writer holds a list of items: the arguments of a call, the members of a structure or array,
 * the arguments of a function-like form such as {@code htons(80)}. Every value, {@link #field} and
 * {@link #elided} starts a new item; renderers put the separators between items themselves.
 * {@link #comment}, {@link #changed} and notes attach to the item before or after them.
 */
public interface ValueWriter {
    /** How an integer is spelled. */
    enum Base {
        /** Signed decimal. */
        DEC,
        /** Unsigned decimal (the value's 64 bits). */
        UDEC,
        /** C's {@code %#x}: {@code 0}, or {@code 0x} and hex digits. */
        HEX,
        /** A {@code 0} and octal digits, as strace prints file modes ({@code 0644}, {@code 00}). */
        OCT
    }

    /** An integer. */
    void integer(long value, Base base);

    /**
     * A named constant or a set of flags, as strace spells it in the constant style in force
     * ({@code O_RDONLY|O_CLOEXEC}; under {@code -X raw} the number), with its numeric value.
     */
    void symbol(String text, long raw);

    /** An address: {@code NULL}, or hex. */
    void pointer(long address);

    /** An address whose memory could not be read, printed in place of what it points to. */
    void unreadable(long address);

    /**
     * A string or buffer: the {@code len} bytes shown, NULs included, and whether strace would print
     * {@code ...} after them because there is more.
     */
    void string(byte[] bytes, int off, int len, boolean truncated);

    /**
     * As {@link #string}, for bytes strace's text always escapes in hex whatever {@code -x} says
     * (getrandom's). Renderers without a text form write them as any string.
     */
    default void hexString(byte[] bytes, int off, int len, boolean truncated) {
        string(bytes, off, len, truncated);
    }

    /**
     * A file descriptor, and what {@code -y}/{@code -yy} learned of it as strace prints it after the
     * number ({@code </etc/passwd>}, {@code <TCP:[...]>}), or null.
     */
    default void fd(int fd, String decoration) {
        fd(fd, null, decoration);
    }

    /**
     * A process or thread id, and what {@code -Y} prints after it ({@code <bash>}, see
     * {@link Comm#decoration}), or null. Renderers without a text form write the number alone.
     */
    default void pid(int pid, String comm) {
        integer(pid, Base.DEC);
    }

    /**
     * A file descriptor shown as {@code shown} rather than its number ({@code AT_FDCWD}), or as the
     * number when {@code shown} is null.
     */
    void fd(int fd, String shown, String decoration);

    /** Starts a structure, strace's opening brace. Its members are {@link #field}s, or items without a name. */
    void beginStruct();

    /** Names the next value, a member of the structure being written. */
    void field(String name);

    /** Ends the structure {@link #beginStruct} started: strace's closing brace. */
    void endStruct();

    /** Starts an array or a set: {@code [}. */
    void beginArray();

    /** Ends the array or set {@link #beginArray} started: {@code ]}. */
    void endArray();

    /** Stands for what strace leaves out: {@code ...}, more members or elements than it shows. */
    void elided();

    /** strace's comment after the last item, {@code /* 5 vars *}{@code /}. */
    void comment(String text);

    /** Starts a function-like form: {@code htons(80)}, {@code makedev(0x1, 0x3)}. */
    void beginCall(String function);

    /** Ends the function-like form {@link #beginCall} started: its closing parenthesis. */
    void endCall();

    /**
     * The last item is a value the call was given, the next one what it made of it: strace's
     * {@code [128 => 16]}.
     */
    void changed();

    /** A value strace prints in a form of its own, such as an expression ({@code 1<<20}); one item. */
    void literal(String text);

    /**
     * The call's remaining arguments come when it returns: strace prints the separator at entry,
     * so that an interrupted call reads {@code read(3, <unfinished ...>}.
     */
    void separator();

    /** A failed call's result: the error number. */
    void error(int errno);

    /**
     * Starts what strace explains after a result or value in parentheses, after {@code label}:
     * {@code = 0x1 (flags FD_CLOEXEC)}, {@code = 0 (Timeout)}.
     */
    void beginNote(String label);

    /** Ends the note {@link #beginNote} started: its closing parenthesis. */
    void endNote();
}
