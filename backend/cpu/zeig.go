package cpu

import (
	"math"
	"math/cmplx"
	"slices"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/dtype"
)

// The complex nonsymmetric eigenproblem, which gonum's LAPACK lacks, as
// LAPACK's zgeev solves it: balancing by diagonal scaling, Householder
// reduction to upper Hessenberg form, the shifted complex QR iteration
// of zlahqr (Wilkinson shifts, deflation on small subdiagonals by the
// Ahues–Tisseur test, exceptional shifts when it stalls) to the Schur
// form T = Zᴴ·A·Z, and eigenvectors by back substitution in T,
// transformed back by Z. All in complex128; complex64 is rounded after.

const (
	ulp    = 0x1p-52      // LAPACK's dlamch('P')
	safmin = 0x1p-1022    // dlamch('S')
	exshIt = 10           // iterations without deflation before an exceptional shift
	exshC  = 0.75         // its size, in units of a subdiagonal
	maxIts = 30           // QR sweeps allowed per eigenvalue, times max(10, n)
	rescal = 0x1p500      // the largest component a back-substituted vector may grow to
	balTol = 0.95         // a balancing step must shrink a row's and column's norms by this
	balMin = safmin / ulp // the range of balancing's scale factors
	balMax = 1 / balMin
	// zgeev's range for the largest element, sqrt(safmin)/ulp to its
	// inverse, where no product in the solver overflows or underflows
	// to a loss
	scaleMin = 0x1p-459
	scaleMax = 0x1p459
)

// zgeev computes the eigenvalues w of the n×n row-major a (overwritten)
// and, where v is not nil, its right eigenvectors as v's columns, each of
// unit 2-norm with its largest component real (zgeev's normalisation).
// It reports whether the QR iteration converged.
func zgeev(n int, a, w, v []complex128, sc *scratch) bool {
	if n == 0 {
		return true
	}
	f := rangeScale(a)
	d := reuse(&sc.sv, n)
	balance(n, a, d)
	// v holds Zᵀ until the end: the transforms of Z and the
	// eigenvectors then run along rows, contiguous in memory.
	vectors := v != nil
	if vectors {
		setIdentity(v, n)
	}
	work := reuse(&sc.ztau, 2*n)
	hessenberg(n, a, v, work)
	if !schur(n, a, v, w, vectors) {
		return false
	}
	if f != 1 {
		for i := range w {
			w[i] /= complex(f, 0)
		}
	}
	if vectors {
		schurVectors(n, a, v, work)
		for c := range n {
			x := v[c*n : (c+1)*n]
			for r, f := range d {
				x[r] *= complex(f, 0)
			}
			normalize(x)
		}
		for r := range n {
			for c := range r {
				v[r*n+c], v[c*n+r] = v[c*n+r], v[r*n+c]
			}
		}
	}
	return true
}

// rangeScale multiplies a by the power of two f that brings its largest
// element into [scaleMin, scaleMax] where it lies outside (exactly, but
// for what underflows), and returns f: the eigenvalues are f times a's,
// the eigenvectors a's.
func rangeScale(a []complex128) float64 {
	big := 0.0
	for _, z := range a {
		big = max(big, cmplx.Abs(z))
	}
	var to float64
	switch {
	case big > 0 && big < scaleMin:
		to = scaleMin
	case big > scaleMax:
		to = scaleMax
	default:
		return 1
	}
	f := math.Ldexp(1, math.Ilogb(to)-math.Ilogb(big))
	for i := range a {
		a[i] *= complex(f, 0)
	}
	return f
}

// balance scales the rows and columns of a by powers of two, a ← D⁻¹·A·D
// with D = diag(d), so that each row and column have norms of one size
// (zgebal's scaling, without its permutations): eigenvalues are exact
// invariants of it and computed more accurately after it.
func balance(n int, a []complex128, d []float64) {
	for i := range d {
		d[i] = 1
	}
	for changed := true; changed; {
		changed = false
		for i := range n {
			var c, r float64 // the column's and row's 2-norms
			for j := range n {
				c = math.Hypot(c, cmplx.Abs(a[j*n+i]))
				r = math.Hypot(r, cmplx.Abs(a[i*n+j]))
			}
			if c == 0 || r == 0 {
				continue
			}
			// the power of two f that brings c·f and r/f within a factor 2
			f, s := 1.0, c+r
			for c < r/2 && f < balMax {
				f, c, r = f*2, c*2, r/2
			}
			for c/2 >= r && f > balMin {
				f, c, r = f/2, c/2, r*2
			}
			// Scale only where it shrinks the norms enough, and d stays in range.
			if c+r >= balTol*s || d[i]*f < balMin || d[i]*f > balMax {
				continue
			}
			d[i] *= f
			for j := range n {
				a[i*n+j] /= complex(f, 0)
				a[j*n+i] *= complex(f, 0)
			}
			changed = true
		}
	}
}

