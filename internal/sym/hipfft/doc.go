// Package hipfft holds the generated bindings of hipFFT (hipfft.h);
// libs/hipfft builds the Go API on top of them.
package hipfft

//go:generate go run ../../cmd/symgen -spec hipfft.spec -out zhipfft.go
