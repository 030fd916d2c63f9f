package io.jtrace.decode;

/**
 * How named constants are spelled, strace's {@code -X}: names ({@code abbrev}, the default),
 * numbers ({@code raw}), or numbers with the names in a comment ({@code verbose}).
 */
public enum ConstantStyle {
    /** Names: {@code O_RDONLY|O_CLOEXEC} ({@code -X abbrev}). */
    ABBREV,
    /** Numbers only: {@code 0x80000} ({@code -X raw}). */
    RAW,
    /** Numbers, the names in a comment: {@code 0x80000 /* O_RDONLY|O_CLOEXEC *}{@code /} ({@code -X verbose}). */
    VERBOSE
}