// hessenberg reduces the n×n row-major a to upper Hessenberg form
// Qᴴ·A·Q by Householder reflectors, zeroing what lies below the
// subdiagonal; qt, where not nil, holds I and becomes Qᵀ.
// work holds 2n elements.
func hessenberg(n int, a, qt, work []complex128) {
	for k := 0; k+2 < n; k++ {
		beta, tau, div := reflector(a[(k+1)*n+k], columnNorm(a, n, k, k+2, n))
		if tau == 0 {
			continue
		}
		// the reflector's vector v = (1, x/div) on rows k+1..n-1
		v, vc := work[k+1:n], work[n+k+1:2*n]
		v[0] = 1
		for i := k + 2; i < n; i++ {
			v[i-k-1] = a[i*n+k] / div
			a[i*n+k] = 0
		}
		a[(k+1)*n+k] = complex(beta, 0)
		reflectRows(n, a, k+1, k+1, v, tau)
		reflectColumns(n, a, k+1, v, tau)
		if qt != nil { // Hᵀ·Qᵀ, Hᵀ = I - tau·conj(v)·vᵀ
			for i, x := range v {
				vc[i] = cmplx.Conj(x)
			}
			reflectRows(n, qt, k+1, 0, vc, cmplx.Conj(tau))
		}
	}
}

// reflectRows applies Hᴴ = I - conj(tau)·v·vᴴ from the left to rows
// top..top+len(v)-1 and columns from..n-1 of the n×n row-major a.
func reflectRows(n int, a []complex128, top, from int, v []complex128, tau complex128) {
	s := make([]complex128, n-from) // vᴴ·A, a row
	for i, vi := range v {
		row := a[(top+i)*n+from : (top+i+1)*n]
		ci := cmplx.Conj(vi)
		for j, x := range row {
			s[j] += ci * x
		}
	}
	for i, vi := range v {
		row := a[(top+i)*n+from : (top+i+1)*n]
		f := cmplx.Conj(tau) * vi
		for j := range row {
			row[j] -= f * s[j]
		}
	}
}

// reflectColumns applies H = I - tau·v·vᴴ from the right to columns
// left..left+len(v)-1 of every row of the n×n row-major a.
func reflectColumns(n int, a []complex128, left int, v []complex128, tau complex128) {
	for r := range n {
		row := a[r*n+left : r*n+left+len(v)]
		var s complex128
		for j, x := range row {
			s += x * v[j]
		}
		s *= tau
		for j := range row {
			row[j] -= s * cmplx.Conj(v[j])
		}
	}
}

