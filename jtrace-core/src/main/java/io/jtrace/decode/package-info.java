/**
 * System calls decoded as strace 6.1 decodes them, as values rather than text.
 *
 * <p>Decoders read the tracee's memory through {@link io.jtrace.decode.Memory} and write what they
 * find to a {@link io.jtrace.decode.ValueWriter}: integers with their base, named constants with
 * their numbers, strings with whether they were cut, structures with their field names, arrays,
 * descriptors with what {@code -y} learns of them, strace's comments and notes. Three writers
 * come with the library: {@link io.jtrace.decode.TextWriter} (strace's exact text),
 * {@link io.jtrace.decode.ValueTree} ({@link io.jtrace.decode.Value}s for programs) and
 * {@link io.jtrace.decode.JsonWriter}. {@link io.jtrace.decode.Values#write} writes a value tree
 * back to any writer, so a call decoded once can be printed in several forms.
 *
 * <p>{@link io.jtrace.decode.Decoding#listener} is the simple way in: a listener for a
 * {@link io.jtrace.engine.Tracer} that hands over one {@link io.jtrace.decode.SyscallEvent} per
 * call. {@link io.jtrace.decode.SyscallDecoder} is the step underneath, for tools that print at
 * entry and exit separately, as strace does for a call another thread interrupts.
 */
package io.jtrace.decode;
