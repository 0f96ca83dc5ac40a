//! A wasi:http service (WASI 0.2, incoming-handler): answers every request with 200 and
//! "hello from the guest: <path>". Built as a command component that also exports the handler.
use wasi::http::types::{Fields, IncomingRequest, OutgoingBody, OutgoingResponse, ResponseOutparam};

struct Service;

impl wasi::exports::http::incoming_handler::Guest for Service {
    fn handle(request: IncomingRequest, out: ResponseOutparam) {
        let path = request.path_with_query().unwrap_or_else(|| "/".to_string());
        let headers = Fields::from_list(&[("content-type".to_string(), b"text/plain".to_vec())]).expect("valid header");
        let response = OutgoingResponse::new(headers);
        let body = response.body().expect("body taken once");
        ResponseOutparam::set(out, Ok(response));
        let stream = body.write().expect("stream taken once");
        stream.blocking_write_and_flush(format!("hello from the guest: {path}").as_bytes()).expect("body written");
        drop(stream);
        OutgoingBody::finish(body, None).expect("body finished");
    }
}

wasi::http::proxy::export!(Service);

fn main() {}