// schur runs the shifted QR iteration on the n×n upper Hessenberg h and
// writes its eigenvalues into w. With full, h becomes the upper
// triangular Schur form T and zt (n×n) becomes Zᵀ·zt for the unitary Z of
// H = Z·T·Zᴴ; without, only the active blocks are updated. It reports
// convergence within maxIts·max(10, n) sweeps per eigenvalue.
func schur(n int, h, zt, w []complex128, full bool) bool {
	at := func(r, c int) *complex128 { return &h[r*n+c] }
	smlnum := safmin * (float64(n) / ulp)
	itmax := maxIts * max(10, n)
	sinceDeflation := 0
	for i := n - 1; i >= 0; {
		converged := false
		l := 0
		for range itmax {
			l = deflationPoint(n, h, l, i, smlnum)
			if l > 0 {
				*at(l, l-1) = 0
			}
			if l >= i {
				converged = true
				break
			}
			sinceDeflation++
			first, last := l, i // the rows and columns a sweep updates
			if full {
				first, last = 0, n-1
			}
			var shift complex128
			switch {
			case sinceDeflation%(2*exshIt) == 0: // stalled: exceptional shifts
				shift = *at(i, i) + complex(exshC*abs1(*at(i, i-1)), 0)
			case sinceDeflation%exshIt == 0:
				shift = *at(l, l) + complex(exshC*abs1(*at(l+1, l)), 0)
			default:
				shift = wilkinsonShift(*at(i-1, i-1), *at(i-1, i), *at(i, i-1), *at(i, i))
			}
			m, v0, v1 := sweepStart(n, h, l, i, shift)
			for k := m; k < i; k++ {
				if k > m {
					v0, v1 = *at(k, k-1), *at(k+1, k-1)
				}
				beta, tau, div := reflector(v0, cmplx.Abs(v1))
				if k > m {
					*at(k, k-1), *at(k+1, k-1) = complex(beta, 0), 0
				}
				if tau == 0 {
					continue
				}
				v2 := v1 / div
				// Hᴴ from the left on rows k, k+1; H from the right on
				// columns k, k+1 (down to the bulge's row k+2), and on Z.
				// A sweep that starts below l also turns h[m][m-1] (by a
				// factor near a unit phase, which must not be lost) and
				// makes h[m+1][m-1], which sweepStart found negligible.
				c1, c2 := cmplx.Conj(tau), cmplx.Conj(tau*v2)
				from := k
				if k == m && m > l {
					from = m - 1
				}
				rk, rk1 := h[k*n+from:k*n+last+1], h[(k+1)*n+from:(k+1)*n+last+1]
				for j := range rk {
					s := c1*rk[j] + c2*rk1[j]
					rk[j] -= s
					rk1[j] -= s * v2
				}
				if from < k {
					*at(m+1, m-1) = 0
				}
				d2, cv := tau*v2, cmplx.Conj(v2)
				for r := first; r <= min(k+2, i); r++ {
					p, q := at(r, k), at(r, k+1)
					s := tau**p + d2**q
					*p -= s
					*q -= s * cv
				}
				if full && zt != nil { // rows k, k+1 of Zᵀ, by the same formulas
					p, q := zt[k*n:(k+1)*n], zt[(k+1)*n:(k+2)*n]
					for j := range p {
						s := tau*p[j] + d2*q[j]
						p[j] -= s
						q[j] -= s * cv
					}
				}
			}
		}
		if !converged {
			return false
		}
		w[i] = *at(i, i)
		sinceDeflation = 0
		i--
	}
	return true
}

// deflationPoint returns the row l in (lo, i] below the last negligible
// subdiagonal element h[l][l-1] of rows lo..i, or lo where there is none:
// negligible next to its neighbours by the Ahues–Tisseur test (zlahqr's).
func deflationPoint(n int, h []complex128, lo, i int, smlnum float64) int {
	at := func(r, c int) complex128 { return h[r*n+c] }
	for k := i; k > lo; k-- {
		sub := abs1(at(k, k-1))
		if sub <= smlnum {
			return k
		}
		tst := abs1(at(k-1, k-1)) + abs1(at(k, k))
		if tst == 0 {
			if k-2 >= 0 {
				tst += abs1(at(k-1, k-2))
			}
			if k+1 < n {
				tst += abs1(at(k+1, k))
			}
		}
		if sub > ulp*tst {
			continue
		}
		ab, ba := max(sub, abs1(at(k-1, k))), min(sub, abs1(at(k-1, k)))
		diff := abs1(at(k-1, k-1) - at(k, k))
		aa, bb := max(abs1(at(k, k)), diff), min(abs1(at(k, k)), diff)
		s := aa + ab
		if ba*(ab/s) <= max(smlnum, ulp*(bb*(aa/s))) {
			return k
		}
	}
	return lo
}

// wilkinsonShift is the eigenvalue of [[a, b], [c, d]] nearer to d:
// d + x - y with x = (a-d)/2 and y = ±sqrt(x² + bc) the root aligned with
// x, written as d - bc/(x+y) so as not to cancel, and computed on x, y and
// sqrt(bc) divided by the largest of them, so that nothing underflows.
func wilkinsonShift(a, b, c, d complex128) complex128 {
	u := cmplx.Sqrt(b) * cmplx.Sqrt(c) // u² = bc, without overflowing
	x := (a - d) / 2
	s := max(abs1(u), abs1(x))
	if abs1(u) == 0 {
		return d
	}
	xs, us := x/complex(s, 0), u/complex(s, 0)
	ys := cmplx.Sqrt(xs*xs + us*us)
	if real(xs)*real(ys)+imag(xs)*imag(ys) < 0 {
		ys = -ys
	}
	return d - u*(us/(xs+ys))
}

