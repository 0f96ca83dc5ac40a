//! TCP client over std::net (wasm32-wasip2: wasi-libc's sockets, WASI 0.2 wasi:sockets underneath):
//! connect to the harness's echo peer (argv[1] = ip:port), send a line, read the echo back.
use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use wasi_matrix_guests::{check, nonced, print_reply, status};

const MESSAGE: &[u8] = b"ping from wasi-matrix\n";

fn main() {
    let peer = std::env::args().nth(1).unwrap_or_default();
    let stream = TcpStream::connect(peer.as_str());
    check(stream.is_ok(), "connect", || format!("{peer}: {:?}", stream.as_ref().err()));
    let Ok(mut stream) = stream else { std::process::exit(status()) };
    let mut reply = Vec::new();
    let echoed = stream.write_all(MESSAGE).and_then(|()| BufReader::new(&stream).read_until(b'\n', &mut reply));
    print_reply(&reply);
    check(echoed.is_ok() && nonced(&reply, &[b"echo: ", MESSAGE].concat()), "echo", || {
        format!("{echoed:?}, received {:?}", String::from_utf8_lossy(&reply))
    });
    std::process::exit(status());
}
