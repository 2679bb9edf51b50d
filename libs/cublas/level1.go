package cublas

import (
	"unsafe"

	"github.com/cugo/cugo/driver"
	"github.com/cugo/cugo/internal/cargs"
	sym "github.com/cugo/cugo/internal/sym/cublas"
)

// Level 1: vectors of n elements of T, every inc-th element from x (inc ≥ 1).

// level1 validates the arguments common to level-1 routines.
func level1(h *Handle, op string, n int, incs ...int) error {
	if err := checkSizes(op, "n", n); err != nil {
		return err
	}
	if err := checkInc(op, incs...); err != nil {
		return err
	}
	return h.hostScalars(op)
}

// Axpy computes y = alpha·x + y.
func Axpy[T Elem](h *Handle, n int, alpha T, x driver.DevicePtr, incx int, y driver.DevicePtr, incy int) error {
	op := cargs.Prefix[T]() + "axpy"
	if err := level1(h, op, n, incx, incy); err != nil {
		return err
	}
	n32, ix, iy := int32(n), int32(incx), int32(incy)
	return h.call(op, func() sym.CublasStatus_t {
		switch a := any(alpha).(type) {
		case float32:
			return sym.CublasSaxpy_v2(h.h, n32, &a, cargs.Ptr[float32](x), ix, cargs.Ptr[float32](y), iy)
		case float64:
			return sym.CublasDaxpy_v2(h.h, n32, &a, cargs.Ptr[float64](x), ix, cargs.Ptr[float64](y), iy)
		case complex64:
			return sym.CublasCaxpy_v2(h.h, n32, unsafe.Pointer(&a), cargs.Pointer(x), ix, cargs.Pointer(y), iy)
		}
		a := any(alpha).(complex128)
		return sym.CublasZaxpy_v2(h.h, n32, unsafe.Pointer(&a), cargs.Pointer(x), ix, cargs.Pointer(y), iy)
	})
}

// Scal computes x = alpha·x.
func Scal[T Elem](h *Handle, n int, alpha T, x driver.DevicePtr, incx int) error {
	op := cargs.Prefix[T]() + "scal"
	if err := level1(h, op, n, incx); err != nil {
		return err
	}
	n32, ix := int32(n), int32(incx)
	return h.call(op, func() sym.CublasStatus_t {
		switch a := any(alpha).(type) {
		case float32:
			return sym.CublasSscal_v2(h.h, n32, &a, cargs.Ptr[float32](x), ix)
		case float64:
			return sym.CublasDscal_v2(h.h, n32, &a, cargs.Ptr[float64](x), ix)
		case complex64:
			return sym.CublasCscal_v2(h.h, n32, unsafe.Pointer(&a), cargs.Pointer(x), ix)
		}
		a := any(alpha).(complex128)
		return sym.CublasZscal_v2(h.h, n32, unsafe.Pointer(&a), cargs.Pointer(x), ix)
	})
}

// Dot returns Σ x[i]·y[i] (for complex types, unconjugated: cublas?dotu).
func Dot[T Elem](h *Handle, n int, x driver.DevicePtr, incx int, y driver.DevicePtr, incy int) (T, error) {
	return dot[T](h, "dot", false, n, x, incx, y, incy)
}

// Dotc returns Σ conj(x[i])·y[i].
func Dotc[T Complex](h *Handle, n int, x driver.DevicePtr, incx int, y driver.DevicePtr, incy int) (T, error) {
	return dot[T](h, "dotc", true, n, x, incx, y, incy)
}

func dot[T Elem](h *Handle, name string, conj bool, n int, x driver.DevicePtr, incx int, y driver.DevicePtr, incy int) (T, error) {
	var r T
	op := cargs.Prefix[T]() + name
	if !conj && (cargs.Prefix[T]() == "C" || cargs.Prefix[T]() == "Z") {
		op += "u"
	}
	if err := level1(h, op, n, incx, incy); err != nil {
		return r, err
	}
	n32, ix, iy := int32(n), int32(incx), int32(incy)
	res := unsafe.Pointer(&r)
	err := h.call(op, func() sym.CublasStatus_t {
		switch any(r).(type) {
		case float32:
			return sym.CublasSdot_v2(h.h, n32, cargs.Ptr[float32](x), ix, cargs.Ptr[float32](y), iy, (*float32)(res))
		case float64:
			return sym.CublasDdot_v2(h.h, n32, cargs.Ptr[float64](x), ix, cargs.Ptr[float64](y), iy, (*float64)(res))
		case complex64:
			if conj {
				return sym.CublasCdotc_v2(h.h, n32, cargs.Pointer(x), ix, cargs.Pointer(y), iy, res)
			}
			return sym.CublasCdotu_v2(h.h, n32, cargs.Pointer(x), ix, cargs.Pointer(y), iy, res)
		}
		if conj {
			return sym.CublasZdotc_v2(h.h, n32, cargs.Pointer(x), ix, cargs.Pointer(y), iy, res)
		}
		return sym.CublasZdotu_v2(h.h, n32, cargs.Pointer(x), ix, cargs.Pointer(y), iy, res)
	})
	return r, err
}

// Nrm2 returns the Euclidean norm of x.
func Nrm2[T Elem](h *Handle, n int, x driver.DevicePtr, incx int) (float64, error) {
	op := map[string]string{"S": "Snrm2", "D": "Dnrm2", "C": "Scnrm2", "Z": "Dznrm2"}[cargs.Prefix[T]()]
	return realReduction[T](h, op, n, x, incx,
		sym.CublasSnrm2_v2, sym.CublasDnrm2_v2, sym.CublasScnrm2_v2, sym.CublasDznrm2_v2)
}

