// Package hipsolver holds the generated bindings of hipSOLVER's dense API
// (hipsolver.h); libs/hipsolver builds the Go API on top of them.
package hipsolver

//go:generate go run ../../cmd/symgen -spec hipsolver.spec -out zhipsolver.go
