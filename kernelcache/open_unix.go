//go:build unix

package kernelcache

import "syscall"

// openFlags make opening an entry neither follow a symbolic link nor
// block on a FIFO put in its place.
const openFlags = syscall.O_NOFOLLOW | syscall.O_NONBLOCK
