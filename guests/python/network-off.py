"""Network off by default, over WASI 0.3 sockets: the case grants no network, so a TCP connect
to the harness's echo peer (argv[1] = ip:port), which is listening, must be refused by the
runtime's policy (access-denied). Connecting, or any other error, fails the check."""
import sys
from componentize_py_types import Err
from wit_world.imports.wasi_sockets_types import IpAddressFamily, IpSocketAddress_Ipv4, Ipv4SocketAddress, TcpSocket
from check import check, status


def code_name(e):
    return type(e).__name__.removeprefix("ErrorCode_")


async def main():
    host, _, port = sys.argv[1].rpartition(":")
    octets = tuple(int(x) for x in host.split("."))
    try:
        sock = TcpSocket.create(IpAddressFamily.IPV4)
        await sock.connect(IpSocketAddress_Ipv4(Ipv4SocketAddress(port=int(port), address=octets)))
        check(False, "network-off", f"connected to {sys.argv[1]} without a network grant")
    except Err as e:
        name = code_name(e.value)
        if name == "AccessDenied":
            # The error each runtime refuses with is worth recording, so it rides on the ok line.
            print(f"ok network-off # refused with {name}")
        else:
            check(False, "network-off", f"connect failed with {name}, not a refusal")
    return status()
