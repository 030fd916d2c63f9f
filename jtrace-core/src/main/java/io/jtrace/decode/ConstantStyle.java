package io.jtrace.decode;

/**
 * How named constants are spelled, strace's {@code -X}: names ({@code abbrev}, the default),
 * numbers ({@code raw}), or numbers with the names in a comment ({@code verbose}).
 */
public enum ConstantStyle { ABBREV, RAW, VERBOSE }
