"""Outgoing HTTP over WASI 0.2 (wasi:http/outgoing-handler): GET from the harness's loopback
server (argv[1] = ip:port) and read status and body."""
# world: import wasi:http/outgoing-handler@0.2.12;
import sys
from componentize_py_types import Err
from wit_world.imports import outgoing_handler
from wit_world.imports.wasi_http_types import Fields, IncomingBody, OutgoingRequest, Scheme_Http
from check import check, status
from peer import nonced, print_reply


def main():
    request = OutgoingRequest(Fields())
    request.set_scheme(Scheme_Http())
    request.set_authority(sys.argv[1])
    request.set_path_with_query("/wasi-matrix")
    try:
        pending = outgoing_handler.handle(request, None)
        pending.subscribe().block()
        outcome = pending.get().value  # Ok(response) or Err(error-code), once ready
        response, err = (None, outcome.value) if isinstance(outcome, Err) else (outcome.value, None)
    except Err as e:
        response, err = None, e.value
    check(response is not None and response.status() == 200, "status", f"{response.status() if response else err!r}")
    if response is None:
        return status()
    body = response.consume()
    stream = body.stream()
    data = bytearray()
    while True:
        try:
            data.extend(stream.blocking_read(16 * 1024))
        except Err:
            break
    print_reply(data)
    check(nonced(data, b"hello from the harness: /wasi-matrix"), "body", f"{bytes(data)!r}")
    return status()
