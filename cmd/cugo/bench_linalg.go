package main

import (
	"time"

	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/array/linalg"
)

// The dense linear algebra workloads: sides 4096 and 2048 at full size
// (half and a quarter of e.side: 512 and 256 at the small size), times in
// milliseconds.

// spd returns n×n matrices of dt that are symmetric and diagonally
// dominant (so positive definite and well conditioned).
func (e *benchEnv) spd(dt array.DType, n int) *array.Array {
	r := e.random(7, n, n)
	defer r.Free()
	return r.Add(r.T()).Add(array.On(e.dev.Backend()).Identity(n, array.Float32).Mul(2 * n)).AsType(dt)
}

func ms(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1e6 }

// benchSolve solves A X = B for a diagonally dominant float64 A and 16
// right-hand sides.
func benchSolve(e *benchEnv) (float64, error) {
	n := e.side / 2
	a := e.spd(array.Float64, n)
	b := e.random(8, n, 16).AsType(array.Float64)
	defer a.Free()
	defer b.Free()
	d, err := e.deviceTime(5, func() error {
		x := linalg.Solve(a, b)
		defer x.Free()
		return x.Err()
	})
	return ms(d), err
}

// benchCholesky factors a symmetric positive-definite float64 matrix.
func benchCholesky(e *benchEnv) (float64, error) {
	a := e.spd(array.Float64, e.side/2)
	defer a.Free()
	d, err := e.deviceTime(5, func() error {
		l := linalg.Cholesky(a, false)
		defer l.Free()
		return l.Err()
	})
	return ms(d), err
}

// benchEigh computes the eigenvalues and eigenvectors of a symmetric
// float32 matrix.
func benchEigh(e *benchEnv) (float64, error) {
	a := e.spd(array.Float32, e.side/4)
	defer a.Free()
	d, err := e.deviceTime(3, func() error {
		w, v := linalg.Eigh(a, "L")
		defer w.Free()
		defer v.Free()
		return v.Err()
	})
	return ms(d), err
}

// benchSVD computes the full SVD (U, S, Vh) of a float32 matrix.
func benchSVD(e *benchEnv) (float64, error) {
	a := e.random(9, e.side/4, e.side/4)
	defer a.Free()
	d, err := e.deviceTime(2, func() error {
		u, s, vh := linalg.SVD(a, true, true)
		defer u.Free()
		defer s.Free()
		defer vh.Free()
		return vh.Err()
	})
	return ms(d), err
}
