"""Outgoing HTTP over WASI 0.3 (wasi:http/client): GET from the harness's loopback server
(argv[1] = ip:port, else the HTTP_SERVER_MAIN a wasi-testsuite `servers` entry gives) and read
status and body."""
# world: import wasi:http/client@0.3.0;
import os
import sys
import wit_world
from componentize_py_types import Ok
from wit_world.imports import client
from wit_world.imports.wasi_http_types import Fields, Request, Response, Scheme_Http
from check import check, status
from peer import nonced, print_reply


async def main():
    request, _ = Request.new(Fields(), None, wit_world.result_option_wasi_http_types_fields_wasi_http_types_error_code_future(lambda: Ok(None))[1], None)
    request.set_scheme(Scheme_Http())
    request.set_authority(sys.argv[1] if len(sys.argv) > 1 else os.environ["HTTP_SERVER_MAIN"])
    request.set_path_with_query("/wasi-matrix")
    try:
        response, err = await client.send(request), None
    except Exception as e:  # the wasi:http error code arrives as an exception
        response, err = None, e
    check(response is not None and response.get_status_code() == 200, "status",
          f"{response.get_status_code() if response else err!r}")
    if response is None:
        return status()
    body = bytearray()
    rx = Response.consume_body(response, wit_world.result_unit_wasi_http_types_error_code_future(lambda: Ok(None))[1])[0]
    with rx:
        while not rx.writer_dropped:
            body.extend(await rx.read(16 * 1024))
    print_reply(body)
    check(nonced(body, b"hello from the harness: /wasi-matrix"), "body", f"{bytes(body)!r}")
    return status()
