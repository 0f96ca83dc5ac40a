//! TCP client over WASI 0.3 sockets (wasip3 crate): connect to the harness's echo peer
//! (argv[1] = ip:port), send a line through a stream while reading the echo from another.
use wasip3::sockets::types::{IpAddressFamily, IpSocketAddress, Ipv4SocketAddress, TcpSocket};
use std::future::IntoFuture;
use wasip3::wit_stream;
use wasi_matrix_guests::{check, nonced, print_reply, status};

const MESSAGE: &[u8] = b"ping from wasi-matrix\n";

fn parse(peer: &str) -> Option<IpSocketAddress> {
    let (host, port) = peer.rsplit_once(':')?;
    let o: Vec<u8> = host.split('.').map(|x| x.parse().ok()).collect::<Option<_>>()?;
    Some(IpSocketAddress::Ipv4(Ipv4SocketAddress { port: port.parse().ok()?, address: (*o.first()?, *o.get(1)?, *o.get(2)?, *o.get(3)?) }))
}

struct Guest;

impl wasip3::exports::cli::run::Guest for Guest {
    async fn run() -> Result<(), ()> {
        let peer = std::env::args().nth(1).unwrap_or_default();
        let sock = TcpSocket::create(IpAddressFamily::Ipv4).map_err(|e| check(false, "connect", || format!("create: {e:?}")))?;
        let Some(addr) = parse(&peer) else { return Err(check(false, "connect", || format!("bad address {peer:?}"))) };
        let connected = sock.connect(addr).await;
        check(connected.is_ok(), "connect", || format!("{peer}: {connected:?}"));
        connected.map_err(|_| ())?;
        let (mut tx, rx) = wit_stream::new();
        let sent = sock.send(rx);
        let (mut incoming, _received) = sock.receive();
        let write = async move {
            let rest = tx.write_all(MESSAGE.to_vec()).await;
            drop(tx);
            rest.is_empty()
        };
        let read = async {
            let mut got = Vec::new();
            while !got.contains(&b'\n') {
                let (_, chunk) = incoming.read(Vec::with_capacity(1024)).await;
                if chunk.is_empty() {
                    break;
                }
                got.extend(chunk);
            }
            got
        };
        let (wrote, got, sent) = futures::join!(write, read, sent.into_future());
        print_reply(&got);
        check(wrote && nonced(&got, &[b"echo: ", MESSAGE].concat()), "echo", || format!("wrote {wrote}, send {sent:?}, received {:?}", String::from_utf8_lossy(&got)));
        if status() == 0 { Ok(()) } else { Err(()) }
    }
}

wasip3::cli::command::export!(Guest);
