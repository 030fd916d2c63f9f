package io.jtrace.cli;

import io.jtrace.decode.ConstantStyle;
import io.jtrace.decode.HexStyle;
import io.jtrace.stats.Column;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import io.jtrace.decode.CallStatus;
import io.jtrace.decode.DecodeOptions;
import io.jtrace.syscalls.SyscallSet;
import io.jtrace.syscalls.SyscallTable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Reads a command line the way strace 6.1 does: glibc {@code getopt_long} over strace's option
 * table, then strace's own checks, with strace's messages.
 *
 * <p>jtrace accepts strace's options and their long forms but for a few (-k, -e inject=, -e fault=, -e kvm=)
 * that it recognises, so mistakes in them get strace's message, and refuses with "... is not
 * supported by jtrace yet". That refusal is reported last, after every
 * check strace itself makes, so a command line strace rejects is rejected with strace's words and
 * {@code -h}/{@code -V} still work whatever else is on the line.
 */
public final class OptionParser {
    public static final String VERSION = "0.1.0";

    /** strace's getopt string; its leading '+' (stop at the first non-option) is built into {@link Getopt}. */
    private static final String SHORT_OPTIONS = "a:Ab:cCdDe:E:fFhiI:kno:O:p:P:qrs:S:tTu:U:vVwxX:yYzZ";

    private enum HasArg { NONE, REQUIRED, OPTIONAL }

    /**
     * One row of strace's {@code longopts}. {@code key} is what getopt_long returns for it: the
     * short option letter, or a name for options that have none.
     */
    private record LongOption(String name, HasArg hasArg, String key, boolean exactOnly) {}

    /** strace 6.1's {@code longopts}, from {@code long-options.tsv}; order matters for ambiguity messages. */
    private static final List<LongOption> LONG_OPTIONS = loadLongOptions();

