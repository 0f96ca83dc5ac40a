"""UDP over WASI 0.2 sockets: send a datagram to the harness's echo peer (argv[1] = ip:port)
and receive the echo."""
import sys
from componentize_py_types import Err
from wit_world.imports import instance_network, udp_create_socket
from wit_world.imports.network import IpAddressFamily, IpSocketAddress_Ipv4, Ipv4SocketAddress
from wit_world.imports.udp import OutgoingDatagram
from check import check, status
from peer import nonced, print_reply

MESSAGE = b"datagram from wasi-matrix"
SEND_TRIES = 100


def main():
    host, _, port = sys.argv[1].rpartition(":")
    peer = IpSocketAddress_Ipv4(Ipv4SocketAddress(port=int(port), address=tuple(int(x) for x in host.split("."))))
    try:
        sock = udp_create_socket.create_udp_socket(IpAddressFamily.IPV4)
        sock.start_bind(instance_network.instance_network(), IpSocketAddress_Ipv4(Ipv4SocketAddress(port=0, address=(127, 0, 0, 1))))
        sock.subscribe().block()
        sock.finish_bind()
        incoming, outgoing = sock.stream(peer)
        # send may take none of the datagrams (ok(0)) even when check-send permitted some: wait and try again.
        sent, err = 0, f"no datagram sent in {SEND_TRIES} tries"
        for _ in range(SEND_TRIES):
            outgoing.subscribe().block()
            if outgoing.check_send() > 0 and outgoing.send([OutgoingDatagram(data=MESSAGE, remote_address=None)]) == 1:
                sent, err = 1, None
                break
    except Err as e:
        sent, err = 0, e.value
    check(sent == 1, "send", f"{err!r}")
    if sent != 1:
        return status()
    incoming.subscribe().block()
    datagrams = incoming.receive(1)
    data = datagrams[0].data if datagrams else b""
    print_reply(data)
    check(nonced(data, b"echo: " + MESSAGE), "echo", f"received {data!r}")
    return status()
