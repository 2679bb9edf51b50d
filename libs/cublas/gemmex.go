package cublas

import (
	"fmt"
	"unsafe"

	"github.com/cugo/cugo/driver"
	"github.com/cugo/cugo/internal/cargs"
	sym "github.com/cugo/cugo/internal/sym/cublas"
)

// DataType is an element type of GemmEx's operands (cudaDataType).
type DataType int32

// Element types (cudaDataType values of library_types.h).
const (
	R32F  DataType = 0
	R64F  DataType = 1
	R16F  DataType = 2
	C32F  DataType = 4
	C64F  DataType = 5
	R16BF DataType = 14
)

func (t DataType) complex() bool { return t == C32F || t == C64F }

// ComputeType is the precision GemmEx accumulates in (cublasComputeType_t).
type ComputeType int32

// Compute types. Compute32F is float32 accumulation, the one for float16 and
// bfloat16 inputs; the Fast ones let cuBLAS round inputs down.
const (
	Compute16F         ComputeType = 64
	Compute32F         ComputeType = 68
	Compute32FPedantic ComputeType = 69
	Compute64F         ComputeType = 70
	Compute64FPedantic ComputeType = 71
	Compute32FFast16F  ComputeType = 74
	Compute32FFast16BF ComputeType = 75
	Compute32FFastTF32 ComputeType = 77
)

// gemmDefaultAlgo is CUBLAS_GEMM_DEFAULT: cuBLAS picks the algorithm.
const gemmDefaultAlgo = -1

// Operand is a GemmEx matrix: its address, element type, leading dimension
// and, for the batched call, the distance between matrices in elements.
type Operand struct {
	Ptr    driver.DevicePtr
	Type   DataType
	LD     int
	Stride int64
}

// scalar holds alpha or beta in the compute type's scalar type.
type scalar [2]float64 // room for a complex128

// exScalar converts v to the scale type cuBLAS reads for compute with an
// output of type c (float16 for Compute16F, float or double otherwise, and
// their complex forms for complex outputs).
func exScalar(op string, v float64, compute ComputeType, c DataType) (*scalar, error) {
	s := new(scalar)
	p := unsafe.Pointer(s)
	switch compute {
	case Compute16F:
		if c.complex() {
			return nil, argErr(op, "Compute16F has no complex form")
		}
		*(*uint16)(p) = halfBits(float32(v))
	case Compute32F, Compute32FPedantic, Compute32FFast16F, Compute32FFast16BF, Compute32FFastTF32:
		if c.complex() {
			*(*complex64)(p) = complex(float32(v), 0)
		} else {
			*(*float32)(p) = float32(v)
		}
	case Compute64F, Compute64FPedantic:
		if c.complex() {
			*(*complex128)(p) = complex(v, 0)
		} else {
			*(*float64)(p) = v
		}
	default:
		return nil, argErr(op, "compute type %d is not supported here", compute)
	}
	return s, nil
}

// exArgs checks GemmEx arguments and converts the scalars.
func exArgs(h *Handle, op string, ta, tb Op, m, n, k int, alpha float64, a, b Operand, beta float64, c Operand,
	compute ComputeType) (gemmArgs, *scalar, *scalar, error) {
	g, err := newGemmArgs(h, op, ta, tb, m, n, k, a.LD, b.LD, c.LD)
	if err != nil {
		return g, nil, nil, err
	}
	for _, t := range []DataType{a.Type, b.Type, c.Type} {
		switch t {
		case R32F, R64F, R16F, C32F, C64F, R16BF:
		default:
			return g, nil, nil, argErr(op, "data type %d is not supported here", t)
		}
	}
	al, err := exScalar(op, alpha, compute, c.Type)
	if err != nil {
		return g, nil, nil, err
	}
	be, _ := exScalar(op, beta, compute, c.Type)
	return g, al, be, nil
}

// GemmEx is Gemm with the element types and the compute type named: for
// example float16 or bfloat16 inputs and output with Compute32F. alpha and
// beta are converted to the compute type's scalar type (for complex
// outputs, alpha+0i). cuBLAS answers StatusNotSupported for combinations
// it lacks.
func GemmEx(h *Handle, ta, tb Op, m, n, k int, alpha float64, a, b Operand, beta float64, c Operand, compute ComputeType) error {
	g, al, be, err := exArgs(h, "GemmEx", ta, tb, m, n, k, alpha, a, b, beta, c, compute)
	if err != nil {
		return err
	}
	return h.call("GemmEx", func() sym.CublasStatus_t {
		return sym.CublasGemmEx(h.h, g.ta, g.tb, g.m, g.n, g.k, unsafe.Pointer(al),
			cargs.Pointer(a.Ptr), sym.CudaDataType(a.Type), g.lda, cargs.Pointer(b.Ptr), sym.CudaDataType(b.Type), g.ldb,
			unsafe.Pointer(be), cargs.Pointer(c.Ptr), sym.CudaDataType(c.Type), g.ldc,
			sym.CublasComputeType_t(compute), gemmDefaultAlgo)
	})
}

// GemmStridedBatchedEx is GemmEx over batch matrices spaced by each
// operand's Stride.
func GemmStridedBatchedEx(h *Handle, ta, tb Op, m, n, k int, alpha float64, a, b Operand, beta float64, c Operand,
	compute ComputeType, batch int) error {
	const op = "GemmStridedBatchedEx"
	g, al, be, err := exArgs(h, op, ta, tb, m, n, k, alpha, a, b, beta, c, compute)
	if err != nil {
		return err
	}
	if err := checkBatch(op, batch); err != nil {
		return err
	}
	return h.call(op, func() sym.CublasStatus_t {
		return sym.CublasGemmStridedBatchedEx(h.h, g.ta, g.tb, g.m, g.n, g.k, unsafe.Pointer(al),
			cargs.Pointer(a.Ptr), sym.CudaDataType(a.Type), g.lda, a.Stride, cargs.Pointer(b.Ptr), sym.CudaDataType(b.Type), g.ldb, b.Stride,
			unsafe.Pointer(be), cargs.Pointer(c.Ptr), sym.CudaDataType(c.Type), g.ldc, c.Stride, int32(batch),
			sym.CublasComputeType_t(compute), gemmDefaultAlgo)
	})
}

func (t DataType) String() string {
	switch t {
	case R32F:
		return "CUDA_R_32F"
	case R64F:
		return "CUDA_R_64F"
	case R16F:
		return "CUDA_R_16F"
	case C32F:
		return "CUDA_C_32F"
	case C64F:
		return "CUDA_C_64F"
	case R16BF:
		return "CUDA_R_16BF"
	}
	return fmt.Sprintf("cudaDataType(%d)", int32(t))
}
