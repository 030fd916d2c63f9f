/* mincore, membarrier, the NUMA policy calls, getpriority/setpriority and netlink socket options,
 * with ordinary, boundary and invalid arguments; the trace must match strace 6.1's line for line. */
#define _GNU_SOURCE
#include <linux/membarrier.h>
#include <linux/netlink.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#define BAD ((void *) 1)

int main(void) {
    unsigned char vec[4];
    char *p = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    p[0] = 1;
    syscall(SYS_mincore, p, 4096, vec);
    syscall(SYS_mincore, p, 3 * 4096, vec);
    syscall(SYS_mincore, p, 4097, vec);
    syscall(SYS_mincore, p, 4096, BAD);
    syscall(SYS_mincore, BAD, 4096, vec);
    syscall(SYS_mincore, p, 0, vec);

    syscall(SYS_membarrier, MEMBARRIER_CMD_QUERY, 0, 0);
    syscall(SYS_membarrier, MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED, 0, 0);
    syscall(SYS_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED, MEMBARRIER_CMD_FLAG_CPU, 0);
    syscall(SYS_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0x6, 3);
    syscall(SYS_membarrier, 0x3, 0, 0);

    unsigned long nodes[2] = {1, 0x8000000000000001UL};
    int mode = -1;
    syscall(SYS_get_mempolicy, &mode, nodes, 129, NULL, 0);
    syscall(SYS_get_mempolicy, &mode, NULL, 0, p, 2);
    syscall(SYS_get_mempolicy, NULL, nodes, 1, NULL, 0);
    syscall(SYS_get_mempolicy, BAD, BAD, 64, BAD, 0xff);
    syscall(SYS_set_mempolicy, 0, NULL, 0);
    syscall(SYS_set_mempolicy, 1 | 0x8000, nodes, 65);
    syscall(SYS_set_mempolicy, 2 | 0x4000 | 0x2000, nodes, 128);
    syscall(SYS_set_mempolicy, 9 | 0x8000, BAD, 2);
    syscall(SYS_set_mempolicy, 0x77, nodes, 1);
    syscall(SYS_set_mempolicy, 0, nodes, 0);
    syscall(SYS_mbind, p, 4096, 0, NULL, 0, 0);
    syscall(SYS_mbind, p, 4096, 2 | 0x8000, nodes, 3, 1 | 2);
    syscall(SYS_mbind, p, 4096, 1, nodes, 65, 0xfffffff8UL | (0xdeadUL << 32));
    syscall(SYS_mbind, BAD, -1, 6, BAD, 100000, 4);

    syscall(SYS_getpriority, PRIO_PROCESS, 0);
    syscall(SYS_setpriority, PRIO_PROCESS, 0, 0);
    syscall(SYS_getpriority, PRIO_PGRP, 0);
    syscall(SYS_getpriority, PRIO_USER, -1);
    syscall(SYS_getpriority, 7, 0);
    /* Only calls that change nothing: PRIO_USER or PRIO_PGRP with a real id would renice others. */
    syscall(SYS_setpriority, PRIO_PGRP, 999999, -20);
    syscall(SYS_setpriority, 7, 0, 19);

    int fd = socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
    int one = 1, v = 0;
    socklen_t len = sizeof v;
    unsigned int groups[4];
    syscall(SYS_setsockopt, fd, SOL_NETLINK, NETLINK_PKTINFO, &one, sizeof one);
    syscall(SYS_getsockopt, fd, SOL_NETLINK, NETLINK_PKTINFO, &v, &len);
    len = 8;
    syscall(SYS_getsockopt, fd, SOL_NETLINK, NETLINK_NO_ENOBUFS, &v, &len);
    syscall(SYS_setsockopt, fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &one, sizeof one);
    syscall(SYS_setsockopt, fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &one, 2);
    len = sizeof groups;
    syscall(SYS_getsockopt, fd, SOL_NETLINK, NETLINK_LIST_MEMBERSHIPS, groups, &len);
    len = 2;
    syscall(SYS_getsockopt, fd, SOL_NETLINK, NETLINK_LIST_MEMBERSHIPS, groups, &len);
    syscall(SYS_setsockopt, fd, SOL_NETLINK, 99, &one, sizeof one);
    syscall(SYS_setsockopt, fd, SOL_NETLINK, NETLINK_CAP_ACK, BAD, sizeof one);
    return 0;
}
