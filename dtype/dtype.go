// Package dtype defines the element types of cugo arrays, with NumPy's names.
package dtype

// DType is an array element type.
type DType uint8

// The element types, in NumPy's order of kinds.
const (
	Bool DType = iota
	Int8
	Int16
	Int32
	Int64
	Uint8
	Uint16
	Uint32
	Uint64
	Float16
	BFloat16
	Float32
	Float64
	Complex64
	Complex128
)

var names = [...]string{"bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
	"float16", "bfloat16", "float32", "float64", "complex64", "complex128"}

// String returns NumPy's name of the type.
func (d DType) String() string {
	if int(d) < len(names) {
		return names[d]
	}
	return "dtype(?)"
}
