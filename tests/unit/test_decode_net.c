// SPDX-License-Identifier: GPL-2.0-only
/* Decoders of sockets and of waiting for descriptors (poll, select, epoll).
 * Expected strings come from strace 6.1 tracing the same calls. */
#include "test_decode.h"

#include <arpa/inet.h>
#include <linux/netlink.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/un.h>

static struct sockaddr_in inet4(const char *ip, unsigned port)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };

	inet_pton(AF_INET, ip, &a.sin_addr);
	return a;
}

static void sockets(void **state)
{
	struct sw_event *ev;
	int32_t fds[2] = { 17, 18 };

	(void)state;
	ev = EV("socket", 3, AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, IPPROTO_TCP);
	check(ev, "socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC|SOCK_NONBLOCK, IPPROTO_TCP) = 3");
	ev = EV("socket", 4, AF_INET6, SOCK_DGRAM, 0);
	check(ev, "socket(AF_INET6, SOCK_DGRAM, IPPROTO_IP) = 4");
	ev = EV("socket", 5, AF_UNIX, SOCK_STREAM, 0);
	check(ev, "socket(AF_UNIX, SOCK_STREAM, 0) = 5");
	ev = EV("socket", 6, AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	check(ev, "socket(AF_NETLINK, SOCK_RAW|SOCK_CLOEXEC, NETLINK_ROUTE) = 6");
	ev = EV("socket", 7, AF_PACKET, SOCK_RAW, 768);
	check(ev, "socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL)) = 7");
	ev = EV("socket", -97, 99, 1, 0);
	check(ev, "socket(0x63 /* AF_??? */, SOCK_STREAM, 0) = -1 EAFNOSUPPORT (Address family not supported by "
		  "protocol)");
	ev = EV("socketpair", 0, AF_UNIX, SOCK_STREAM, 0, 0x1000);
	cap_mem(ev, 3, EXIT, fds, sizeof(fds));
	check(ev, "socketpair(AF_UNIX, SOCK_STREAM, 0, [17, 18]) = 0");
	ev = EV("shutdown", -22, 12, 7);
	check(ev, "shutdown(12, 0x7 /* SHUT_??? */) = -1 EINVAL (Invalid argument)");
	ev = EV("listen", 0, 3, 128);
	check(ev, "listen(3, 128) = 0");
}

static void addresses(void **state)
{
	struct sw_event *ev;
	struct sockaddr_in a = inet4("127.0.0.1", 8080);
	struct sockaddr_in6 a6 = { .sin6_family = AF_INET6, .sin6_port = htons(443), .sin6_scope_id = 2 };
	struct sockaddr_un un = { .sun_family = AF_UNIX, .sun_path = "/tmp/dec.sock" };
	struct sockaddr_nl nl = { .nl_family = AF_NETLINK, .nl_pid = 6934 };
	struct sockaddr sx = { .sa_family = 77 };
	uint32_t len16 = 16, len128 = 128, len4 = 4;

	(void)state;
	ev = EV("bind", 0, 3, 0x1000, 16);
	cap_mem(ev, 1, ENTER, &a, sizeof(a));
	check(ev, "bind(3, {sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 0");
	inet_pton(AF_INET6, "2001:db8::ff00:42:8329", &a6.sin6_addr);
	ev = EV("sendto", 1, 14, 0x1000, 1, 0, 0x2000, 28);
	cap_mem(ev, 1, ENTER, "q", 1);
	cap_mem(ev, 4, ENTER, &a6, sizeof(a6));
	check(ev, "sendto(14, \"q\", 1, 0, {sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(0), "
		  "inet_pton(AF_INET6, \"2001:db8::ff00:42:8329\", &sin6_addr), sin6_scope_id=2}, 28) = 1");
	ev = EV("connect", -2, 15, 0x1000, 110);
	cap_mem(ev, 1, ENTER, &un, sizeof(un));
	check(ev, "connect(15, {sa_family=AF_UNIX, sun_path=\"/tmp/dec.sock\"}, 110) = -1 ENOENT (No such file or "
		  "directory)");
	un.sun_path[0] = 0;
	ev = EV("connect", -111, 15, 0x1000, 10);
	cap_mem(ev, 1, ENTER, &un, 10);
	check(ev, "connect(15, {sa_family=AF_UNIX, sun_path=@\"tmp/dec\"}, 10) = -1 ECONNREFUSED (Connection "
		  "refused)");
	ev = EV("bind", 0, 4, 0x1000, 2);
	cap_mem(ev, 1, ENTER, &un, 2);
	check(ev, "bind(4, {sa_family=AF_UNIX}, 2) = 0");
	ev = EV("connect", -106, 12, 0x1000, 16);
	cap_mem(ev, 1, ENTER, &sx, sizeof(sx));
	check(ev, "connect(12, {sa_family=0x4d /* AF_??? */, sa_data=\"\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\"}, "
		  "16) = -1 EISCONN (Transport endpoint is already connected)");
	ev = EV("connect", -14, 12, 1, 16);
	cap_fault(ev, 1, SW_CAP_MEM, ENTER);
	check(ev, "connect(12, 0x1, 16) = -1 EFAULT (Bad address)");
	ev = EV("connect", -22, 12, 0, 0);
	check(ev, "connect(12, NULL, 0) = -1 EINVAL (Invalid argument)");

	/* addresses the kernel wrote, with the length going in and coming out */
	ev = EV("getsockname", 0, 16, 0x1000, 0x2000);
	cap_mem(ev, 1, EXIT, &nl, sizeof(nl));
	cap_mem(ev, 2, ENTER, &(uint32_t){ 12 }, 4);
	cap_mem(ev, 2, EXIT, &(uint32_t){ 12 }, 4);
	check(ev, "getsockname(16, {sa_family=AF_NETLINK, nl_pid=6934, nl_groups=00000000}, [12]) = 0");
	a = inet4("0.0.0.0", 0);
	ev = EV("getsockname", 0, 3, 0x1000, 0x2000);
	cap_mem(ev, 1, EXIT, &a, sizeof(a));
	cap_mem(ev, 2, ENTER, &len128, 4);
	cap_mem(ev, 2, EXIT, &len16, 4);
	check(ev, "getsockname(3, {sa_family=AF_INET, sin_port=htons(0), sin_addr=inet_addr(\"0.0.0.0\")}, "
		  "[128 => 16]) = 0");
	ev = EV("getsockname", 0, 3, 0x1000, 0x2000);
	cap_mem(ev, 1, EXIT, &a, sizeof(a));
	cap_mem(ev, 2, ENTER, &len4, 4);
	cap_mem(ev, 2, EXIT, &len16, 4);
	check(ev, "getsockname(3, {sa_family=AF_INET, sa_data=\"\\0\\0\"}, [4 => 16]) = 0");
	a = inet4("127.0.0.1", 34278);
	ev = EV("accept", 13, 3, 0x1000, 0x2000);
	cap_mem(ev, 1, EXIT, &a, sizeof(a));
	cap_mem(ev, 2, ENTER, &len16, 4);
	cap_mem(ev, 2, EXIT, &len16, 4);
	check(ev, "accept(3, {sa_family=AF_INET, sin_port=htons(34278), sin_addr=inet_addr(\"127.0.0.1\")}, [16]) = 13");
	ev = EV("accept4", -11, 3, 0, 0, SOCK_CLOEXEC);
	check(ev, "accept4(3, NULL, NULL, SOCK_CLOEXEC) = -1 EAGAIN (Resource temporarily unavailable)");
	ev = EV("getsockname", -14, 3, 0x7ffe6a39baa0, 0);
	check(ev, "getsockname(3, 0x7ffe6a39baa0, NULL) = -1 EFAULT (Bad address)");
}

static void transfers(void **state)
{
	struct sw_event *ev;
	struct msghdr m = { .msg_iovlen = 2 };

	(void)state;
	ev = EV("sendto", 1, 12, 0x1000, 1, MSG_NOSIGNAL | MSG_DONTWAIT, 0, 0);
	cap_mem(ev, 1, ENTER, "x", 1);
	check(ev, "sendto(12, \"x\", 1, MSG_DONTWAIT|MSG_NOSIGNAL, NULL, 0) = 1");
	ev = EV("recvfrom", 6, 13, 0x1000, 64, 0, 0, 0);
	cap_mem(ev, 1, EXIT, "hellox", 6);
	check(ev, "recvfrom(13, \"hellox\", 64, 0, NULL, NULL) = 6");
	ev = EV("recvfrom", -11, 13, 0x7ffc260709b0, 64, MSG_DONTWAIT, 0, 0);
	check(ev, "recvfrom(13, 0x7ffc260709b0, 64, MSG_DONTWAIT, NULL, NULL) = -1 EAGAIN (Resource temporarily "
		  "unavailable)");
	ev = EV("sendto", -9, (uint64_t)-1, 0x1000, 0, 0x40000000, 0, 0);
	check(ev, "sendto(-1, \"\", 0, MSG_CMSG_CLOEXEC, NULL, 0) = -1 EBADF (Bad file descriptor)");
	/* the iovec behind msg_iov is not captured: its address */
	m.msg_iov = (struct iovec *)0x7ffd0000;
	ev = EV("sendmsg", 5, 12, 0x1000, 0);
	cap_mem(ev, 1, ENTER, &m, sizeof(m));
	check(ev, "sendmsg(12, {msg_name=NULL, msg_namelen=0, msg_iov=0x7ffd0000, msg_iovlen=2, msg_controllen=0, "
		  "msg_flags=0}, 0) = 5");
	/* recvmsg: the header as the kernel left it */
	m.msg_iovlen = 1;
	ev = EV("recvmsg", 3004, 3, 0x1000, 0);
	cap_mem(ev, 1, ENTER, &m, sizeof(m));
	m.msg_flags = MSG_TRUNC;
	cap_mem(ev, 1, EXIT, &m, sizeof(m));
	check(ev, "recvmsg(3, {msg_name=NULL, msg_namelen=0, msg_iov=0x7ffd0000, msg_iovlen=1, msg_controllen=0, "
		  "msg_flags=MSG_TRUNC}, 0) = 3004");
	ev = EV("recvmsg", -107, 3, 0x1000, MSG_DONTWAIT);
	cap_mem(ev, 1, ENTER, &m, sizeof(m));
	check(ev, "recvmsg(3, {msg_namelen=0}, MSG_DONTWAIT) = -1 ENOTCONN (Transport endpoint is not connected)");
}

static void socket_options(void **state)
{
	struct sw_event *ev;
	int32_t one = 1, big = 131072;
	struct linger lg = { 1, 5 };
	uint32_t len8 = 8, len4 = 4, len2 = 2;

	(void)state;
	ev = EV("setsockopt", 0, 3, SOL_SOCKET, SO_REUSEADDR, 0x1000, 4);
	cap_mem(ev, 3, ENTER, &one, 4);
	check(ev, "setsockopt(3, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0");
	ev = EV("setsockopt", 0, 3, IPPROTO_TCP, TCP_NODELAY, 0x1000, 4);
	cap_mem(ev, 3, ENTER, &one, 4);
	check(ev, "setsockopt(3, SOL_TCP, TCP_NODELAY, [1], 4) = 0");
	ev = EV("setsockopt", -22, 3, SOL_SOCKET, SO_RCVBUF, 0x7ffc26070a1c, 2);
	cap_mem(ev, 3, ENTER, &one, 2);
	check(ev, "setsockopt(3, SOL_SOCKET, SO_RCVBUF, 0x7ffc26070a1c, 2) = -1 EINVAL (Invalid argument)");
	ev = EV("setsockopt", -92, 3, 999, 5, 0x1000, 4);
	cap_mem(ev, 3, ENTER, &one, 4);
	check(ev, "setsockopt(3, 0x3e7 /* SOL_?? */, 5, [1], 4) = -1 ENOPROTOOPT (Protocol not available)");
	ev = EV("setsockopt", -92, 3, SOL_SOCKET, 999, 0x1000, 4);
	cap_mem(ev, 3, ENTER, &one, 4);
	check(ev, "setsockopt(3, SOL_SOCKET, 0x3e7 /* SO_??? */, [1], 4) = -1 ENOPROTOOPT (Protocol not available)");
	ev = EV("setsockopt", 0, 3, SOL_SOCKET, SO_LINGER, 0x1000, 8);
	cap_mem(ev, 3, ENTER, &lg, sizeof(lg));
	check(ev, "setsockopt(3, SOL_SOCKET, SO_LINGER, {l_onoff=1, l_linger=5}, 8) = 0");
	ev = EV("setsockopt", 0, 3, SOL_TCP, TCP_CONGESTION, 0x1000, 5);
	cap_mem(ev, 3, ENTER, "cubic", 5);
	check(ev, "setsockopt(3, SOL_TCP, TCP_CONGESTION, \"cubic\", 5) = 0");
	ev = EV("setsockopt", 0, 3, SOL_IP, IP_TOS, 0x1000, 4);
	cap_mem(ev, 3, ENTER, &one, 4);
	check(ev, "setsockopt(3, SOL_IP, IP_TOS, [1], 4) = 0");
	ev = EV("setsockopt", -92, 3, SOL_IPV6, IPV6_V6ONLY, 0x1000, 4);
	cap_mem(ev, 3, ENTER, &one, 4);
	check(ev, "setsockopt(3, SOL_IPV6, IPV6_V6ONLY, [1], 4) = -1 ENOPROTOOPT (Protocol not available)");

	ev = EV("getsockopt", 0, 3, SOL_SOCKET, SO_RCVBUF, 0x1000, 0x2000);
	cap_mem(ev, 3, EXIT, &big, 4);
	cap_mem(ev, 4, ENTER, &len8, 4);
	cap_mem(ev, 4, EXIT, &len4, 4);
	check(ev, "getsockopt(3, SOL_SOCKET, SO_RCVBUF, [131072], [8 => 4]) = 0");
	ev = EV("getsockopt", 0, 3, SOL_SOCKET, SO_LINGER, 0x1000, 0x2000);
	cap_mem(ev, 3, EXIT, &lg, sizeof(lg));
	cap_mem(ev, 4, ENTER, &len8, 4);
	cap_mem(ev, 4, EXIT, &len8, 4);
	check(ev, "getsockopt(3, SOL_SOCKET, SO_LINGER, {l_onoff=1, l_linger=5}, [8]) = 0");
	ev = EV("getsockopt", 0, 3, SOL_SOCKET, SO_ERROR, 0x1000, 0x2000);
	cap_mem(ev, 3, EXIT, "\0\0\0\0", 4);
	cap_mem(ev, 4, ENTER, &len2, 4);
	cap_mem(ev, 4, EXIT, &len2, 4);
	check(ev, "getsockopt(3, SOL_SOCKET, SO_ERROR, \"\\x00\\x00\", [2]) = 0");
}

static void polling(void **state)
{
	struct sw_event *ev;
	struct pollfd in[2] = { { 17, POLLIN, 0 }, { 18, POLLOUT | POLLPRI, 0 } };
	struct pollfd out[2] = { { 17, POLLIN, 0 }, { 18, POLLOUT | POLLPRI, POLLOUT } };
	struct pollfd neg = { -1, 0x7fff, 0 };
	struct timespec ts = { 0, 1000 }, left = { 0, 0 };
	uint8_t set_in[3] = { 0x01, 0, 0x02 }, set_out[3] = { 0, 0, 0x04 }, r_in[3] = { 0x01, 0, 0 };
	uint64_t mask = 0;

	(void)state;
	ev = EV("poll", 1, 0x1000, 2, 100);
	cap_mem(ev, 0, ENTER, in, sizeof(in));
	cap_mem(ev, 0, EXIT, out, sizeof(out));
	check(ev, "poll([{fd=17, events=POLLIN}, {fd=18, events=POLLPRI|POLLOUT}], 2, 100) = 1 ([{fd=18, "
		  "revents=POLLOUT}])");
	ev = EV("poll", 0, 0x1000, 1, 0);
	cap_mem(ev, 0, ENTER, &neg, sizeof(neg));
	cap_mem(ev, 0, EXIT, &neg, sizeof(neg));
	check(ev, "poll([{fd=-1}], 1, 0) = 0 (Timeout)");
	ev = EV("poll", 0, 0, 0, 1);
	check(ev, "poll(NULL, 0, 1) = 0 (Timeout)");
	ev = EV("ppoll", 1, 0x1000, 2, 0x2000, 0, 8);
	cap_mem(ev, 0, ENTER, in, sizeof(in));
	cap_mem(ev, 2, ENTER, &ts, sizeof(ts));
	cap_mem(ev, 0, EXIT, out, sizeof(out));
	cap_mem(ev, 2, EXIT, &left, sizeof(left));
	check(ev, "ppoll([{fd=17, events=POLLIN}, {fd=18, events=POLLPRI|POLLOUT}], 2, {tv_sec=0, tv_nsec=1000}, "
		  "NULL, 8) = 1 ([{fd=18, revents=POLLOUT}], left {tv_sec=0, tv_nsec=0})");
	ev = EV("ppoll", 0, 0x1000, 1, 0x2000, 0x3000, 8);
	cap_mem(ev, 0, ENTER, in, sizeof(in[0]));
	cap_mem(ev, 2, ENTER, &ts, sizeof(ts));
	cap_mem(ev, 3, ENTER, &mask, sizeof(mask));
	check(ev, "ppoll([{fd=17, events=POLLIN}], 1, {tv_sec=0, tv_nsec=1000}, [], 8) = 0 (Timeout)");

	/* pselect6: fds 0 and 17 to read, 18 to write */
	ts.tv_nsec = 100000;
	left.tv_nsec = 97105;
	ev = EV("pselect6", 2, 19, 0x1000, 0x2000, 0, 0x3000, 0);
	cap_mem(ev, 1, ENTER, set_in, sizeof(set_in));
	cap_mem(ev, 2, ENTER, set_out, sizeof(set_out));
	cap_mem(ev, 4, ENTER, &ts, sizeof(ts));
	cap_mem(ev, 1, EXIT, r_in, sizeof(r_in));
	cap_mem(ev, 2, EXIT, set_out, sizeof(set_out));
	cap_mem(ev, 4, EXIT, &left, sizeof(left));
	check(ev, "pselect6(19, [0 17], [18], NULL, {tv_sec=0, tv_nsec=100000}, NULL) = 2 (in [0], out [18], "
		  "left {tv_sec=0, tv_nsec=97105})");
	ev = EV("pselect6", 0, 0, 0, 0, 0, 0x3000, 0);
	cap_mem(ev, 4, ENTER, &ts, sizeof(ts));
	check(ev, "pselect6(0, NULL, NULL, NULL, {tv_sec=0, tv_nsec=100000}, NULL) = 0 (Timeout)");
	ev = EV("pselect6", 0, 19, 0x1000, 0, 0, 0x3000, 0x4000);
	cap_mem(ev, 1, ENTER, set_in, sizeof(set_in));
	cap_mem(ev, 4, ENTER, &ts, sizeof(ts));
	cap_mem(ev, 5, ENTER, (uint64_t[2]){ 0, 8 }, 16);
	check(ev, "pselect6(19, [0 17], NULL, NULL, {tv_sec=0, tv_nsec=100000}, {sigmask=NULL, sigsetsize=8}) = 0 "
		  "(Timeout)");
}

static void epolls(void **state)
{
	struct sw_event *ev;
	uint8_t e[24];
	uint32_t events = EPOLLIN | EPOLLET;
	uint64_t data = 0x1234;

	(void)state;
	memcpy(e, &events, 4);
	memcpy(e + 4, &data, 8);
	ev = EV("epoll_ctl", 0, 19, EPOLL_CTL_ADD, 18, 0x1000);
	cap_mem(ev, 3, ENTER, e, 12);
	check(ev, "epoll_ctl(19, EPOLL_CTL_ADD, 18, {events=EPOLLIN|EPOLLET, data={u32=4660, u64=4660}}) = 0");
	ev = EV("epoll_ctl", 0, 19, EPOLL_CTL_DEL, 17, 0);
	check(ev, "epoll_ctl(19, EPOLL_CTL_DEL, 17, NULL) = 0");
	events = EPOLLIN;
	memcpy(e, &events, 4);
	ev = EV("epoll_wait", 1, 19, 0x1000, 4, (uint64_t)-1);
	cap_mem(ev, 1, EXIT, e, 12);
	check(ev, "epoll_wait(19, [{events=EPOLLIN, data={u32=4660, u64=4660}}], 4, -1) = 1");
	ev = EV("epoll_wait", 0, 19, 0x1000, 4, 10);
	check(ev, "epoll_wait(19, [], 4, 10) = 0");
	ev = EV("epoll_pwait", 0, 19, 0x1000, 4, 0, 0x2000, 8);
	cap_mem(ev, 4, ENTER, &(uint64_t){ 0 }, 8);
	check(ev, "epoll_pwait(19, [], 4, 0, [], 8) = 0");
	ev = EV("epoll_create1", 19, EPOLL_CLOEXEC);
	check(ev, "epoll_create1(EPOLL_CLOEXEC) = 19");
	ev = EV("epoll_create1", -22, 0xffffffff);
	check(ev, "epoll_create1(EPOLL_CLOEXEC|0xfff7ffff) = -1 EINVAL (Invalid argument)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sockets),
		cmocka_unit_test(addresses),
		cmocka_unit_test(transfers),
		cmocka_unit_test(socket_options),
		cmocka_unit_test(polling),
		cmocka_unit_test(epolls),
	};
	return cmocka_run_group_tests_name("decode_net", tests, NULL, NULL);
}
