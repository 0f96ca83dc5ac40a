//! TCP server over WASI 0.3 sockets (wasip3 crate): listen on 127.0.0.1:argv[1], print the bound
//! address, take one connection from the listener's stream, answer its first line with "echo: "
//! and the line, then exit.
use std::future::IntoFuture;
use wasip3::sockets::types::{IpAddressFamily, IpSocketAddress, Ipv4SocketAddress, TcpSocket};
use wasip3::wit_stream;
use wasi_matrix_guests::{check, nonced, status};

struct Guest;

impl wasip3::exports::cli::run::Guest for Guest {
    async fn run() -> Result<(), ()> {
        let port: u16 = std::env::args().nth(1).and_then(|p| p.parse().ok()).unwrap_or(0);
        let sock = TcpSocket::create(IpAddressFamily::Ipv4).map_err(|e| check(false, "listen", || format!("create: {e:?}")))?;
        let listening = sock
            .bind(IpSocketAddress::Ipv4(Ipv4SocketAddress { port, address: (127, 0, 0, 1) }))
            .and_then(|()| sock.listen());
        check(listening.is_ok(), "listen", || format!("{:?}", listening.as_ref().err()));
        let mut connections = listening.map_err(|_| ())?;
        if let Ok(IpSocketAddress::Ipv4(a)) = sock.get_local_address() {
            println!("127.0.0.1:{}", a.port);
        }
        let client = connections.next().await;
        check(client.is_some(), "accept", || "the listener's stream ended".into());
        let client = client.ok_or(())?;
        let (mut incoming, _received) = client.receive();
        let mut line = Vec::new();
        while !line.ends_with(b"\n") {
            let (_, chunk) = incoming.read(Vec::with_capacity(1024)).await;
            if chunk.is_empty() {
                break;
            }
            line.extend(chunk);
        }
        let (mut tx, rx) = wit_stream::new();
        let sent = client.send(rx);
        let reply = [b"echo: ".as_slice(), &line].concat();
        let write = async move {
            let rest = tx.write_all(reply).await;
            drop(tx);
            rest.is_empty()
        };
        let (wrote, sent) = futures::join!(write, sent.into_future());
        check(nonced(&line, b"ping from the harness\n") && wrote && sent.is_ok(), "read-line", || {
            format!("read {:?}, reply written {wrote}, send {sent:?}", String::from_utf8_lossy(&line))
        });
        if status() == 0 { Ok(()) } else { Err(()) }
    }
}

wasip3::cli::command::export!(Guest);