    private static List<LongOption> loadLongOptions() {
        List<LongOption> options = new java.util.ArrayList<>();
        try (var in = OptionParser.class.getResourceAsStream("long-options.tsv")) {
            if (in == null) {
                throw new IllegalStateException("long-options.tsv is missing from the jtrace command");
            }
            int line = 0;
            for (String row : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                line++;
                if (row.isBlank() || row.startsWith("#")) {
                    continue;
                }
                String[] f = row.split("\t");
                if (f.length != 3 && !(f.length == 4 && f[3].equals("exact"))) {
                    throw new IllegalStateException("long-options.tsv:" + line + ": expected 3 columns, or 4 ending in exact");
                }
                options.add(new LongOption(f[0], HasArg.valueOf(f[1].toUpperCase(java.util.Locale.ROOT)), f[2],
                        f.length == 4));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return List.copyOf(options);
    }

    /** The {@code NAME=} prefixes {@code -e} understands, to the qualifier each selects. */
    private static final Map<String, String> QUALIFIERS = Map.ofEntries(
            Map.entry("trace", "trace"), Map.entry("t", "trace"),
            Map.entry("abbrev", "abbrev"), Map.entry("a", "abbrev"),
            Map.entry("verbose", "verbose"), Map.entry("v", "verbose"),
            Map.entry("raw", "raw"), Map.entry("x", "raw"),
            Map.entry("signal", "signal"), Map.entry("signals", "signal"), Map.entry("s", "signal"),
            Map.entry("status", "status"),
            Map.entry("read", "read"), Map.entry("reads", "read"), Map.entry("r", "read"),
            Map.entry("write", "write"), Map.entry("writes", "write"), Map.entry("w", "write"),
            Map.entry("fault", "fault"),
            Map.entry("inject", "inject"),
            Map.entry("kvm", "kvm"),
            Map.entry("quiet", "quiet"), Map.entry("silent", "quiet"), Map.entry("silence", "quiet"),
            Map.entry("q", "quiet"),
            Map.entry("decode-fds", "decode-fds"), Map.entry("decode-fd", "decode-fds"),
            Map.entry("decode-pids", "decode-pids"), Map.entry("decode-pid", "decode-pids"),
            Map.entry("secontext", "secontext"));

    /** The {@code @} suffixes an x86_64 strace accepts on {@code -e trace=} tokens. */
    private static final Set<String> PERSONALITIES = Set.of("64", "32", "x32");

    /** {@code -e quiet=} names, matched case-insensitively, to the message kind each suppresses. */
    private static final Map<String, String> QUIET_NAMES = Map.of(
            "attach", "attach", "exit", "exit", "exits", "exit", "path-resolution", "path-resolution",
            "personality", "personality", "superseded", "thread-execve", "thread-execve", "thread-execve");

    /** Index n holds what {@code -q} repeated n times suppresses (strace caps the count at 3). */
    private static final List<Set<String>> QUIET_LEVELS = List.of(
            Set.of(),
            Set.of("attach", "personality"),
            Set.of("attach", "personality", "exit"),
            Set.copyOf(QUIET_NAMES.values()));

    /** {@code -s} stops at -1U / 4 in strace. */
    private static final int MAX_STRING_LIMIT = 0x3fff_ffff;


    /** The calls {@code -e trace=} selects from. */
    private final SyscallTable table = SyscallTable.x86_64();
    private final long tracerPid;

    public OptionParser() {
        this(ProcessHandle.current().pid());
    }

    /** @param tracerPid the pid {@code -p} must refuse, as strace refuses its own */
    public OptionParser(long tracerPid) {
        this.tracerPid = tracerPid;
    }

    /** Parses {@code args} (argv without argv[0]). */
    public Options parse(String[] args) throws UsageException {
        Getopt getopt = new Getopt(args);
        Settings settings = new Settings();
        for (Parsed option = getopt.next(); option != null; option = getopt.next()) {
            settings.seen.add(option.key());
            switch (option.key()) {
                case "a" -> settings.alignColumn = uintArgument(option, Integer.MAX_VALUE);
                case "e" -> qualify(option.value(), settings);
                case "f" -> settings.shortFollowForks++;
                case "F" -> settings.deprecatedF = true;
                case "h" -> {
                    return Options.forHelp();
                }
                case "o" -> settings.outputFile = option.value();
                case "p" -> attach(option.value(), settings);
                case "q" -> settings.shortQuiet++;
                case "s" -> settings.stringLimit = uintArgument(option, MAX_STRING_LIMIT);
                case "V" -> settings.version = true;
                // As strace: -v is -e abbrev=none, and a later -e abbrev= replaces it.
                case "v" -> settings.abbrev = SyscallSet.none();
                case "y" -> settings.decodeFds++;
                case "X" -> settings.constStyle = switch (option.value()) {
                    case "raw" -> ConstantStyle.RAW;
                    case "abbrev" -> ConstantStyle.ABBREV;
                    case "verbose" -> ConstantStyle.VERBOSE;
                    default -> throw new UsageException("invalid " + option.spelling() + " argument: '"
                            + option.value() + "'", true);
                };
                case "decode-fds" -> settings.decodeFdsSet = decodeFdsSet(option.value());
                case "A" -> settings.appendOutput = true;
                case "c", "C" -> {
                    char mode = option.key().charAt(0);
                    if (settings.summaryMode != 0 && settings.summaryMode != mode) {
                        throw new UsageException("-c/--summary-only and -C/--summary are mutually exclusive", true);
                    }
                    settings.summaryMode = mode;
                }
                case "O" -> {
                    settings.overheadNanos = Durations.parse(option.value());
                    if (settings.overheadNanos < 0) {
                        throw new UsageException("invalid " + option.spelling() + " argument: '" + option.value() + "'", true);
                    }
                }
                case "S" -> {
                    settings.sortBy = summaryColumn(option.value(), "invalid sortby: '" + option.value() + "'", true);
                    settings.sortBySet = true;
                }
                case "U" -> {
                    settings.columns = summaryColumns(option.value());
                    settings.columnsSet = true;
                }
                case "w" -> settings.wallClock = true;
                case "seccomp-bpf" -> settings.seccomp = true;
                case "no-seccomp-bpf" -> settings.noSeccomp = true;
                case "x" -> settings.hexLevel++;
                case "strings-in-hex" -> {
                    settings.hexOption = option.value() == null ? "all" : option.value();
                    hexStyle(settings); // refused as it is met, as strace refuses it
                }
                case "follow-forks" -> settings.longFollowForks = true;
                case "output-separately" -> settings.outputSeparately = true;
                case "trace" -> qualifyTrace(option.value(), settings);
                case "z" -> {
                    settings.status = java.util.EnumSet.of(CallStatus.SUCCESSFUL);
                    settings.zflags++;
                }
                case "Z" -> {
                    settings.status = java.util.EnumSet.of(CallStatus.FAILED);
                    settings.zflags++;
                }
                case "status" -> qualifyStatus(option.value(), settings);
                case "P" -> settings.tracePaths.add(option.value());
                case "b" -> {
                    if (!option.value().equals("execve")) {
                        throw new UsageException("Syscall '" + option.value() + "' for -b isn't supported", false);
                    }
                    settings.detachOnExecve = true;
                }
                case "I" -> settings.interruptible = interruptible(option);
                case "u" -> settings.user = option.value();
                case "D" -> settings.shortDaemonize++;
                case "d" -> settings.debug = true;
                case "tips" -> {
                    Tips tips = Tips.parse(option.value() == null ? "" : option.value(), settings.tips).orElse(null);
                    if (tips == null) {
                        throw new UsageException("invalid " + option.spelling() + " argument: '" + option.value() + "'", true);
                    }
                    settings.tips = tips;
                }
                case "secontext" -> throw new UsageException(
                        "SELinux context printing (--secontext option) is not supported by this build of strace", false);
                case "daemonize" -> {
                    settings.longDaemonize = switch (option.value() == null ? "grandchild"
                            : asciiLowerCase(option.value())) {
                        case "grandchild" -> 1;
                        case "pgroup", "pgrp" -> 2;
                        case "session" -> 3;
                        default -> throw new UsageException("invalid " + option.spelling() + " argument: '"
                                + option.value() + "'", true);
                    };
                }
                case "signals" -> settings.signals = SignalSet.parse(option.value());
                case "t" -> settings.shortTimestamps++;
                case "absolute-timestamps" -> {
                    settings.longTimestamps = true;
                    if (!absoluteTimestamps(option.value() == null ? "format:time" : option.value(), settings)) {
                        throw invalidArgument(option);
                    }
                }
                case "r" -> settings.relativeDigits = timescale(option);
                case "T" -> settings.syscallTimeDigits = timescale(option);
                case "n" -> settings.syscallNumber = true;
                case "i" -> settings.instructionPointer = true;
                case "quiet" -> qualifyQuiet(option.value() == null ? "attach,personality" : option.value(), settings);
                case "read" -> settings.readSet = DescriptorSet.parse(option.value());
                case "write" -> settings.writeSet = DescriptorSet.parse(option.value());
                case "E" -> settings.envChanges.add(new EnvChanges.Change(option.value(), getopt.lastIndex(),
                        args[getopt.lastIndex()].length() - option.value().length()));
                case "Y" -> qualifyDecodePids("comm", settings);
                case "pidns-translation" -> qualifyDecodePids("pidns", settings);
                case "decode-pids" -> qualifyDecodePids(option.value(), settings);
                case "abbrev" -> settings.abbrev = syscallQualifier(option.value());
                case "verbose" -> settings.verbose = syscallQualifier(option.value());
                case "raw" -> settings.raw = syscallQualifier(option.value());
                case "kvm" -> qualifyKvm(option.value(), settings);
                default -> settings.unsupported.putIfAbsent(option.key(), notSupported(option.spelling()));
            }
        }
        if (settings.version) {
            return Options.forVersion();
        }
        return finish(settings, getopt.operands());
    }

    /** strace's checks after the option loop, in strace's order. */
    private static Options finish(Settings settings, List<String> command) throws UsageException {
        List<String> warnings = new ArrayList<>();
        try {
            return finish(settings, command, warnings);
        } catch (UsageException e) {
            // strace has printed the warnings of the checks before the one that failed.
            throw new UsageException(e.getMessage(), e.tryHelp(), warnings);
        }
    }

    private static Options finish(Settings settings, List<String> command, List<String> warnings)
            throws UsageException {
        if (settings.attachPids.isEmpty() && command.isEmpty()) {
            throw new UsageException("must have PROG [ARGS] or -p PID", true);
        }
        int daemonize = settings.shortDaemonize;
        if (settings.longDaemonize > 0) {
            if (settings.shortDaemonize > 0) {
                throw new UsageException("-D and --daemonize cannot be provided simultaneously", false);
            }
            daemonize = settings.longDaemonize;
        }
        if (command.isEmpty() && daemonize > 0) {
            throw new UsageException("PROG [ARGS] must be specified with -D/--daemonize", true);
        }
        if (daemonize > 3) {
            throw new UsageException("Too many -D's (" + daemonize + "), maximum supported -D count is 3", true);
        }
        if (settings.shortTimestamps > 0) {
            if (settings.longTimestamps) {
                throw new UsageException("-t and --absolute-timestamps cannot be provided simultaneously", false);
            }
            absoluteTimestamps(settings.shortTimestamps == 1 ? "format:time"
                    : settings.shortTimestamps == 2 ? "precision:us,format:time" : "format:unix,precision:us", settings);
        }
        if (settings.hexOption != null && settings.hexLevel > 0) {
            throw new UsageException("-x and --strings-in-hex cannot be provided simultaneously", false);
        }
        boolean followForks = settings.longFollowForks;
        boolean separately = settings.outputSeparately;
        if (settings.shortFollowForks > 0) {
            if (settings.longFollowForks) {
                throw new UsageException("-f and --follow-forks cannot be provided simultaneously", false);
            }
            if (settings.shortFollowForks >= 2 && settings.outputSeparately) {
                throw new UsageException("-ff and --output-separately cannot be provided simultaneously", false);
            }
            followForks = true;
            // As in strace 6.1, a single -f cancels --output-separately: "-f --output-separately -o F" writes one file.
            separately = settings.shortFollowForks >= 2;
        }
        if (settings.seccomp && settings.detachOnExecve) {
            warnings.add("--seccomp-bpf is not enabled because it is not compatible with -b");
            settings.seccomp = false;
        }
        if (settings.seccomp) {
            if (!settings.attachPids.isEmpty() && command.isEmpty()) {
                warnings.add("--seccomp-bpf is not enabled for processes attached with -p");
            }
            if (!followForks) {
                warnings.add("--seccomp-bpf cannot be used without -f/--follow-forks, disabling");
            }
        }
        if (settings.deprecatedF) {
            if (followForks) {
                warnings.add("deprecated option -F ignored");
            } else {
                warnings.add("option -F is deprecated, please use -f/--follow-forks instead");
                followForks = true;
            }
        }
        boolean summary = settings.summaryMode != 0;
        if (summary && separately) {
            throw new UsageException("(-c/--summary-only or -C/--summary) and -ff/--output-separately are mutually exclusive", true);
        }
        if (settings.wallClock && !summary) {
            throw new UsageException("-w/--summary-wall-clock must be given with (-c/--summary-only or -C/--summary)", true);
        }
        if (settings.columnsSet && !summary) {
            throw new UsageException("-U/--summary-columns must be given with (-c/--summary-only or -C/--summary)", true);
        }
        if (settings.sortBySet && !summary) {
            warnings.add("-S/--summary-sort-by has no effect without (-c/--summary-only or -C/--summary)");
        }
        if (settings.summaryMode == 'c') {
            summaryOnlyWarnings(settings, warnings);
        }
        if (settings.outputFile == null && separately && !followForks) {
            warnings.add("--output-separately has no effect without -o/--output");
        }
        if (settings.outputFile == null && settings.appendOutput) {
            warnings.add("-A/--output-append-mode has no effect without -o/--output");
        }
        if (settings.zflags > 1) {
            warnings.add("Only the last of -z/--successful-only/-Z/--failed-only options will take effect. "
                    + "See status qualifier for more complex filters.");
        }
        // strace resolves the -P paths here, quiet as -e quiet= says so far (-q counts only later).
        if (!settings.tracePaths.isEmpty() && !settings.quiet.contains("path-resolution")) {
            warnings.addAll(io.jtrace.decode.PathFilter.of(settings.tracePaths).resolutions());
        }
        if (settings.seccomp && followForks && settings.trace == null) {
            warnings.add("Seccomp filter is requested but there are no syscalls to filter.  See -e trace to filter syscalls.");
        }
        if (settings.outputFile != null && separately
                && (settings.outputFile.startsWith("|") || settings.outputFile.startsWith("!"))) {
            // FILE.PID cannot be made of a command.
            throw new UsageException("piping the output and -ff/--output-separately are mutually exclusive", true);
        }
        Set<String> quiet = settings.quiet;
        if (settings.shortQuiet > 0) {
            if (settings.quietQualified) {
                throw new UsageException("-q and -e quiet/--quiet cannot be provided simultaneously", false);
            }
            quiet = QUIET_LEVELS.get(Math.min(settings.shortQuiet, QUIET_LEVELS.size() - 1));
        } else if (settings.outputFile != null && !command.isEmpty() && !settings.quietQualified) {
            // strace: with -o FILE and a command, -q by default (no attach and detach messages).
            quiet = QUIET_LEVELS.get(1);
        }
        if (!settings.unsupported.isEmpty()) {
            throw new UsageException(settings.unsupported.values().iterator().next(), false);
        }
        return new Options(command, settings.attachPids, followForks, separately, settings.outputFile,
                settings.alignColumn, settings.stringLimit, quiet, settings.trace, false, false,
                warnings, settings.abbrev.equals(SyscallSet.none()), hexStyle(settings), decodeFds(settings),
                settings.constStyle, settings.appendOutput, settings.status, settings.signals, settings.tracePaths,
                // On by default: only where every process it reaches is followed, never with -p.
                !settings.noSeccomp && !settings.detachOnExecve && followForks && !command.isEmpty()
                        && settings.trace != null,
                new Timing(settings.absolute, settings.absoluteDigits, settings.relativeDigits,
                        settings.syscallTimeDigits), settings.syscallNumber, settings.instructionPointer,
                settings.detachOnExecve, settings.interruptible != 0 ? settings.interruptible
                        // strace: never interrupted (^Z included) with -D, never with -o FILE and a
                        // command, else while waiting.
                        : daemonize > 0 ? 4 : settings.outputFile != null && !command.isEmpty() ? 3 : 2,
                settings.user, daemonize, settings.debug, settings.tips,
                summary ? new Options.Summary(settings.summaryMode == 'c', settings.wallClock,
                        settings.overheadNanos, settings.sortBy, settings.columns) : null,
                settings.readSet, settings.writeSet,
                settings.envChanges, settings.decodePidsComm,
                settings.abbrev.isAll() || settings.abbrev.equals(SyscallSet.none()) ? null : settings.abbrev,
                settings.raw.equals(SyscallSet.none()) ? null : settings.raw, settings.decodePidsNs,
                settings.verbose.isAll() ? null : settings.verbose);

    }

    /**
     * strace's parse_ts_arg: comma-separated tokens, each {@code format:F}, {@code precision:P}
     * or a bare F or P (prefixes and values in any case); a format or precision left out keeps the
     * one set before, and a missing format is {@code time}. False when a token is neither.
     */
    private static boolean absoluteTimestamps(String arg, Settings settings) {
        Timing.Absolute format = null;
        int digits = -1;
        for (String token : tokens(arg)) {
            boolean isFormat = true;
            boolean isPrecision = true;
            if (token.regionMatches(true, 0, "format:", 0, 7)) {
                token = token.substring(7);
                isPrecision = false;
            } else if (token.regionMatches(true, 0, "precision:", 0, 10)) {
                token = token.substring(10);
                isFormat = false;
            }
            if (isFormat && (token.equalsIgnoreCase("none") || token.equalsIgnoreCase("time")
                    || token.equalsIgnoreCase("unix"))) {
                format = Timing.Absolute.valueOf(token.toUpperCase(java.util.Locale.ROOT));
                continue;
            }
            if (isPrecision && timescaleDigits(token) >= 0) {
                digits = timescaleDigits(token);
                continue;
            }
            return false;
        }
        if (format != null) {
            settings.absolute = format;
        } else if (settings.absolute == Timing.Absolute.NONE) {
            // As in strace, where "none" and "not set yet" are the same: a later token-less or
            // precision-only argument turns the time of day back on.
            settings.absolute = Timing.Absolute.TIME;
        }
        if (digits >= 0) {
            settings.absoluteDigits = digits;
        }
        return true;
    }

    /** The digits after the second of a precision: s, ms, us or ns in any case; -1 for anything else. */
    private static int timescaleDigits(String precision) {
        return switch (asciiLowerCase(precision)) {
            case "s" -> 0;
            case "ms" -> 3;
            case "us" -> 6;
            case "ns" -> 9;
            default -> -1;
        };
    }

    /** -r and -T: microseconds without an argument, else the precision it names. */
    private static int timescale(Parsed option) throws UsageException {
        if (option.value() == null) {
            return 6;
        }
        int digits = timescaleDigits(option.value());
        if (digits < 0) {
            throw invalidArgument(option);
        }
        return digits;
    }

    private static UsageException invalidArgument(Parsed option) {
        return new UsageException("invalid " + option.spelling() + " argument: '" + option.value() + "'", true);
    }

    /** strace's warnings about options -c makes pointless: they only change the trace it does not print. */
    private static void summaryOnlyWarnings(Settings settings, List<String> warnings) {
        String[][] pointless = {
                {"i", "-i/--instruction-pointer"}, {"k", "-k/--stack-traces"}, {"n", "-n/--syscall-number"},
                {"r", "-r/--relative-timestamps"}, {"t", "-t/--absolute-timestamps"},
                {"absolute-timestamps", "-t/--absolute-timestamps"}, {"T", "-T/--syscall-times"}};
        Set<String> warned = new java.util.HashSet<>();
        for (String[] p : pointless) {
            if (settings.seen.contains(p[0]) && warned.add(p[1])) {
                warnings.add(p[1] + " has no effect with -c/--summary-only");
            }
        }
        if (decodeFdsOrZero(settings) != 0) {
            warnings.add("-y/--decode-fds has no effect with -c/--summary-only");
        }
    }

    /** The -y kinds, or 0 where -y and --decode-fds clash (reported later, by {@link #decodeFds}). */
    private static int decodeFdsOrZero(Settings settings) {
        try {
            return decodeFds(settings);
        } catch (UsageException e) {
            return 0;
        }
    }

    /** -y is paths, -yy everything; --decode-fds=SET names the kinds itself, and not with -y. */
    private static int decodeFds(Settings settings) throws UsageException {
        if (settings.decodeFdsSet >= 0) {
            if (settings.decodeFds > 0) {
                throw new UsageException("-y and --decode-fds cannot be provided simultaneously", false);
            }
            return settings.decodeFdsSet;
        }
        return settings.decodeFds == 0 ? 0 : settings.decodeFds == 1 ? DecodeOptions.FDS_PATH : DecodeOptions.FDS_ALL;
    }

    /** --decode-fds[=SET]: a comma-separated list of path, socket, dev, pidfd, all or none. */
    private static int decodeFdsSet(String expression) throws UsageException {
        if (expression == null) {
            return DecodeOptions.FDS_PATH;
        }
        // strace's qualify_tokens: '!' inverts, all and none stand alone, kinds in any case.
        Negated negated = Negated.of(expression);
        String set = negated.set();
        int kinds = 0;
        if (set.equals("all")) {
            kinds = DecodeOptions.FDS_ALL;
        } else if (!set.equals("none")) {
            List<String> tokens = tokens(set);
            if (tokens.isEmpty()) {
                throw new UsageException("invalid decode-fds '" + expression + "'", false);
            }
            for (String token : tokens) {
                kinds |= switch (asciiLowerCase(token)) {
                    case "path" -> DecodeOptions.FDS_PATH;
                    case "socket" -> DecodeOptions.FDS_SOCKET;
                    case "dev" -> DecodeOptions.FDS_DEV;
                    case "pidfd" -> DecodeOptions.FDS_PIDFD;
                    default -> throw new UsageException("invalid decode-fds '" + token + "'", false);
                };
            }
        }
        return negated.inverted() ? DecodeOptions.FDS_ALL & ~kinds : kinds;
    }

    /** {@code -e kvm=vcpu}, the one value strace takes; its decoding is not jtrace's yet. */
    private static void qualifyKvm(String value, Settings settings) throws UsageException {
        if (!value.equals("vcpu")) {
            throw new UsageException("invalid -e kvm= argument: '" + value + "'", false);
        }
        settings.unsupported.putIfAbsent("-e kvm", notSupported("-e kvm"));
    }

    /** -x: strings with non-ASCII bytes in hex; -xx: all in hex; --strings-in-hex names the levels. */
    private static HexStyle hexStyle(Settings settings) throws UsageException {
        if (settings.hexOption != null) {
            // Matched as strace's find_arg_val matches: whole, in any case.
            return switch (asciiLowerCase(settings.hexOption)) {
                case "none" -> HexStyle.NONE;
                case "non-ascii-chars" -> HexStyle.NON_ASCII_CHARS;
                case "non-ascii" -> HexStyle.NON_ASCII;
                case "all" -> HexStyle.ALL;
                default -> throw new UsageException("invalid --strings-in-hex argument: '"
                        + settings.hexOption + "'", true);
            };
        }
        return switch (settings.hexLevel) {
            case 0 -> HexStyle.NONE;
            case 1 -> HexStyle.NON_ASCII;
            default -> HexStyle.ALL;
        };
    }

    private static int uintArgument(Parsed option, int max) throws UsageException {
        long value = parseUint(option.value(), max);
        if (value < 0) {
            throw new UsageException("invalid " + option.spelling() + " argument: '" + option.value() + "'", true);
        }
        return (int) value;
    }

    /** {@code -p} takes lists, as {@code pidof} (blanks) and {@code pgrep} (newlines) print them. */
    private void attach(String list, Settings settings) throws UsageException {
        int start = 0;
        while (start < list.length()) {
            int end = start;
            while (end < list.length() && "\n\t ,".indexOf(list.charAt(end)) < 0) {
                end++;
            }
            String token = list.substring(start, end);
            long pid = parseUint(token, Integer.MAX_VALUE);
            if (pid <= 0) {
                throw new UsageException("Invalid process id: '" + token + "'", false);
            }
            if (pid == tracerPid) {
                throw new UsageException("I'm sorry, I can't let you do that, Dave.", false);
            }
            settings.attachPids.add((int) pid);
            if (end == list.length()) {
                break;
            }
            start = end + 1;
        }
    }

    /** {@code -e [QUALIFIER=]VALUE}; without a known qualifier the whole text is a trace set. */
    private void qualify(String expression, Settings settings) throws UsageException {
        int equals = expression.indexOf('=');
        String qualifier = equals < 0 ? null : QUALIFIERS.get(expression.substring(0, equals));
        if (qualifier == null) {
            qualifyTrace(expression, settings);
            return;
        }
        String value = expression.substring(equals + 1);
        switch (qualifier) {
            case "trace" -> qualifyTrace(value, settings);
            case "quiet" -> qualifyQuiet(value, settings);
            case "status" -> qualifyStatus(value, settings);
            case "decode-fds" -> settings.decodeFdsSet = decodeFdsSet(value);
            case "signal" -> settings.signals = SignalSet.parse(value);
            case "abbrev" -> settings.abbrev = syscallQualifier(value);
            case "raw" -> settings.raw = syscallQualifier(value);
            case "verbose" -> settings.verbose = syscallQualifier(value);
            case "secontext" -> throw new UsageException(
                    "SELinux context printing (--secontext option) is not supported by this build of strace", false);
            case "read" -> settings.readSet = DescriptorSet.parse(value);
            case "write" -> settings.writeSet = DescriptorSet.parse(value);
            case "decode-pids" -> qualifyDecodePids(value, settings);
            case "kvm" -> qualifyKvm(value, settings);
            default -> settings.unsupported.putIfAbsent("-e " + qualifier, notSupported("-e " + qualifier));
        }
    }

    /**
     * {@code --decode-pids=SET} (also {@code -Y}, which is {@code comm}, and
     * {@code --pidns-translation}, which is {@code pidns}): each replaces the set before it, as in
     * strace.
     */
    private static void qualifyDecodePids(String expression, Settings settings) throws UsageException {
        Negated negated = Negated.of(expression);
        String set = negated.set();
        boolean comm = false;
        boolean pidns = false;
        if (set.equals("all")) {
            comm = pidns = true;
        } else if (!set.equals("none")) {
            List<String> tokens = tokens(set);
            if (tokens.isEmpty()) {
                throw new UsageException("invalid decode-pids '" + expression + "'", false);
            }
            for (String token : tokens) {
                switch (asciiLowerCase(token)) {
                    case "comm" -> comm = true;
                    case "pidns" -> pidns = true;
                    default -> throw new UsageException("invalid decode-pids '" + token + "'", false);
                }
            }
        }
        settings.decodePidsComm = comm != negated.inverted();
        settings.decodePidsNs = pidns != negated.inverted();
    }

    /** A qualifier's set with its leading {@code !}s taken off: each one inverts the selection. */
    record Negated(boolean inverted, String set) {
        static Negated of(String expression) {
            int start = 0;
            while (start < expression.length() && expression.charAt(start) == '!') {
                start++;
            }
            return new Negated(start % 2 == 1, expression.substring(start));
        }
    }

    /**
     * {@code -e trace=[!]...}: strace's qualify_syscall_tokens, by the library's {@link SyscallSet}.
     * Each {@code -e trace=} replaces the last one, so it also replaces the last one's reason for
     * being unsupported. Tokens are checked in order, as strace parses them, so that the first bad
     * one is the one reported.
     */
    private void qualifyTrace(String expression, Settings settings) throws UsageException {
        SyscallSet selected = syscallQualifier(expression);
        settings.trace = selected.isAll() ? null : selected;
    }

    /**
     * A set of calls as -e trace=, -e abbrev=, -e verbose= and -e raw= take it (strace's
     * qualify_syscall_tokens); each replaces the last one of its qualifier. A 32-bit or x32 call
     * ({@code open@32}) is accepted and selects no x86_64 call.
     */
    private SyscallSet syscallQualifier(String expression) throws UsageException {
        String set = Negated.of(expression).set();
        if (!set.equals("none") && !set.equals("all")) {
            for (String token : tokens(set)) {
                String spec = token;
                while (spec.startsWith("?")) {
                    spec = spec.substring(1);
                }
                int at = spec.lastIndexOf('@');
                if (at >= 0) {
                    String personality = spec.substring(at + 1);
                    if (!PERSONALITIES.contains(personality)) {
                        throw new UsageException("incorrect personality designator '" + personality
                                + "' in qualification '" + spec + "'", true);
                    }
                }
                try {
                    SyscallSet.parse(token, table);
                } catch (IllegalArgumentException e) {
                    throw new UsageException(e.getMessage(), false);
                }
            }
        }
        SyscallSet selected;
        try {
            selected = SyscallSet.parse(expression, table);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), false);
        }
        return selected;
    }

