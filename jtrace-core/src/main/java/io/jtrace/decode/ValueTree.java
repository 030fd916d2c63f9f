package io.jtrace.decode;

import io.jtrace.decode.internal.Call;

import io.jtrace.syscalls.Errno;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** Builds {@link Value}s from what decoders write: the items of the outermost list. */
public final class ValueTree implements ValueWriter {
    /** A list being filled: a call's arguments, a structure, an array, a function form, a note. */
    private static final class Frame {
        final char kind;
        final String label;
        final List<Value> items = new ArrayList<>();
        final List<String> names = new ArrayList<>();

        Frame(char kind, String label) {
            this.kind = kind;
            this.label = label;
        }
    }

    private final Deque<Frame> frames = new ArrayDeque<>();
    private String pendingName;
    private boolean pendingChange;

    /** A tree with nothing written yet. */
    public ValueTree() {
        frames.push(new Frame('(', null));
    }

    /** The items written so far at the outermost level. */
    public List<Value> values() {
        return named(frames.getLast());
    }

    /**
     * Starts again from {@code values} at the outermost level: what a call's entry wrote, for its
     * exit to go on from (an exit may write {@link #changed} to what the entry wrote).
     */
    public ValueTree resume(List<Value> values) {
        clear();
        Frame top = frames.peek();
        for (Value v : values) {
            top.items.add(v);
            top.names.add(null);
        }
        return this;
    }

    /** Forgets everything written. */
    public ValueTree clear() {
        frames.clear();
        frames.push(new Frame('(', null));
        pendingName = null;
        pendingChange = false;
        return this;
    }

    private void add(Value v) {
        Frame f = frames.peek();
        if (pendingChange && !f.items.isEmpty()) {
            int last = f.items.size() - 1;
            f.items.set(last, new Value.Changed(f.items.get(last), v));
            pendingChange = false;
            return;
        }
        pendingChange = false;
        f.items.add(v);
        f.names.add(pendingName);
        pendingName = null;
    }

    private void wrapLast(java.util.function.UnaryOperator<Value> wrap) {
        Frame f = frames.peek();
        if (!f.items.isEmpty()) {
            int last = f.items.size() - 1;
            f.items.set(last, wrap.apply(f.items.get(last)));
        }
    }

    private void push(char kind, String label) {
        // The name and change belong to the value the frame becomes, kept until it is closed.
        Frame f = new Frame(kind, label);
        f.names.add(pendingName);
        f.items.add(pendingChange ? new Value.Literal("=>") : null);
        pendingName = null;
        pendingChange = false;
        frames.push(f);
    }

    private Frame pop() {
        Frame f = frames.size() > 1 ? frames.pop() : frames.peek();
        f.names.removeFirst();
        f.items.removeFirst();
        return f;
    }

    private void close(char kind) {
        if (frames.size() < 2) {
            return; // more closed than opened: a decoder's mistake, not worth losing the call over
        }
        Frame f = frames.peek();
        String name = f.names.getFirst();
        boolean change = f.items.getFirst() != null;
        f = pop();
        Value v = switch (kind) {
            case '{' -> {
                List<Value.Field> fields = new ArrayList<>();
                for (int i = 0; i < f.items.size(); i++) {
                    fields.add(new Value.Field(f.names.get(i), f.items.get(i)));
                }
                yield new Value.Struct(fields);
            }
            case '[' -> new Value.Array(named(f));
            default -> new Value.Call(f.label, named(f));
        };
        pendingName = name;
        pendingChange = change;
        add(v);
    }

    /** The items of {@code f}, those written after a field name as {@link Value.Named}. */
    private static List<Value> named(Frame f) {
        List<Value> values = new ArrayList<>(f.items.size());
        for (int i = 0; i < f.items.size(); i++) {
            String name = f.names.get(i);
            values.add(name == null ? f.items.get(i) : new Value.Named(name, f.items.get(i)));
        }
        return values;
    }

    @Override
    public void integer(long value, Base base) {
        add(new Value.Int(value, base));
    }

    @Override
    public void symbol(String text, long raw) {
        add(new Value.Symbol(text, raw));
    }

    @Override
    public void pointer(long address) {
        add(new Value.Pointer(address));
    }

    @Override
    public void unreadable(long address) {
        add(new Value.Unreadable(address));
    }

    @Override
    public void string(byte[] bytes, int off, int len, boolean truncated) {
        add(new Value.Str(java.util.Arrays.copyOfRange(bytes, off, off + len), truncated));
    }

    @Override
    public void hexString(byte[] bytes, int off, int len, boolean truncated) {
        add(new Value.Str(java.util.Arrays.copyOfRange(bytes, off, off + len), truncated, true));
    }

    @Override
    public void fd(int fd, String shown, String decoration) {
        add(new Value.Fd(fd, shown, decoration));
    }

    @Override
    public void beginStruct() {
        push('{', null);
    }

    @Override
    public void field(String name) {
        pendingName = name;
    }

    @Override
    public void endStruct() {
        close('{');
    }

    @Override
    public void beginArray() {
        push('[', null);
    }

    @Override
    public void endArray() {
        close('[');
    }

    @Override
    public void elided() {
        add(new Value.Elided());
    }

    @Override
    public void comment(String text) {
        wrapLast(v -> new Value.Commented(v, text));
    }

    @Override
    public void beginCall(String function) {
        push('(', function);
    }

    @Override
    public void endCall() {
        close('(');
    }

    @Override
    public void changed() {
        pendingChange = true;
    }

    @Override
    public void literal(String text) {
        add(new Value.Literal(text));
    }

    @Override
    public void separator() {
    }

    @Override
    public void error(int errno) {
        add(new Value.Error(errno, Errno.byNumber(errno).map(Errno::name).orElse(null)));
    }

    @Override
    public void beginNote(String label) {
        Frame f = new Frame('n', label);
        f.names.add(null);
        f.items.add(null);
        frames.push(f);
    }

    @Override
    public void endNote() {
        if (frames.size() < 2) {
            return;
        }
        Frame note = pop();
        Value.Noted[] made = new Value.Noted[1];
        wrapLast(v -> made[0] = new Value.Noted(v, note.label, note.items));
        if (made[0] == null) {
            add(new Value.Noted(new Value.Literal(""), note.label, note.items));
        }
    }
}
