//! UDP over WASI 0.3 sockets (wasip3 crate): send a datagram to the harness's echo peer
//! (argv[1] = ip:port) and await the echo.
use wasip3::sockets::types::{IpAddressFamily, IpSocketAddress, Ipv4SocketAddress, UdpSocket};
use wasi_matrix_guests::{check, nonced, print_reply, status};

const MESSAGE: &[u8] = b"datagram from wasi-matrix";

fn parse(peer: &str) -> Option<IpSocketAddress> {
    let (host, port) = peer.rsplit_once(':')?;
    let o: Vec<u8> = host.split('.').map(|x| x.parse().ok()).collect::<Option<_>>()?;
    Some(IpSocketAddress::Ipv4(Ipv4SocketAddress { port: port.parse().ok()?, address: (*o.first()?, *o.get(1)?, *o.get(2)?, *o.get(3)?) }))
}

struct Guest;

impl wasip3::exports::cli::run::Guest for Guest {
    async fn run() -> Result<(), ()> {
        let peer = std::env::args().nth(1).unwrap_or_default();
        let local = IpSocketAddress::Ipv4(Ipv4SocketAddress { port: 0, address: (127, 0, 0, 1) });
        let sock = UdpSocket::create(IpAddressFamily::Ipv4).map_err(|e| check(false, "send", || format!("create: {e:?}")))?;
        let sent = match parse(&peer) {
            Some(addr) => match sock.bind(local) {
                Ok(()) => sock.send(MESSAGE.to_vec(), Some(addr)).await,
                Err(e) => Err(e),
            },
            None => return Err(check(false, "send", || format!("bad address {peer:?}"))),
        };
        check(sent.is_ok(), "send", || format!("{peer}: {sent:?}"));
        sent.map_err(|_| ())?;
        let got = sock.receive().await;
        let data = got.as_ref().map(|(d, _)| d.clone()).unwrap_or_default();
        print_reply(&data);
        check(nonced(&data, &[b"echo: ", MESSAGE].concat()), "echo", || format!("{:?}, received {:?}", got.as_ref().err(), String::from_utf8_lossy(&data)));
        if status() == 0 { Ok(()) } else { Err(()) }
    }
}

wasip3::cli::command::export!(Guest);