    /** {@code -e status=SET}: strace's qualify_status, over {@link CallStatus}. */
    private static void qualifyStatus(String expression, Settings settings) throws UsageException {
        Negated negated = Negated.of(expression);
        String set = negated.set();
        java.util.EnumSet<CallStatus> selected = java.util.EnumSet.noneOf(CallStatus.class);
        if (set.equals("all")) {
            selected = java.util.EnumSet.allOf(CallStatus.class);
        } else if (!set.equals("none")) {
            List<String> tokens = tokens(set);
            if (tokens.isEmpty()) {
                throw new UsageException("invalid status '" + expression + "'", false);
            }
            for (String token : tokens) {
                CallStatus s = CallStatus.byName(token).orElse(null);
                if (s == null) {
                    throw new UsageException("invalid status '" + token + "'", false);
                }
                selected.add(s);
            }
        }
        if (negated.inverted()) {
            selected = java.util.EnumSet.complementOf(selected);
        }
        settings.status = selected.size() == CallStatus.values().length ? null : selected;
    }

    private static void qualifyQuiet(String expression, Settings settings) throws UsageException {
        settings.quietQualified = true;
        Negated negated = Negated.of(expression);
        boolean inverted = negated.inverted();
        String set = negated.set();
        Set<String> selected = new TreeSet<>();
        if (set.equals("all")) {
            selected.addAll(QUIET_NAMES.values());
        } else if (!set.equals("none")) {
            List<String> tokens = tokens(set);
            if (tokens.isEmpty()) {
                throw new UsageException("invalid quiet '" + expression + "'", false);
            }
            for (String token : tokens) {
                String kind = QUIET_NAMES.get(asciiLowerCase(token));
                if (kind == null) {
                    throw new UsageException("invalid quiet '" + token + "'", false);
                }
                selected.add(kind);
            }
        }
        if (inverted) {
            Set<String> complement = new TreeSet<>(QUIET_NAMES.values());
            complement.removeAll(selected);
            selected = complement;
        }
        settings.quiet = selected;
    }

