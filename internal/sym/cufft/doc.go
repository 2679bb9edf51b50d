// Package cufft holds the generated bindings of cuFFT (cufft.h); libs/cufft
// builds the Go API on top of them.
package cufft

//go:generate go run ../../cmd/symgen -spec cufft.spec -out zcufft.go
