//! Outgoing HTTP over WASI 0.3 (wasi:http/client, wasip3 crate): GET from the harness's loopback
//! server (argv[1] = ip:port) and read the body's stream to its end.
use wasip3::http::client;
use wasip3::http::types::{Fields, Request, Response, Scheme};
use wasip3::wit_future;
use wasi_matrix_guests::{check, nonced, print_reply, status};

struct Guest;

impl wasip3::exports::cli::run::Guest for Guest {
    async fn run() -> Result<(), ()> {
        let peer = std::env::args().nth(1).unwrap_or_default();
        let (_trailers_tx, trailers) = wit_future::new(|| Ok(None));
        let (request, _sent) = Request::new(Fields::new(), None, trailers, None);
        let set = request.set_scheme(Some(&Scheme::Http)).and(request.set_authority(Some(&peer))).and(request.set_path_with_query(Some("/wasi-matrix")));
        let response = match set {
            Ok(()) => client::send(request).await.map_err(|e| format!("{e:?}")),
            Err(()) => Err("request fields rejected".to_string()),
        };
        check(matches!(&response, Ok(r) if r.get_status_code() == 200), "status", || match &response {
            Ok(r) => format!("status {}", r.get_status_code()),
            Err(e) => e.clone(),
        });
        let response = response.map_err(|_| ())?;
        let (_done_tx, done) = wit_future::new(|| Ok(()));
        let (body, _trailers) = Response::consume_body(response, done);
        let bytes = body.collect().await;
        let text = String::from_utf8_lossy(&bytes);
        print_reply(&bytes);
        check(nonced(&bytes, b"hello from the harness: /wasi-matrix"), "body", || format!("{text:?}"));
        if status() == 0 { Ok(()) } else { Err(()) }
    }
}

wasip3::cli::command::export!(Guest);
