package dtype

import (
	"testing"
	"unsafe"

	"github.com/stretchr/testify/require"
)

// allDTypes lists every valid dtype, for tests that go over all of them.
var allDTypes = []DType{Bool, Int8, Int16, Int32, Int64, Uint8, Uint16, Uint32, Uint64,
	Float16, BFloat16, Float32, Float64, Complex64, Complex128}

func TestDTypeProperties(t *testing.T) {
	cases := []struct {
		d    DType
		name string
		size int
		kind Kind
	}{
		{Bool, "bool", 1, BoolKind},
		{Int8, "int8", 1, IntKind}, {Int16, "int16", 2, IntKind},
		{Int32, "int32", 4, IntKind}, {Int64, "int64", 8, IntKind},
		{Uint8, "uint8", 1, UintKind}, {Uint16, "uint16", 2, UintKind},
		{Uint32, "uint32", 4, UintKind}, {Uint64, "uint64", 8, UintKind},
		{Float16, "float16", 2, FloatKind}, {BFloat16, "bfloat16", 2, FloatKind},
		{Float32, "float32", 4, FloatKind}, {Float64, "float64", 8, FloatKind},
		{Complex64, "complex64", 8, ComplexKind}, {Complex128, "complex128", 16, ComplexKind},
	}
	require.Len(t, cases, len(allDTypes))
	for _, c := range cases {
		require.Equal(t, c.name, c.d.String())
		require.Equal(t, c.size, c.d.Size(), c.name)
		require.Equal(t, c.kind, c.d.Kind(), c.name)
		d, err := Parse(c.name)
		require.NoError(t, err)
		require.Equal(t, c.d, d)
	}
	var zero DType
	require.Equal(t, "DType(0)", zero.String())
	require.Equal(t, 0, zero.Size())
	require.Equal(t, Kind(0), zero.Kind())
	require.Equal(t, "DType(16)", DType(16).String())
}

func TestKindString(t *testing.T) {
	want := map[Kind]string{BoolKind: "bool", UintKind: "uint", IntKind: "int",
		FloatKind: "float", ComplexKind: "complex", 0: "Kind(0)"}
	for k, s := range want {
		require.Equal(t, s, k.String())
	}
}

func TestParseDTypeAliases(t *testing.T) {
	for name, want := range map[string]DType{
		"f4": Float32, "i8": Int64, "u1": Uint8, "b1": Bool, "?": Bool, "c16": Complex128,
		"f2": Float16, "half": Float16, "double": Float64, "float": Float64,
		"int": Int64, "complex": Complex128, "bool_": Bool, "single": Float32,
	} {
		d, err := Parse(name)
		require.NoError(t, err, name)
		require.Equal(t, want, d, name)
	}
	for _, bad := range []string{"", "float128", "<f4", "Float32", " int8", "U5"} {
		_, err := Parse(bad)
		require.EqualError(t, err, "data type \""+bad+"\" not understood")
	}
}

func checkDTypeOf[T Element](t *testing.T, want DType) {
	t.Helper()
	var zero T
	require.Equal(t, want, Of[T]())
	require.Equal(t, want.Size(), int(unsafe.Sizeof(zero)), want.String())
}

func TestDTypeOf(t *testing.T) {
	checkDTypeOf[bool](t, Bool)
	checkDTypeOf[int8](t, Int8)
	checkDTypeOf[int16](t, Int16)
	checkDTypeOf[int32](t, Int32)
	checkDTypeOf[int64](t, Int64)
	checkDTypeOf[uint8](t, Uint8)
	checkDTypeOf[uint16](t, Uint16)
	checkDTypeOf[uint32](t, Uint32)
	checkDTypeOf[uint64](t, Uint64)
	checkDTypeOf[F16](t, Float16)
	checkDTypeOf[BF16](t, BFloat16)
	checkDTypeOf[float32](t, Float32)
	checkDTypeOf[float64](t, Float64)
	checkDTypeOf[complex64](t, Complex64)
	checkDTypeOf[complex128](t, Complex128)
}
