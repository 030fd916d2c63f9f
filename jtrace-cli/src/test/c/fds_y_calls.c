/*
 * Descriptors that -y and -yy print in calls with decoders of their own: fcntl (F_DUPFD's result a
 * descriptor too), ioctl, close_range (whose numbers are no descriptors to strace), mq_open's
 * result, getsockname, getpeername, accept4's listening socket, setsockopt, getsockopt, recvfrom
 * and the descriptor lists of poll, ppoll, select and pselect6, and select's result. Then paths the
 * kernel marks " (deleted)": an unlinked file, a memfd, and a file whose name ends that way though
 * it is not deleted; and a name with bytes that are not UTF-8 and with < and >.
 *
 * argv[1]: an empty directory to work in.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc < 2 || chdir(argv[1]))
		return 1;
	int fd = open("plain", O_RDWR | O_CREAT | O_TRUNC, 0600);
	fcntl(fd, F_GETFL);
	fcntl(fd, F_SETFD, FD_CLOEXEC);
	int d = fcntl(fd, F_DUPFD, 10);
	fcntl(fd, F_DUPFD_CLOEXEC, 20);
	syscall(SYS_close_range, 20, 20, 0);   /* numbers only, open or not */
	int n;
	ioctl(fd, FIONREAD, &n);
	unlink("plain");
	fcntl(fd, F_GETFD);
	close(d);
	int m = memfd_create("mymem", 0);
	fcntl(m, F_GETFL);
	close(m);
	/* a file whose name ends as deleted ones do, though it is not */
	int f = open("named (deleted)", O_RDWR | O_CREAT | O_TRUNC, 0600);
	fcntl(f, F_GETFL);
	close(f);
	/* a message queue's descriptor, its result printed as one */
	syscall(SYS_mq_unlink, "jtrace_fds_y_calls");
	int q = syscall(SYS_mq_open, "jtrace_fds_y_calls", O_RDWR | O_CREAT, 0600, NULL);
	fcntl(q, F_GETFD);
	close(q);
	syscall(SYS_mq_unlink, "jtrace_fds_y_calls");
	int g = open("bytes\377\200<>", O_RDWR | O_CREAT | O_TRUNC, 0600);
	fcntl(g, F_GETFL);
	close(g);

	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(a);
	int l = socket(AF_INET, SOCK_STREAM, 0);
	bind(l, (struct sockaddr *) &a, sizeof(a));
	listen(l, 1);
	getsockname(l, (struct sockaddr *) &a, &len);
	int c = socket(AF_INET, SOCK_STREAM, 0);
	connect(c, (struct sockaddr *) &a, len);
	int s = accept4(l, NULL, NULL, SOCK_CLOEXEC);
	len = sizeof(a);
	getpeername(c, (struct sockaddr *) &a, &len);
	int one = 1;
	setsockopt(c, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof(one));
	len = sizeof(one);
	getsockopt(c, SOL_SOCKET, SO_KEEPALIVE, &one, &len);
	write(c, "hi", 2);
	struct pollfd p[2] = { { .fd = s, .events = POLLIN }, { .fd = c, .events = POLLOUT } };
	poll(p, 2, 100);
	struct timespec ts = { 0, 1000 };
	ppoll(p, 2, &ts, NULL);
	fd_set r, w;
	FD_ZERO(&r); FD_ZERO(&w);
	FD_SET(s, &r); FD_SET(c, &w);
	struct timeval tv = { 0, 1000 };
	select(c > s ? c + 1 : s + 1, &r, &w, NULL, &tv);
	FD_ZERO(&r); FD_ZERO(&w);
	FD_SET(s, &r); FD_SET(c, &w);
	pselect(c > s ? c + 1 : s + 1, &r, &w, NULL, &ts, NULL);
	/*
	 * The sets as the kernel left them: in and except in one buffer, which except's (empty) result
	 * overwrote, so that the ready descriptor of in is found in none; then no descriptors at all.
	 */
	fd_set shared;
	FD_ZERO(&shared); FD_ZERO(&w);
	FD_SET(s, &shared); FD_SET(c, &w);
	tv.tv_usec = 1000;
	select(c > s ? c + 1 : s + 1, &shared, &w, &shared, &tv);
	tv.tv_usec = 0;
	select(0, &r, &w, NULL, &tv);
	char buf[8];
	ioctl(s, FIONREAD, &n);
	recvfrom(s, buf, sizeof(buf), 0, NULL, NULL);
	recvfrom(s, buf, sizeof(buf), MSG_DONTWAIT, NULL, NULL);
	close(s);
	close(c);
	close(l);
	return 0;
}
