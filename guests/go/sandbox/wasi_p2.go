//go:build wasip2

// TinyGo's wasip2 target: a component may not import WASI 0.1, and TinyGo's own
// wasi:filesystem bindings are internal, so the calls are declared here as the
// canonical ABI lowers them (WASI 0.2.0, the version TinyGo's world imports).
package main

import (
	"fmt"
	"unsafe"
)

//go:wasmimport wasi:filesystem/preopens@0.2.0 get-directories
func getDirectories(result unsafe.Pointer)

//go:wasmimport wasi:filesystem/types@0.2.0 [method]descriptor.open-at
func openAt(self, pathFlags uint32, path unsafe.Pointer, n uint32, openFlags, flags uint32, result unsafe.Pointer)

//go:wasmimport wasi:filesystem/types@0.2.0 [method]descriptor.read
func read(self uint32, length, offset uint64, result unsafe.Pointer)

//go:wasmimport wasi:filesystem/types@0.2.0 [resource-drop]descriptor
func dropDescriptor(self uint32)

type preopen struct {
	dir  uint32
	name string
}

type wasiError struct {
	name    string
	refused bool
}

func (e *wasiError) String() string { return e.name }

// wasi:filesystem error-code cases by index; `access` and `not-permitted` say "this path leaves the sandbox".
var codeNames = map[uint32]string{0: "access", 3: "bad-descriptor", 12: "invalid", 15: "loop", 20: "no-entry", 24: "not-directory", 31: "not-permitted"}

func errorCode(c uint32) *wasiError {
	name, ok := codeNames[c]
	if !ok {
		name = fmt.Sprintf("error-code %d", c)
	}
	return &wasiError{name: name, refused: c == 0 || c == 31}
}

// A list<tuple<descriptor, string>> element as the canonical ABI lays it out.
type dirEntry struct{ dir, name, n uint32 }

func preopens() []preopen {
	var list [2]uint32
	getDirectories(unsafe.Pointer(&list))
	entries := unsafe.Slice((*dirEntry)(unsafe.Pointer(uintptr(list[0]))), list[1])
	out := make([]preopen, 0, len(entries))
	for _, e := range entries {
		out = append(out, preopen{e.dir, string(unsafe.Slice((*byte)(unsafe.Pointer(uintptr(e.name))), e.n))})
	}
	return out
}

func openRead(dir uint32, rel string) (string, *wasiError) {
	const symlinkFollow, readFlag = 1, 1
	p := []byte(rel)
	var res [2]uint32 // result<descriptor, error-code>: tag, then the payload
	openAt(dir, symlinkFollow, unsafe.Pointer(&p[0]), uint32(len(p)), 0, readFlag, unsafe.Pointer(&res))
	if res[0]&0xff != 0 {
		return "", errorCode(res[1] & 0xff)
	}
	defer dropDescriptor(res[1])
	var r [4]uint32 // result<tuple<list<u8>, bool>, error-code>
	read(res[1], 128, 0, unsafe.Pointer(&r))
	if r[0]&0xff != 0 {
		return "", nil
	}
	return string(unsafe.Slice((*byte)(unsafe.Pointer(uintptr(r[1]))), r[2])), nil
}