// sweepStart finds where a QR sweep on rows l..i with the given shift may
// start: the lowest row m above which the subdiagonal is small enough
// that starting there changes H negligibly, with the first column
// (v0, v1) of H - shift·I there, scaled.
func sweepStart(n int, h []complex128, l, i int, shift complex128) (m int, v0, v1 complex128) {
	at := func(r, c int) complex128 { return h[r*n+c] }
	for m = i - 1; ; m-- {
		h11, h22 := at(m, m), at(m+1, m+1)
		v0, v1 = h11-shift, at(m+1, m)
		s := complex(abs1(v0)+abs1(v1), 0)
		v0, v1 = v0/s, v1/s
		if m == l || abs1(at(m, m-1))*abs1(v1) <= ulp*(abs1(v0)*(abs1(h11)+abs1(h22))) {
			return m, v0, v1
		}
	}
}

// schurVectors overwrites zt, the transposed Schur vectors (n×n), with the
// transposed eigenvectors of A = Z·T·Zᴴ: the eigenvector x of T for
// T[k][k] solves the upper triangular (T[:k, :k] - T[k][k]·I)·x =
// -T[:k, k] (with x[k] = 1), and Z·x is A's. Near-zero pivots are raised
// to a small multiple of the eigenvalue's size, as ztrevc does, so
// repeated eigenvalues give vectors instead of infinities. x holds n
// elements.
func schurVectors(n int, t, zt, x []complex128) {
	smlnum := safmin * (float64(n) / ulp)
	for k := n - 1; k >= 0; k-- {
		lambda := t[k*n+k]
		smin := max(ulp*abs1(lambda), smlnum)
		x[k] = 1
		for j := k - 1; j >= 0; j-- {
			var s complex128 // -(T[j][j+1:k+1] · x[j+1:k+1]); x[k] is 1 until a rescaling
			row := t[j*n : j*n+k+1]
			for c := j + 1; c <= k; c++ {
				s -= row[c] * x[c]
			}
			d := row[j] - lambda
			if abs1(d) < smin {
				d = complex(smin, 0)
			}
			if abs1(s) > abs1(d)*rescal { // scale x down before x[j] can overflow
				f := complex(abs1(d)*rescal/abs1(s), 0)
				for c := j + 1; c <= k; c++ {
					x[c] *= f
				}
				s *= f
			}
			x[j] = s / d
		}
		// Row k of (Z·x)ᵀ: rows above k of zt are still Schur vectors.
		out := zt[k*n : (k+1)*n]
		if x[k] != 1 {
			for j := range out {
				out[j] *= x[k]
			}
		}
		for c, xc := range x[:k] {
			for j, z := range zt[c*n : (c+1)*n] {
				out[j] += xc * z
			}
		}
	}
}

// normalize scales x to unit 2-norm and rotates its phase so that its
// largest component (the first of them) is real and positive, as zgeev
// does.
func normalize(x []complex128) {
	var sum, big float64
	arg := 0
	for i, z := range x {
		m := real(z)*real(z) + imag(z)*imag(z)
		sum += m
		if m > big {
			big, arg = m, i
		}
	}
	if sum == 0 || math.IsInf(sum, 0) { // underflow or overflow: rescale first
		f := 0.0
		for _, z := range x {
			f = max(f, abs1(z))
		}
		if f == 0 {
			return
		}
		for i := range x {
			x[i] /= complex(f, 0)
		}
		normalize(x)
		return
	}
	phase := cmplx.Conj(x[arg]) / complex(math.Sqrt(big), 0)
	f := phase / complex(math.Sqrt(sum), 0)
	for i := range x {
		x[i] *= f
	}
	x[arg] = complex(real(x[arg]), 0)
}

// zEig is Eig for complex matrices.
func (b *Backend) zEig(dt dtype.DType, batch, n int, a, w, v backend.Buffer) error {
	ma, err := matricesOf[complex128]("Eig", dt, a, batch, n*n)
	if err != nil {
		return err
	}
	mw, err := matricesOf[complex128]("Eig", dt, w, batch, n)
	if err != nil {
		return err
	}
	var mv matrices[complex128]
	if v != nil {
		if mv, err = matricesOf[complex128]("Eig", dt, v, batch, n*n); err != nil {
			return err
		}
	}
	return b.eachMatrix("Eig", batch, func(i int, sc *scratch) error {
		x := ma.load(i, &sc.za)
		if slices.ContainsFunc(x, func(z complex128) bool { return cmplx.IsNaN(z) || cmplx.IsInf(z) }) {
			return backend.ErrNoConvergence
		}
		ww := reuse(&sc.zc, n)
		var vv []complex128
		if v != nil {
			vv = reuse(&sc.zb, n*n)
		}
		if !zgeev(n, x, ww, vv, sc) {
			return backend.ErrNoConvergence
		}
		mw.store(i, ww)
		if v != nil {
			mv.store(i, vv)
		}
		return nil
	})
}
