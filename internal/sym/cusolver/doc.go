// Package cusolver holds the generated bindings of cuSOLVER's dense API
// (cusolverDn.h); libs/cusolver builds the Go API on top of them.
package cusolver

//go:generate go run ../../cmd/symgen -spec cusolver.spec -out zcusolver.go
