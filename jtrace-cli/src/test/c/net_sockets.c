/* Sockets over loopback with ordinary, boundary and invalid arguments: creation, addresses of every
 * family, connections, data, messages and options. Run as: net_sockets DIR PORT, where DIR is an
 * empty directory for unix sockets and PORT the first of four free TCP and UDP ports on 127.0.0.1 and
 * ::1, so that no
 * address in the trace changes between runs. The trace must match strace 6.1's line for line. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <linux/netlink.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <unistd.h>

#define BAD ((void *) 1)

int main(int argc, char **argv) {
    if (argc < 3 || chdir(argv[1]) != 0) {
        return 2;
    }
    syscall(SYS_close_range, 3, ~0U, 0);
    int port = atoi(argv[2]);
    int fds[2];
    char buf[64];
    socklen_t len;

    /* socket and socketpair: families, types with flags, protocols by family, unknowns. */
    int tcp = syscall(SYS_socket, AF_INET, SOCK_STREAM | SOCK_CLOEXEC, IPPROTO_TCP);
    int udp = syscall(SYS_socket, AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
    int tcp6 = syscall(SYS_socket, AF_INET6, SOCK_STREAM, IPPROTO_IP);
    int nl = syscall(SYS_socket, AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    int un = syscall(SYS_socket, AF_UNIX, SOCK_STREAM, 0);
    int dg = syscall(SYS_socket, AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    syscall(SYS_socket, AF_INET, SOCK_RAW, IPPROTO_ICMP);
    syscall(SYS_socket, AF_INET6, SOCK_DGRAM, IPPROTO_UDP);
    syscall(SYS_socket, AF_NETLINK, SOCK_DGRAM, 99);
    syscall(SYS_socket, 200, SOCK_STREAM, 0);
    syscall(SYS_socket, AF_INET, 15, 0);
    syscall(SYS_socket, AF_INET, SOCK_STREAM | 0x100, 1234);
    syscall(SYS_socket, -1, -1, -1);
    syscall(SYS_socketpair, AF_UNIX, SOCK_STREAM, 0, fds);
    syscall(SYS_socketpair, AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, fds);
    syscall(SYS_socketpair, AF_UNIX, SOCK_DGRAM, 0, BAD);
    syscall(SYS_socketpair, AF_INET, SOCK_STREAM, 0, fds);

    /* bind, listen, connect, accept with addresses of every family. */
    int one = 1, size = 0;
    syscall(SYS_setsockopt, tcp, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in in = {.sin_family = AF_INET, .sin_port = htons(port)};
    inet_pton(AF_INET, "127.0.0.1", &in.sin_addr);
    syscall(SYS_bind, tcp, &in, sizeof in);
    syscall(SYS_listen, tcp, 5);
    syscall(SYS_listen, tcp, -1);
    int client = syscall(SYS_socket, AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in local = in;
    local.sin_port = htons(port + 1);
    syscall(SYS_bind, client, &local, sizeof local);
    syscall(SYS_connect, client, &in, sizeof in);
    int second = syscall(SYS_socket, AF_INET, SOCK_STREAM, 0);
    local.sin_port = htons(port + 2);
    syscall(SYS_bind, second, &local, sizeof local);
    syscall(SYS_connect, second, &in, sizeof in);
    struct sockaddr_in peer;
    len = sizeof peer;
    int conn = syscall(SYS_accept, tcp, &peer, &len);
    syscall(SYS_getsockname, client, &peer, &len);
    len = 128;
    char big[128];
    syscall(SYS_getpeername, conn, big, &len);
    len = 4;
    syscall(SYS_getsockname, un, big, &len);
    len = 0;
    syscall(SYS_getsockname, client, big, &len);
    syscall(SYS_getsockname, client, NULL, NULL);
    syscall(SYS_getsockname, client, BAD, BAD);
    syscall(SYS_getpeername, tcp, big, &len);
    syscall(SYS_accept4, tcp, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
    syscall(SYS_accept4, udp, &peer, &len, 0x40);
    syscall(SYS_accept, -1, BAD, BAD);
    struct sockaddr_in fixed = {.sin_family = AF_INET, .sin_port = htons(7), .sin_addr.s_addr = htonl(0x7f000001)};
    syscall(SYS_connect, client, &fixed, 7);
    syscall(SYS_connect, client, &in, 0);
    syscall(SYS_connect, client, BAD, sizeof in);
    syscall(SYS_connect, client, NULL, 0);
    syscall(SYS_connect, client, &in, -1);
    syscall(SYS_connect, client, &in, sizeof in + 4);

    struct sockaddr_in6 in6 = {.sin6_family = AF_INET6, .sin6_port = htons(port), .sin6_flowinfo = htonl(7)};
    inet_pton(AF_INET6, "::1", &in6.sin6_addr);
    syscall(SYS_bind, tcp6, &in6, sizeof in6);
    inet_pton(AF_INET6, "fe80::1", &in6.sin6_addr);
    in6.sin6_scope_id = 1;
    syscall(SYS_connect, tcp6, &in6, sizeof in6);
    inet_pton(AF_INET6, "::ffff:127.0.0.1", &in6.sin6_addr);
    in6.sin6_scope_id = 0;
    syscall(SYS_connect, udp, &in6, sizeof in6);
    syscall(SYS_connect, udp, &in6, 24);

    struct sockaddr_un sun = {.sun_family = AF_UNIX};
    strcpy(sun.sun_path, "sock");
    syscall(SYS_bind, un, &sun, sizeof sun);
    syscall(SYS_bind, dg, &sun, offsetof(struct sockaddr_un, sun_path) + 5);
    memcpy(sun.sun_path, "\0abstract\n", 10);
    syscall(SYS_bind, dg, &sun, offsetof(struct sockaddr_un, sun_path) + 10);
    syscall(SYS_bind, dg, &sun, offsetof(struct sockaddr_un, sun_path));
    syscall(SYS_bind, dg, &sun, 2);
    memset(sun.sun_path, 'x', sizeof sun.sun_path);
    syscall(SYS_bind, dg, &sun, sizeof sun);
    syscall(SYS_bind, dg, &sun, sizeof sun + 1);

    struct sockaddr_nl snl = {.nl_family = AF_NETLINK, .nl_pid = 0, .nl_groups = 0x11};
    syscall(SYS_bind, nl, &snl, sizeof snl);
    snl.nl_pid = 12345;
    syscall(SYS_connect, nl, &snl, sizeof snl);

    struct sockaddr_storage other = {.ss_family = 200};
    memcpy((char *) &other + 2, "\x01\x02\x7f", 3);
    syscall(SYS_connect, udp, &other, 5);
    other.ss_family = AF_UNSPEC;
    syscall(SYS_connect, udp, &other, 16);

    /* shutdown and data over the connection. */
    syscall(SYS_sendto, client, "hello", 5, 0, NULL, 0);
    syscall(SYS_recvfrom, conn, buf, sizeof buf, MSG_DONTWAIT, NULL, NULL);
    syscall(SYS_sendto, client, "abc", 3, MSG_NOSIGNAL | MSG_MORE, NULL, 0);
    syscall(SYS_recvfrom, conn, buf, sizeof buf, MSG_PEEK | MSG_TRUNC | 0x80000000U, &peer, &len);
    syscall(SYS_recvfrom, conn, buf, 2, MSG_WAITALL, BAD, BAD);
    syscall(SYS_recvfrom, conn, buf, sizeof buf, MSG_DONTWAIT, NULL, NULL);
    struct sockaddr_in from = in;
    from.sin_port = htons(port + 3);
    syscall(SYS_bind, udp, &from, sizeof from);
    int u2 = syscall(SYS_socket, AF_INET, SOCK_DGRAM, 0);
    syscall(SYS_bind, u2, &in, sizeof in);
    syscall(SYS_sendto, udp, "datagram", 8, MSG_CONFIRM, &in, sizeof in);
    len = sizeof peer;
    syscall(SYS_recvfrom, u2, buf, sizeof buf, 0, &peer, &len);
    syscall(SYS_sendto, udp, "x", 1, 0, BAD, 16);
    syscall(SYS_sendto, udp, BAD, 1, 0x7fff0000, &fixed, 3);
    syscall(SYS_shutdown, client, SHUT_WR);
    syscall(SYS_shutdown, client, SHUT_RD);
    syscall(SYS_shutdown, conn, SHUT_RDWR);
    syscall(SYS_shutdown, conn, 3);
    syscall(SYS_shutdown, -1, -1);

    /* options at several levels. */
    syscall(SYS_setsockopt, client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    int rcv = 65536;
    syscall(SYS_setsockopt, client, SOL_SOCKET, SO_RCVBUF, &rcv, sizeof rcv);
    syscall(SYS_setsockopt, client, SOL_SOCKET, SO_KEEPALIVE, &one, 2);
    syscall(SYS_setsockopt, client, SOL_SOCKET, SO_KEEPALIVE, BAD, 4);
    struct linger lg = {1, 5};
    syscall(SYS_setsockopt, client, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
    syscall(SYS_setsockopt, client, IPPROTO_IP, IP_TTL, &one, sizeof one);
    syscall(SYS_setsockopt, tcp6, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
    syscall(SYS_setsockopt, client, 999, 77, &one, sizeof one);
    syscall(SYS_setsockopt, client, SOL_SOCKET, 999, &one, sizeof one);
    len = sizeof size;
    syscall(SYS_getsockopt, client, SOL_SOCKET, SO_RCVBUF, &size, &len);
    syscall(SYS_getsockopt, client, SOL_SOCKET, SO_TYPE, &size, &len);
    syscall(SYS_getsockopt, client, SOL_SOCKET, SO_ERROR, &size, &len);
    syscall(SYS_getsockopt, client, IPPROTO_TCP, TCP_NODELAY, &size, &len);
    len = sizeof lg;
    syscall(SYS_getsockopt, client, SOL_SOCKET, SO_LINGER, &lg, &len);
    len = 2;
    syscall(SYS_getsockopt, client, SOL_SOCKET, SO_REUSEADDR, &size, &len);
    syscall(SYS_getsockopt, client, SOL_SOCKET, SO_REUSEADDR, BAD, BAD);
    syscall(SYS_getsockopt, client, SOL_SOCKET, SO_REUSEADDR, &size, NULL);
    syscall(SYS_getsockopt, client, 999, 1, &size, &len);
    return 0;
}
