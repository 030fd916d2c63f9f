/*
 * Clock tuning read back, never changed: adjtimex and clock_adjtime with modes 0 and the
 * read-only ADJ_OFFSET_SS_READ, NULL, unreadable and short buffers, unknown clocks, and a
 * change refused once the fixture has given up its privileges.
 */
#define _GNU_SOURCE
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/timex.h>
#include <time.h>
#include <unistd.h>

int main(void) {
    struct timex tx;
    memset(&tx, 0, sizeof tx);
    syscall(SYS_adjtimex, &tx);
    tx.modes = ADJ_OFFSET_SS_READ;
    syscall(SYS_adjtimex, &tx);
    syscall(SYS_adjtimex, NULL);
    syscall(SYS_adjtimex, (void *) 8);

    /* A structure whose last byte is beyond the end of the mapping. */
    char *page = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(page + 4096, 4096);
    syscall(SYS_adjtimex, page + 4096 - sizeof tx + 1);

    tx.modes = 0;
    syscall(SYS_clock_adjtime, CLOCK_REALTIME, &tx);
    syscall(SYS_clock_adjtime, CLOCK_MONOTONIC, &tx);
    syscall(SYS_clock_adjtime, 77, &tx);
    syscall(SYS_clock_adjtime, -6, &tx);
    syscall(SYS_clock_adjtime, CLOCK_TAI, NULL);
    syscall(SYS_clock_adjtime, CLOCK_REALTIME, (void *) 8);

    if (setuid(65534) == 0) {
        tx.modes = ADJ_FREQUENCY | ADJ_STATUS | 0x0400;
        tx.status = STA_PLL | 0x10000;
        syscall(SYS_adjtimex, &tx);
        syscall(SYS_clock_adjtime, CLOCK_REALTIME, &tx);
    }
    return 0;
}
