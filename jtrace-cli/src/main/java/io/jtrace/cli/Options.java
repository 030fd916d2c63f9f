package io.jtrace.cli;

import io.jtrace.decode.CallStatus;
import io.jtrace.syscalls.SyscallDef;
import io.jtrace.syscalls.SyscallSet;
import io.jtrace.syscalls.SyscallTable;
import io.jtrace.decode.ConstantStyle;
import io.jtrace.decode.HexStyle;
import io.jtrace.stats.Column;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a jtrace command line asks for, as {@link OptionParser} read it.
 *
 * <p>When {@link #help()} or {@link #version()} is true the caller prints that text and exits 0;
 * the other components then keep their defaults and mean nothing.
 *
 * @param command               PROG and its ARGS; empty when only {@code -p} was given
 * @param attachPids            the {@code -p}/{@code --attach} process ids in the order given,
 *                              repeats included (strace tries to attach to each)
 * @param followForks           {@code -f}, {@code -ff}, {@code --follow-forks} or the deprecated {@code -F}
 * @param followForksSeparately {@code -ff} or {@code --output-separately}: one file per process,
 *                              {@code FILE.PID}; only meaningful with {@link #outputFile()}
 * @param outputFile            {@code -o FILE}, or null for stderr
 * @param alignColumn           {@code -a COLUMN}, the column return values are aligned to
 * @param stringLimit           {@code -s STRSIZE}, the longest string printed in full
 * @param quiet                 the kinds of message not printed ({@code attach}, {@code exit},
 *                              {@code path-resolution}, {@code personality}, {@code thread-execve}),
 *                              as {@code -q}, {@code -qq}, {@code -qqq} or {@code -e quiet=} select them
 * @param trace                 the calls {@code -e trace=} selected, or null to trace all
 * @param version               {@code -V}: print the version and exit
 * @param help                  {@code -h}: print the help text and exit
 * @param warnings              messages strace prints before tracing starts (as
 *                              {@code NAME: warning}) about options that were accepted but ignored
 * @param verbose               {@code -v}: structures, arrays and environments printed whole
 * @param hex                   {@code -x}, {@code -xx}, {@code --strings-in-hex}: how strings are escaped
 * @param decodeFds             {@code -y}, {@code -yy}, {@code --decode-fds}: which details of descriptors
 *                              are printed, a set of DecodeOptions.FDS_* bits (0: plain numbers)
 * @param constStyle            {@code -X}: constants as names, numbers, or both
 * @param appendOutput          {@code -A}: the -o file is appended to, not truncated
 * @param status                the call statuses {@code -z}, {@code -Z} and {@code -e status=} select,
 *                              or null for every call
 * @param signals               the signals whose deliveries, stops and kills are printed
 *                              ({@code -e signal=}), or null for all
 * @param tracePaths            the {@code -P} paths, in order; empty for every call
 * @param seccomp               the launched command gets a seccomp filter, so that the calls
 *                              {@link #trace()} leaves out run without stopping: on by default with
 *                              {@code -f} and a {@code -e trace=} set, off with {@code --no-seccomp-bpf}
 * @param timing                {@code -t}, {@code -r}, {@code -T} and their long forms: the times printed
 * @param syscallNumber         {@code -n}: each line starts with the number of the thread's latest call
 * @param instructionPointer    {@code -i}: each line starts with the thread's instruction pointer
 * @param detachOnExecve        {@code -b execve}: a process is let go at its execve (not the
 *                              command's own first one)
 * @param interruptible         {@code -I}: 1, the signals that end strace end jtrace at once, letting
 *                              everything go; 2, they end the trace, the command getting them too;
 *                              3, they are ignored; 4, SIGTSTP too
 * @param user                  {@code -u}: the user to run the command as, or null
 * @param daemonize             {@code -D}, {@code -DD}, {@code -DDD} (or {@code --daemonize=}): 0, jtrace
 *                              is the command's parent; 1, the command is the process jtrace's caller
 *                              started and jtrace runs apart; 2, in its own process group; 3, in its
 *                              own session
 * @param debug                 {@code -d}: every event jtrace's engine reports is also written to
 *                              stderr, as it comes
 * @param tips                  {@code --tips}: the tip printed when tracing ends, or null
 * @param summary               {@code -c} or {@code -C} and the options of their table, or null
 *                              without either
 * @param readFds               {@code -e read=SET}: the descriptors whose reads are dumped in hex, or null
 * @param writeFds              {@code -e write=SET}: the descriptors whose writes are dumped in hex, or null
 * @param envChanges            {@code -E VAR=VAL} and {@code -E VAR}: changes to the launched command's
 *                              environment, in the order given
 * @param abbrev                {@code -e abbrev=SET} naming some calls only: those printed abbreviated,
 *                              the others as with {@code -v}; null when it names all or none
 *                              ({@link #verbose()} then says which)
 * @param raw                   {@code -e raw=SET}: the calls printed undecoded, arguments and result in
 *                              hex, or null for none
 * @param decodePidsComm        {@code -Y}, {@code --decode-pids=comm}: pids are followed by their
 *                              {@code <comm>}
 * @param decodePidsNs          {@code --pidns-translation}, {@code --decode-pids=pidns}: pids a tracee
 *                              sees in another pid namespace are followed by their id in jtrace's
 * @param dereferenced          {@code -e verbose=SET} leaving some calls out: the calls whose
 *                              structures are read and printed; the others show only the addresses
 *                              of theirs; null for all calls (strace's default)
 */
public record Options(List<String> command, List<Integer> attachPids, boolean followForks,
                      boolean followForksSeparately, String outputFile, int alignColumn, int stringLimit,
                      Set<String> quiet, SyscallSet trace, boolean version, boolean help,
                      List<String> warnings, boolean verbose, HexStyle hex, int decodeFds,
                      ConstantStyle constStyle, boolean appendOutput, Set<CallStatus> status,
                      SignalSet signals, List<String> tracePaths, boolean seccomp,
                      Timing timing, boolean syscallNumber, boolean instructionPointer,
                      boolean detachOnExecve, int interruptible, String user, int daemonize,
                      boolean debug, Tips tips,
                      Summary summary,
                      java.util.function.IntPredicate readFds, java.util.function.IntPredicate writeFds,
                      List<EnvChanges.Change> envChanges, boolean decodePidsComm,
                      SyscallSet abbrev, SyscallSet raw, boolean decodePidsNs,
                      SyscallSet dereferenced) {


    public static final int DEFAULT_ALIGN_COLUMN = 40;
    public static final int DEFAULT_STRING_LIMIT = 32;

    public Options {
        command = List.copyOf(command);
        quiet = Set.copyOf(quiet);
        tracePaths = List.copyOf(tracePaths);
        attachPids = List.copyOf(attachPids);
        warnings = List.copyOf(warnings);
        envChanges = envChanges == null ? List.of() : List.copyOf(envChanges);
        status = status == null ? null : Collections.unmodifiableSet(status.isEmpty() ? java.util.EnumSet.noneOf(CallStatus.class) : java.util.EnumSet.copyOf(status));
    }

    /**
     * The names of the calls {@code -e trace=} selected, in number order; null when it selected
     * every call.
     */
    public Set<String> traceNames() {
        if (trace == null) {
            return null;
        }
        Set<String> names = new LinkedHashSet<>();
        for (SyscallDef d : SyscallTable.x86_64().all()) {
            if (d.knownToStrace61() && trace.contains(d.number())) {
                names.add(d.name());
            }
        }
        return Collections.unmodifiableSet(names);
    }

    /** Whether messages of {@code kind} ({@code attach}, {@code exit}, ...) are left out. */
    public boolean quiet(String kind) {
        return quiet.contains(kind);
    }

    /** Whether the deliveries, stops and kills by {@code signal} are printed. */
    public boolean printsSignal(int signal) {
        return signals == null || signals.contains(signal);
    }

    /** The answer to {@code -h}. */
    public static Options forHelp() {
        return defaults(false, true);
    }

    /** The answer to {@code -V}. */
    public static Options forVersion() {
        return defaults(true, false);
    }

    private static Options defaults(boolean version, boolean help) {
        return new Options(List.of(), List.of(), false, false, null, DEFAULT_ALIGN_COLUMN,
                DEFAULT_STRING_LIMIT, Set.of(), null, version, help, List.of(), false, HexStyle.NONE, 0,
                ConstantStyle.ABBREV, false, null, null, List.of(), false, Timing.NONE, false, false, false, 2, null, 0, false, null, null,
                null, null, List.of(), false, null, null, false, null);
    }

    /**
     * The call summary strace prints when tracing ends.
     *
     * @param only          {@code -c}: the table alone, no trace; {@code -C}: the trace, then the table
     * @param wallClock     {@code -w}: calls timed by the wall clock, not by their system time
     * @param overheadNanos {@code -O}: what is taken off each call's time
     * @param sortBy        {@code -S}: the column the rows are sorted by, or null ({@code -S none})
     *                      for call number order
     * @param columns       {@code -U}: the table's columns, in order
     */
    public record Summary(boolean only, boolean wallClock, long overheadNanos, Column sortBy, List<Column> columns) {
        public Summary {
            columns = List.copyOf(columns);
        }
    }
}
