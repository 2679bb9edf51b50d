// Package libctest checks symgen's output against libc, which every Linux
// machine has.
package libctest

//go:generate go run ../.. -spec libc.spec -out zlibc.go

import "github.com/cugo/cugo/loader"

var libc = &loader.Spec{Name: "libc", Linux: []string{"libc.so.6"}}
