//! Outgoing HTTP over WASI 0.2 (wasi:http/outgoing-handler, through the `wasi` crate): GET from
//! the harness's loopback server (argv[1] = ip:port) and read status and body.
use wasi::http::outgoing_handler;
use wasi::http::types::{Fields, IncomingBody, OutgoingRequest, Scheme};
use wasi_matrix_guests::{check, nonced, print_reply, status};

fn get(authority: &str) -> Result<(u16, Vec<u8>), String> {
    let request = OutgoingRequest::new(Fields::new());
    request.set_scheme(Some(&Scheme::Http)).map_err(|()| "scheme")?;
    request.set_authority(Some(authority)).map_err(|()| "authority")?;
    request.set_path_with_query(Some("/wasi-matrix")).map_err(|()| "path")?;
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

fn main() {
    let peer = std::env::args().nth(1).unwrap_or_default();
    let got = get(&peer);
    check(matches!(got, Ok((200, _))), "status", || format!("{:?}", got.as_ref().map(|(c, _)| c)));
    let body = got.as_ref().map(|(_, b)| String::from_utf8_lossy(b).into_owned()).unwrap_or_default();
    print_reply(body.as_bytes());
    check(nonced(body.as_bytes(), b"hello from the harness: /wasi-matrix"), "body", || format!("{body:?}"));
    std::process::exit(status());
}
