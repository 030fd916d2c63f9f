package io.jtrace.cli;

import io.jtrace.testsupport.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Arguments whose C type is narrower than the register, called with garbage in the register's upper
 * half (upper_halves.c): the kernel reads only the low half, and strace 6.1 prints only the low
 * half, flags and constants included, while long, size_t and pointer arguments keep all 64 bits.
 * One test per family of calls, each compared with strace line by line.
 */
class WidthsDecodingTest {
    @TempDir
    Path dir;

    @BeforeEach
    void requirements() {
        Runs.requireTracers();
    }

    @Test
    void files() {
        assertSameTrace("-e", "trace=openat,open,creat,unlinkat,linkat,renameat2,renameat,symlinkat,readlinkat,"
                + "faccessat,faccessat2,access,fchmodat,chmod,mkdirat,mkdir,mknodat,mknod,fchownat,chown,lchown,umask,umount2,"
                + "inotify_add_watch,inotify_rm_watch");
    }

    @Test
    void descriptors() {
        assertSameTrace("-e", "trace=pipe2,dup,dup2,dup3,close,close_range,flock,fsync,fdatasync,syncfs,fchdir,"
                + "fchmod,fchown,ftruncate,lseek,read,write,fcntl,ioctl,epoll_create1,epoll_create,epoll_ctl,"
                + "epoll_wait,eventfd2,signalfd4,timerfd_create,inotify_init1,memfd_create,pidfd_open,"
                + "copy_file_range,splice,tee,sync_file_range,fallocate,fadvise64,readahead,poll,getdents64");
    }

    @Test
    void descriptorsWithPaths() {
        assertSameTrace("-y", "-e", "trace=dup,dup2,dup3,close,flock,lseek,read,write,fcntl,ioctl,epoll_wait,splice,"
                + "tee,accept4,recvfrom,getsockopt,setsockopt,sendto,shutdown,listen");
    }

    @Test
    void memory() {
        assertSameTrace("-e", "trace=mmap,madvise,mprotect,msync,mlock2,munlock,mlockall,pkey_mprotect,pkey_free,"
                + "munmap");
    }

    @Test
    void memoryFlagsAsNumbers() {
        assertSameTrace("-X", "raw", "-e", "trace=mmap,madvise,msync,mlock2,mlockall,pipe2,dup3,unlinkat");
    }

    @Test
    void memoryFlagsWithTheirNumbers() {
        assertSameTrace("-X", "verbose", "-e", "trace=mmap,madvise,msync,mlock2,mlockall,pipe2,dup3,unlinkat");
    }

    @Test
    void modesAndDevicesAsNumbers() {
        assertSameTrace("-X", "raw", "-e", "trace=mknodat,mknod,setns,unshare,ioprio_get,ioprio_set,personality");
    }

    @Test
    void modesAndDevicesWithTheirNumbers() {
        assertSameTrace("-X", "verbose", "-e", "trace=mknodat,mknod,setns,unshare,ioprio_get,ioprio_set,personality");
    }

    @Test
    void process() {
        assertSameTrace("-e", "trace=kill,tkill,tgkill,getpgid,getsid,setpgid,setuid,setreuid,setresuid,setregid,"
                + "setresgid,setfsuid,setfsgid,personality,setns,unshare,ioprio_get,ioprio_set,userfaultfd,sched_getscheduler,sched_get_priority_max,"
                + "sched_get_priority_min,wait4,getrlimit,prlimit64,getrusage,sched_getaffinity,kcmp");
    }

    @Test
    void signals() {
        assertSameTrace("-e", "trace=rt_sigaction,rt_sigprocmask,rt_sigqueueinfo,rt_tgsigqueueinfo");
    }

    @Test
    void time() {
        assertSameTrace("-e", "trace=alarm,clock_getres,clock_nanosleep,getitimer,timer_gettime,timer_delete,"
                + "timer_getoverrun,timerfd_settime,timerfd_gettime");
    }

    @Test
    void sockets() {
        assertSameTrace("-e", "trace=socket,socketpair,shutdown,listen,sendto,recvfrom,sendmsg,recvmsg,accept4,"
                + "setsockopt,getsockopt,connect,bind");
    }

    private void assertSameTrace(String... options) {
        Path work = dir.resolve("work");
        List<String> args = Stream.concat(Stream.of(options),
                Stream.of(Fixtures.path("upper_halves").toString(), work.toString())).toList();
        Runs.assertSameTrace(args, t -> maskPids(Runs.mask(t)), () -> Runs.emptyDirectory(work));
    }

    /** The fixture's own pid, given to the signal calls, kcmp and pidfd_open, and pipes' and sockets' inodes. */
    private static String maskPids(String trace) {
        return trace
                .replaceAll("(?m)^(kill|tkill|tgkill|kcmp|pidfd_open)\\(\\d+", "$1(PID")
                .replaceAll("(?m)^(tgkill|kcmp)\\(PID, \\d+", "$1(PID, PID")
                .replaceAll("(pipe|socket):\\[\\d+\\]", "$1:[N]");
    }
}
