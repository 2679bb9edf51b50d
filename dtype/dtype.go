// Package dtype defines the element types of cugo arrays with NumPy's
// names, their promotion and casting rules (NumPy 2, NEP 50), and the
// float16 and bfloat16 host types.
package dtype

import (
	"fmt"
)

// DType is the element type of an array. The zero value is not a valid
// dtype, so a forgotten field shows up as an error rather than as bool.
type DType uint8

// The dtypes, in NumPy's order within each kind.
const (
	Bool DType = iota + 1
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

// Kind groups dtypes the way NumPy's dtype.kind does; promotion and casting
// rules are mostly stated in terms of kinds.
type Kind uint8

// The kinds, in NumPy's casting order (a value of an earlier kind can be
// represented, maybe with rounding, by a later one).
const (
	BoolKind Kind = iota + 1
	UintKind
	IntKind
	FloatKind
	ComplexKind
)

type dtypeInfo struct {
	name string
	size int
	kind Kind
}

var dtypeInfos = [...]dtypeInfo{
	Bool:       {"bool", 1, BoolKind},
	Int8:       {"int8", 1, IntKind},
	Int16:      {"int16", 2, IntKind},
	Int32:      {"int32", 4, IntKind},
	Int64:      {"int64", 8, IntKind},
	Uint8:      {"uint8", 1, UintKind},
	Uint16:     {"uint16", 2, UintKind},
	Uint32:     {"uint32", 4, UintKind},
	Uint64:     {"uint64", 8, UintKind},
	Float16:    {"float16", 2, FloatKind},
	BFloat16:   {"bfloat16", 2, FloatKind},
	Float32:    {"float32", 4, FloatKind},
	Float64:    {"float64", 8, FloatKind},
	Complex64:  {"complex64", 8, ComplexKind},
	Complex128: {"complex128", 16, ComplexKind},
}

func (d DType) valid() bool { return d >= Bool && d <= Complex128 }

// String returns NumPy's name for d ("float32", "bfloat16" as in ml_dtypes).
func (d DType) String() string {
	if !d.valid() {
		return fmt.Sprintf("DType(%d)", uint8(d))
	}
	return dtypeInfos[d].name
}

// Size returns the size of one element in bytes (0 for an invalid dtype).
func (d DType) Size() int {
	if !d.valid() {
		return 0
	}
	return dtypeInfos[d].size
}

// Kind returns d's kind (0 for an invalid dtype).
func (d DType) Kind() Kind {
	if !d.valid() {
		return 0
	}
	return dtypeInfos[d].kind
}

// String returns the kind's name: "bool", "uint", "int", "float" or "complex".
func (k Kind) String() string {
	switch k {
	case BoolKind:
		return "bool"
	case UintKind:
		return "uint"
	case IntKind:
		return "int"
	case FloatKind:
		return "float"
	case ComplexKind:
		return "complex"
	}
	return fmt.Sprintf("Kind(%d)", uint8(k))
}

// dtypeAliases are the other spellings NumPy accepts for np.dtype(name),
// as it resolves them on 64-bit Linux under NumPy 2 ("int" is int64).
var dtypeAliases = map[string]DType{
	"bool_": Bool, "?": Bool, "b1": Bool,
	"i1": Int8, "i2": Int16, "i4": Int32, "i8": Int64, "int": Int64,
	"u1": Uint8, "u2": Uint16, "u4": Uint32, "u8": Uint64,
	"f2": Float16, "half": Float16,
	"f4": Float32, "single": Float32,
	"f8": Float64, "double": Float64, "float": Float64,
	"c8": Complex64, "csingle": Complex64,
	"c16": Complex128, "cdouble": Complex128, "complex": Complex128,
}

// Parse returns the dtype NumPy calls name: a name as String returns
// it ("float32"), a typestring without byte order ("f4"), or one of NumPy's
// aliases ("double", "half", "float", "int", "complex").
func Parse(name string) (DType, error) {
	for d := Bool; d <= Complex128; d++ {
		if dtypeInfos[d].name == name {
			return d, nil
		}
	}
	if d, ok := dtypeAliases[name]; ok {
		return d, nil
	}
	return 0, fmt.Errorf("data type %q not understood", name)
}

// Element is the set of Go types that hold one array element on the host.
// The types are exact (no ~): F16 and BF16 share uint16 as their underlying
// type, so only the named type tells them apart.
type Element interface {
	bool | int8 | int16 | int32 | int64 | uint8 | uint16 | uint32 | uint64 |
		F16 | BF16 | float32 | float64 | complex64 | complex128
}

// Of returns the dtype whose elements a Go T holds.
func Of[T Element]() DType {
	var zero T
	d, _ := OfValue(zero)
	return d
}

// OfValue returns the dtype of a Go value of an Element type; false for
// any other type (int, uint and uintptr too: their size depends on the
// platform).
func OfValue(v any) (DType, bool) {
	switch v.(type) {
	case bool:
		return Bool, true
	case int8:
		return Int8, true
	case int16:
		return Int16, true
	case int32:
		return Int32, true
	case int64:
		return Int64, true
	case uint8:
		return Uint8, true
	case uint16:
		return Uint16, true
	case uint32:
		return Uint32, true
	case uint64:
		return Uint64, true
	case F16:
		return Float16, true
	case BF16:
		return BFloat16, true
	case float32:
		return Float32, true
	case float64:
		return Float64, true
	case complex64:
		return Complex64, true
	case complex128:
		return Complex128, true
	}
	return 0, false
}
