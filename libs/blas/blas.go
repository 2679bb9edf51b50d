// Package blas is the vendor-neutral face of the GPU BLAS libraries (cuBLAS,
// hipBLAS): it turns a product of row-major, strided matrices into one
// column-major GEMM call, and names the interface a library implements to run
// that call.
//
// BLAS libraries are column-major; our arrays are row-major. A row-major
// matrix X with row stride ld is, read column-major, X^T with leading
// dimension ld, so C = A·B is computed as C^T = B^T·A^T without moving data.
// A transposed view (row stride 1) is a column-major matrix as it is, which a
// transpose flag expresses. Layouts that are neither (no unit stride, a
// negative or broadcast stride within a matrix) need a contiguous copy first.
package blas

import "fmt"

// DType is the element type of a product.
type DType int

// Element types the BLAS libraries multiply.
const (
	Float16 DType = iota + 1
	BFloat16
	Float32
	Float64
	Complex64
	Complex128
)

var dtypeNames = map[DType]string{
	Float16: "float16", BFloat16: "bfloat16", Float32: "float32",
	Float64: "float64", Complex64: "complex64", Complex128: "complex128",
}

func (d DType) String() string {
	if s, ok := dtypeNames[d]; ok {
		return s
	}
	return fmt.Sprintf("DType(%d)", int(d))
}

// Size is the size of one element in bytes (0 for an unknown type).
func (d DType) Size() int {
	switch d {
	case Float16, BFloat16:
		return 2
	case Float32:
		return 4
	case Float64, Complex64:
		return 8
	case Complex128:
		return 16
	}
	return 0
}

// DevicePtr is an address in device memory (driver.DevicePtr, or HIP's).
type DevicePtr uint64

// Gemmer runs planned products on a device. A library handle implements it;
// it runs on the stream the handle is bound to (handles are per stream, as
// the vendors recommend), so the stream is not an argument here.
type Gemmer interface {
	// Matmul computes C = alpha·A·B + beta·C for the operands p was planned
	// for; a, b and c address element [0,0] of the first matrix of each.
	Matmul(p Plan, alpha, beta float64, a, b, c DevicePtr) error
}
