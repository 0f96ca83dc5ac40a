"""A wasi:http service (WASI 0.3): answers every request with 200 and "hello from the guest: <path>"."""
# serves: wasi:http/service
# world: include wasi:cli/imports@0.3.0;
import componentize_py_async_support
import wit_world
from componentize_py_types import Ok
from wit_world import exports
from wit_world.imports.wasi_http_types import Fields, Request, Response


class Handler(exports.Handler):
    async def handle(self, request: Request) -> Response:
        body = f"hello from the guest: {request.get_path_with_query() or '/'}".encode()
        tx, rx = wit_world.byte_stream()

        async def write() -> None:
            with tx:
                await tx.write_all(body)

        componentize_py_async_support.spawn(write())
        trailers = wit_world.result_option_wasi_http_types_fields_wasi_http_types_error_code_future(lambda: Ok(None))[1]
        return Response.new(Fields.from_list([("content-type", b"text/plain")]), rx, trailers)[0]
