// A wasi:http handler in C++ (WASI 0.2.12), over the C bindings wit-bindgen makes at build time:
// every request gets 200 and "hello from the guest: <path and query>".
// bindings: export wasi:http/incoming-handler@0.2.12;
#include <string>
#include "hello_service.h"

extern "C" void exports_wasi_http_incoming_handler_handle(exports_wasi_http_incoming_handler_own_incoming_request_t request,
                                                          exports_wasi_http_incoming_handler_own_response_outparam_t response_out) {
  std::string text = "hello from the guest: ";
  hello_service_string_t path{};
  if (wasi_http_types_method_incoming_request_path_with_query(wasi_http_types_borrow_incoming_request(request), &path)) {
    text.append(reinterpret_cast<const char*>(path.ptr), path.len);
    hello_service_string_free(&path);
  } else {
    text += '/';
  }
  wasi_http_types_incoming_request_drop_own(request);

  auto response = wasi_http_types_constructor_outgoing_response(wasi_http_types_constructor_fields());
  wasi_http_types_method_outgoing_response_set_status_code(wasi_http_types_borrow_outgoing_response(response), 200);
  wasi_http_types_own_outgoing_body_t body;
  wasi_http_types_method_outgoing_response_body(wasi_http_types_borrow_outgoing_response(response), &body);
  wasi_http_types_result_own_outgoing_response_error_code_t result{};
  result.is_err = false;
  result.val.ok = response;
  wasi_http_types_static_response_outparam_set(response_out, &result);

  wasi_http_types_own_output_stream_t out;
  if (wasi_http_types_method_outgoing_body_write(wasi_http_types_borrow_outgoing_body(body), &out)) {
    hello_service_list_u8_t bytes{reinterpret_cast<uint8_t*>(text.data()), text.size()};
    wasi_io_streams_stream_error_t err;
    wasi_io_streams_method_output_stream_blocking_write_and_flush(wasi_io_streams_borrow_output_stream(out), &bytes, &err);
    // The stream is the body's child: it goes before the body is finished.
    wasi_io_streams_output_stream_drop_own(out);
  }
  wasi_http_types_error_code_t err;
  wasi_http_types_static_outgoing_body_finish(body, nullptr, &err);
}
