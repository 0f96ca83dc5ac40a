"""UDP over WASI 0.3 sockets: send a datagram to the harness's echo peer (argv[1] = ip:port)
and receive the echo."""
import sys
from wit_world.imports.wasi_sockets_types import IpAddressFamily, IpSocketAddress_Ipv4, Ipv4SocketAddress, UdpSocket
from check import check, status
from peer import nonced, print_reply

MESSAGE = b"datagram from wasi-matrix"


async def main():
    host, _, port = sys.argv[1].rpartition(":")
    peer = IpSocketAddress_Ipv4(Ipv4SocketAddress(port=int(port), address=tuple(int(x) for x in host.split("."))))
    try:
        sock = UdpSocket.create(IpAddressFamily.IPV4)
        sock.bind(IpSocketAddress_Ipv4(Ipv4SocketAddress(port=0, address=(127, 0, 0, 1))))
        sock.connect(peer)
        await sock.send(MESSAGE, None)
        sent, err = True, None
    except Exception as e:  # the WASI error code arrives as an exception
        sent, err = False, e
    check(sent, "send", f"{err!r}")
    if not sent:
        return status()
    data, _source = await sock.receive()
    print_reply(data)
    check(nonced(data, b"echo: " + MESSAGE), "echo", f"received {bytes(data)!r}")
    return status()
