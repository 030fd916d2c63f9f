/* Terminal ioctls on a pseudo-terminal this program opens (so that both tracers see the same tty),
 * then the same requests with bad descriptors, bad pointers, odd flag bits and unknown requests;
 * the trace must match strace 6.1's line for line. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <termios.h>
#include <unistd.h>

/* TCGETS2 and TCSETS2 by number: <asm/termbits.h> and <termios.h> cannot both be included. */

int main(void) {
    syscall(SYS_close_range, 3, ~0U, 0);
    setsid();
    int m = posix_openpt(O_RDWR | O_NOCTTY);
    grantpt(m);
    unlockpt(m);
    int s = open(ptsname(m), O_RDWR);
    struct termios t;
    struct winsize w = {24, 80, 0, 0};
    int n = 0, pg = 0;
    syscall(SYS_ioctl, s, TCGETS, &t);
    syscall(SYS_ioctl, s, TCSETS, &t);
    syscall(SYS_ioctl, s, TCSETSW, &t);
    t.c_lflag &= ~(ICANON | ECHO);
    t.c_cc[VMIN] = 1;
    syscall(SYS_ioctl, s, TCSETSF, &t);
    syscall(SYS_ioctl, s, TCGETS, &t);
    syscall(SYS_ioctl, s, TCGETS, (void *) 1);
    syscall(SYS_ioctl, s, TCSETS, (void *) 0);
    syscall(SYS_ioctl, 2000, TCGETS, &t);
    syscall(SYS_ioctl, 1, TCGETS, &t);
    syscall(SYS_ioctl, s, TCGETA, &t);
    syscall(SYS_ioctl, s, 0x802c542a, &t); /* TCGETS2 */
    syscall(SYS_ioctl, s, TIOCSWINSZ, &w);
    syscall(SYS_ioctl, s, TIOCGWINSZ, &w);
    syscall(SYS_ioctl, s, TIOCGWINSZ, NULL);
    syscall(SYS_ioctl, s, TIOCGPGRP, &pg);
    syscall(SYS_ioctl, s, TIOCSPGRP, &pg);
    syscall(SYS_ioctl, s, TIOCGSID, &n);
    syscall(SYS_ioctl, s, FIONREAD, &n);
    syscall(SYS_ioctl, m, FIONREAD, &n);
    n = 1;
    syscall(SYS_ioctl, s, FIONBIO, &n);
    syscall(SYS_ioctl, s, FIOCLEX);
    syscall(SYS_ioctl, s, FIONCLEX);
    syscall(SYS_ioctl, s, TIOCSCTTY, 0);
    syscall(SYS_ioctl, m, TIOCGPTN, &n);
    syscall(SYS_ioctl, m, TIOCSPTLCK, &n);
    syscall(SYS_ioctl, s, TCFLSH, TCIFLUSH);
    syscall(SYS_ioctl, s, TCXONC, TCOON);
    syscall(SYS_ioctl, s, TCSBRK, 1);
    syscall(SYS_ioctl, s, TIOCOUTQ, &n);
    syscall(SYS_ioctl, s, TIOCEXCL);
    syscall(SYS_ioctl, s, TIOCNXCL);
    syscall(SYS_ioctl, s, TIOCMGET, &n);
    syscall(SYS_ioctl, s, TIOCGETD, &n);
    syscall(SYS_ioctl, m, TIOCNOTTY);

    memset(&t, 0, sizeof t);
    syscall(SYS_ioctl, -1, TCSETS, &t);
    memset(&t, 0xff, sizeof t);
    syscall(SYS_ioctl, -1, TCSETS, &t);
    t.c_iflag = 0x80000000;
    t.c_oflag = NL1 | CR3 | TAB3 | 0x80000;
    t.c_cflag = B9600 | (B115200 << 16) | CS7 | CMSPAR;
    t.c_lflag = 0x80000000;
    syscall(SYS_ioctl, -1, TCSETSW, &t);
    t.c_cflag = 0x17 | CIBAUD;
    t.c_oflag = 0;
    syscall(SYS_ioctl, -1, TCSETSF, &t);
    syscall(SYS_ioctl, -1, TCSETA, &t);
    n = 0x1ff | 0x10000;
    syscall(SYS_ioctl, -1, TIOCMSET, &n);
    n = 0x10000;
    syscall(SYS_ioctl, -1, TIOCMBIC, &n);
    n = 0;
    syscall(SYS_ioctl, -1, TIOCMBIS, &n);
    syscall(SYS_ioctl, -1, TIOCMBIS, 0);
    syscall(SYS_ioctl, -1, TCFLSH, 7);
    syscall(SYS_ioctl, -1, TCXONC, 0x100000001L);
    syscall(SYS_ioctl, -1, TCSBRK, 0x1ffffffffL);
    syscall(SYS_ioctl, -1, TIOCSTI, "xy");
    syscall(SYS_ioctl, -1, TIOCSPGRP, &n);
    syscall(SYS_ioctl, -1, TIOCSPGRP, 8);
    syscall(SYS_ioctl, -1, TIOCSWINSZ, 8);
    syscall(SYS_ioctl, 0x100000000L | (unsigned) s, 0x100000000L | TIOCGWINSZ, &w);
    for (unsigned c = 0x5401; c <= 0x5461; c++)
        syscall(SYS_ioctl, -1, c, 0);
    syscall(SYS_ioctl, -1, 0x402c542b, 0); /* TCSETS2 */
    syscall(SYS_ioctl, -1, TIOCGEXCL, 0);
    syscall(SYS_ioctl, -1, TIOCGPTPEER, 0);
    syscall(SYS_ioctl, s, _IOR(0x12, 0x34, long), &n);
    syscall(SYS_ioctl, s, _IOW('q', 0x1, int), &n);
    syscall(SYS_ioctl, s, _IOWR('q', 0x2, char[3]), &n);
    syscall(SYS_ioctl, s, _IO('q', 0x3), 5);
    syscall(SYS_ioctl, s, _IOR('T', 0x99, int), 5);
    syscall(SYS_ioctl, s, 0x54ff, 5);
    syscall(SYS_ioctl, s, 0x12345678, 0);
    syscall(SYS_ioctl, s, 0xdeadbeef12345678UL, 0);
    return 0;
}