    /** The names of the -c table's columns (strace's column_aliases), for -S and -U; "none" maps to null. */
    private static final Map<String, Column> SUMMARY_COLUMNS = summaryColumnAliases();

    private static Map<String, Column> summaryColumnAliases() {
        Map<String, Column> m = new LinkedHashMap<>();
        for (String a : List.of("time", "time_percent", "time-percent")) m.put(a, Column.TIME_PERCENT);
        for (String a : List.of("time_total", "time-total", "total_time", "total-time")) m.put(a, Column.TIME_TOTAL);
        for (String a : List.of("min_time", "min-time", "shortest", "time_min", "time-min")) m.put(a, Column.TIME_MIN);
        for (String a : List.of("longest", "max_time", "max-time", "time_max", "time-max")) m.put(a, Column.TIME_MAX);
        for (String a : List.of("avg_time", "avg-time", "time_avg", "time-avg")) m.put(a, Column.TIME_AVG);
        for (String a : List.of("calls", "count")) m.put(a, Column.CALLS);
        for (String a : List.of("error", "errors")) m.put(a, Column.ERRORS);
        for (String a : List.of("name", "syscall", "syscall_name", "syscall-name")) m.put(a, Column.NAME);
        for (String a : List.of("none", "nothing")) m.put(a, null);
        return m;
    }

