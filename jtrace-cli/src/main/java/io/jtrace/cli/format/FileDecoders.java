package io.jtrace.cli.format;

import java.util.Map;

/** Files, descriptors and memory: open, stat, fcntl, ioctl, mmap and their kin. */
final class FileDecoders {
    private FileDecoders() {}

    static void register(Map<String, ArgDecoder> args, Map<String, CallDecoder> calls) {
        args.put("open_flags", FileDecoders::openFlags);
    }

    /** open's flags: the access mode (O_RDONLY is 0) always named first, then the other bits. */
    static void openFlags(StringBuilder out, long value, Call call, DecodeContext ctx) {
        int flags = (int) value;
        io.jtrace.syscalls.Xlat modes = io.jtrace.syscalls.Xlat.get("open_access_modes");
        io.jtrace.syscalls.Xlat rest = io.jtrace.syscalls.Xlat.get("open_mode_flags");
        XlatFormat.value(out, modes, flags & 3);
        int others = flags & ~3;
        if (others != 0) {
            out.append('|');
            XlatFormat.flags(out, rest, others & 0xffffffffL);
        }
    }
}
