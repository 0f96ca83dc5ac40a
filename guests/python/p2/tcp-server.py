"""TCP server over WASI 0.2 sockets: listen on 127.0.0.1:argv[1], print the bound address,
accept one connection, answer its first line with "echo: " and the line, then exit."""
import sys
from componentize_py_types import Err
from wit_world.imports import instance_network, tcp_create_socket
from wit_world.imports.network import IpAddressFamily, IpSocketAddress_Ipv4, Ipv4SocketAddress
from check import check, status
from peer import nonced


def main():
    try:
        sock = tcp_create_socket.create_tcp_socket(IpAddressFamily.IPV4)
        sock.start_bind(instance_network.instance_network(), IpSocketAddress_Ipv4(Ipv4SocketAddress(port=int(sys.argv[1]), address=(127, 0, 0, 1))))
        sock.subscribe().block()
        sock.finish_bind()
        sock.start_listen()
        sock.subscribe().block()
        sock.finish_listen()
        bound = sock.local_address().value
        print(f"{'.'.join(map(str, bound.address))}:{bound.port}", flush=True)
        err = None
    except Err as e:
        err = e.value
    check(err is None, "listen", f"{err!r}")
    if err is not None:
        return status()
    sock.subscribe().block()
    try:
        _client, rx, tx = sock.accept()
    except Err as e:
        check(False, "accept", f"{e.value!r}")
        return status()
    check(True, "accept")
    line = bytearray()
    while not line.endswith(b"\n"):
        try:
            line.extend(rx.blocking_read(1024))
        except Err:
            break
    tx.blocking_write_and_flush(b"echo: " + bytes(line))
    check(nonced(line, b"ping from the harness\n"), "read-line", f"{bytes(line)!r}")
    return status()