    /**
     * One column name of -S (where "none" is allowed, and sorts by nothing: null) or -U;
     * {@code message} when it names none.
     */
    private static Column summaryColumn(String name, String message, boolean noneAllowed) throws UsageException {
        if (!SUMMARY_COLUMNS.containsKey(name) || (!noneAllowed && SUMMARY_COLUMNS.get(name) == null)) {
            throw new UsageException(message, true);
        }
        return SUMMARY_COLUMNS.get(name);
    }

    /** -U's comma-separated columns, each at most once, as strace checks them; the name column added last if missing. */
    private static List<Column> summaryColumns(String list) throws UsageException {
        List<Column> columns = new ArrayList<>();
        int start = 0;
        while (true) {
            int comma = list.indexOf(',', start);
            String name = comma < 0 ? list.substring(start) : list.substring(start, comma);
            Column column = summaryColumn(name, "unknown column name: '" + name + "'", false);
            if (columns.contains(column)) {
                throw new UsageException("call summary column has been provided more than once: '" + name
                        + "' (-U option residual: '" + list.substring(start) + "')", true);
            }
            columns.add(column);
            if (comma < 0) {
                break;
            }
            start = comma + 1;
        }
        if (!columns.contains(Column.NAME)) {
            columns.add(Column.NAME);
        }
        return columns;
    }

