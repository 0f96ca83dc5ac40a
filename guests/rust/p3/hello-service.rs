//! A wasi:http service (WASI 0.3, wasip3 crate): answers every request with 200 and
//! "hello from the guest: <path>", the body written by a spawned task into the response's stream.
use wasip3::http::types::{ErrorCode, Fields, Request, Response};
use wasip3::{wit_bindgen, wit_future, wit_stream};

struct Service;

impl wasip3::exports::http::handler::Guest for Service {
    async fn handle(request: Request) -> Result<Response, ErrorCode> {
        let body = format!("hello from the guest: {}", request.get_path_with_query().unwrap_or_else(|| "/".into()));
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
