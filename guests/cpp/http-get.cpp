// Outgoing HTTP from C++ through wasi:http (WASI 0.2.12), over the C bindings wit-bindgen makes at
// build time: GET http://<argv[1]>/wasi-matrix from the harness's loopback server, wait for the
// response, and read its status and body.
// bindings: import wasi:http/outgoing-handler@0.2.12;
#include <optional>
#include <string>
#include "check.hpp"
#include "http_get.h"
#include "peer.hpp"

namespace {

http_get_string_t view(const std::string& s) {
  return {reinterpret_cast<uint8_t*>(const_cast<char*>(s.data())), s.size()};
}

// The response once the request went out and its future resolved; the reason otherwise.
std::optional<wasi_http_types_own_incoming_response_t> fetch(const std::string& authority, std::string& why) {
  auto req = wasi_http_types_constructor_outgoing_request(wasi_http_types_constructor_fields());
  auto r = wasi_http_types_borrow_outgoing_request(req);
  wasi_http_types_method_t get{WASI_HTTP_TYPES_METHOD_GET, {}};
  wasi_http_types_scheme_t http{WASI_HTTP_TYPES_SCHEME_HTTP, {}};
  const std::string path = "/wasi-matrix";
  auto host = view(authority), target = view(path);
  if (!wasi_http_types_method_outgoing_request_set_method(r, &get) || !wasi_http_types_method_outgoing_request_set_scheme(r, &http) ||
      !wasi_http_types_method_outgoing_request_set_authority(r, &host) || !wasi_http_types_method_outgoing_request_set_path_with_query(r, &target)) {
    why = "the request refused its method, scheme, authority or path";
    return std::nullopt;
  }
  wasi_http_outgoing_handler_own_future_incoming_response_t future;
  wasi_http_outgoing_handler_error_code_t err;
  if (!wasi_http_outgoing_handler_handle(req, nullptr, &future, &err)) {
    why = "outgoing-handler.handle returned an error";
    return std::nullopt;
  }
  auto f = wasi_http_types_borrow_future_incoming_response(future);
  wasi_http_types_result_result_own_incoming_response_error_code_void_t got;
  while (!wasi_http_types_method_future_incoming_response_get(f, &got)) {
    auto ready = wasi_http_types_method_future_incoming_response_subscribe(f);
    wasi_io_poll_method_pollable_block(wasi_io_poll_borrow_pollable(ready));
    wasi_io_poll_pollable_drop_own(ready);
  }
  wasi_http_types_future_incoming_response_drop_own(future);
  if (got.is_err || got.val.ok.is_err) {
    why = "the response future resolved to an error";
    return std::nullopt;
  }
  return got.val.ok.val.ok;
}

// The whole body, read until the stream closes.
std::string readBody(wasi_http_types_borrow_incoming_response_t resp) {
  wasi_http_types_own_incoming_body_t body;
  wasi_http_types_own_input_stream_t stream;
  std::string text;
  if (!wasi_http_types_method_incoming_response_consume(resp, &body)) return text;
  if (wasi_http_types_method_incoming_body_stream(wasi_http_types_borrow_incoming_body(body), &stream)) {
    http_get_list_u8_t chunk;
    wasi_io_streams_stream_error_t err;
    while (text.size() < 4096 && wasi_io_streams_method_input_stream_blocking_read(wasi_io_streams_borrow_input_stream(stream), 1024, &chunk, &err)) {
      text.append(reinterpret_cast<const char*>(chunk.ptr), chunk.len);
      http_get_list_u8_free(&chunk);
    }
    wasi_io_streams_input_stream_drop_own(stream);
  }
  wasi_http_types_incoming_body_drop_own(body);
  return text;
}

}  // namespace

int main(int argc, char** argv) {
  Checks c;
  std::string why = "usage: http-get ip:port";
  auto resp = argc > 1 ? fetch(argv[1], why) : std::nullopt;
  unsigned status = resp ? wasi_http_types_method_incoming_response_status(wasi_http_types_borrow_incoming_response(*resp)) : 0;
  c.check(status == 200, "status", "status " + std::to_string(status) + " (" + (resp ? "response received" : why) + ")");
  std::string body = resp ? readBody(wasi_http_types_borrow_incoming_response(*resp)) : "";
  printReply(body);
  c.check(nonced(body, "hello from the harness: /wasi-matrix"), "body", "body \"" + body + "\"");
  return c.status();
}
