/*
 * Descriptors of every kind -yy describes, each shown to the tracer by an fstat and a close: TCP and
 * UDP over IPv4 and IPv6 loopback, unix sockets bound to a path (in the directory argv[1]) and to an
 * abstract name, a netlink route socket, /dev/null, a pipe and a pidfd.
 *
 * argv[2] picks the sockets: "named" ones listen, are connected or are bound datagram sockets, as
 * /proc/net would show them too; "unnamed" ones are not bound yet, and known by their protocol
 * alone (the socket's system.sockprotoname attribute);
 * "peers" are the ones only sock_diag describes: TCP bound but not listening, and unix sockets with
 * a peer (socketpairs, and both ends of connections to a path and to an abstract name).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <linux/netlink.h>
#include <netinet/in.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <unistd.h>

static void show(int fd)
{
	struct stat st;
	fstat(fd, &st);
}

static int bound_to_loopback(int family, int type)
{
	struct sockaddr_storage ss = { .ss_family = family };
	socklen_t len;
	if (family == AF_INET) {
		struct sockaddr_in *a = (struct sockaddr_in *) &ss;
		a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		len = sizeof(*a);
	} else {
		struct sockaddr_in6 *a = (struct sockaddr_in6 *) &ss;
		a->sin6_addr = in6addr_loopback;
		len = sizeof(*a);
	}
	int fd = socket(family, type, 0);
	bind(fd, (struct sockaddr *) &ss, len);
	return fd;
}

static int listener(int family)
{
	return bound_to_loopback(family, SOCK_STREAM);
}

static int connect_to(int server, int type)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	getsockname(server, (struct sockaddr *) &ss, &len);
	int fd = socket(ss.ss_family, type, 0);
	connect(fd, (struct sockaddr *) &ss, len);
	return fd;
}

static int bound_udp(int family)
{
	return bound_to_loopback(family, SOCK_DGRAM);
}

static int unix_bound(const char *dir, int type)
{
	struct sockaddr_un un = { .sun_family = AF_UNIX };
	snprintf(un.sun_path, sizeof(un.sun_path), "%s/fds_yy.sock", dir);
	unlink(un.sun_path);
	int fd = socket(AF_UNIX, type, 0);
	bind(fd, (struct sockaddr *) &un, sizeof(un));
	return fd;
}

static int unix_abstract(void)
{
	struct sockaddr_un un = { .sun_family = AF_UNIX };
	static const char name[] = "\0jtrace-fds_yy";
	memcpy(un.sun_path, name, sizeof(name) - 1);
	int fd = socket(AF_UNIX, SOCK_DGRAM, 0);
	bind(fd, (struct sockaddr *) &un, offsetof(struct sockaddr_un, sun_path) + sizeof(name) - 1);
	return fd;
}

static int unix_abstract_stream(void)
{
	struct sockaddr_un un = { .sun_family = AF_UNIX };
	static const char name[] = "\0jtrace-fds_yy-stream";
	memcpy(un.sun_path, name, sizeof(name) - 1);
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);
	bind(fd, (struct sockaddr *) &un, offsetof(struct sockaddr_un, sun_path) + sizeof(name) - 1);
	return fd;
}

/* A unix stream listener's client and accepted end, each shown, then all three closed. */
static void unix_connection(int server)
{
	listen(server, 1);
	show(server);
	int client = connect_to(server, SOCK_STREAM);
	show(client);
	int accepted = accept(server, NULL, NULL);
	show(accepted);
	close(accepted);
	close(client);
	close(server);
}

static void named(const char *dir)
{
	for (int family = AF_INET; family; family = family == AF_INET ? AF_INET6 : 0) {
		int server = listener(family);
		listen(server, 1);
		show(server);
		int client = connect_to(server, SOCK_STREAM);
		show(client);
		int accepted = accept(server, NULL, NULL);
		show(accepted);
		close(accepted);
		close(client);
		close(server);
	}

	/* Bound, then connected: strace goes on printing the form it saw first. */
	int udp = bound_udp(AF_INET);
	show(udp);
	int peer = connect_to(udp, SOCK_DGRAM);
	show(peer);
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	getsockname(peer, (struct sockaddr *) &ss, &len);
	connect(udp, (struct sockaddr *) &ss, len);
	show(udp);
	close(peer);
	close(udp);

	int udp6 = bound_udp(AF_INET6);
	int peer6 = connect_to(udp6, SOCK_DGRAM);
	show(peer6);
	show(udp6);
	close(peer6);
	close(udp6);

	int path = unix_bound(dir, SOCK_STREAM);
	listen(path, 1);
	show(path);
	close(path);
	int dgram = unix_bound(dir, SOCK_DGRAM);
	show(dgram);
	close(dgram);
	int abstract = unix_abstract();
	show(abstract);
	close(abstract);

	int netlink = socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
	struct sockaddr_nl nl = { .nl_family = AF_NETLINK };
	bind(netlink, (struct sockaddr *) &nl, sizeof(nl));
	show(netlink);
	close(netlink);
}

static void unnamed(const char *dir)
{
	(void) dir;
	int tcp = socket(AF_INET, SOCK_STREAM, 0);
	show(tcp);
	close(tcp);
	int tcp6 = socket(AF_INET6, SOCK_STREAM, 0);
	show(tcp6);
	close(tcp6);
	int udp = socket(AF_INET, SOCK_DGRAM, 0);
	show(udp);
	close(udp);
	int udp6 = socket(AF_INET6, SOCK_DGRAM, 0);
	show(udp6);
	close(udp6);
	int netlink = socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
	show(netlink);
	close(netlink);
}

static void peers(const char *dir)
{
	int tcp = bound_to_loopback(AF_INET, SOCK_STREAM);
	show(tcp);
	close(tcp);
	int tcp6 = bound_to_loopback(AF_INET6, SOCK_STREAM);
	show(tcp6);
	close(tcp6);

	int pair[2];
	socketpair(AF_UNIX, SOCK_STREAM, 0, pair);
	show(pair[0]);
	show(pair[1]);
	close(pair[0]);
	close(pair[1]);
	socketpair(AF_UNIX, SOCK_DGRAM, 0, pair);
	show(pair[0]);
	show(pair[1]);
	close(pair[0]);
	close(pair[1]);

	unix_connection(unix_bound(dir, SOCK_STREAM));
	unix_connection(unix_abstract_stream());

	/* A datagram socket connected to a bound one: a peer one way only. */
	int dgram = unix_bound(dir, SOCK_DGRAM);
	int client = connect_to(dgram, SOCK_DGRAM);
	show(client);
	show(dgram);
	close(client);
	close(dgram);
}

int main(int argc, char **argv)
{
	if (argc != 3)
		return 2;
	if (strcmp(argv[2], "named") == 0) {
		named(argv[1]);
	} else if (strcmp(argv[2], "unnamed") == 0) {
		unnamed(argv[1]);
	} else if (strcmp(argv[2], "peers") == 0) {
		peers(argv[1]);
	} else {
		return 2;
	}

	int null = open("/dev/null", O_RDONLY);
	show(null);
	close(null);
	int pipefd[2];
	pipe(pipefd);
	show(pipefd[0]);
	close(pipefd[0]);
	close(pipefd[1]);
	int pidfd = syscall(SYS_pidfd_open, getpid(), 0);
	show(pidfd);
	close(pidfd);
	return 0;
}
