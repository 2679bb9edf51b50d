// Package hip holds the generated bindings of the HIP runtime API
// (libamdhip64); package github.com/cugo/cugo/hip builds the Go API on top.
package hip

//go:generate go run ../../cmd/symgen -spec hip.spec -out zhip.go
