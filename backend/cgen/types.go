package cgen

import (
	"fmt"

	"github.com/cugo/cugo/dtype"
)

// class groups the dtypes that share C code.
type class uint8

const (
	classBool class = 1 << iota
	classSigned
	classUnsigned
	classFloat // float16, bfloat16, float32, float64
	classComplex
)

func classOf(d dtype.DType) class {
	switch {
	case d == dtype.Bool:
		return classBool
	case d >= dtype.Int8 && d <= dtype.Int64:
		return classSigned
	case d >= dtype.Uint8 && d <= dtype.Uint64:
		return classUnsigned
	case d >= dtype.Float16 && d <= dtype.Float64:
		return classFloat
	case d == dtype.Complex64 || d == dtype.Complex128:
		return classComplex
	}
	return 0
}

func validDType(d dtype.DType) error {
	if classOf(d) == 0 {
		return fmt.Errorf("unknown dtype %d", uint8(d))
	}
	return nil
}

// sizeOf is the element size in bytes; it is also the C alignment.
func sizeOf(d dtype.DType) int { return d.Size() }

// storage is the C type of an element in memory (and of a scalar parameter).
func storage(d dtype.DType) string {
	return storageTypes[d]
}

var storageTypes = map[dtype.DType]string{
	dtype.Bool: "u8", dtype.Int8: "i8", dtype.Int16: "i16", dtype.Int32: "i32", dtype.Int64: "i64",
	dtype.Uint8: "u8", dtype.Uint16: "u16", dtype.Uint32: "u32", dtype.Uint64: "u64",
	dtype.Float16: "u16", dtype.BFloat16: "u16", dtype.Float32: "float", dtype.Float64: "double",
	dtype.Complex64: "c64", dtype.Complex128: "c128",
}

// compute is the C type a node of dtype d computes in: float16 and
// bfloat16 values live in a float, already rounded to their precision.
func compute(d dtype.DType) string {
	switch d {
	case dtype.Bool:
		return "bool"
	case dtype.Float16, dtype.BFloat16:
		return "float"
	}
	return storage(d)
}

// wide is the unsigned type integer arithmetic of d wraps in, so that no
// signed overflow (undefined in C++) or int promotion can occur.
func wide(d dtype.DType) string {
	if sizeOf(d) == 8 {
		return "u64"
	}
	return "u32"
}

// realOf is the real dtype of a complex one's parts (d itself otherwise).
func realOf(d dtype.DType) dtype.DType {
	switch d {
	case dtype.Complex64:
		return dtype.Float32
	case dtype.Complex128:
		return dtype.Float64
	}
	return d
}

// suffix is the C math function suffix of a float dtype's compute type.
func suffix(d dtype.DType) string {
	if realOf(d) == dtype.Float64 {
		return ""
	}
	return "f"
}

// literal writes the number x in d's compute type.
func literal(d dtype.DType, x string) string {
	if compute(realOf(d)) == "float" {
		return x + ".0f"
	}
	return x + ".0"
}

// infinity is +inf in a float dtype's compute type.
func infinity(d dtype.DType) string {
	if suffix(d) == "f" {
		return "__int_as_float(0x7f800000)"
	}
	return "__longlong_as_double(0x7ff0000000000000LL)"
}

// load converts a stored value x of dtype d to its compute type.
func load(d dtype.DType, x string) string {
	switch d {
	case dtype.Bool:
		return "(" + x + " != 0)"
	case dtype.Float16:
		return "h2f(" + x + ")"
	case dtype.BFloat16:
		return "bf2f(" + x + ")"
	}
	return x
}

// store converts a computed value x of dtype d to its storage type.
func store(d dtype.DType, x string) string {
	switch d {
	case dtype.Bool:
		return "(u8)" + x
	case dtype.Float16:
		return "f2h(" + x + ")"
	case dtype.BFloat16:
		return "f2bf(" + x + ")"
	}
	return x
}
