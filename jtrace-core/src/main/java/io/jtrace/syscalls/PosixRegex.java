package io.jtrace.syscalls;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A POSIX extended regular expression read as glibc's {@code regcomp(&re, ere, REG_EXTENDED | REG_NOSUB)}
 * reads it, translated to a {@link Pattern} whose {@link java.util.regex.Matcher#find() find} succeeds
 * exactly where {@code regexec} reports a match. This is how strace compiles {@code -e trace=/REGEX}, and
 * how a malformed one is refused: with {@code regerror}'s words, {@link Error#text}.
 *
 * <p>The parser reproduces glibc's reading of the corner cases rather than the POSIX grammar alone,
 * since glibc's reading is what strace users meet (each case checked against strace and
 * {@code grep -E} on this machine, see PosixRegexTest): an unmatched {@code )}
 * is an ordinary character, {@code a**} is valid, a '{' cannot start an expression, a back reference
 * must follow the end of its group within the same alternative, a count is at most RE_DUP_MAX, the GNU
 * escapes {@code \w \W \s \S \b \B \< \> \` \'} are operators while any other escaped character is
 * itself, and inside brackets a backslash is an ordinary character.
 *
 * <p>The locale modelled is a UTF-8 one with codepoint collation, such as the C.UTF-8 strace runs in
 * here: characters are code points, a range ends only at ASCII characters ({@code [a-é]} is an invalid
 * collation character), collating symbols and equivalence classes name one ASCII character, and the
 * character classes are ASCII's. Syscall names are ASCII, where this is exact. Whether greedy or
 * leftmost-longest, both engines find a match if there is one, and REG_NOSUB asks no more.
 *
 * <p>Of regerror's texts, three never appear here. "Memory exhausted" is glibc running out of memory,
 * for nested counts such as {@code a{32767}{32767}} whose automaton does not fit (here the kernel's OOM
 * killer ended strace first); Java's engine does not expand counts, so the pattern compiles. "Unmatched )
 * or \)" and "Premature end of regular expression" are not produced for an ERE.
 */
final class PosixRegex {
    /** glibc's RE_DUP_MAX: the largest count an interval may give. */
    private static final int DUP_MAX = 0x7fff;
    /** glibc's BRACKET_NAME_BUF_SIZE: a class or symbol name must be shorter, in bytes. */
    private static final int BRACKET_NAME_BUF_SIZE = 32;

    /** The reg_errcode_t values regcomp gives an ERE, with regerror's texts. */
    enum Error {
        BADPAT("Invalid regular expression"),
        ECOLLATE("Invalid collation character"),
        ECTYPE("Invalid character class name"),
        EESCAPE("Trailing backslash"),
        ESUBREG("Invalid back reference"),
        EBRACK("Unmatched [, [^, [:, [., or [="),
        EPAREN("Unmatched ( or \\("),
        EBRACE("Unmatched \\{"),
        BADBR("Invalid content of \\{\\}"),
        ERANGE("Invalid range end"),
        BADRPT("Invalid preceding regular expression"),
        ESIZE("Regular expression too big");

        final String text;

        Error(String text) {
            this.text = text;
        }
    }

    /** A malformed expression; the message is regerror's text. */
    static final class SyntaxException extends IllegalArgumentException {
        private final Error error;

        SyntaxException(Error error) {
            super(error.text);
            this.error = error;
        }

        Error error() {
            return error;
        }
    }

    /** The members of the C locale's character classes, written for a Java character class. */
    private static final Map<String, String> CLASSES = Map.ofEntries(
            Map.entry("alnum", "0-9A-Za-z"),
            Map.entry("alpha", "A-Za-z"),
            Map.entry("blank", "\\x{9}\\x{20}"),
            Map.entry("cntrl", "\\x{0}-\\x{1F}\\x{7F}"),
            Map.entry("digit", "0-9"),
            Map.entry("graph", "\\x{21}-\\x{7E}"),
            Map.entry("lower", "a-z"),
            Map.entry("print", "\\x{20}-\\x{7E}"),
            Map.entry("punct", "\\x{21}-\\x{2F}\\x{3A}-\\x{40}\\x{5B}-\\x{60}\\x{7B}-\\x{7E}"),
            Map.entry("space", "\\x{9}-\\x{D}\\x{20}"),
            Map.entry("upper", "A-Z"),
            Map.entry("xdigit", "0-9A-Fa-f"));

    /** glibc's word characters (IS_WORD_CHAR): alnum and underscore. */
    private static final String WORD = "[" + CLASSES.get("alnum") + "_]";
    private static final String WORD_FIRST = "(?<!" + WORD + ")(?=" + WORD + ")";
    private static final String WORD_LAST = "(?<=" + WORD + ")(?!" + WORD + ")";

    /**
     * The GNU escapes that match a position; glibc's anchors, which no repetition may follow. Without
     * REG_NEWLINE, {@code ^} and {@code $} are the buffer's ends too.
     */
    private static final Map<Integer, String> ANCHOR_ESCAPES = Map.of(
            (int) '<', WORD_FIRST,
            (int) '>', WORD_LAST,
            (int) 'b', "(?:" + WORD_FIRST + "|" + WORD_LAST + ")",
            // INSIDE_WORD or INSIDE_NOTWORD: both neighbours word characters, or neither.
            (int) 'B', "(?:(?<=" + WORD + ")(?=" + WORD + ")|(?<!" + WORD + ")(?!" + WORD + "))",
            (int) '`', "\\A",
            (int) '\'', "\\z");

    /** The GNU escapes that match one character. */
    private static final Map<Integer, String> CLASS_ESCAPES = Map.of(
            (int) 'w', WORD,
            (int) 'W', "[^" + CLASSES.get("alnum") + "_]",
            (int) 's', "[" + CLASSES.get("space") + "]",
            (int) 'S', "[^" + CLASSES.get("space") + "]");

    private enum Kind {
        CHARACTER, END, ALT, STAR, PLUS, QUESTION, OPEN_INTERVAL, CLOSE_INTERVAL, OPEN_GROUP, CLOSE_GROUP,
        OPEN_BRACKET, PERIOD, ANCHOR, BACK_REFERENCE, CLASS_ESCAPE, TRAILING_BACKSLASH
    }

    /**
     * A token outside brackets.
     *
     * @param c      the character, for CHARACTER and the characters that may become one; the group
     *               number for BACK_REFERENCE
     * @param length code points in the pattern
     * @param java   the translation of an ANCHOR or CLASS_ESCAPE
     */
    private record Token(Kind kind, int c, int length, String java) {}

    private enum BracketKind { CHARACTER, END, RANGE, CLOSE, NOT, OPEN_COLLATING, OPEN_EQUIVALENCE, OPEN_CLASS }

    private record BracketToken(BracketKind kind, int c, int length) {}

    private enum ElementKind { CHARACTER, COLLATING_SYMBOL, EQUIVALENCE_CLASS, CHARACTER_CLASS }

    /** @param name the name between the delimiters, for all but CHARACTER */
    private record Element(ElementKind kind, int c, String name) {}

    private final int[] pattern;
    private int pos;
    private Token token;
    private int groups;
    /** glibc's completed_bkref_map: bit n-1 set once group n (up to 9) has ended. */
    private int completedGroups;

    private PosixRegex(String ere) {
        pattern = ere.codePoints().toArray();
    }

    /**
     * The pattern that finds what {@code ere} matches.
     *
     * @throws SyntaxException when regcomp refuses {@code ere}, with regerror's text
     */
    static Pattern compile(String ere) {
        return Pattern.compile(translate(ere));
    }

    /** The java.util.regex expression equivalent to {@code ere}, for {@link java.util.regex.Matcher#find}. */
    static String translate(String ere) {
        PosixRegex parser = new PosixRegex(ere);
        parser.token = parser.next();
        // At the top level only the end of the pattern ends the alternatives.
        return parser.parseRegExp(0);
    }

    // ---- outside brackets ----

    private Token next() {
        Token t = peekToken();
        pos += t.length();
        return t;
    }

    private Token peekToken() {
        if (pos >= pattern.length) {
            return new Token(Kind.END, -1, 0, null);
        }
        int c = pattern[pos];
        if (c == '\\') {
            if (pos + 1 >= pattern.length) {
                return new Token(Kind.TRAILING_BACKSLASH, c, 1, null);
            }
            int c2 = pattern[pos + 1];
            if (c2 >= '1' && c2 <= '9') {
                return new Token(Kind.BACK_REFERENCE, c2 - '0', 2, null);
            }
            if (ANCHOR_ESCAPES.containsKey(c2)) {
                return new Token(Kind.ANCHOR, c2, 2, ANCHOR_ESCAPES.get(c2));
            }
            if (CLASS_ESCAPES.containsKey(c2)) {
                return new Token(Kind.CLASS_ESCAPE, c2, 2, CLASS_ESCAPES.get(c2));
            }
            // In an ERE \| \( \{ \+ and the rest are the characters themselves.
            return new Token(Kind.CHARACTER, c2, 2, null);
        }
        return switch (c) {
            case '|' -> new Token(Kind.ALT, c, 1, null);
            case '*' -> new Token(Kind.STAR, c, 1, null);
            case '+' -> new Token(Kind.PLUS, c, 1, null);
            case '?' -> new Token(Kind.QUESTION, c, 1, null);
            case '{' -> new Token(Kind.OPEN_INTERVAL, c, 1, null);
            case '}' -> new Token(Kind.CLOSE_INTERVAL, c, 1, null);
            case '(' -> new Token(Kind.OPEN_GROUP, c, 1, null);
            case ')' -> new Token(Kind.CLOSE_GROUP, c, 1, null);
            case '[' -> new Token(Kind.OPEN_BRACKET, c, 1, null);
            case '.' -> new Token(Kind.PERIOD, c, 1, null);
            case '^' -> new Token(Kind.ANCHOR, c, 1, "\\A");
            case '$' -> new Token(Kind.ANCHOR, c, 1, "\\z");
            default -> new Token(Kind.CHARACTER, c, 1, null);
        };
    }

    /** branches separated by {@code |}; {@code nest} is the depth of groups. */
    private String parseRegExp(int nest) {
        int initialGroups = completedGroups;
        StringBuilder java = new StringBuilder(parseBranch(nest));
        while (token.kind() == Kind.ALT) {
            token = next();
            java.append('|');
            if (token.kind() != Kind.ALT && token.kind() != Kind.END
                    && (nest == 0 || token.kind() != Kind.CLOSE_GROUP)) {
                // A branch may not refer back to a group of an earlier branch: that group did not match.
                int accumulated = completedGroups;
                completedGroups = initialGroups;
                java.append(parseBranch(nest));
                completedGroups |= accumulated;
            }
        }
        return java.toString();
    }

    /** expressions one after another, up to a {@code |}, the end or the group's end. */
    private String parseBranch(int nest) {
        StringBuilder java = new StringBuilder(parseExpression(nest));
        while (token.kind() != Kind.ALT && token.kind() != Kind.END
                && (nest == 0 || token.kind() != Kind.CLOSE_GROUP)) {
            java.append(parseExpression(nest));
        }
        return java.toString();
    }

    /** one atom and the repetitions that follow it; "" for none. */
    private String parseExpression(int nest) {
        switch (token.kind()) {
            case ALT, END -> {
                return ""; // no expression: the caller sees the token
            }
            case ANCHOR -> {
                // glibc returns before looking for a repetition, so the next expression meets the '*'.
                String anchor = token.java();
                token = next();
                return anchor;
            }
            default -> {
            }
        }
        String java = atom(nest);
        token = next();
        boolean single = true;
        while (token.kind() == Kind.STAR || token.kind() == Kind.PLUS || token.kind() == Kind.QUESTION
                || token.kind() == Kind.OPEN_INTERVAL) {
            // Java would read a second quantifier as lazy or possessive, so a repeated repetition is grouped.
            java = parseDupOp(single ? java : "(?:" + java + ")");
            single = false;
        }
        return java;
    }

    /** The atom the current token begins, up to its last token, which is then the current one. */
    private String atom(int nest) {
        return switch (token.kind()) {
            case OPEN_GROUP -> parseSubExp(nest + 1);
            case OPEN_BRACKET -> parseBracket();
            case BACK_REFERENCE -> {
                if ((completedGroups & 1 << (token.c() - 1)) == 0) {
                    throw new SyntaxException(Error.ESUBREG);
                }
                // Grouped, so that a digit after it is not read as part of the number.
                yield "(?:\\" + token.c() + ")";
            }
            // RE_CONTEXT_INVALID_OPS: nothing to repeat.
            case STAR, PLUS, QUESTION, OPEN_INTERVAL -> throw new SyntaxException(Error.BADRPT);
            case PERIOD -> "[^\\x{0}]"; // RE_DOT_NEWLINE and RE_DOT_NOT_NULL
            case CLASS_ESCAPE -> token.java();
            case TRAILING_BACKSLASH -> throw new SyntaxException(Error.EESCAPE);
            // A CHARACTER, an unmatched ')' (RE_UNMATCHED_RIGHT_PAREN_ORD) or a '}' outside an interval.
            default -> literal(token.c());
        };
    }

    /** a parenthesised group, whose '(' is the current token. */
    private String parseSubExp(int nest) {
        int group = ++groups;
        token = next();
        String inner = "";
        if (token.kind() != Kind.CLOSE_GROUP) {
            inner = parseRegExp(nest);
            if (token.kind() != Kind.CLOSE_GROUP) {
                throw new SyntaxException(Error.EPAREN);
            }
        }
        if (group <= 9) {
            completedGroups |= 1 << (group - 1);
        }
        return "(" + inner + ")";
    }

    /** the repetition that is the current token, applied to {@code operand}. */
    private String parseDupOp(String operand) {
        int start;
        int end;
        if (token.kind() == Kind.OPEN_INTERVAL) {
            end = 0;
            start = fetchNumber();
            if (start == -1) {
                if (!isComma(token)) {
                    throw new SyntaxException(Error.BADBR); // {}
                }
                start = 0; // {,m} is {0,m}
            }
            if (start != -2) {
                end = token.kind() == Kind.CLOSE_INTERVAL ? start : isComma(token) ? fetchNumber() : -2;
            }
            if (start == -2 || end == -2) {
                throw new SyntaxException(token.kind() == Kind.END ? Error.EBRACE : Error.BADBR);
            }
            if ((end != -1 && start > end) || token.kind() != Kind.CLOSE_INTERVAL) {
                throw new SyntaxException(Error.BADBR);
            }
            if ((end == -1 ? start : end) > DUP_MAX) {
                throw new SyntaxException(Error.ESIZE);
            }
        } else {
            start = token.kind() == Kind.PLUS ? 1 : 0;
            end = token.kind() == Kind.QUESTION ? 1 : -1;
        }
        token = next();
        if (start == 0 && end == -1) {
            return operand + "*";
        }
        if (start == 1 && end == -1) {
            return operand + "+";
        }
        if (start == 0 && end == 1) {
            return operand + "?";
        }
        // glibc drops an operand repeated {0} times; {0} keeps its groups' numbers, and matches the same.
        return operand + "{" + start + (end == start ? "" : end == -1 ? "," : "," + end) + "}";
    }

    /**
     * fetch_number: the decimal count of an interval, up to the next ',' or '}', which is then the current
     * token; -1 when empty, -2 when not a number or the pattern ends, at most DUP_MAX + 1.
     */
    private int fetchNumber() {
        int number = -1;
        while (true) {
            token = next();
            if (token.kind() == Kind.END) {
                return -2;
            }
            if (token.kind() == Kind.CLOSE_INTERVAL || isComma(token)) {
                return number;
            }
            int c = token.c();
            number = token.kind() != Kind.CHARACTER || c < '0' || c > '9' || number == -2 ? -2
                    : number == -1 ? c - '0'
                    : Math.min(DUP_MAX + 1, number * 10 + c - '0');
        }
    }

    /** A ',' or '\,': glibc compares the character alone. */
    private static boolean isComma(Token t) {
        return t.kind() == Kind.CHARACTER && t.c() == ',';
    }

    // ---- inside brackets ----

    private BracketToken peekBracketToken() {
        if (pos >= pattern.length) {
            return new BracketToken(BracketKind.END, -1, 0);
        }
        int c = pattern[pos];
        // No RE_BACKSLASH_ESCAPE_IN_LISTS in POSIX syntax: a backslash is an ordinary character.
        if (c == '[') {
            int c2 = pos + 1 < pattern.length ? pattern[pos + 1] : 0;
            return switch (c2) {
                case '.' -> new BracketToken(BracketKind.OPEN_COLLATING, c2, 2);
                case '=' -> new BracketToken(BracketKind.OPEN_EQUIVALENCE, c2, 2);
                case ':' -> new BracketToken(BracketKind.OPEN_CLASS, c2, 2);
                default -> new BracketToken(BracketKind.CHARACTER, c, 1);
            };
        }
        return switch (c) {
            case '-' -> new BracketToken(BracketKind.RANGE, c, 1);
            case ']' -> new BracketToken(BracketKind.CLOSE, c, 1);
            case '^' -> new BracketToken(BracketKind.NOT, c, 1);
            default -> new BracketToken(BracketKind.CHARACTER, c, 1);
        };
    }

    /** a bracket expression, whose '[' is the current token, as a Java class. */
    private String parseBracket() {
        BracketToken t = peekBracketToken();
        if (t.kind() == BracketKind.END) {
            throw new SyntaxException(Error.BADPAT);
        }
        boolean negated = t.kind() == BracketKind.NOT;
        if (negated) {
            pos += t.length();
            t = peekBracketToken();
            if (t.kind() == BracketKind.END) {
                throw new SyntaxException(Error.BADPAT);
            }
        }
        if (t.kind() == BracketKind.CLOSE) {
            t = new BracketToken(BracketKind.CHARACTER, t.c(), t.length()); // the first ']' is itself
        }
        StringBuilder members = new StringBuilder();
        boolean first = true;
        while (true) {
            Element start = parseBracketElement(t, first);
            first = false;
            t = peekBracketToken();
            BracketToken rangeEnd = null;
            if (start.kind() != ElementKind.CHARACTER_CLASS && start.kind() != ElementKind.EQUIVALENCE_CLASS) {
                if (t.kind() == BracketKind.END) {
                    throw new SyntaxException(Error.EBRACK);
                }
                if (t.kind() == BracketKind.RANGE) {
                    pos += t.length();
                    rangeEnd = peekBracketToken();
                    if (rangeEnd.kind() == BracketKind.END) {
                        throw new SyntaxException(Error.EBRACK);
                    }
                    if (rangeEnd.kind() == BracketKind.CLOSE) {
                        // A '-' just before the ']' is itself.
                        pos -= t.length();
                        t = new BracketToken(BracketKind.CHARACTER, t.c(), t.length());
                        rangeEnd = null;
                    }
                }
            }
            if (rangeEnd != null) {
                Element end = parseBracketElement(rangeEnd, true);
                t = peekBracketToken();
                members.append(range(start, end));
            } else {
                members.append(member(start));
            }
            if (t.kind() == BracketKind.END) {
                throw new SyntaxException(Error.EBRACK);
            }
            if (t.kind() == BracketKind.CLOSE) {
                break;
            }
        }
        pos += t.length();
        return (negated ? "[^" : "[") + members + "]";
    }

    /** the element {@code t} begins; a '-' may begin only the first or a range end. */
    private Element parseBracketElement(BracketToken t, boolean acceptHyphen) {
        pos += t.length();
        switch (t.kind()) {
            case OPEN_COLLATING -> {
                return new Element(ElementKind.COLLATING_SYMBOL, -1, parseBracketSymbol('.'));
            }
            case OPEN_EQUIVALENCE -> {
                return new Element(ElementKind.EQUIVALENCE_CLASS, -1, parseBracketSymbol('='));
            }
            case OPEN_CLASS -> {
                return new Element(ElementKind.CHARACTER_CLASS, -1, parseBracketSymbol(':'));
            }
            case RANGE -> {
                // POSIX leaves it undefined; glibc calls it a bad range.
                if (!acceptHyphen && peekBracketToken().kind() != BracketKind.CLOSE) {
                    throw new SyntaxException(Error.ERANGE);
                }
            }
            default -> {
            }
        }
        return new Element(ElementKind.CHARACTER, t.c(), null);
    }

    /** the name of {@code [.NAME.]}, {@code [=NAME=]} or {@code [:NAME:]}, up to its end. */
    private String parseBracketSymbol(int delimiter) {
        if (pos >= pattern.length) {
            throw new SyntaxException(Error.EBRACK);
        }
        StringBuilder name = new StringBuilder();
        int bytes = 0;
        while (true) {
            if (bytes >= BRACKET_NAME_BUF_SIZE) {
                throw new SyntaxException(Error.EBRACK);
            }
            int c = pattern[pos++];
            if (pos >= pattern.length) {
                throw new SyntaxException(Error.EBRACK);
            }
            if (c == delimiter && pattern[pos] == ']') {
                pos++;
                return name.toString();
            }
            name.appendCodePoint(c);
            bytes += Character.toString(c).getBytes(StandardCharsets.UTF_8).length;
        }
    }

    /** A member that is not a range (build_collating_symbol, build_equiv_class, build_charclass). */
    private static String member(Element e) {
        return switch (e.kind()) {
            case CHARACTER -> literal(e.c());
            case COLLATING_SYMBOL, EQUIVALENCE_CLASS -> literal(singleCharacter(e.name()));
            case CHARACTER_CLASS -> {
                String members = CLASSES.get(e.name());
                if (members == null) {
                    throw new SyntaxException(Error.ECTYPE);
                }
                yield members;
            }
        };
    }

    /** build_range_exp: the characters from {@code start} to {@code end}, in codepoint order. */
    private static String range(Element start, Element end) {
        for (Element e : new Element[] {start, end}) {
            if (e.kind() == ElementKind.CHARACTER_CLASS || e.kind() == ElementKind.EQUIVALENCE_CLASS) {
                throw new SyntaxException(Error.ERANGE);
            }
        }
        int first = endpoint(start);
        int last = endpoint(end);
        if (first > last) {
            throw new SyntaxException(Error.ERANGE);
        }
        return literal(first) + "-" + literal(last);
    }

    /** A range's end: the collation sequence has only ASCII characters, each in its own place. */
    private static int endpoint(Element e) {
        int c = e.kind() == ElementKind.COLLATING_SYMBOL ? singleCharacter(e.name()) : e.c();
        if (c > 0x7f) {
            throw new SyntaxException(Error.ECOLLATE);
        }
        return c;
    }

    /** The one-byte character a collating symbol or equivalence class names. */
    private static int singleCharacter(String name) {
        if (name.length() != 1 || name.charAt(0) > 0x7f) {
            throw new SyntaxException(Error.ECOLLATE);
        }
        return name.charAt(0);
    }

    // ---- Java spelling ----

    /** {@code c} as itself, inside or outside a Java class: escaped unless a letter, digit or '_'. */
    private static String literal(int c) {
        if (c < 0x80 && (Character.isLetterOrDigit(c) || c == '_')) {
            return Character.toString(c);
        }
        if (c > 0x20 && c < 0x7f) {
            return "\\" + (char) c; // a backslash before any non-letter is that character in Java
        }
        return "\\x{" + Integer.toHexString(c) + "}";
    }
}
