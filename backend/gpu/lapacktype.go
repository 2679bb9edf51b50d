package gpu

import (
	"fmt"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/dtype"
)

// ByLAPACKType picks, for dt, the one of s, d, c and z made for its LAPACK
// element type (float32, float64, complex64, complex128): the vendor
// adapters' Solver.For. Any other dtype is an error wrapping
// backend.ErrUnsupported that names lib.
func ByLAPACKType[V any](lib string, dt dtype.DType, s, d, c, z V) (V, error) {
	switch dt {
	case dtype.Float32:
		return s, nil
	case dtype.Float64:
		return d, nil
	case dtype.Complex64:
		return c, nil
	case dtype.Complex128:
		return z, nil
	}
	var none V
	return none, fmt.Errorf("%s: %v is %w", lib, dt, backend.ErrUnsupported)
}