    /**
     * -I's names for its levels (in any case), and its numbers 1 to 4, as strace's
     * parse_interruptible_arg reads them.
     */
    private static int interruptible(Parsed option) throws UsageException {
        int level = switch (asciiLowerCase(option.value())) {
            case "anywhere", "always" -> 1;
            case "waiting" -> 2;
            case "never" -> 3;
            case "never_tstp" -> 4;
            default -> (int) parseUint(option.value(), 4);
        };
        if (level <= 0) {
            throw new UsageException("invalid " + option.spelling() + " argument: '" + option.value() + "'", true);
        }
        return level;
    }

    /** strtok(s, ","): the non-empty pieces between commas. */
    private static List<String> tokens(String set) {
        return Arrays.stream(set.split(",")).filter(token -> !token.isEmpty()).toList();
    }

    private static String asciiLowerCase(String s) {
        StringBuilder lower = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            lower.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        return lower.toString();
    }

    private static String notSupported(String what) {
        return what + " is not supported by jtrace yet";
    }

    /**
     * strace's {@code string_to_uint_upto}: strtoll in base 10 (so leading blanks and a sign are
     * allowed), the whole text consumed, a value from 0 to {@code max}. Returns -1 otherwise.
     */
    static long parseUint(String text, long max) {
        int i = 0;
        while (i < text.length() && " \t\n\u000b\f\r".indexOf(text.charAt(i)) >= 0) {
            i++;
        }
        boolean negative = false;
        if (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        if (i == text.length()) {
            return -1;
        }
        long value = 0;
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            // Saturating just past max: anything larger is refused like an overflow is.
            value = Math.min(value * 10 + (c - '0'), max + 1);
        }
        if (value > max || (negative && value != 0)) {
            return -1;
        }
        return value;
    }

