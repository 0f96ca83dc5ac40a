//! A wasi:http service (WASI 0.3, wasip3 crate) that makes a request of its own: for every request
//! it GETs the same path from HTTP_SERVER_MAIN (the harness's server, in the environment the runtime
//! gives the served guest) and answers "relayed <status>: <body>".
use wasip3::http::client;
use wasip3::http::types::{ErrorCode, Fields, Request, Response, Scheme};
use wasip3::{wit_bindgen, wit_future, wit_stream};

/// The harness server's answer to `path`, or why there is none.
async fn fetch(path: &str) -> String {
    let Ok(authority) = std::env::var("HTTP_SERVER_MAIN") else { return "HTTP_SERVER_MAIN is not set".into() };
    let (_trailers_tx, trailers) = wit_future::new(|| Ok(None));
    let (request, _sent) = Request::new(Fields::new(), None, trailers, None);
    let set = request.set_scheme(Some(&Scheme::Http)).and(request.set_authority(Some(&authority))).and(request.set_path_with_query(Some(path)));
    if set.is_err() {
        return "request fields rejected".into();
    }
    match client::send(request).await {
        Ok(response) => {
            let status = response.get_status_code();
            let (_done_tx, done) = wit_future::new(|| Ok(()));
            let (body, _trailers) = Response::consume_body(response, done);
            format!("relayed {status}: {}", String::from_utf8_lossy(&body.collect().await))
        }
        Err(e) => format!("request failed: {e:?}"),
    }
}

struct Service;

impl wasip3::exports::http::handler::Guest for Service {
    async fn handle(request: Request) -> Result<Response, ErrorCode> {
        let body = fetch(&request.get_path_with_query().unwrap_or_else(|| "/".into())).await;
        let headers = Fields::from_list(&[("content-type".to_string(), b"text/plain".to_vec())]).map_err(|e| ErrorCode::InternalError(Some(format!("{e:?}"))))?;
        let (mut tx, rx) = wit_stream::new();
        let (_trailers_tx, trailers) = wit_future::new(|| Ok(None));
        let (response, _sent) = Response::new(headers, Some(rx), trailers);
        wit_bindgen::spawn(async move {
            tx.write_all(body.into_bytes()).await;
        });
        Ok(response)
    }
}

wasip3::http::service::export!(Service);
