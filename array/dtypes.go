package array

import "github.com/cugo/cugo/dtype"

// The element types, re-exported from package dtype so that array code
// reads array.Float32.
type (
	DType   = dtype.DType
	F16     = dtype.F16
	BF16    = dtype.BF16
	Element = dtype.Element
)

// The dtypes.
const (
	Bool       = dtype.Bool
	Int8       = dtype.Int8
	Int16      = dtype.Int16
	Int32      = dtype.Int32
	Int64      = dtype.Int64
	Uint8      = dtype.Uint8
	Uint16     = dtype.Uint16
	Uint32     = dtype.Uint32
	Uint64     = dtype.Uint64
	Float16    = dtype.Float16
	BFloat16   = dtype.BFloat16
	Float32    = dtype.Float32
	Float64    = dtype.Float64
	Complex64  = dtype.Complex64
	Complex128 = dtype.Complex128
)
