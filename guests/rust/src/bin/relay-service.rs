//! A wasi:http service (WASI 0.2, incoming-handler) that makes a request of its own: for every
//! request it GETs the same path from HTTP_SERVER_MAIN (the harness's server, in the environment the
//! runtime gives the served guest) through the outgoing handler and answers "relayed <status>: <body>".
use wasi::http::outgoing_handler;
use wasi::http::types::{Fields, IncomingBody, IncomingRequest, OutgoingBody, OutgoingRequest, OutgoingResponse, ResponseOutparam, Scheme};

fn get(authority: &str, path: &str) -> Result<(u16, Vec<u8>), String> {
    let request = OutgoingRequest::new(Fields::new());
    request.set_scheme(Some(&Scheme::Http)).map_err(|()| "scheme")?;
    request.set_authority(Some(authority)).map_err(|()| "authority")?;
    request.set_path_with_query(Some(path)).map_err(|()| "path")?;
    let pending = outgoing_handler::handle(request, None).map_err(|e| format!("handle: {e:?}"))?;
    pending.subscribe().block();
    let response = pending.get().ok_or("no response after ready")?.map_err(|()| "response taken twice")?.map_err(|e| format!("{e:?}"))?;
    let code = response.status();
    let body = response.consume().map_err(|()| "body taken twice")?;
    let stream = body.stream().map_err(|()| "stream taken twice")?;
    let mut bytes = Vec::new();
    loop {
        match stream.blocking_read(16 * 1024) {
            Ok(chunk) => bytes.extend(chunk),
            Err(wasi::io::streams::StreamError::Closed) => break,
            Err(e) => return Err(format!("body read: {e:?}")),
        }
    }
    drop(stream);
    IncomingBody::finish(body);
    Ok((code, bytes))
}

/// The harness server's answer to `path`, or why there is none.
fn relay(path: &str) -> String {
    let Ok(authority) = std::env::var("HTTP_SERVER_MAIN") else { return "HTTP_SERVER_MAIN is not set".into() };
    match get(&authority, path) {
        Ok((code, bytes)) => format!("relayed {code}: {}", String::from_utf8_lossy(&bytes)),
        Err(e) => format!("request failed: {e}"),
    }
}

struct Service;

impl wasi::exports::http::incoming_handler::Guest for Service {
    fn handle(request: IncomingRequest, out: ResponseOutparam) {
        let text = relay(&request.path_with_query().unwrap_or_else(|| "/".to_string()));
        let headers = Fields::from_list(&[("content-type".to_string(), b"text/plain".to_vec())]).expect("valid header");
        let response = OutgoingResponse::new(headers);
        let body = response.body().expect("body taken once");
        ResponseOutparam::set(out, Ok(response));
        let stream = body.write().expect("stream taken once");
        stream.blocking_write_and_flush(text.as_bytes()).expect("body written");
        drop(stream);
        OutgoingBody::finish(body, None).expect("body finished");
    }
}

wasi::http::proxy::export!(Service);

fn main() {}
