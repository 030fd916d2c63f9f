/* futex with every operation strace names, private and realtime variants, and unknown operations. */
#define _GNU_SOURCE
#include <linux/futex.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static long futex(uint32_t *uaddr, int op, uint32_t val, const void *timeout, uint32_t *uaddr2, uint32_t val3) {
    return syscall(SYS_futex, uaddr, op, val, timeout, uaddr2, val3);
}

int main(void) {
    static uint32_t word, other, pi;
    struct timespec short_wait = {0, 1000}, past = {1, 0};
    futex(&word, FUTEX_WAKE, 1, NULL, NULL, 0);
    futex(&word, FUTEX_WAKE_PRIVATE, 0x7fffffff, NULL, NULL, 0);
    futex(&word, FUTEX_WAIT, 1, NULL, NULL, 0);
    futex(&word, FUTEX_WAIT_PRIVATE, 0, &short_wait, NULL, 0);
    futex(&word, FUTEX_WAIT | FUTEX_CLOCK_REALTIME, 1, (void *) 8, NULL, 0);
    futex(&word, FUTEX_WAIT_BITSET_PRIVATE | FUTEX_CLOCK_REALTIME, 0, &past, NULL, FUTEX_BITSET_MATCH_ANY);
    futex(&word, FUTEX_WAIT_BITSET, 0, &past, NULL, 0x10);
    futex(&word, FUTEX_WAKE_BITSET_PRIVATE, 1, NULL, NULL, FUTEX_BITSET_MATCH_ANY);
    futex(&word, FUTEX_WAKE_BITSET, 1, NULL, NULL, 0);
    futex(&word, FUTEX_REQUEUE_PRIVATE, 1, (void *) 2, &other, 0);
    futex(&word, FUTEX_CMP_REQUEUE, 1, (void *) 2, &other, 5);
    futex(&word, FUTEX_CMP_REQUEUE_PI_PRIVATE, 1, (void *) 2, &other, 0);
    futex(&word, FUTEX_WAKE_OP_PRIVATE, 1, (void *) 1, &other, FUTEX_OP(FUTEX_OP_ADD, 1, FUTEX_OP_CMP_GT, 0));
    futex(&word, FUTEX_WAKE_OP, 1, (void *) 1, &other,
          FUTEX_OP(FUTEX_OP_OPARG_SHIFT | FUTEX_OP_XOR, 0xfff, FUTEX_OP_CMP_GE, 0xabc));
    futex(&word, FUTEX_WAKE_OP, 1, (void *) 1, &other, (7u << 28) | (9u << 24));
    futex(&pi, FUTEX_LOCK_PI_PRIVATE, 0, NULL, NULL, 0);
    futex(&pi, FUTEX_UNLOCK_PI_PRIVATE, 0, NULL, NULL, 0);
    futex(&pi, FUTEX_TRYLOCK_PI, 0, NULL, NULL, 0);
    futex(&pi, FUTEX_UNLOCK_PI, 0, NULL, NULL, 0);
    futex(&pi, 13 | FUTEX_PRIVATE_FLAG, 0, &past, NULL, 0);
    futex(&word, FUTEX_WAIT_REQUEUE_PI_PRIVATE | FUTEX_CLOCK_REALTIME, 1, &short_wait, &other, 0);
    futex(&word, FUTEX_FD, 3, NULL, NULL, 0);
    futex(&word, 99, 1, (void *) 0x10, &other, 0x20);
    futex(&word, FUTEX_WAKE | 0x1000, 1, NULL, NULL, 0);
    futex(NULL, FUTEX_WAKE, 1, NULL, NULL, 0);
    return 0;
}
