"""TCP client over WASI 0.2 sockets (start/finish calls, pollables, streams): connect to the
harness's echo peer (argv[1] = ip:port), send a line, and read the echo back."""
import sys
from componentize_py_types import Err
from wit_world.imports import instance_network, tcp_create_socket
from wit_world.imports.network import ErrorCode, IpAddressFamily, IpSocketAddress_Ipv4, Ipv4SocketAddress
from check import check, status
from peer import nonced, print_reply

MESSAGE = b"ping from wasi-matrix\n"


def main():
    host, _, port = sys.argv[1].rpartition(":")
    address = IpSocketAddress_Ipv4(Ipv4SocketAddress(port=int(port), address=tuple(int(x) for x in host.split("."))))
    try:
        sock = tcp_create_socket.create_tcp_socket(IpAddressFamily.IPV4)
        sock.start_connect(instance_network.instance_network(), address)
        while True:
            sock.subscribe().block()
            try:
                rx, tx = sock.finish_connect()
                break
            except Err as e:
                if e.value != ErrorCode.WOULD_BLOCK:
                    raise
        err = None
    except Err as e:
        rx, err = None, e.value
    check(rx is not None, "connect", f"{err!r}")
    if rx is None:
        return status()
    tx.blocking_write_and_flush(MESSAGE)
    received = bytearray()
    while b"\n" not in received:
        try:
            received.extend(rx.blocking_read(1024))
        except Err:
            break
    print_reply(received)
    check(nonced(received, b"echo: " + MESSAGE), "echo", f"received {bytes(received)!r}")
    return status()
