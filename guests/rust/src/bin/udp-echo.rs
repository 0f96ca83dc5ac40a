//! UDP over std::net (wasm32-wasip2): send a datagram to the harness's echo peer (argv[1] =
//! ip:port) and receive the echo.
use std::net::UdpSocket;
use wasi_matrix_guests::{check, nonced, print_reply, status};

const MESSAGE: &[u8] = b"datagram from wasi-matrix";

fn main() {
    let peer = std::env::args().nth(1).unwrap_or_default();
    let socket = UdpSocket::bind("127.0.0.1:0");
    let sent = socket.as_ref().map_err(|e| e.kind()).and_then(|s| s.send_to(MESSAGE, peer.as_str()).map_err(|e| e.kind()));
    check(sent == Ok(MESSAGE.len()), "send", || format!("{peer}: {sent:?}"));
    let Ok(socket) = socket else { std::process::exit(status()) };
    let mut buf = [0u8; 128];
    let got = socket.recv_from(&mut buf);
    let reply = got.as_ref().map(|(n, _)| &buf[..*n]).unwrap_or_default();
    print_reply(reply);
    check(nonced(reply, &[b"echo: ", MESSAGE].concat()), "echo", || format!("{got:?}, received {:?}", String::from_utf8_lossy(reply)));
    std::process::exit(status());
}
