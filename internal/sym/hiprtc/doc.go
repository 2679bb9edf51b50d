// Package hiprtc holds the generated bindings of hiprtc, AMD's run-time
// HIP C++ compiler; package github.com/cugo/cugo/hiprtc builds on them.
package hiprtc

//go:generate go run ../../cmd/symgen -spec hiprtc.spec -out zhiprtc.go
