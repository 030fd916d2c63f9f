package io.jtrace.cli;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * strace's {@code parse_ts}: a duration as {@code -O} takes it, a number with an optional unit
 * ({@code s}, {@code ms}, {@code us}, {@code ns}; microseconds without one). The number is an
 * integer, or, when it has a fraction, an exponent or a leading minus, a floating-point number as
 * strtod reads it; negative values are refused.
 */
final class Durations {
    private Durations() {}

    private static final long NS_IN_S = 1_000_000_000L;

    /** What strtod reads of a text that begins with one of {@code eE.-+} or a digit: a decimal, inf or nan. */
    private static final Pattern STRTOD = Pattern.compile(
            "[+-]?(?:(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?|(?i:infinity|inf|nan))");

    /** The duration in nanoseconds (saturated at Long.MAX_VALUE), or -1 when strace refuses the text. */
    static long parse(String s) {
        int floatLen = span(s, "eE.-+0123456789");
        int intLen = span(s, "+0123456789");
        boolean isFloat = floatLen > intLen;
        double floatValue = 0;
        long intValue = 0;
        String suffix;
        if (isFloat) {
            Matcher m = STRTOD.matcher(s);
            if (!m.lookingAt()) {
                return -1;
            }
            String number = m.group();
            floatValue = Double.parseDouble(number.replaceAll("(?i)nan", "NaN").replaceAll("(?i)inf(inity)?", "Infinity"));
            if (outOfRange(number, floatValue) || floatValue < 0) {
                return -1;
            }
            suffix = s.substring(m.end());
        } else {
            // string_to_uint_ex: strtoll (leading blanks, a sign), then at most a unit's letters.
            int i = span(s, " \t\n\u000b\f\r");
            int start = i;
            if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int digits = i;
            while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
            }
            if (i == digits) {
                return -1;
            }
            BigDecimal value = new BigDecimal(s.substring(start, i));
            if (value.signum() < 0 || value.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
                return -1;
            }
            intValue = value.longValueExact();
            suffix = s.substring(i);
            if (!suffix.isEmpty() && "smun".indexOf(suffix.charAt(0)) < 0) {
                return -1;
            }
        }
        long scale = switch (suffix) {
            case "" -> 1000;
            case "s" -> NS_IN_S;
            case "ms" -> 1_000_000;
            case "us" -> 1000;
            case "ns" -> 1;
            default -> -1;
        };
        if (scale < 0) {
            return -1;
        }
        long unitsPerSecond = NS_IN_S / scale;
        long sec;
        long nsec;
        if (isFloat) {
            // As strace: whole seconds, then the rest in nanoseconds; huge values saturate here.
            double seconds = floatValue / unitsPerSecond;
            if (!(seconds < Long.MAX_VALUE / NS_IN_S)) {
                return Long.MAX_VALUE;
            }
            sec = (long) seconds;
            nsec = ((long) ((floatValue - (double) (sec * unitsPerSecond)) * scale)) % NS_IN_S;
        } else {
            sec = intValue / unitsPerSecond;
            nsec = (intValue % unitsPerSecond) * scale;
        }
        if (sec > (Long.MAX_VALUE - nsec) / NS_IN_S) {
            return Long.MAX_VALUE;
        }
        return sec * NS_IN_S + nsec;
    }

    /** strtod's ERANGE: a finite number too large for a double, or a non-zero one too small. */
    private static boolean outOfRange(String number, double value) {
        boolean named = number.chars().anyMatch(Character::isLetter) && !number.matches(".*[0-9].*");
        if (named) {
            return false;
        }
        if (Double.isInfinite(value)) {
            return true;
        }
        return (value == 0 || Math.abs(value) < Double.MIN_NORMAL) && number.matches("[^eE]*[1-9].*");
    }

    private static int span(String s, String accept) {
        int i = 0;
        while (i < s.length() && accept.indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        return i;
    }
}
