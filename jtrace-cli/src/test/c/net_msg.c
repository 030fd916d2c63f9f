/* sendmsg, recvmsg, sendmmsg and recvmmsg over unix socket pairs and loopback UDP, with ordinary,
 * boundary and invalid arguments: names, vectors, control messages (descriptors, credentials, IP
 * packet information, truncated and unknown ones), truncation flags and bad pointers. Run as:
 * net_msg DIR PORT, where PORT is a free UDP port on 127.0.0.1. The trace must match strace 6.1's
 * line for line. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define BAD ((void *) 1)

static struct msghdr message(struct iovec *iov, size_t iovlen, void *control, size_t controllen) {
    struct msghdr m = {.msg_iov = iov, .msg_iovlen = iovlen, .msg_control = control,
                       .msg_controllen = controllen};
    return m;
}

/* A control message at the start of {@code buf}, of {@code length} bytes in its cmsg_len. */
static void control(void *buf, int level, int type, size_t length, const void *data, size_t size) {
    struct cmsghdr *c = buf;
    c->cmsg_len = length;
    c->cmsg_level = level;
    c->cmsg_type = type;
    memcpy(CMSG_DATA(c), data, size);
}

/* Appends a control message of {@code size} bytes of data at {@code p}; returns where the next goes. */
static char *add(char *p, int level, int type, const void *data, size_t size) {
    control(p, level, type, CMSG_LEN(size), data, size);
    return p + CMSG_SPACE(size);
}

