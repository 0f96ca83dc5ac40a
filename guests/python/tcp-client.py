"""TCP client over WASI 0.3 sockets: connect to the harness's echo peer (argv[1] = ip:port),
send a line, and read the echo back."""
import asyncio
import sys
import wit_world
from wit_world.imports.wasi_sockets_types import IpAddressFamily, IpSocketAddress_Ipv4, Ipv4SocketAddress, TcpSocket
from check import check, status
from peer import nonced, print_reply

MESSAGE = b"ping from wasi-matrix\n"


async def main():
    host, _, port = sys.argv[1].rpartition(":")
    octets = tuple(int(x) for x in host.split("."))
    try:
        sock = TcpSocket.create(IpAddressFamily.IPV4)
        await sock.connect(IpSocketAddress_Ipv4(Ipv4SocketAddress(port=int(port), address=octets)))
        connected, err = True, None
    except Exception as e:  # the WASI error code arrives as an exception
        connected, err = False, e
    check(connected, "connect", f"{err!r}")
    if not connected:
        return status()

    tx, rx = wit_world.byte_stream()
    received = bytearray()

    async def write():
        await tx.write_all(MESSAGE)

    incoming, done = sock.receive()

    async def read():
        with incoming:
            while b"\n" not in received:
                chunk = await incoming.read(1024)
                if not chunk:
                    break
                received.extend(chunk)
        tx.__exit__(None, None, None)

    await asyncio.gather(done.read(), read(), sock.send(rx).read(), write())
    print_reply(received)
    check(nonced(received, b"echo: " + MESSAGE), "echo", f"received {bytes(received)!r}")
    return status()
