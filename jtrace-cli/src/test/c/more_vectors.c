/* Moves data through I/O vectors, between descriptors and within files, with ordinary, boundary and
 * invalid arguments, in the empty directory given as argv[1]; the trace must match strace 6.1's. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#define BAD ((void *) 1)

int main(int argc, char **argv) {
    char a[8], b[16], c[4];
    if (argc < 2 || chdir(argv[1]) != 0) {
        return 2;
    }
    syscall(SYS_close_range, 3, ~0U, 0);
    int fd = syscall(SYS_openat, AT_FDCWD, "f", O_RDWR | O_CREAT, 0600);
    struct iovec out[3] = {{"abc", 3}, {"defghijklmnopqrstuvwxyz", 23}, {"", 0}};
    syscall(SYS_writev, fd, out, 3);
    syscall(SYS_writev, fd, out, 0);
    syscall(SYS_writev, fd, BAD, 2);
    syscall(SYS_writev, fd, NULL, 1);
    syscall(SYS_writev, 999, out, 2);
    struct iovec nulls[2] = {{NULL, 0}, {NULL, 5}};
    syscall(SYS_writev, fd, nulls, 2);
    syscall(SYS_writev, fd, out, 1UL << 62);
    syscall(SYS_writev, fd, out, 0x0fffffffffffffffUL);
    char *pages = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(pages + 4096, 4096);
    struct iovec *edge = (struct iovec *) (pages + 4096) - 1;
    *edge = out[0];
    syscall(SYS_writev, fd, edge, 2);
    syscall(SYS_writev, fd, edge + 1, 2);
    syscall(SYS_lseek, fd, 0L, SEEK_SET);
    struct iovec in[3] = {{a, sizeof a}, {b, sizeof b}, {c, sizeof c}};
    syscall(SYS_readv, fd, in, 3);
    syscall(SYS_lseek, fd, 0L, SEEK_SET);
    syscall(SYS_readv, fd, in, 1);
    syscall(SYS_readv, fd, in, 3);
    syscall(SYS_readv, fd, BAD, 3);
    syscall(SYS_readv, 999, in, 3);
    syscall(SYS_preadv, fd, in, 2, 3L);
    syscall(SYS_pwritev, fd, out, 2, 100L);
    syscall(SYS_pwritev, fd, out, 2, -1L);
    syscall(SYS_preadv2, fd, in, 3, 0L, 0L, 0);
    syscall(SYS_preadv2, fd, in, 3, -1L, 0L, RWF_NOWAIT | RWF_HIPRI);
    syscall(SYS_pwritev2, fd, out, 1, 5L, 0L, RWF_DSYNC | RWF_SYNC | RWF_APPEND);
    syscall(SYS_pwritev2, fd, out, 1, 5L, 0L, 0x100);
    syscall(SYS_pwritev2, fd, out, 1, 5L, 0L, 0x80000000U);

    int fd2 = syscall(SYS_openat, AT_FDCWD, "g", O_RDWR | O_CREAT, 0600);
    off_t off = 2;
    syscall(SYS_sendfile, fd2, fd, &off, 5);
    syscall(SYS_sendfile, fd2, fd, NULL, 5);
    syscall(SYS_sendfile, fd2, fd, BAD, 5);
    syscall(SYS_sendfile, 999, fd, &off, 5);
    off = 1000;
    syscall(SYS_sendfile, fd2, fd, &off, 5);
    off = 0;
    syscall(SYS_sendfile, fd2, fd, &off, 0);
    loff_t in_off = 1, out_off = 50;
    syscall(SYS_copy_file_range, fd, &in_off, fd2, &out_off, 4, 0);
    syscall(SYS_copy_file_range, fd, NULL, fd2, NULL, 4, 0);
    syscall(SYS_copy_file_range, fd, BAD, fd2, &out_off, 4, 1);
    int p[2];
    syscall(SYS_pipe2, p, 0);
    syscall(SYS_splice, fd, &in_off, p[1], NULL, 6, SPLICE_F_MOVE | SPLICE_F_NONBLOCK);
    syscall(SYS_splice, p[0], NULL, fd2, &out_off, 6, SPLICE_F_MORE | SPLICE_F_GIFT);
    syscall(SYS_splice, fd, BAD, p[1], NULL, 6, 0);
    syscall(SYS_splice, fd, NULL, p[1], NULL, 0, 0x40);
    int q[2];
    syscall(SYS_pipe2, q, 0);
    syscall(SYS_write, p[1], "xy", 2);
    syscall(SYS_tee, p[0], q[1], 2, SPLICE_F_NONBLOCK);
    syscall(SYS_tee, p[0], q[1], 2, 0);
    syscall(SYS_vmsplice, p[1], out, 2, SPLICE_F_GIFT);
    syscall(SYS_vmsplice, p[1], BAD, 2, 0);
    syscall(SYS_fallocate, fd, 0, 0L, 4096L);
    syscall(SYS_fallocate, fd, FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE, 0L, 10L);
    syscall(SYS_fallocate, fd, 0x80, -1L, 10L);
    syscall(SYS_fallocate, fd, FALLOC_FL_ZERO_RANGE, 0L, 1L);
    syscall(SYS_sync_file_range, fd, 0L, 0L, 0);
    syscall(SYS_sync_file_range, fd, 4L, 100L, SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE | SYNC_FILE_RANGE_WAIT_AFTER);
    syscall(SYS_sync_file_range, fd, -1L, 100L, 0x10);
    return 0;
}
