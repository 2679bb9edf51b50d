// Package linalg is numpy.linalg for cugo arrays: solving, inverses,
// determinants, factorizations (Cholesky, QR, SVD, Hermitian and general
// eigenproblems), least squares, pseudo-inverses, ranks, norms and
// condition numbers.
//
// Every function takes stacks of matrices, (..., M, N) arrays whose leading
// axes broadcast as NumPy's do, and computes in NumPy's dtype: float32,
// float64, complex64 or complex128 as given, float64 for integers and
// booleans; float16 is refused as NumPy refuses it. The factorizations run
// on the array's backend through backend.Linalg (gonum's LAPACK on the CPU).
// Results are arrays that carry the first error, as everywhere in cugo; a
// matrix that cannot be factored gives an error that errors.Is matches
// with ErrSingular, ErrNotPositiveDefinite or ErrNoConvergence, and all of
// them, like the shape errors NumPy raises as LinAlgError, match ErrLinAlg.
package linalg

import (
	"errors"
	"fmt"
	"strings"

	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/dtype"
)

// The errors of this package, the analogues of NumPy's LinAlgError.
var (
	ErrLinAlg              = backend.ErrLinAlg
	ErrSingular            = backend.ErrSingular
	ErrNotPositiveDefinite = backend.ErrNotPositiveDefinite
	ErrNoConvergence       = backend.ErrNoConvergence
)

// linalgErrorf is an error that matches ErrLinAlg.
func linalgErrorf(op, format string, args ...any) error {
	return fmt.Errorf("%s: %w: %s", op, ErrLinAlg, fmt.Sprintf(format, args...))
}

// operands checks that the arrays carry no error and share one backend.
func operands(op string, xs ...*array.Array) error {
	for _, x := range xs {
		if err := x.Err(); err != nil {
			return err
		}
	}
	for _, x := range xs[1:] {
		if b0, b := xs[0].Backend(), x.Backend(); b != b0 {
			d0, d := b0.Device(), b.Device()
			return fmt.Errorf("%s: operands live on different devices %s:%d and %s:%d", op, d0.Kind, d0.Ordinal, d.Kind, d.Ordinal)
		}
	}
	return nil
}

// commonType is the dtype NumPy's linalg computes the arrays in.
func commonType(op string, xs ...*array.Array) (dtype.DType, error) {
	var dt dtype.DType
	for i, x := range xs {
		t := x.DType()
		switch t.Kind() {
		case dtype.BoolKind, dtype.IntKind, dtype.UintKind:
			t = dtype.Float64
		}
		if t == dtype.Float16 || t == dtype.BFloat16 {
			return 0, fmt.Errorf("%s: array type %v is unsupported in linalg", op, t)
		}
		if i == 0 {
			dt = t
			continue
		}
		var err error
		if dt, err = dtype.Promote(dt, t); err != nil {
			return 0, fmt.Errorf("%s: %w", op, err)
		}
	}
	return dt, nil
}

// stacked checks that a is a stack of matrices, square if asked.
func stacked(op string, a *array.Array, square bool) error {
	s := a.Shape()
	if len(s) < 2 {
		return linalgErrorf(op, "%d-dimensional array given. Array must be at least two-dimensional", len(s))
	}
	if square && s[len(s)-1] != s[len(s)-2] {
		return linalgErrorf(op, "Last 2 dimensions of the array must be square")
	}
	return nil
}

// solver returns the backend's linear algebra.
func solver(op string, a *array.Array) (backend.Linalg, error) {
	la, ok := a.Backend().(backend.Linalg)
	if !ok {
		return nil, fmt.Errorf("%s: dense linear algebra is %w on the %s backend", op, backend.ErrUnsupported, a.Backend().Device().Kind)
	}
	return la, nil
}

// matrices is a C-contiguous copy of a stack of matrices in the dtype of
// the computation, or an output of that layout, whose buffer the backend
// writes.
type matrices struct {
	*array.Array
	buf backend.Buffer
}

// workCopy copies x, broadcast to shape, into a new C-contiguous array of dt.
func workCopy(x *array.Array, dt dtype.DType, shape []int) (matrices, error) {
	return bufferOf(x.BroadcastTo(shape...).AsType(dt))
}

// newMatrices allocates an output on b.
func newMatrices(b backend.Backend, dt dtype.DType, shape []int) (matrices, error) {
	return bufferOf(array.On(b).Empty(dt, shape...))
}

func bufferOf(a *array.Array) (matrices, error) {
	buf, off, err := a.Buffer()
	if err == nil && off != 0 {
		err = fmt.Errorf("a new array starts at element %d of its buffer", off)
	}
	return matrices{a, buf}, err
}

// batchOf is the number of matrices of a stack whose leading axes are lead.
func batchOf(lead []int) int {
	n := 1
	for _, d := range lead {
		n *= d
	}
	return n
}

// call runs a backend operation on the buffers of ms, keeping their
// arrays alive until it returns, and names the failing matrix of a stack
// by its index along the leading axes.
func call(op string, lead []int, f func() error, ms ...matrices) error {
	var arrays []*array.Array
	for _, m := range ms {
		if m.Array != nil { // an output the caller did not ask for
			arrays = append(arrays, m.Array)
		}
	}
	release, err := array.Hold(arrays...)
	if err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	err = f()
	release()
	var me *backend.MatrixError
	if errors.As(err, &me) {
		return fmt.Errorf("%s: %w%s", op, me.Err, matrixName(me.Index, lead))
	}
	if err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	return nil
}

// matrixName says which matrix of a stack failed: "" for a single matrix,
// else " (matrix [1 2] of the stack)".
func matrixName(i int, lead []int) string {
	if len(lead) == 0 {
		return ""
	}
	idx := make([]string, len(lead))
	for k := len(lead) - 1; k >= 0; k-- {
		idx[k] = fmt.Sprint(i % lead[k])
		i /= lead[k]
	}
	return " (matrix [" + strings.Join(idx, " ") + "] of the stack)"
}

// free releases the work arrays of a computation.
func free(ms ...matrices) {
	for _, m := range ms {
		if m.Array != nil {
			m.Free()
		}
	}
}

// realType is the dtype of singular values, eigenvalues and norms of dt.
func realType(dt dtype.DType) dtype.DType { return backend.RealDType(dt) }

// eps is the machine epsilon of a real dtype.
func eps(dt dtype.DType) float64 {
	if realType(dt) == dtype.Float32 {
		return 0x1p-23
	}
	return 0x1p-52
}

// matrixShape splits the shape of a stack into its leading axes and its
// matrices' rows and columns.
func matrixShape(a *array.Array) (lead []int, m, n int) {
	s := a.Shape()
	return s[:len(s)-2], s[len(s)-2], s[len(s)-1]
}

// with returns shape extended by dims.
func with(shape []int, dims ...int) []int {
	return append(append([]int(nil), shape...), dims...)
}
