package io.jtrace.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code --tips[=[[id:]ID][,[format:]FORMAT]]}: a tip about jtrace printed where the trace goes when
 * tracing ends, parsed as strace parses its option. The tips are jtrace's own ({@code tips.txt}).
 *
 * @param id     the tip's number (taken modulo their count), or -1 for a random one
 * @param format {@code NONE}, {@code COMPACT} (the tip) or {@code FULL} (with its detail)
 */
record Tips(int id, Format format) {
    enum Format { NONE, COMPACT, FULL }

    /**
     * strace's parse_tips_arg: comma-separated tokens, {@code id:N}, {@code id:random},
     * {@code format:none|compact|full}, or the same without their prefix, in any case; what a token
     * leaves out keeps its value from an earlier --tips. Empty for a token that is none of these.
     */
    static Optional<Tips> parse(String arg, Tips before) {
        int id = before == null ? -1 : before.id;
        Format format = before == null || before.format == Format.NONE ? Format.COMPACT : before.format;
        for (String token : arg.split(",")) {
            if (token.isEmpty()) {
                continue;
            }
            boolean maybeId = true, maybeFormat = true;
            if (token.regionMatches(true, 0, "id:", 0, 3)) {
                token = token.substring(3);
                maybeFormat = false;
            } else if (token.regionMatches(true, 0, "format:", 0, 7)) {
                token = token.substring(7);
                maybeId = false;
            }
            if (maybeId && token.equalsIgnoreCase("random")) {
                id = -1;
                continue;
            }
            if (maybeId && !token.isEmpty() && token.chars().allMatch(c -> c >= '0' && c <= '9')
                    && token.length() <= 9) {
                id = Integer.parseInt(token);
                continue;
            }
            if (maybeFormat) {
                Format f = switch (token.toLowerCase(java.util.Locale.ROOT)) {
                    case "none" -> Format.NONE;
                    case "compact" -> Format.COMPACT;
                    case "full" -> Format.FULL;
                    default -> null;
                };
                if (f != null) {
                    format = f;
                    continue;
                }
            }
            return Optional.empty();
        }
        return Optional.of(new Tips(id, format));
    }

    /** The tip as it is printed, framed; empty for {@code format:none}. */
    String render() {
        if (format == Format.NONE) {
            return "";
        }
        List<List<String>> tips = load();
        int n = id < 0 ? ThreadLocalRandom.current().nextInt(tips.size()) : id % tips.size();
        List<String> lines = format == Format.FULL ? tips.get(n) : tips.get(n).subList(0, 1);
        int width = lines.stream().mapToInt(String::length).max().orElse(0);
        String rule = "  +" + "-".repeat(width + 2) + "+\n";
        StringBuilder b = new StringBuilder(rule);
        for (String l : lines) {
            b.append("  | ").append(l).append(" ".repeat(width - l.length())).append(" |\n");
        }
        return b.append(rule).toString();
    }

    /** The tips, each its lines, from tips.txt: paragraphs, # comments left out. */
    private static List<List<String>> load() {
        try (InputStream in = Tips.class.getResourceAsStream("tips.txt")) {
            if (in == null) {
                throw new IllegalStateException("tips.txt is missing from the jtrace command");
            }
            List<List<String>> tips = new ArrayList<>();
            List<String> current = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1)) {
                if (line.startsWith("#")) {
                    continue;
                }
                if (line.isBlank()) {
                    if (!current.isEmpty()) {
                        tips.add(List.copyOf(current));
                        current.clear();
                    }
                } else {
                    current.add(line);
                }
            }
            if (!current.isEmpty()) {
                tips.add(List.copyOf(current));
            }
            return tips;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
