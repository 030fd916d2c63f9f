package io.jtrace.cli;

import io.jtrace.testsupport.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;


/**
 * Files, descriptors and memory, decoded as strace 6.1 decodes them: each fixture makes the calls
 * with ordinary, boundary and invalid arguments in a fresh empty directory, and the traces of
 * /usr/bin/strace and jtrace must be identical once addresses are masked.
 */
class FileDecodingTest {
    private static final String OPEN_AND_NAME = "trace=openat,open,creat,openat2,access,faccessat,faccessat2,lseek,"
            + "dup,dup2,dup3,pipe,pipe2,umask,mkdir,mkdirat,chmod,fchmod,fchmodat,chown,fchown,lchown,fchownat,"
            + "symlink,readlink,readlinkat,rename,renameat,renameat2,unlink,unlinkat,rmdir,truncate,ftruncate,"
            + "fsync,fdatasync,flock,fadvise64,getcwd,fchdir,chdir,close";

    @TempDir
    Path dir;

    @BeforeEach
    void requirements() {
        Runs.requireTracers();
    }

    /** Runs both tracers on {@code fixture}, each in the same directory emptied before it starts. */
    private void assertSameTrace(String calls, String fixture, String... options) {
        assertSameTrace(calls, fixture, Runs::mask, options);
    }

    private void assertSameTrace(String calls, String fixture, java.util.function.UnaryOperator<String> mask,
                                 String... options) {
        Path work = dir.resolve("work");
        List<String> args = Stream.concat(Stream.of(options),
                Stream.of("-e", calls, Fixtures.path(fixture).toString(), work.toString())).toList();
        Runs.assertSameTrace(args, mask, () -> Runs.emptyDirectory(work));
    }

    /**
     * With -v every directory entry is printed; the directory is made afresh for each tracer, so
     * its inodes (and the offsets some file systems derive from them) differ and are masked.
     */
    @Test
    void verboseDirectoryEntries() {
        assertSameTrace("trace=getdents64,getdents", "files_stat",
                t -> Runs.mask(t).replaceAll("\\b(d_ino|d_off)=\\d+", "$1=N"), "-v");
    }

    @Test
    void openingNamingAndDuplicating() {
        assertSameTrace(OPEN_AND_NAME, "files_open");
    }

    @Test
    void shortStringLimitLeavesPathsWhole() {
        assertSameTrace(OPEN_AND_NAME, "files_open", "-s", "2");
    }

    /**
     * Strings, a buffer and execve's arrays running into an unmapped page: addresses in their place,
     * {@code ... /* 0xADDR *\/}, {@code unterminated}, and strace's short-read warnings, which land in
     * the middle of the trace line.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"-a40", "-v", "-s300"})
    void stringsAndArraysRunningIntoAnUnmappedPage(String option) {
        assertSameTrace("trace=chdir,write,memfd_create,execve,execveat", "memory_edges", option);
    }

    @Test
    void mappingAndAdvisingMemory() {
        assertSameTrace("trace=mmap,mprotect,pkey_mprotect,madvise,msync,mremap,munmap,brk,mlock,munlock,mlockall,"
                + "munlockall,mlock2", "files_memory");
    }

    @Test
    void fileStatusAndDirectoryEntries() {
        assertSameTrace("trace=fstat,stat,lstat,newfstatat,statx,getdents64,getdents", "files_stat");
    }
}
