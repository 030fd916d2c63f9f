/* Maps, remaps, advises and unmaps memory with ordinary, boundary and invalid arguments; the
 * trace must match strace 6.1's line for line. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv) {
    (void) argc;
    (void) argv;
    syscall(SYS_close_range, 3, ~0U, 0);
    int fd = open("/dev/zero", O_RDONLY);
    char *p = (char *) syscall(SYS_mmap, 0, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    syscall(SYS_mmap, 0, 4096, PROT_READ, MAP_PRIVATE, fd, 0);
    syscall(SYS_mmap, 0, 4096, PROT_READ | PROT_EXEC, MAP_SHARED | MAP_DENYWRITE | MAP_POPULATE, fd, 0x1000);
    syscall(SYS_mmap, p, 4096, PROT_NONE, MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    syscall(SYS_mmap, 0, 4096, PROT_READ, MAP_SHARED_VALIDATE | 0x10000000, fd, 0);
    syscall(SYS_mmap, 0, 4096, PROT_READ, 0, fd, 0);
    syscall(SYS_mmap, 0, 4096, PROT_READ, 0xf, fd, 0);
    syscall(SYS_mmap, 0, 4096, PROT_READ | 0x80, MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT | 0x80 | MAP_STACK | MAP_GROWSDOWN
            | MAP_LOCKED | MAP_NONBLOCK | MAP_HUGETLB | MAP_SYNC | MAP_FIXED_NOREPLACE | MAP_EXECUTABLE | 0x4000000 | 0x8, -1, 0);
    syscall(SYS_mmap, 0, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, -4096L);
    syscall(SYS_mmap, 0, -1L, 0x10, MAP_PRIVATE, 12345, 4096);
    syscall(SYS_mprotect, p, 4096, PROT_READ);
    syscall(SYS_madvise, p, 8192, MADV_DONTNEED);
    syscall(SYS_madvise, p, 8192, MADV_HUGEPAGE);
    syscall(SYS_madvise, p, 8192, MADV_DONTDUMP);
    syscall(SYS_madvise, p, 8192, MADV_WIPEONFORK);
    syscall(SYS_madvise, p, 8192, MADV_FREE);
    syscall(SYS_madvise, p, 8192, 25);
    syscall(SYS_madvise, p, 8192, MADV_POPULATE_WRITE);
    syscall(SYS_madvise, p, 8192, 12);
    syscall(SYS_madvise, p, 8192, 99);
    syscall(SYS_msync, p, 4096, MS_SYNC);
    syscall(SYS_msync, p, 4096, MS_ASYNC | MS_INVALIDATE);
    syscall(SYS_msync, p, 4096, 0x10);
    syscall(SYS_msync, p, 4096, 0);
    char *q = (char *) syscall(SYS_mremap, p, 8192, 16384, MREMAP_MAYMOVE);
    syscall(SYS_mremap, q, 16384, 4096, 0);
    syscall(SYS_mremap, q, 4096, 4096, MREMAP_MAYMOVE | MREMAP_FIXED, q + 65536);
    syscall(SYS_mremap, q, 4096, 4096, MREMAP_DONTUNMAP | 0x10, 0);
    syscall(SYS_munmap, q, 4096);
    syscall(SYS_munmap, (void *) 1, 0);
    syscall(SYS_brk, 0);
    syscall(SYS_brk, 1);
    syscall(SYS_mlock, p, 4096);
    syscall(SYS_munlock, p, 4096);
    syscall(SYS_mlockall, MCL_CURRENT | MCL_FUTURE);
    syscall(SYS_mlockall, MCL_ONFAULT | 0x10);
    syscall(SYS_munlockall);
    syscall(SYS_mlock2, p, 4096, MLOCK_ONFAULT);
    syscall(SYS_mlock2, p, 4096, 2);
    return 0;
}