// Asum returns Σ |Re x[i]| + |Im x[i]|.
func Asum[T Elem](h *Handle, n int, x driver.DevicePtr, incx int) (float64, error) {
	op := map[string]string{"S": "Sasum", "D": "Dasum", "C": "Scasum", "Z": "Dzasum"}[cargs.Prefix[T]()]
	return realReduction[T](h, op, n, x, incx,
		sym.CublasSasum_v2, sym.CublasDasum_v2, sym.CublasScasum_v2, sym.CublasDzasum_v2)
}

// realReduction runs a reduction of T to a real scalar through the routine
// of T's precision.
func realReduction[T Elem](h *Handle, op string, n int, x driver.DevicePtr, incx int,
	s func(sym.CublasHandle_t, int32, *float32, int32, *float32) sym.CublasStatus_t,
	d func(sym.CublasHandle_t, int32, *float64, int32, *float64) sym.CublasStatus_t,
	c func(sym.CublasHandle_t, int32, unsafe.Pointer, int32, *float32) sym.CublasStatus_t,
	z func(sym.CublasHandle_t, int32, unsafe.Pointer, int32, *float64) sym.CublasStatus_t,
) (float64, error) {
	if err := level1(h, op, n, incx); err != nil {
		return 0, err
	}
	var r32 float32
	var r64 float64
	n32, ix := int32(n), int32(incx)
	err := h.call(op, func() sym.CublasStatus_t {
		switch cargs.Prefix[T]() {
		case "S":
			return s(h.h, n32, cargs.Ptr[float32](x), ix, &r32)
		case "D":
			return d(h.h, n32, cargs.Ptr[float64](x), ix, &r64)
		case "C":
			return c(h.h, n32, cargs.Pointer(x), ix, &r32)
		}
		return z(h.h, n32, cargs.Pointer(x), ix, &r64)
	})
	if cargs.Prefix[T]() == "S" || cargs.Prefix[T]() == "C" {
		r64 = float64(r32)
	}
	return r64, err
}

// Iamax returns the 0-based index of the first element of largest
// |Re|+|Im| (cuBLAS counts from 1; this does not), or -1 when n is 0.
func Iamax[T Elem](h *Handle, n int, x driver.DevicePtr, incx int) (int, error) {
	op := "I" + map[string]string{"S": "s", "D": "d", "C": "c", "Z": "z"}[cargs.Prefix[T]()] + "amax"
	if err := level1(h, op, n, incx); err != nil {
		return -1, err
	}
	var r int32
	n32, ix := int32(n), int32(incx)
	err := h.call(op, func() sym.CublasStatus_t {
		switch cargs.Prefix[T]() {
		case "S":
			return sym.CublasIsamax_v2(h.h, n32, cargs.Ptr[float32](x), ix, &r)
		case "D":
			return sym.CublasIdamax_v2(h.h, n32, cargs.Ptr[float64](x), ix, &r)
		case "C":
			return sym.CublasIcamax_v2(h.h, n32, cargs.Pointer(x), ix, &r)
		}
		return sym.CublasIzamax_v2(h.h, n32, cargs.Pointer(x), ix, &r)
	})
	return int(r) - 1, err
}

// Copy copies x into y.
func Copy[T Elem](h *Handle, n int, x driver.DevicePtr, incx int, y driver.DevicePtr, incy int) error {
	op := cargs.Prefix[T]() + "copy"
	if err := level1(h, op, n, incx, incy); err != nil {
		return err
	}
	n32, ix, iy := int32(n), int32(incx), int32(incy)
	return h.call(op, func() sym.CublasStatus_t {
		switch cargs.Prefix[T]() {
		case "S":
			return sym.CublasScopy_v2(h.h, n32, cargs.Ptr[float32](x), ix, cargs.Ptr[float32](y), iy)
		case "D":
			return sym.CublasDcopy_v2(h.h, n32, cargs.Ptr[float64](x), ix, cargs.Ptr[float64](y), iy)
		case "C":
			return sym.CublasCcopy_v2(h.h, n32, cargs.Pointer(x), ix, cargs.Pointer(y), iy)
		}
		return sym.CublasZcopy_v2(h.h, n32, cargs.Pointer(x), ix, cargs.Pointer(y), iy)
	})
}

// Swap exchanges x and y.
func Swap[T Elem](h *Handle, n int, x driver.DevicePtr, incx int, y driver.DevicePtr, incy int) error {
	op := cargs.Prefix[T]() + "swap"
	if err := level1(h, op, n, incx, incy); err != nil {
		return err
	}
	n32, ix, iy := int32(n), int32(incx), int32(incy)
	return h.call(op, func() sym.CublasStatus_t {
		switch cargs.Prefix[T]() {
		case "S":
			return sym.CublasSswap_v2(h.h, n32, cargs.Ptr[float32](x), ix, cargs.Ptr[float32](y), iy)
		case "D":
			return sym.CublasDswap_v2(h.h, n32, cargs.Ptr[float64](x), ix, cargs.Ptr[float64](y), iy)
		case "C":
			return sym.CublasCswap_v2(h.h, n32, cargs.Pointer(x), ix, cargs.Pointer(y), iy)
		}
		return sym.CublasZswap_v2(h.h, n32, cargs.Pointer(x), ix, cargs.Pointer(y), iy)
	})
}
