// Package hipblas holds the generated bindings of hipBLAS; package
// github.com/cugo/cugo/libs/hipblas builds the Go API on top of them.
package hipblas

//go:generate go run ../../cmd/symgen -spec hipblas.spec -out zhipblas.go