    /** The {@code -h} text. */
    public static String helpText() {
        try (InputStream in = OptionParser.class.getResourceAsStream("help.txt")) {
            if (in == null) {
                throw new IllegalStateException("help.txt is missing beside " + OptionParser.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code -V} text, shaped like strace's. */
    public static String versionText() {
        return """
                jtrace -- version %s
                jtrace reimplements strace 6.1's command line and trace output in Java.

                Optional features enabled: (none)
                """.formatted(VERSION);
    }

    /** What one parse has read so far. */
    private static final class Settings {
        final List<Integer> attachPids = new ArrayList<>();
        String outputFile;
        int alignColumn = Options.DEFAULT_ALIGN_COLUMN;
        int stringLimit = Options.DEFAULT_STRING_LIMIT;
        int shortFollowForks;
        boolean longFollowForks;
        boolean outputSeparately;
        boolean deprecatedF;
        int shortQuiet;
        boolean quietQualified;
        Set<String> quiet = Set.of();
        /** What -z, -Z and -e status= selected; null for every status. */
        java.util.EnumSet<CallStatus> status;
        /** How many -z and -Z there were: only the last counts. */
        int zflags;
        /** What -e trace= selected; null for every call. */
        SyscallSet trace;
        boolean version;
        int hexLevel;
        int decodeFds;
        /** --decode-fds's kinds, or -1 when it was not given. */
        int decodeFdsSet = -1;
        ConstantStyle constStyle = ConstantStyle.ABBREV;
        String hexOption;
        boolean appendOutput;
        boolean sortBySet;
        boolean columnsSet;
        boolean wallClock;
        /** 'c' for -c, 'C' for -C, 0 for neither. */
        char summaryMode;
        long overheadNanos;
        /** -S: strace sorts by time unless told otherwise; null sorts by nothing. */
        Column sortBy = Column.TIME_PERCENT;
        List<Column> columns = Column.DEFAULTS;
        /** The key of every option given, for the checks that only ask whether one was. */
        final Set<String> seen = new java.util.HashSet<>();
        boolean seccomp;
        boolean noSeccomp;
        SignalSet signals;
        boolean detachOnExecve;
        /** -e abbrev= (-v: none): the calls whose structures and arrays are abbreviated. */
        SyscallSet abbrev = SyscallSet.all();
        /** -e verbose=: the calls whose structures are read. */
        SyscallSet verbose = SyscallSet.all();
        /** -e raw=: the calls printed undecoded, or none. */
        SyscallSet raw = SyscallSet.none();
        String user;
        int shortDaemonize;
        boolean debug;
        Tips tips;
        int longDaemonize;
        /** -I: 0 until given. */
        int interruptible;
        final List<String> tracePaths = new ArrayList<>();
        /** How many -t there were. */
        int shortTimestamps;
        /** Whether --absolute-timestamps (or --timestamps) was given. */
        boolean longTimestamps;
        Timing.Absolute absolute = Timing.Absolute.NONE;
        int absoluteDigits;
        int relativeDigits = -1;
        int syscallTimeDigits = -1;
        boolean syscallNumber;
        boolean instructionPointer;
        DescriptorSet readSet;
        DescriptorSet writeSet;
        final List<EnvChanges.Change> envChanges = new ArrayList<>();
        boolean decodePidsComm;
        boolean decodePidsNs;
        /** Why jtrace cannot run this command line, by feature, in the order the features were met. */
        final Map<String, String> unsupported = new LinkedHashMap<>();
    }

    /**
     * One option as getopt_long returned it.
     *
     * @param key      the short option letter, or the key of a long-only option
     * @param value    its argument, or null
     * @param spelling how strace names it in messages: {@code -s} or {@code --string-limit}
     */
    private record Parsed(String key, String value, String spelling) {}

    /** glibc getopt_long with a '+' getopt string, printing nothing: every error is a {@link UsageException}. */
    private static final class Getopt {
        private final String[] args;
        private int index;
        /** The unread letters of the short-option word being read, or empty. */
        private String cluster = "";

        Getopt(String[] args) {
            this.args = args;
        }

        /** The next option, or null when the options end: at "--", "-", a non-option, or argv's end. */
        Parsed next() throws UsageException {
            if (cluster.isEmpty()) {
                if (index >= args.length) {
                    return null;
                }
                String arg = args[index];
                if (arg.equals("--")) {
                    index++;
                    return null;
                }
                if (!arg.startsWith("-") || arg.length() == 1) {
                    return null;
                }
                index++;
                if (arg.startsWith("--")) {
                    return longOption(arg.substring(2));
                }
                cluster = arg.substring(1);
            }
            char letter = cluster.charAt(0);
            cluster = cluster.substring(1);
            int at = SHORT_OPTIONS.indexOf(letter);
            if (at < 0 || letter == ':') {
                throw new UsageException("invalid option -- '" + letter + "'", true);
            }
            String key = String.valueOf(letter);
            if (at + 1 == SHORT_OPTIONS.length() || SHORT_OPTIONS.charAt(at + 1) != ':') {
                return new Parsed(key, null, "-" + key);
            }
            String value;
            if (!cluster.isEmpty()) {
                value = cluster;
                cluster = "";
            } else if (index < args.length) {
                value = args[index++];
            } else {
                throw new UsageException("option requires an argument -- '" + letter + "'", true);
            }
            return new Parsed(key, value, "-" + key);
        }

        /** {@code body} is the word after "--": NAME or NAME=VALUE, NAME perhaps abbreviated. */
        private Parsed longOption(String body) throws UsageException {
            int equals = body.indexOf('=');
            String name = equals < 0 ? body : body.substring(0, equals);
            LongOption found = null;
            for (LongOption option : LONG_OPTIONS) {
                if (option.name().equals(name)) {
                    found = option;
                    break;
                }
            }
            if (found == null) {
                // glibc lists the first prefix match and every later one that differs from it.
                List<LongOption> ambiguous = new ArrayList<>();
                for (LongOption option : LONG_OPTIONS) {
                    if (!option.name().startsWith(name) || option.exactOnly()) {
                        continue;
                    }
                    if (found == null) {
                        found = option;
                    } else if (option.hasArg() != found.hasArg() || !option.key().equals(found.key())) {
                        if (ambiguous.isEmpty()) {
                            ambiguous.add(found);
                        }
                        ambiguous.add(option);
                    }
                }
                if (!ambiguous.isEmpty()) {
                    StringBuilder message = new StringBuilder("option '--" + body + "' is ambiguous; possibilities:");
                    for (LongOption option : ambiguous) {
                        message.append(" '--").append(option.name()).append('\'');
                    }
                    throw new UsageException(message.toString(), true);
                }
            }
            if (found == null) {
                throw new UsageException("unrecognized option '--" + body + "'", true);
            }
            String spelling = "--" + found.name();
            String value = null;
            if (equals >= 0) {
                if (found.hasArg() == HasArg.NONE) {
                    throw new UsageException("option '" + spelling + "' doesn't allow an argument", true);
                }
                value = body.substring(equals + 1);
            } else if (found.hasArg() == HasArg.REQUIRED) {
                if (index >= args.length) {
                    throw new UsageException("option '" + spelling + "' requires an argument", true);
                }
                value = args[index++];
            }
            return new Parsed(found.key(), value, spelling);
        }

        /** The index in argv of the word the last option's argument ended. */
        int lastIndex() {
            return index - 1;
        }

        /** The words after the options: PROG and its ARGS. */
        List<String> operands() {
            return List.of(args).subList(index, args.length);
        }
    }
}
