//! TCP server over std::net (wasm32-wasip2): listen on 127.0.0.1:argv[1], print the bound address,
//! accept one connection, answer its first line with "echo: " and the line, then exit.
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use wasi_matrix_guests::{check, nonced, status};

fn main() {
    let port = std::env::args().nth(1).unwrap_or_else(|| "0".into());
    let listener = TcpListener::bind(format!("127.0.0.1:{port}"));
    check(listener.is_ok(), "listen", || format!("{:?}", listener.as_ref().err()));
    let Ok(listener) = listener else { std::process::exit(status()) };
    if let Ok(addr) = listener.local_addr() {
        println!("{addr}");
    }
    let accepted = listener.accept();
    check(accepted.is_ok(), "accept", || format!("{:?}", accepted.as_ref().err()));
    let Ok((conn, _)) = accepted else { std::process::exit(status()) };
    // Read and write through &TcpStream: try_clone() is unsupported on wasm32-wasip2.
    let mut line = String::new();
    let read = BufReader::new(&conn).read_line(&mut line);
    let sent = (&conn).write_all(format!("echo: {line}").as_bytes());
    check(nonced(line.as_bytes(), b"ping from the harness\n") && sent.is_ok(), "read-line", || format!("read {read:?} {line:?}, reply {sent:?}"));
    std::process::exit(status());
}