int main(int argc, char **argv) {
    if (argc < 3 || chdir(argv[1]) != 0) {
        return 2;
    }
    syscall(SYS_close_range, 3, ~0U, 0);
    int port = atoi(argv[2]);
    int sv[2], dg[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    socketpair(AF_UNIX, SOCK_DGRAM, 0, dg);
    long page = sysconf(_SC_PAGESIZE);
    /* A page followed by an unmapped one: structures that run off its end are unreadable. */
    char *edge = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(edge + page, page);
    char *end = edge + page;

    /* sendmsg: one vector, several, empty ones, flags known and unknown. */
    char a[] = "abc", b[] = "defgh", c[] = "ij\n\001";
    struct iovec iov[3] = {{a, 3}, {b, 5}, {c, 4}};
    struct msghdr m = message(iov, 1, NULL, 0);
    syscall(SYS_sendmsg, sv[0], &m, MSG_NOSIGNAL);
    m = message(iov, 3, NULL, 0);
    syscall(SYS_sendmsg, sv[0], &m, MSG_DONTWAIT | MSG_NOSIGNAL | 0x100000);
    m = message(iov, 0, NULL, 0);
    syscall(SYS_sendmsg, sv[0], &m, 0);
    m = message(NULL, 1, NULL, 0);
    syscall(SYS_sendmsg, sv[0], &m, 0);
    m = message(BAD, 2, NULL, 0);
    syscall(SYS_sendmsg, sv[0], &m, 0);
    syscall(SYS_sendmsg, sv[0], NULL, 0);
    syscall(SYS_sendmsg, sv[0], BAD, 0);
    syscall(SYS_sendmsg, -1, &m, 0x80000000);
    syscall(SYS_sendmsg, sv[0], end, 0);

    /* recvmsg: the data spread over the vector, what is left unread, errors. */
    char r1[2] = "", r2[8] = "", r3[16] = "";
    struct iovec riov[3] = {{r1, sizeof r1}, {r2, sizeof r2}, {r3, sizeof r3}};
    m = message(riov, 2, NULL, 0);
    syscall(SYS_recvmsg, sv[1], &m, 0);
    m = message(riov, 3, NULL, 0);
    syscall(SYS_recvmsg, sv[1], &m, MSG_DONTWAIT);
    m = message(riov, 3, NULL, 0);
    syscall(SYS_recvmsg, sv[1], &m, MSG_DONTWAIT);
    syscall(SYS_recvmsg, sv[1], NULL, 0);
    syscall(SYS_recvmsg, sv[1], BAD, MSG_PEEK);
    syscall(SYS_recvmsg, -1, &m, MSG_WAITALL | 0x100000);

    /* Descriptors and credentials passed in control messages. */
    int one = 1;
    setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &one, sizeof one);
    union {
        char buf[256];
        struct cmsghdr align;
    } ctl, rctl;
    int fds[3] = {dg[0], dg[1], 0};
    memset(&ctl, 0, sizeof ctl);
    control(ctl.buf, SOL_SOCKET, SCM_RIGHTS, CMSG_LEN(2 * sizeof(int)), fds, 2 * sizeof(int));
    m = message(iov, 1, ctl.buf, CMSG_SPACE(2 * sizeof(int)));
    syscall(SYS_sendmsg, sv[0], &m, 0);
    memset(&rctl, 0, sizeof rctl);
    m = message(riov, 2, rctl.buf, sizeof rctl.buf);
    syscall(SYS_recvmsg, sv[1], &m, MSG_CMSG_CLOEXEC);
    struct ucred cred = {getpid(), getuid(), getgid()};
    control(ctl.buf, SOL_SOCKET, SCM_CREDENTIALS, CMSG_LEN(sizeof cred), &cred, sizeof cred);
    m = message(iov, 1, ctl.buf, CMSG_SPACE(sizeof cred));
    syscall(SYS_sendmsg, sv[0], &m, 0);
    m = message(riov, 2, rctl.buf, sizeof rctl.buf);
    syscall(SYS_recvmsg, sv[1], &m, 0);
    /* Descriptors and credentials together, and too little room for them: MSG_CTRUNC. */
    control(ctl.buf, SOL_SOCKET, SCM_RIGHTS, CMSG_LEN(3 * sizeof(int)), fds, 3 * sizeof(int));
    control(ctl.buf + CMSG_SPACE(3 * sizeof(int)), SOL_SOCKET, SCM_CREDENTIALS, CMSG_LEN(sizeof cred), &cred,
            sizeof cred);
    m = message(iov, 1, ctl.buf, CMSG_SPACE(3 * sizeof(int)) + CMSG_SPACE(sizeof cred));
    syscall(SYS_sendmsg, sv[0], &m, 0);
    m = message(riov, 1, rctl.buf, CMSG_LEN(sizeof(int)));
    syscall(SYS_recvmsg, sv[1], &m, 0);
    setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &(int) {0}, sizeof one);

    struct sockaddr_in to_any = {.sin_family = AF_INET, .sin_port = htons(53)};
    inet_pton(AF_INET, "192.168.0.1", &to_any.sin_addr);

    /* Control messages malformed: short, overlong, unknown levels and types, unreadable. */
    control(ctl.buf, SOL_SOCKET, SCM_RIGHTS, CMSG_LEN(sizeof(int)), fds, sizeof(int));
    m = message(iov, 1, ctl.buf, 8);
    syscall(SYS_sendmsg, sv[0], &m, 0);
    m = message(iov, 1, ctl.buf, 20);
    syscall(SYS_sendmsg, sv[0], &m, 0);
    control(ctl.buf, SOL_SOCKET, SCM_RIGHTS, 100, fds, sizeof(int));
    m = message(iov, 1, ctl.buf, 24);
    syscall(SYS_sendmsg, sv[0], &m, 0);
    control(ctl.buf, SOL_SOCKET, SCM_RIGHTS, 8, fds, sizeof(int));
    m = message(iov, 1, ctl.buf, 40);
    syscall(SYS_sendmsg, sv[0], &m, 0);
    control(ctl.buf, SOL_SOCKET, SCM_CREDENTIALS, CMSG_LEN(8), &cred, 8);
    control(ctl.buf + CMSG_SPACE(8), 999, 77, CMSG_LEN(4), fds, 4);
    control(ctl.buf + CMSG_SPACE(8) + CMSG_SPACE(4), SOL_SOCKET, 4, CMSG_LEN(4), fds, 4);
    control(ctl.buf + CMSG_SPACE(8) + 2 * CMSG_SPACE(4), SOL_SOCKET, 99, CMSG_LEN(0), fds, 0);
    control(ctl.buf + 2 * CMSG_SPACE(8) + 2 * CMSG_SPACE(4), SOL_IP, 99, CMSG_LEN(4), fds, 4);
    m = message(iov, 1, ctl.buf, 2 * CMSG_SPACE(8) + 3 * CMSG_SPACE(4));
    syscall(SYS_sendmsg, sv[0], &m, 0);
    /* Every type strace names, with data it decodes, too short to decode, or none. */
    union {
        char buf[1024];
        struct cmsghdr align;
    } all;
    memset(&all, 0, sizeof all);
    long long times[6] = {1700000000, 123456, 5, 999999999, -1, 7};
    struct ucred nobody = {1, -1, 65534};
    struct in_pktinfo pkt = {.ipi_ifindex = 1};
    inet_pton(AF_INET, "127.0.0.1", &pkt.ipi_spec_dst);
    inet_pton(AF_INET, "10.1.2.3", &pkt.ipi_addr);
    char *p = all.buf;
    p = add(p, SOL_SOCKET, SCM_CREDENTIALS, &nobody, sizeof nobody);
    p = add(p, SOL_SOCKET, 3 /* SCM_SECURITY */, "label\0\1", 7);
    p = add(p, SOL_SOCKET, SO_TIMESTAMP_OLD, times, 16);
    p = add(p, SOL_SOCKET, SO_TIMESTAMP_OLD, times, 8);
    p = add(p, SOL_SOCKET, SO_TIMESTAMPNS_OLD, times, 16);
    p = add(p, SOL_SOCKET, SO_TIMESTAMPING_OLD, times, 48);
    p = add(p, SOL_SOCKET, SO_TIMESTAMPING_OLD, times, 40);
    p = add(p, SOL_SOCKET, SO_TIMESTAMP_NEW, times, 16);
    p = add(p, SOL_SOCKET, SO_TIMESTAMPNS_NEW, times + 2, 16);
    p = add(p, SOL_SOCKET, SO_TIMESTAMPING_NEW, times, 48);
    p = add(p, SOL_SOCKET, 41, times, 4);
    p = add(p, SOL_SOCKET, 0x36, times, 4);
    p = add(p, SOL_SOCKET, 0x3a, times, 4);
    p = add(p, SOL_SOCKET, 61, times, 0);
    p = add(p, SOL_IP, IP_PKTINFO, &pkt, sizeof pkt);
    p = add(p, SOL_IP, IP_PKTINFO, &pkt, 8);
    p = add(p, SOL_IP, IP_TTL, times, 8);
    p = add(p, SOL_IP, IP_TOS, "\x10\0\xff", 3);
    p = add(p, SOL_IP, IP_RECVOPTS, "\1\2", 2);
    p = add(p, SOL_IP, IP_RETOPTS, "", 0);
    p = add(p, SOL_IP, IP_CHECKSUM, times, 4);
    struct {
        unsigned int ee_errno;
        unsigned char ee_origin, ee_type, ee_code, ee_pad;
        unsigned int ee_info, ee_data;
        struct sockaddr_in offender;
    } error = {111, 2, 3, 4, 0, 5, 4000000000U, to_any};
    p = add(p, SOL_IP, IP_RECVERR, &error, sizeof error);
    p = add(p, SOL_IP, IP_RECVERR, &error, sizeof error - 1);
    p = add(p, SOL_IP, IP_ORIGDSTADDR, &to_any, sizeof to_any);
    p = add(p, SOL_IP, IP_ORIGDSTADDR, &to_any, 8);
    p = add(p, SOL_IP, 3, "ctx", 3);
    p = add(p, SOL_IP, 52, times, 4);
    p = add(p, SOL_IPV6, 50, times, 4);
    m = message(iov, 1, all.buf, p - all.buf);
    syscall(SYS_sendmsg, sv[0], &m, 0);
    m = message(iov, 1, NULL, 32);
    syscall(SYS_sendmsg, sv[0], &m, 0);
    m = message(iov, 1, end, 32);
    syscall(SYS_sendmsg, sv[0], &m, 0);

    /* Datagrams: truncation, and names over loopback UDP. */
    char big[10] = "0123456789";
    struct iovec bigv = {big, sizeof big};
    m = message(&bigv, 1, NULL, 0);
    syscall(SYS_sendmsg, dg[0], &m, 0);
    syscall(SYS_sendmsg, dg[0], &m, 0);
    m = message(riov, 1, NULL, 0);
    syscall(SYS_recvmsg, dg[1], &m, 0);
    m = message(riov, 1, NULL, 0);
    syscall(SYS_recvmsg, dg[1], &m, MSG_TRUNC);

    int u = socket(AF_INET, SOCK_DGRAM, 0);
    int w = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons(port)};
    inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
    bind(u, (struct sockaddr *) &to, sizeof to);
    setsockopt(u, IPPROTO_IP, IP_PKTINFO, &one, sizeof one);
    setsockopt(u, IPPROTO_IP, IP_RECVTTL, &one, sizeof one);
    setsockopt(u, IPPROTO_IP, IP_RECVTOS, &one, sizeof one);
    struct sockaddr_in from = to;
    from.sin_port = htons(port + 1);
    bind(w, (struct sockaddr *) &from, sizeof from);
    m = message(iov, 2, NULL, 0);
    m.msg_name = &to;
    m.msg_namelen = sizeof to;
    syscall(SYS_sendmsg, w, &m, 0);
    struct sockaddr_storage name;
    memset(&rctl, 0, sizeof rctl);
    m = message(riov, 3, rctl.buf, sizeof rctl.buf);
    m.msg_name = &name;
    m.msg_namelen = sizeof name;
    syscall(SYS_recvmsg, u, &m, 0);
    m = message(riov, 3, NULL, 0);
    m.msg_name = &name;
    m.msg_namelen = 4;
    syscall(SYS_sendmsg, w, &m, 0);
    m.msg_name = BAD;
    m.msg_namelen = sizeof to;
    syscall(SYS_sendmsg, w, &m, 0);
    m.msg_name = &name;
    m.msg_namelen = 1;
    syscall(SYS_recvmsg, u, &m, MSG_DONTWAIT);
    m = message(iov, 1, NULL, 0);
    m.msg_name = &to;
    m.msg_namelen = sizeof to;
    syscall(SYS_sendmsg, w, &m, 0);
    m = message(riov, 3, NULL, 0);
    m.msg_name = &name;
    m.msg_namelen = 8;
    syscall(SYS_recvmsg, u, &m, 0);

    /* sendmmsg and recvmmsg: several messages, lengths sent and received, timeouts, errors. */
    struct mmsghdr mm[3];
    memset(mm, 0, sizeof mm);
    mm[0].msg_hdr = message(iov, 1, NULL, 0);
    mm[0].msg_hdr.msg_name = &to;
    mm[0].msg_hdr.msg_namelen = sizeof to;
    mm[1].msg_hdr = message(iov + 1, 2, NULL, 0);
    mm[1].msg_hdr.msg_name = &to;
    mm[1].msg_hdr.msg_namelen = sizeof to;
    mm[2].msg_hdr = message(iov, 0, NULL, 0);
    mm[2].msg_hdr.msg_name = &to;
    mm[2].msg_hdr.msg_namelen = sizeof to;
    syscall(SYS_sendmmsg, w, mm, 3, 0);
    struct sockaddr_in names[3];
    char d1[4] = "", d2[16] = "", d3[16] = "";
    struct iovec div[3] = {{d1, sizeof d1}, {d2, sizeof d2}, {d3, sizeof d3}};
    memset(mm, 0, sizeof mm);
    for (int i = 0; i < 3; i++) {
        mm[i].msg_hdr = message(div + i, 1, NULL, 0);
        mm[i].msg_hdr.msg_name = &names[i];
        mm[i].msg_hdr.msg_namelen = i == 2 ? 4 : sizeof names[i];
    }
    struct timespec zero = {0, 0};
    syscall(SYS_recvmmsg, u, mm, 3, MSG_DONTWAIT, NULL);
    syscall(SYS_recvmmsg, u, mm, 3, MSG_DONTWAIT, &zero);
    syscall(SYS_recvmmsg, u, mm, 3, MSG_DONTWAIT, NULL);
    syscall(SYS_recvmmsg, u, mm, 3, MSG_DONTWAIT | MSG_WAITFORONE, BAD);
    syscall(SYS_recvmmsg, u, NULL, 3, MSG_DONTWAIT, NULL);
    syscall(SYS_recvmmsg, u, mm, 0, 0, NULL);
    syscall(SYS_sendmmsg, w, mm, 0, 0);
    syscall(SYS_sendmmsg, w, NULL, 2, 0);
    syscall(SYS_sendmmsg, w, BAD, 2, MSG_DONTWAIT);
    syscall(SYS_sendmmsg, -1, mm, 2, 0);
    memcpy(end - sizeof mm[0], &mm[0], sizeof mm[0]);
    ((struct mmsghdr *) (end - sizeof mm[0]))->msg_hdr = message(iov, 1, NULL, 0);
    ((struct mmsghdr *) (end - sizeof mm[0]))->msg_hdr.msg_name = &to;
    ((struct mmsghdr *) (end - sizeof mm[0]))->msg_hdr.msg_namelen = sizeof to;
    syscall(SYS_sendmmsg, w, end - sizeof mm[0], 2, 0);
    m = message(iov, 1, NULL, 0);
    m.msg_name = &to;
    m.msg_namelen = sizeof to;
    syscall(SYS_sendmsg, w, &m, 0);
    syscall(SYS_recvmmsg, u, mm, 3, MSG_WAITFORONE, &zero);
    syscall(SYS_sendmsg, w, &m, 0);
    struct timespec second = {1, 0};
    syscall(SYS_recvmmsg, u, mm, 3, MSG_WAITFORONE, &second);
    return 0;
}
