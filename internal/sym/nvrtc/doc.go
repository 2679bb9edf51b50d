// Package nvrtc holds the generated bindings of NVRTC (libnvrtc), the
// run-time CUDA C++ compiler; the nvrtc package builds the Go API on top.
package nvrtc

//go:generate go run ../../cmd/symgen -spec nvrtc.spec -out znvrtc.go
