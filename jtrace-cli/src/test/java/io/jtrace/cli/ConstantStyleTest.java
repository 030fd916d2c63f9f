package io.jtrace.cli;

import io.jtrace.testsupport.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code -X raw} and {@code -X verbose} on the values strace builds itself rather than looks up in
 * one table: open's and mmap's flags (0 prints as {@code 0 /* O_RDONLY *}{@code /}), ioctl requests,
 * socket types, signals and signal sets, siginfo codes, handlers, resource limits
 * ({@code 8388608 /* 8192*1024 *}{@code /}), device numbers, statx's flags, utimensat's special
 * times, statfs's magic and fcntl's results. Each fixture runs under both tracers in both styles.
 */
class ConstantStyleTest {
    @TempDir
    Path dir;

    @BeforeEach
    void requirements() {
        Runs.requireTracers();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-Xraw", "-Xverbose"})
    void openFlagsAndDescriptorCalls(String style) {
        assertSameTrace(style, "files_open", "trace=openat,open,creat,access,faccessat,lseek,dup3,pipe2,umask,"
                + "fchmodat,fchownat,renameat2,unlinkat,flock,fadvise64");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-Xraw", "-Xverbose"})
    void mappingFlags(String style) {
        assertSameTrace(style, "files_memory", "trace=openat,mmap,mprotect,madvise,msync,mremap,mlock2,mlockall");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-Xraw", "-Xverbose"})
    void fileStatusDeviceNumbersAndStatxFlags(String style) {
        assertSameTrace(style, "files_stat", "trace=openat,fstat,stat,lstat,newfstatat,statx");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-Xraw", "-Xverbose"})
    void fileTimesAndFileSystemMagic(String style) {
        assertSameTrace(style, "more_fs", "trace=utimensat,statfs,fstatfs");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-Xraw", "-Xverbose"})
    void fcntlCommandsAndResults(String style) {
        assertSameTrace(style, "fcntl_commands", "trace=fcntl");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-Xraw", "-Xverbose"})
    void terminalIoctlRequests(String style) {
        assertSameTrace(style, "ioctl_terminal", "trace=ioctl");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-Xraw", "-Xverbose"})
    void socketTypes(String style) {
        assertSameTrace(style, "net_descriptors", "trace=socket,socketpair");
    }

    /** Clock ticks (SIGCHLD's si_utime, times()) carry their seconds in a comment, but under -X raw. */
    @ParameterizedTest
    @ValueSource(strings = {"-Xraw", "-Xverbose", "-Xabbrev"})
    void clockTicksAndTheirSeconds(String style) {
        // The user time burnt is sure not to be 0; the system time may be, in one run and not the other.
        // (Runs.mask has already hidden a SIGCHLD's times and their comments: checked below.)
        assertSameTrace(style, "clock_ticks", "trace=times", t -> t
                .replaceAll("\\b(si_stime|tms_stime|tms_cstime)=(\\d+|N)( /\\* [0-9.]* s \\*/)?", "$1=ANY")
                .replaceAll("=\\d+ /\\* \\d+\\.\\d\\d s \\*/", "=N /* S */")
                .replaceAll("\\b(si_utime|si_stime|tms_[a-z]+)=\\d+\\b(?! /)", "$1=N")
                .replaceAll("(?m)^(times\\(.*= )\\d+$", "$1T"));
        // The child's user time, sure not to be 0, carries its seconds in SIGCHLD but under -X raw.
        String trace = Runs.jtrace(List.of(style, "-e", "trace=times", Fixtures.path("clock_ticks").toString(),
                dir.resolve("work").toString())).stderr();
        boolean commented = java.util.regex.Pattern.compile("si_utime=[1-9]\\d* /\\* \\d+\\.\\d\\d s \\*/").matcher(trace).find();
        assertEquals(!style.equals("-Xraw"), commented, trace);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-Xraw", "-Xverbose"})
    void futexBitsetsAndWakeOperations(String style) {
        assertSameTrace(style, "process_futex", "trace=futex");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-Xraw", "-Xverbose"})
    void memfdFlagsWithTheHugePageSizeInside(String style) {
        assertSameTrace(style, "net_descriptors", "trace=memfd_create");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-Xraw", "-Xverbose"})
    void signalSets(String style) {
        assertSameTrace(style, "process_signals", "trace=rt_sigprocmask,rt_sigpending,sigaltstack,kill,tgkill");
    }

    /**
     * Only raw: under -X verbose strace 6.1 aborts on this fixture's mask of every real-time signal
     * (its buffer for a set's text is too short for the names in comments).
     */
    @ParameterizedTest
    @ValueSource(strings = {"-Xraw"})
    void signalHandlersAndMasks(String style) {
        assertSameTrace(style, "process_signals", "trace=rt_sigaction");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-Xraw", "-Xverbose"})
    void limitsAndUsage(String style) {
        assertSameTrace(style, "process_resources", "trace=getrlimit,setrlimit,prlimit64,getrusage");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-Xraw", "-Xverbose"})
    void siginfoCodesAndTimerSignals(String style) {
        assertSameTrace(style, "process_siginfo", "trace=waitid,rt_sigqueueinfo,rt_tgsigqueueinfo");
        assertSameTrace(style, "process_timers", "trace=timer_create,timer_settime,timer_delete");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-Xraw", "-Xverbose"})
    void prctlSignalsAndPtracer(String style) {
        assertSameTrace(style, "more_process", "trace=prctl");
    }

    /**
     * Runs both tracers with {@code style} on {@code fixture} (given a fresh empty directory, which
     * the fixtures that work on files use) and compares their traces once what changes between two
     * runs is masked.
     */
    private void assertSameTrace(String style, String fixture, String calls) {
        assertSameTrace(style, fixture, calls, t -> t);
    }

    private void assertSameTrace(String style, String fixture, String calls, java.util.function.UnaryOperator<String> mask) {
        Path work = dir.resolve("work");
        List<String> args = List.of(style, "-e", calls, Fixtures.path(fixture).toString(), work.toString());
        Runs.assertSameTrace(args, t -> mask.apply(maskVarying(Runs.mask(t))), () -> Runs.emptyDirectory(work));
    }

    /**
     * Pids and thread ids the calls take or return, process groups of the terminal, usage times and
     * free space: the numbers that differ between two runs, whatever the style.
     */
    private static String maskVarying(String trace) {
        return trace
                .replaceAll("(?m)^(waitid\\([^,]*, )\\d+", "$1PID")
                .replaceAll("(?m)^(rt_sigqueueinfo\\()\\d+", "$1PID")
                .replaceAll("(?m)^((?:kill|tgkill)\\()(?!999999\\b)\\d+(, (?!999999\\b)\\d+)?", "$1PID")
                .replaceAll("(?m)^(rt_tgsigqueueinfo\\()\\d+, \\d+", "$1PID, PID")
                .replaceAll("sigev_notify_thread_id=\\d+", "sigev_notify_thread_id=TID")
                .replaceAll("(0x540f|0x5410|0x5429)( /\\* \\w+ \\*/)?, \\[\\d+\\]", "$1$2, [PID]")
                .replaceAll("(TIOC[GS]PGRP|TIOCGSID), \\[\\d+\\]", "$1, [PID]")
                .replaceAll("ru_([us])time=\\{tv_sec=\\d+, tv_usec=\\d+\\}", "ru_$1time={N}")
                .replaceAll("\\b(f_blocks|f_bfree|f_bavail|f_files|f_ffree)=\\d+", "$1=N")
                .replaceAll("f_fsid=\\{val=\\[[^]]*\\]\\}", "f_fsid={val=[N, N]}");
    }
}
