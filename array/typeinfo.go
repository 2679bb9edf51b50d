package array

import (
	"fmt"
	"math"

	"github.com/cugo/cugo/dtype"
)

// ResultType returns the dtype NumPy 2's np.result_type gives its
// operands: *Array values, DTypes and Go bools are strong (0-d arrays
// too); Go numbers are weak, as everywhere in the package (NEP 50):
// only their kind counts, so ResultType(Int8, 1.5) is float64 but
// ResultType(Float32, 1.5) is float32, and ResultType(Uint8, Float16,
// 1.5) is float16 (the scalar meets the common dtype of the others, not
// each on its own). Operands promote as NumPy's do, DTypes first
// (dtype.PromoteOperands). With Go
// numbers alone the result is the default dtype of the highest kind
// (int64, float64, complex128).
func ResultType(operands ...any) (DType, error) {
	const op = "ResultType"
	if len(operands) == 0 {
		return 0, fmt.Errorf("%s: at least one array or dtype is required", op)
	}
	// NumPy puts dtypes before arrays and scalars, which keep their order.
	var dtypes, others []dtype.Operand
	var weak []DType // the weak scalars' default dtypes, for Go numbers alone
	strong := 0
	var kind dtype.ScalarKind
	for i, v := range operands {
		switch v := v.(type) {
		case *Array:
			if err := v.checkOp(op); err != nil {
				return 0, err
			}
			others = append(others, dtype.Operand{DType: v.dt})
			strong++
		case DType:
			if v.Size() == 0 {
				return 0, fmt.Errorf("%s: operand %d: invalid dtype %v", op, i, v)
			}
			dtypes = append(dtypes, dtype.Operand{DType: v})
			strong++
		default:
			s, ok := scalarOf(v)
			if !ok {
				return 0, fmt.Errorf("%s: operand %d is a %T, not an *Array, a DType or a Go number or bool", op, i, v)
			}
			if s.kind == dtype.BoolScalar { // a bool is np.bool_: strong, as in NumPy 2
				others = append(others, dtype.Operand{DType: Bool})
				strong++
				continue
			}
			others = append(others, dtype.Operand{Weak: s.kind})
			if s.kind > kind {
				kind, weak = s.kind, weak[:0]
			}
			if s.kind == kind {
				weak = append(weak, s.defaultDType())
			}
		}
	}
	if strong == 0 {
		dt, err := dtype.PromoteAll(weak...) // a Go integer beyond int64 is uint64
		if err != nil {
			return 0, fmt.Errorf("%s: %w", op, err)
		}
		return dt, nil
	}
	dt, err := dtype.PromoteOperands(append(dtypes, others...)...)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", op, err)
	}
	return dt, nil
}

// MinScalarType returns the smallest dtype that holds v, as
// np.min_scalar_type: for a Go number or bool, or a 0-d array, by value
// (a non-negative integer takes the smallest unsigned dtype, a negative
// one the smallest signed one; a float float16 if |v| < 65000 or v is not
// finite, float32 if |v| < 3.4e38; a complex complex64 if both parts are
// within ±3.4e38); for an array of one or more axes, its dtype.
func MinScalarType(v any) (DType, error) {
	const op = "MinScalarType"
	s, ok := scalarOf(v)
	if a, isArray := v.(*Array); isArray {
		if err := a.checkOp(op); err != nil {
			return 0, err
		}
		if len(a.shape) > 0 {
			return a.dt, nil
		}
		b, err := a.hostBytes(op)
		if err != nil {
			return 0, err
		}
		s, ok = elementScalar(a.dt, b), true
	}
	if !ok {
		return 0, fmt.Errorf("%s: %T is not an *Array or a Go number or bool", op, v)
	}
	switch s.kind {
	case dtype.BoolScalar:
		return Bool, nil
	case dtype.IntScalar:
		if s.unsigned || s.i >= 0 {
			u := s.u
			if !s.unsigned {
				u = uint64(s.i)
			}
			for _, dt := range []DType{Uint8, Uint16, Uint32} {
				if _, hi := intRange(dt); u <= hi {
					return dt, nil
				}
			}
			return Uint64, nil
		}
		for _, dt := range []DType{Int8, Int16, Int32} {
			if s.fits(dt) {
				return dt, nil
			}
		}
		return Int64, nil
	case dtype.FloatScalar:
		f := real(s.c)
		switch {
		case math.Abs(f) < 65000 || math.IsNaN(f) || math.IsInf(f, 0):
			return Float16, nil
		case math.Abs(f) < 3.4e38:
			return Float32, nil
		}
		return Float64, nil
	}
	if math.Abs(real(s.c)) < 3.4e38 && math.Abs(imag(s.c)) < 3.4e38 {
		return Complex64, nil
	}
	return Complex128, nil
}

// elementScalar is the element of dtype dt in b as a scalar.
func elementScalar(dt DType, b []byte) scalar {
	switch dt.Kind() {
	case dtype.BoolKind:
		s, _ := scalarOf(b[0] != 0)
		return s
	case dtype.IntKind:
		return intScalar(intAt(dt, b).(int64))
	case dtype.UintKind:
		return uintScalar(intAt(dt, b).(uint64))
	case dtype.FloatKind:
		return floatScalar(floatAt(dt, b))
	}
	half := dt.Size() / 2
	return scalar{kind: dtype.ComplexScalar, c: complex(floatAt(dt, b[:half]), floatAt(dt, b[half:]))}
}

// CommonType returns the float or complex dtype that np.common_type
// gives arrays: integers count as float64, floats and complex numbers as
// themselves, and the widest wins (complex if any is complex); float16
// for no arrays. Bool arrays are an error, as in NumPy.
func CommonType(arrays ...*Array) (DType, error) {
	const op = "CommonType"
	if len(arrays) == 0 {
		return Float16, nil
	}
	var dts []DType
	for _, a := range arrays {
		if err := a.checkOp(op); err != nil {
			return 0, err
		}
		switch a.dt.Kind() {
		case dtype.BoolKind:
			return 0, fmt.Errorf("%s: can't get common type for non-numeric array of dtype %v", op, a.dt)
		case dtype.IntKind, dtype.UintKind:
			dts = append(dts, Float64)
		default:
			dts = append(dts, a.dt)
		}
	}
	dt, err := dtype.PromoteAll(dts...)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", op, err)
	}
	return dt, nil
}
