//! Network off by default, over WASI 0.2 sockets (the `wasi` crate's bindings; std has no
//! sockets with Debian's 2022 wasi-libc): the case grants no network, so a TCP connect to
//! the harness's echo peer (argv[1] = ip:port), which is listening, must be refused by the
//! runtime's policy (access-denied). Connecting, or any other error, fails the check.
use std::io::Write;
use wasi::sockets::instance_network::instance_network;
use wasi::sockets::network::{ErrorCode, IpAddressFamily, IpSocketAddress, Ipv4SocketAddress};
use wasi::sockets::tcp_create_socket::create_tcp_socket;
use wasi_matrix_guests::{check, status};

fn connect(peer: &str) -> Result<(), ErrorCode> {
    let (host, port) = peer.rsplit_once(':').expect("ip:port");
    let o: Vec<u8> = host.split('.').map(|x| x.parse().expect("an IPv4 octet")).collect();
    let address = IpSocketAddress::Ipv4(Ipv4SocketAddress { port: port.parse().expect("a port"), address: (o[0], o[1], o[2], o[3]) });
    let socket = create_tcp_socket(IpAddressFamily::Ipv4)?;
    socket.start_connect(&instance_network(), address)?;
    loop {
        socket.subscribe().block();
        match socket.finish_connect() {
            Err(ErrorCode::WouldBlock) => continue,
            other => return other.map(|_| ()),
        }
    }
}

fn main() {
    let peer = std::env::args().nth(1).expect("need the peer's ip:port");
    match connect(&peer) {
        Ok(()) => check(false, "network-off", || format!("connected to {peer} without a network grant")),
        // The error each runtime refuses with is worth recording, so it rides on the ok line.
        Err(ErrorCode::AccessDenied) => { let _ = writeln!(std::io::stdout(), "ok network-off # refused with access-denied"); }
        Err(e) => check(false, "network-off", || format!("connect failed with {}, not a refusal", e.name())),
    }
    std::process::exit(status());
}
