package io.jtrace.decode;

/** How strings are escaped: what {@code -x}, {@code -xx} and {@code --strings-in-hex} ask for. */
public enum HexStyle {
    /** The default: octal escapes. */
    NONE,
    /** {@code --strings-in-hex=non-ascii-chars}: {@code \xNN} escapes instead of octal ones. */
    NON_ASCII_CHARS,
    /**
     * {@code -x}: a string with any byte that needs a numeric escape is printed wholly in
     * {@code \xNN} form; others as by default.
     */
    NON_ASCII,
    /** {@code -xx}: every string wholly in {@code \xNN} form. */
    ALL
}
