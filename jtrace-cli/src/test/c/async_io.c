/*
 * Linux AIO and io_uring: calls that succeed and fail, NULL, unreadable and partly readable
 * pointers, control blocks of every opcode, and io_uring_register's arguments by opcode.
 */
#include <linux/aio_abi.h>
#include <linux/io_uring.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

/* A page whose end is followed by an unmapped one. */
static char *guarded_page(void) {
    char *p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(p + 4096, 4096);
    return p;
}

int main(void) {
    char *page = guarded_page();
    char *end = page + 4096;
    int null = open("/dev/null", O_RDWR);
    int efd = eventfd(0, 0);
    static char data[] = "0123456789abcdefghijklmnopqrstuvwxyz0123456789";

    /* AIO */
    aio_context_t ctx = 0;
    syscall(SYS_io_setup, 0xdeadbeef, NULL);
    syscall(SYS_io_setup, 4, end - 4);
    syscall(SYS_io_setup, 4, &ctx);

    struct iovec iov[2] = {{data, 5}, {data + 5, 40}};
    struct iocb cbs[9];
    memset(cbs, 0, sizeof(cbs));
    for (int i = 0; i < 9; i++) {
        cbs[i].aio_data = 0x1000 + i;
        cbs[i].aio_fildes = null;
        cbs[i].aio_lio_opcode = i;
    }
    cbs[0].aio_buf = (uintptr_t) page; cbs[0].aio_nbytes = 16; cbs[0].aio_offset = 3;
    cbs[1].aio_buf = (uintptr_t) data; cbs[1].aio_nbytes = sizeof(data); cbs[1].aio_key = 7;
    cbs[1].aio_flags = IOCB_FLAG_RESFD; cbs[1].aio_resfd = efd;
    cbs[2].aio_reqprio = -3;
    cbs[5].aio_buf = 0x5 | 0x100000000ULL;
    cbs[7].aio_buf = (uintptr_t) iov; cbs[7].aio_nbytes = 2;
    cbs[8].aio_buf = (uintptr_t) iov; cbs[8].aio_nbytes = 2; cbs[8].aio_flags = IOCB_FLAG_IOPRIO;
    cbs[8].aio_reqprio = (2 << 13) | 4; cbs[8].aio_rw_flags = RWF_DSYNC;
    cbs[6].aio_resfd = 0x33; cbs[6].aio_lio_opcode = 0x77;
    struct iocb *ptrs[12];
    for (int i = 0; i < 9; i++) {
        ptrs[i] = &cbs[i];
    }
    ptrs[9] = NULL;
    ptrs[10] = (struct iocb *) end;
    ptrs[11] = (struct iocb *) (end - 8);
    syscall(SYS_io_submit, 0xbad, 12L, ptrs);
    syscall(SYS_io_submit, ctx, -1L, ptrs);
    syscall(SYS_io_submit, ctx, 1L, NULL);
    syscall(SYS_io_submit, ctx, 0L, ptrs);
    struct iocb **tail = (struct iocb **) (end - sizeof(void *));
    *tail = &cbs[1];
    syscall(SYS_io_submit, ctx, 2L, tail);
    struct iocb *one = &cbs[1];
    syscall(SYS_io_submit, ctx, 1L, &one);

    /* the page after the first one's end now holds the AIO ring: another, with nothing after it */
    end = guarded_page() + 4096;
    struct io_event events[4];
    struct timespec ts = {1, 0};
    syscall(SYS_io_getevents, ctx, 1L, 4L, events, &ts);
    syscall(SYS_io_getevents, ctx, 0L, 4L, NULL, NULL);
    syscall(SYS_io_getevents, 0xbad, 0L, 4L, events, end - 8);
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGUSR1);
    struct { sigset_t *m; size_t n; } sig = {&mask, 8};
    syscall(SYS_io_pgetevents, ctx, 0L, 4L, events, &ts, &sig);
    sig.n = 4;
    syscall(SYS_io_pgetevents, 0xbad, 1L, 1L, events, NULL, &sig);
    syscall(SYS_io_pgetevents, ctx, 0L, 1L, events, &ts, NULL);
    syscall(SYS_io_cancel, ctx, NULL, NULL);
    syscall(SYS_io_cancel, ctx, &cbs[1], events);
    syscall(SYS_io_cancel, ctx, end - 16, end - 16);
    syscall(SYS_io_destroy, ctx);
    syscall(SYS_io_destroy, 0);

    /* io_uring */
    struct io_uring_params params;
    memset(&params, 0, sizeof(params));
    syscall(SYS_io_uring_setup, 1, NULL);
    syscall(SYS_io_uring_setup, 1, end - 8);
    params.flags = 0xfffff000;
    params.resv[1] = 5;
    syscall(SYS_io_uring_setup, 1, &params);
    memset(&params, 0, sizeof(params));
    params.flags = IORING_SETUP_ATTACH_WQ;
    params.wq_fd = null;
    syscall(SYS_io_uring_setup, 2, &params);
    memset(&params, 0, sizeof(params));
    int ring = syscall(SYS_io_uring_setup, 4, &params);

    syscall(SYS_io_uring_enter, ring, 0, 0, IORING_ENTER_GETEVENTS, NULL, 8);
    syscall(SYS_io_uring_enter, ring, 0, 0, 0xffff, &mask, 8);
    syscall(SYS_io_uring_enter, -1, 1, 2, 0, end - 4, 8);

    struct io_uring_probe *probe = (void *) (end - sizeof(*probe) - 4 * sizeof(probe->ops[0]));
    memset(probe, 0, sizeof(*probe) + 4 * sizeof(probe->ops[0]));
    syscall(SYS_io_uring_register, ring, IORING_REGISTER_PROBE, probe, 4);
    probe->resv = 1;
    syscall(SYS_io_uring_register, ring, IORING_REGISTER_PROBE, probe, 4);
    syscall(SYS_io_uring_register, ring, IORING_REGISTER_PROBE, probe, 5);
    syscall(SYS_io_uring_register, ring, IORING_REGISTER_PROBE, probe, 300);
    int fds[3] = {null, efd, -1};
    syscall(SYS_io_uring_register, ring, IORING_REGISTER_FILES, fds, 3);
    int upd[2] = {-2, null};
    struct io_uring_files_update fu = {.offset = 1, .fds = (uintptr_t) upd};
    syscall(SYS_io_uring_register, ring, IORING_REGISTER_FILES_UPDATE, &fu, 2);
    syscall(SYS_io_uring_register, ring, IORING_UNREGISTER_FILES, NULL, 0);
    syscall(SYS_io_uring_register, ring, IORING_REGISTER_EVENTFD, &efd, 1);
    syscall(SYS_io_uring_register, ring, IORING_REGISTER_BUFFERS, iov, 2);
    unsigned int workers[2] = {3, 4};
    syscall(SYS_io_uring_register, ring, IORING_REGISTER_IOWQ_MAX_WORKERS, workers, 2);
    syscall(SYS_io_uring_register, ring, IORING_REGISTER_IOWQ_MAX_WORKERS, workers, 3);
    unsigned long cpus = 1;
    syscall(SYS_io_uring_register, ring, IORING_REGISTER_IOWQ_AFF, &cpus, sizeof(cpus));
    struct io_uring_restriction res[2] = {{.opcode = IORING_RESTRICTION_SQE_OP, .sqe_op = IORING_OP_READV},
                                          {.opcode = 9, .register_op = 3, .resv = 1}};
    syscall(SYS_io_uring_register, ring, IORING_REGISTER_RESTRICTIONS, res, 2);
    uint64_t tags[2] = {1, 0};
    struct io_uring_rsrc_register rr = {.nr = 2, .data = (uintptr_t) fds, .tags = (uintptr_t) tags};
    syscall(SYS_io_uring_register, ring, IORING_REGISTER_FILES2, &rr, sizeof(rr));
    syscall(SYS_io_uring_register, ring, IORING_REGISTER_FILES2, &rr, 16);
    struct io_uring_rsrc_update2 ru = {.offset = 0, .data = (uintptr_t) iov, .tags = (uintptr_t) tags, .nr = 2};
    syscall(SYS_io_uring_register, ring, IORING_REGISTER_BUFFERS_UPDATE, &ru, sizeof(ru));
    struct io_uring_rsrc_update rf[2] = {{.offset = -1, .data = null}, {.offset = 2, .resv = 1, .data = efd}};
    syscall(SYS_io_uring_register, ring, IORING_REGISTER_RING_FDS, rf, 2);
    syscall(SYS_io_uring_register, ring, IORING_UNREGISTER_RING_FDS, rf, 2);
    struct io_uring_buf_reg br = {.ring_addr = (uintptr_t) page, .ring_entries = 8, .bgid = 1};
    syscall(SYS_io_uring_register, ring, IORING_REGISTER_PBUF_RING, &br, 1);
    syscall(SYS_io_uring_register, ring, 0xbeef, end, 1);
    syscall(SYS_io_uring_register, -1, IORING_REGISTER_FILES, end - 4, 2);
    return 0;
}
