// Package cublas holds the generated bindings of cuBLAS (the v2 API of
// cublas_api.h); libs/cublas builds the Go API on top of them.
package cublas

//go:generate go run ../../cmd/symgen -spec cublas.spec -out zcublas.go
