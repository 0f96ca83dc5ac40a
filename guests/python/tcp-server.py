"""TCP server over WASI 0.3 sockets: listen on 127.0.0.1:argv[1] (0: a port of the system's
choosing), print the bound address as host:port, accept one connection, answer its first line
with "echo: " and the line, then exit."""
import asyncio
import sys
import wit_world
from wit_world.imports.wasi_sockets_types import IpAddressFamily, IpSocketAddress_Ipv4, Ipv4SocketAddress, TcpSocket
from check import check, status
from peer import nonced


async def main():
    try:
        sock = TcpSocket.create(IpAddressFamily.IPV4)
        sock.bind(IpSocketAddress_Ipv4(Ipv4SocketAddress(port=int(sys.argv[1]), address=(127, 0, 0, 1))))
        incoming = sock.listen()
        bound = sock.get_local_address().value
        print(f"{'.'.join(map(str, bound.address))}:{bound.port}", flush=True)
        listening, err = True, None
    except Exception as e:  # the WASI error code arrives as an exception
        listening, err = False, e
    check(listening, "listen", f"{err!r}")
    if not listening:
        return status()
    with incoming:
        accepted = await incoming.read(1)
    check(len(accepted) == 1, "accept", f"accepted {len(accepted)}")
    client = accepted[0]
    rx, received = client.receive()
    line = bytearray()
    with rx:
        while not line.endswith(b"\n"):
            chunk = await rx.read(1024)
            if not chunk:
                break
            line.extend(chunk)
    tx, body = wit_world.byte_stream()

    async def write():
        with tx:
            await tx.write_all(b"echo: " + bytes(line))

    await asyncio.gather(write(), client.send(body).read())
    check(nonced(line, b"ping from the harness\n"), "read-line", f"{bytes(line)!r}")
    return status()
