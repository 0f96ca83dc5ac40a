//go:build wasip1

package main

import (
	"fmt"
	"unsafe"
)

//go:wasmimport wasi_snapshot_preview1 fd_prestat_get
func fdPrestatGet(fd uint32, out unsafe.Pointer) uint32

//go:wasmimport wasi_snapshot_preview1 fd_prestat_dir_name
func fdPrestatDirName(fd uint32, path unsafe.Pointer, n uint32) uint32

//go:wasmimport wasi_snapshot_preview1 path_open
func pathOpen(fd, dirflags uint32, path unsafe.Pointer, n uint32, oflags uint32, base, inheriting uint64, fdflags uint32, out unsafe.Pointer) uint32

//go:wasmimport wasi_snapshot_preview1 fd_read
func fdRead(fd uint32, iovs unsafe.Pointer, n uint32, nread unsafe.Pointer) uint32

//go:wasmimport wasi_snapshot_preview1 fd_close
func fdClose(fd uint32) uint32

type preopen struct {
	dir  uint32
	name string
}

type wasiError struct {
	name    string
	refused bool
}

func (e *wasiError) String() string { return e.name }

var errnoNames = map[uint32]string{2: "ACCES", 8: "BADF", 28: "INVAL", 32: "LOOP", 44: "NOENT", 54: "NOTDIR", 63: "PERM", 76: "NOTCAPABLE"}

// errno wraps a p1 errno; ACCES, PERM and NOTCAPABLE say "this path leaves the sandbox".
func errno(e uint32) *wasiError {
	name, ok := errnoNames[e]
	if !ok {
		name = "other"
	}
	return &wasiError{name: fmt.Sprintf("errno %d (%s)", e, name), refused: e == 2 || e == 63 || e == 76}
}

func preopens() []preopen {
	var out []preopen
	for fd := uint32(3); ; fd++ {
		var ps [2]uint32
		if fdPrestatGet(fd, unsafe.Pointer(&ps)) != 0 {
			return out
		}
		if ps[0]&0xff != 0 {
			continue
		}
		name := make([]byte, ps[1])
		if len(name) > 0 && fdPrestatDirName(fd, unsafe.Pointer(&name[0]), ps[1]) != 0 {
			continue
		}
		out = append(out, preopen{fd, string(name)})
	}
}

func openRead(dir uint32, rel string) (string, *wasiError) {
	const symlinkFollow, rightFdRead = 1, 1 << 1
	p := []byte(rel)
	var fd uint32
	if e := pathOpen(dir, symlinkFollow, unsafe.Pointer(&p[0]), uint32(len(p)), 0, rightFdRead, 0, 0, unsafe.Pointer(&fd)); e != 0 {
		return "", errno(e)
	}
	defer fdClose(fd)
	buf := make([]byte, 128)
	iov := [2]uint32{uint32(uintptr(unsafe.Pointer(&buf[0]))), uint32(len(buf))}
	var n uint32
	if fdRead(fd, unsafe.Pointer(&iov), 1, unsafe.Pointer(&n)) != 0 {
		return "", nil
	}
	return string(buf[:n]), nil
}
