// p1 sockets: accepts one connection on the listening socket the runtime preopened (fd 3) through
// net.FileListener, and answers its first line with "echo: " and the line.
package main

import (
	"bufio"
	"net"
	"os"

	"wasimatrix/guests/check"
)

func main() {
	var conn net.Conn
	l, err := net.FileListener(os.NewFile(3, "listener"))
	if err == nil {
		conn, err = l.Accept()
	}
	check.That(err == nil, "accept", "%v", err)
	if err != nil {
		os.Exit(1)
	}
	line, _ := bufio.NewReader(conn).ReadString('\n')
	_, werr := conn.Write([]byte("echo: " + line))
	conn.Close()
	check.That(check.Nonced(line, "ping from the harness\n") && werr == nil, "read-line", "read %q, write error %v", line, werr)
	os.Exit(check.Status())
}
