/* Outgoing HTTP from C through wasi:http (WASI 0.2.12), with bindings wit-bindgen's C generator
 * makes at build time: GET http://<argv[1]>/wasi-matrix from the harness's loopback server, wait
 * for the response, and read its status and body. */
// bindings: import wasi:http/outgoing-handler@0.2.12;
#include <string.h>
#include "check.h"
#include "http_get.h"
#include "peer.h"

static const char WANT[] = "hello from the harness: /wasi-matrix";

/* The response, once the request went out and the future resolved; why not otherwise. */
static int fetch(const char *authority, wasi_http_types_own_incoming_response_t *out, const char **why) {
  wasi_http_types_own_outgoing_request_t req = wasi_http_types_constructor_outgoing_request(wasi_http_types_constructor_fields());
  wasi_http_types_borrow_outgoing_request_t r = wasi_http_types_borrow_outgoing_request(req);
  wasi_http_types_method_t get = {.tag = WASI_HTTP_TYPES_METHOD_GET};
  wasi_http_types_scheme_t http = {.tag = WASI_HTTP_TYPES_SCHEME_HTTP};
  http_get_string_t host, path;
  http_get_string_set(&host, authority);
  http_get_string_set(&path, "/wasi-matrix");
  if (!wasi_http_types_method_outgoing_request_set_method(r, &get) || !wasi_http_types_method_outgoing_request_set_scheme(r, &http) ||
      !wasi_http_types_method_outgoing_request_set_authority(r, &host) || !wasi_http_types_method_outgoing_request_set_path_with_query(r, &path)) {
    *why = "the request refused its method, scheme, authority or path";
    return 0;
  }
  wasi_http_outgoing_handler_own_future_incoming_response_t future;
  wasi_http_outgoing_handler_error_code_t err;
  if (!wasi_http_outgoing_handler_handle(req, NULL, &future, &err)) {
    *why = "outgoing-handler.handle returned an error";
    return 0;
  }
  wasi_http_types_borrow_future_incoming_response_t f = wasi_http_types_borrow_future_incoming_response(future);
  wasi_http_types_result_result_own_incoming_response_error_code_void_t got;
  while (!wasi_http_types_method_future_incoming_response_get(f, &got)) {
    wasi_http_types_own_pollable_t ready = wasi_http_types_method_future_incoming_response_subscribe(f);
    wasi_io_poll_method_pollable_block(wasi_io_poll_borrow_pollable(ready));
    wasi_io_poll_pollable_drop_own(ready);
  }
  wasi_http_types_future_incoming_response_drop_own(future);
  if (got.is_err || got.val.ok.is_err) {
    *why = "the response future resolved to an error";
    return 0;
  }
  *out = got.val.ok.val.ok;
  return 1;
}

/* The whole body, read until the stream closes. */
static size_t read_body(wasi_http_types_borrow_incoming_response_t resp, char *buf, size_t cap) {
  wasi_http_types_own_incoming_body_t body;
  wasi_http_types_own_input_stream_t stream;
  if (!wasi_http_types_method_incoming_response_consume(resp, &body)) return 0;
  if (!wasi_http_types_method_incoming_body_stream(wasi_http_types_borrow_incoming_body(body), &stream)) return 0;
  size_t n = 0;
  for (;;) {
    http_get_list_u8_t chunk;
    wasi_io_streams_stream_error_t err;
    if (!wasi_io_streams_method_input_stream_blocking_read(wasi_io_streams_borrow_input_stream(stream), cap - 1 - n, &chunk, &err)) break;
    memcpy(buf + n, chunk.ptr, chunk.len);
    n += chunk.len;
    http_get_list_u8_free(&chunk);
    if (n == cap - 1) break;
  }
  buf[n] = 0;
  wasi_io_streams_input_stream_drop_own(stream);
  wasi_http_types_incoming_body_drop_own(body);
  return n;
}

int main(int argc, char **argv) {
  wasi_http_types_own_incoming_response_t resp;
  const char *why = "usage: http-get ip:port";
  int ok = argc > 1 && fetch(argv[1], &resp, &why);
  unsigned status = ok ? wasi_http_types_method_incoming_response_status(wasi_http_types_borrow_incoming_response(resp)) : 0;
  check(status == 200, "status", "status %u (%s)", status, ok ? "response received" : why);
  char body[256] = "";
  if (ok) read_body(wasi_http_types_borrow_incoming_response(resp), body, sizeof body);
  print_reply(body);
  check(nonced(body, WANT), "body", "body \"%s\"", body);
  return check_failures ? 1 : 0;
}
