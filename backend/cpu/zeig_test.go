package cpu

import (
	"math"
	"math/cmplx"
	"math/rand/v2"
	"testing"
	"time"
)

// TestSchurIterationCap: where no subdiagonal can ever be negligible (a NaN
// fails every comparison) the QR iteration gives up after its cap and
// reports it, instead of looping.
func TestSchurIterationCap(t *testing.T) {
	const n = 8
	r := rand.New(rand.NewPCG(3, 3))
	h := make([]complex128, n*n)
	for i := range n {
		for j := max(0, i-1); j < n; j++ {
			h[i*n+j] = complex(r.NormFloat64(), r.NormFloat64())
		}
	}
	h[5*n+4] = cmplx.NaN()
	done := make(chan bool, 1)
	go func() { done <- schur(n, h, nil, make([]complex128, n), false) }()
	select {
	case ok := <-done:
		if ok {
			t.Fatal("schur reported convergence on a NaN subdiagonal")
		}
	case <-time.After(20 * time.Second):
		t.Fatal("schur did not stop")
	}
}

// TestWilkinsonShift: the shift is the eigenvalue of the trailing 2×2
// block nearer to its last diagonal element, computed without cancelling.
func TestWilkinsonShift(t *testing.T) {
	for _, c := range []struct{ a, b, c, d complex128 }{
		{1, 2, 3, 4}, {4, 2, 3, 1}, {1i, 1e-9, 1e-9, 1 + 1e-12i}, {2, 0, 5, 3}, {1e200, 1e200, 1e200, -1e200},
		// products of these underflow (x·y = 0 chose y's sign wrongly: 0/0)
		{complex(-5.630475937964789e-271, -1.492988604438611e-272), -2.626903552830961e-286, -1.5978830501867435e-286, complex(-5.832897615645118e-302, 2.3331590462580472e-302)},
	} {
		// the eigenvalues: d + x ± sqrt(x² + bc), x = (a - d)/2, in float64 with scaling
		s := max(cmplx.Abs(c.a), cmplx.Abs(c.b), cmplx.Abs(c.c), cmplx.Abs(c.d))
		a, b, cc, d := c.a/complex(s, 0), c.b/complex(s, 0), c.c/complex(s, 0), c.d/complex(s, 0)
		x := (a - d) / 2
		y := cmplx.Sqrt(x*x + b*cc)
		near := d + x + y
		if far := d + x - y; cmplx.Abs(far-d) < cmplx.Abs(near-d) {
			near = far
		}
		near *= complex(s, 0)
		got := wilkinsonShift(c.a, c.b, c.c, c.d)
		if !(cmplx.Abs(got-near) <= 1e-12*s) { // NaN fails too
			t.Errorf("wilkinsonShift%v = %v, want %v", c, got, near)
		}
	}
}

// TestBalance: balancing is a diagonal similarity by powers of two that
// evens out the rows and columns of a badly scaled matrix.
func TestBalance(t *testing.T) {
	const n = 3
	a := []complex128{1, 1e6, 1e12i, 1e-6, 2, 1e6, 1e-12, 1e-6, 3}
	b := append([]complex128(nil), a...)
	d := make([]float64, n)
	balance(n, b, d)
	for i := range n {
		if f := math.Log2(d[i]); f != math.Trunc(f) {
			t.Fatalf("scale %d is %v, not a power of two", i, d[i])
		}
		for j := range n {
			if want := a[i*n+j] * complex(d[j]/d[i], 0); b[i*n+j] != want {
				t.Fatalf("balanced[%d][%d] = %v, want %v", i, j, b[i*n+j], want)
			}
		}
	}
	if big := cmplx.Abs(b[2]); big > 1e3 {
		t.Errorf("the corner is still %v after balancing: %v", big, d)
	}
}
