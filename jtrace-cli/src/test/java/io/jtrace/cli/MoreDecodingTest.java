package io.jtrace.cli;

import io.jtrace.testsupport.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;


/**
 * I/O vectors and splicing, file times, file system status and extended attributes, prctl,
 * scheduling, interval timers and capabilities, decoded as strace 6.1 decodes them: each fixture
 * makes its calls with ordinary, boundary and invalid arguments in a fresh empty directory, and
 * both tracers must print the same lines once addresses and what changes between runs are masked.
 */
class MoreDecodingTest {
    private static final String VECTOR_CALLS = "trace=readv,writev,preadv,pwritev,preadv2,pwritev2,sendfile,"
            + "copy_file_range,splice,tee,vmsplice,fallocate,sync_file_range";
    private static final String FS_CALLS = "trace=utimensat,utimes,futimesat,utime,statfs,fstatfs,setxattr,lsetxattr,"
            + "fsetxattr,getxattr,lgetxattr,fgetxattr,listxattr,llistxattr,flistxattr,removexattr,lremovexattr,"
            + "fremovexattr";
    private static final String PROCESS_CALLS = "trace=prctl,sched_getscheduler,sched_setscheduler,sched_getparam,"
            + "sched_setparam,sched_get_priority_max,sched_get_priority_min,sched_rr_get_interval,getitimer,setitimer,"
            + "alarm,capget,capset";

    @TempDir
    Path dir;

    @BeforeEach
    void requirements() {
        Runs.requireTracers();
    }

    @Test
    void vectorsSendfileSpliceAndRanges() {
        assertSameTrace("more_vectors", "-e", VECTOR_CALLS);
    }

    @Test
    void vectorElementsAndDataShortenedByStringLimit() {
        assertSameTrace("more_vectors", "-s", "1", "-e", VECTOR_CALLS);
    }

    @Test
    void vectorsWithNoElementShown() {
        assertSameTrace("more_vectors", "-s", "0", "-e", VECTOR_CALLS);
    }

    @Test
    void verboseShowsEveryVectorElement() {
        assertSameTrace("more_vectors", "-v", "-s", "1", "-e", VECTOR_CALLS);
    }

    @Test
    void vectorCallsWithDescriptorPaths() {
        assertSameTrace("more_vectors", "-y", "-e", VECTOR_CALLS);
    }

    @Test
    void fileTimesFileSystemStatusAndExtendedAttributes() {
        assertSameTrace("more_fs", "-e", FS_CALLS);
    }

    @Test
    void timePairsAndAttributeValuesShortenedByStringLimit() {
        assertSameTrace("more_fs", "-s", "1", "-e", FS_CALLS);
    }

    @Test
    void attributeValuesWithNothingShown() {
        assertSameTrace("more_fs", "-s", "0", "-e", FS_CALLS);
    }

    @Test
    void verboseShowsBothTimes() {
        assertSameTrace("more_fs", "-v", "-s", "0", "-e", FS_CALLS);
    }

    @Test
    void prctlSchedulingTimersAndCapabilities() {
        assertSameTrace("more_process", "-e", PROCESS_CALLS);
    }

    @Test
    void threadNamesShortenedByStringLimit() {
        assertSameTrace("more_process", "-s", "14", "-e", PROCESS_CALLS);
    }

    @Test
    void threadNamesWithNothingShown() {
        assertSameTrace("more_process", "-s", "0", "-e", PROCESS_CALLS);
    }

    @Test
    void verboseFileStatusInFull() {
        assertSameTrace("more_fs", MoreDecodingTest::maskFileIdentity, "-v", "-e", "trace=fstat,newfstatat,statx");
    }

    @Test
    void fileStatusAbbreviatedWithoutVerbose() {
        assertSameTrace("more_fs", "-e", "trace=fstat,newfstatat,statx");
    }

    private void assertSameTrace(String fixture, String... options) {
        assertSameTrace(fixture, UnaryOperator.identity(), options);
    }

    /**
     * Runs both tracers on {@code fixture}, each in the same directory emptied before it starts, and
     * compares their traces once {@code mask} has hidden what this test expects to differ.
     */
    private void assertSameTrace(String fixture, UnaryOperator<String> mask, String... options) {
        Path work = dir.resolve("work");
        List<String> args = Stream.concat(Stream.of(options),
                Stream.of(Fixtures.path(fixture).toString(), work.toString())).toList();
        Runs.assertSameTrace(args, t -> mask.apply(maskVarying(Runs.mask(t))), () -> Runs.emptyDirectory(work));
    }

    /** Masks what changes between two runs: free space and inodes, and the inodes of pipes. */
    private static String maskVarying(String trace) {
        return trace
                .replaceAll("\\b(f_blocks|f_bfree|f_bavail|f_files|f_ffree)=\\d+", "$1=N")
                .replaceAll("f_fsid=\\{val=\\[[^]]*\\]\\}", "f_fsid={val=[N, N]}")
                .replaceAll("pipe:\\[\\d+\\]", "pipe:[N]");
    }

    /**
     * Masks what differs between two files created by two runs: their inode numbers and the times
     * the runs changed them, with their dates.
     */
    private static String maskFileIdentity(String trace) {
        return trace
                .replaceAll("\\b(st_ino|stx_ino|st_[amc]time(_nsec)?|tv_sec|tv_nsec)=-?\\d+", "$1=N")
                .replaceAll(" /\\* -?\\d+-\\d\\d-\\d\\dT[^*]* \\*/", " /* DATE */");
    }
}
