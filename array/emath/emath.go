// Package emath is numpy.emath (numpy.lib.scimath): the square root,
// logarithms, power and inverse trigonometric functions that return
// complex results where the real ones would return NaN.
//
// As in NumPy, the decision is per array, not per element: when any
// element of a real x lies outside the real domain (x < 0 for Sqrt and
// the logarithms, |x| > 1 for Arccos, Arcsin and Arctanh), the whole of
// x is cast to complex first and the result is complex; otherwise the
// result is the plain ufunc's, real. float32 and the 8- and 16-bit
// integers become complex64, everything else (float16 too, as in NumPy)
// complex128. A
// complex x goes straight to the ufunc. The check reads one bool back to
// the host, so these functions synchronize with the array's device.
//
// x may be an *array.Array or a Go number (emath.Sqrt(-1) is 1j), and
// errors are sticky, as in package array.
package emath

import (
	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/dtype"
)

// Sqrt is numpy.emath.sqrt: √x, complex where some x < 0.
func Sqrt(x any) *array.Array {
	return array.Sqrt(complexIf(asArray(x), negative))
}

// Log is numpy.emath.log: the natural logarithm, complex where some x < 0.
func Log(x any) *array.Array {
	return array.Log(complexIf(asArray(x), negative))
}

// Log2 is numpy.emath.log2: the base-2 logarithm, complex where some x < 0.
func Log2(x any) *array.Array {
	return array.Log2(complexIf(asArray(x), negative))
}

// Log10 is numpy.emath.log10: the base-10 logarithm, complex where some
// x < 0.
func Log10(x any) *array.Array {
	return array.Log10(complexIf(asArray(x), negative))
}

// Logn is numpy.emath.logn: the base-n logarithm of x, log(x)/log(n),
// each of x and n made complex on its own where it has a negative
// element. n and x broadcast together.
func Logn(n, x any) *array.Array {
	lx := array.Log(complexIf(asArray(x), negative))
	ln := array.Log(complexIf(asArray(n), negative))
	return array.Div(lx, ln)
}

// Power is numpy.emath.power: x to the power p, x made complex where some
// x < 0, and integer p made float64 where some p < 0 (so that 2**-1 is
// 0.5 rather than an error). x and p broadcast together.
func Power(x, p any) *array.Array {
	xa := complexIf(asArray(x), negative)
	pa := asArray(p)
	if k := pa.DType().Kind(); k == dtype.IntKind {
		switch yes, err := some(pa, negative); {
		case err != nil:
			return array.Failed(err)
		case yes:
			pa = array.Mul(pa, 1.0)
		}
	}
	return array.Pow(xa, pa)
}

// Arccos is numpy.emath.arccos: the inverse cosine, complex where some
// |x| > 1.
func Arccos(x any) *array.Array {
	return array.Arccos(complexIf(asArray(x), outsideUnit))
}

// Arcsin is numpy.emath.arcsin: the inverse sine, complex where some
// |x| > 1.
func Arcsin(x any) *array.Array {
	return array.Arcsin(complexIf(asArray(x), outsideUnit))
}

// Arctanh is numpy.emath.arctanh: the inverse hyperbolic tangent,
// complex where some |x| > 1.
func Arctanh(x any) *array.Array {
	return array.Arctanh(complexIf(asArray(x), outsideUnit))
}

func asArray(x any) *array.Array {
	if a, ok := x.(*array.Array); ok {
		return a
	}
	return array.Scalar(x)
}

func negative(x *array.Array) *array.Array { return array.Less(x, 0) }

func outsideUnit(x *array.Array) *array.Array { return array.Greater(array.Abs(x), 1) }

// some reports whether test holds for any element of x.
func some(x *array.Array, test func(*array.Array) *array.Array) (bool, error) {
	t := test(x)
	defer t.Free()
	anyT := t.AnyTrue()
	defer anyT.Free()
	return array.Item[bool](anyT)
}

// complexIf returns x cast to its complex dtype when it is real and test
// holds for some element, x itself otherwise (NumPy's _tocomplex).
func complexIf(x *array.Array, test func(*array.Array) *array.Array) *array.Array {
	if x.Err() != nil || x.DType().Kind() == dtype.ComplexKind {
		return x
	}
	switch yes, err := some(x, test); {
	case err != nil:
		return array.Failed(err)
	case !yes:
		return x
	}
	switch x.DType() {
	case dtype.Float32, dtype.Int8, dtype.Uint8, dtype.Int16, dtype.Uint16:
		return x.AsType(dtype.Complex64)
	}
	return x.AsType(dtype.Complex128)
}
