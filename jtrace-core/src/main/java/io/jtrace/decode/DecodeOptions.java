package io.jtrace.decode;

import io.jtrace.decode.internal.DecodeContext;

/**
 * How much decoders read and how they spell values: strace's {@code -s}, {@code -x}/{@code -xx},
 * {@code -v}, {@code -y}/{@code -yy}/{@code --decode-fds} and {@code -X}.
 *
 * @param stringLimit the longest string shown whole, and the most array elements shown ({@code -s})
 * @param hex         how strings are escaped
 * @param verbose     structures, arrays and environments in full ({@code -v})
 * @param decodeFds   what is shown of descriptors beyond their number: a set of {@link #FDS_PATH},
 *                    {@link #FDS_SOCKET}, {@link #FDS_DEV} and {@link #FDS_PIDFD}; 0 for none
 * @param constants   how named constants are spelled ({@code -X})
 * @param dereference whether structures behind pointers are read and printed; without it their
 *                    addresses are printed instead, as strace prints the calls {@code -e verbose=}
 *                    leaves out (strings and data buffers are still read)
 */
public record DecodeOptions(int stringLimit, HexStyle hex, boolean verbose, int decodeFds,
                            ConstantStyle constants, boolean dereference) {
    /** --decode-fds kinds: -y is PATH, -yy all four. */
    public static final int FDS_PATH = DecodeContext.FDS_PATH, FDS_SOCKET = DecodeContext.FDS_SOCKET,
            FDS_DEV = DecodeContext.FDS_DEV, FDS_PIDFD = DecodeContext.FDS_PIDFD, FDS_ALL = DecodeContext.FDS_ALL;

    /** strace's defaults: 32-byte strings, octal escapes, abbreviated structures, plain descriptors. */
    public static final DecodeOptions DEFAULTS = new DecodeOptions(32, HexStyle.NONE, false, 0,
            ConstantStyle.ABBREV, true);

    /** Options that read structures behind pointers, as strace does by default. */
    public DecodeOptions(int stringLimit, HexStyle hex, boolean verbose, int decodeFds, ConstantStyle constants) {
        this(stringLimit, hex, verbose, decodeFds, constants, true);
    }

    /** Checks that the limit is not negative and that {@code decodeFds} holds only {@code FDS_*} bits. */
    public DecodeOptions {
        if (stringLimit < 0) {
            throw new IllegalArgumentException("negative string limit " + stringLimit);
        }
        if ((decodeFds & ~FDS_ALL) != 0) {
            throw new IllegalArgumentException("unknown descriptor detail bits 0x" + Integer.toHexString(decodeFds));
        }
    }

    /** These options with {@code stringLimit}. */
    public DecodeOptions withStringLimit(int limit) {
        return new DecodeOptions(limit, hex, verbose, decodeFds, constants, dereference);
    }

    /** These options with descriptors shown as {@code kinds} asks ({@code FDS_*} bits). */
    public DecodeOptions withDecodeFds(int kinds) {
        return new DecodeOptions(stringLimit, hex, verbose, kinds, constants, dereference);
    }

    /** These options with {@code -v} on or off. */
    public DecodeOptions withVerbose(boolean on) {
        return new DecodeOptions(stringLimit, hex, on, decodeFds, constants, dereference);
    }

    /** These options with structures behind pointers read, or only their addresses printed. */
    public DecodeOptions withDereference(boolean on) {
        return new DecodeOptions(stringLimit, hex, verbose, decodeFds, constants, on);
    }
}
