"""Network off by default: the case grants no network, so a TCP connect to the harness's echo
peer (argv[1] = ip:port), which is listening, must be refused by the runtime's policy
(access-denied). Connecting, or any other error, fails the check. WASI 0.2 connects with
start-connect/finish-connect on the instance network; WASI 0.3 with an async connect."""
import sys
from enum import Enum
from componentize_py_types import Err
from check import check, status

try:  # WASI 0.3
    from wit_world.imports.wasi_sockets_types import IpAddressFamily, IpSocketAddress_Ipv4, Ipv4SocketAddress, TcpSocket
    P3 = True
except ImportError:
    from wit_world.imports import instance_network, tcp_create_socket
    from wit_world.imports.network import ErrorCode, IpAddressFamily, IpSocketAddress_Ipv4, Ipv4SocketAddress
    P3 = False


def code_name(e):
    """An error-code as WIT spells it: an enum case on 0.2, a variant class on 0.3."""
    if isinstance(e, Enum):
        return e.name.lower().replace("_", "-")
    name = type(e).__name__.removeprefix("ErrorCode_")
    return "".join("-" + c.lower() if c.isupper() else c for c in name).lstrip("-")


def connect_p2(address):
    # Child resources (pollables, streams) must be dropped before the socket: `with` keeps the order.
    with tcp_create_socket.create_tcp_socket(IpAddressFamily.IPV4) as sock:
        sock.start_connect(instance_network.instance_network(), address)
        while True:
            with sock.subscribe() as ready:
                ready.block()
            try:
                rx, tx = sock.finish_connect()
            except Err as e:
                if e.value != ErrorCode.WOULD_BLOCK:
                    raise
                continue
            with rx, tx:
                return


async def attempt():
    host, _, port = sys.argv[1].rpartition(":")
    address = IpSocketAddress_Ipv4(Ipv4SocketAddress(port=int(port), address=tuple(int(x) for x in host.split("."))))
    try:
        if P3:
            await TcpSocket.create(IpAddressFamily.IPV4).connect(address)
        else:
            connect_p2(address)
        check(False, "network-off", f"connected to {sys.argv[1]} without a network grant")
    except Err as e:
        name = code_name(e.value)
        if name == "access-denied":
            # The error each runtime refuses with is worth recording, so it rides on the ok line.
            print(f"ok network-off # refused with {name}")
        else:
            check(False, "network-off", f"connect failed with {name}, not a refusal")
    sys.stdout.flush()
    return status()


def main():
    """p3's run is async; on p2 every call above is synchronous, so the coroutine finishes in one step."""
    coro = attempt()
    if P3:
        return coro
    try:
        coro.send(None)
    except StopIteration as done:
        return done.value
    raise RuntimeError("a WASI 0.2 call suspended")
