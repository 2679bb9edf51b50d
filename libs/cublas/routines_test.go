package cublas

import (
	"errors"
	"fmt"
	"math"
	"math/cmplx"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/cugo/cugo/driver"
	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/cargs"
)

// GPU tests: every routine against a float64 host reference, on random
// inputs of sizes that are not multiples of 32, on a non-default stream.

const m, n, k = 127, 255, 63 // C is m×n, the inner size k
const batch = 7

func TestGPUVersionAndModes(t *testing.T) {
	g, h := newGPUHandle(t)
	major, minor, patch, err := Version()
	if err != nil || major < 11 {
		t.Fatalf("Version() = %d.%d.%d, %v; want 11 or later", major, minor, patch, err)
	}
	t.Logf("cuBLAS %d.%d.%d", major, minor, patch)
	if mode, err := h.MathMode(); err != nil || mode != DefaultMath {
		t.Fatalf("MathMode() = %d, %v; want DefaultMath on a new handle", mode, err)
	}
	ws := upload(t, g, make([]byte, 32<<20))
	if err := h.SetWorkspace(ws, 32<<20); err != nil {
		t.Fatalf("SetWorkspace: %v", err)
	}
	if err := h.SetPointerMode(PointerModeDevice); err != nil {
		t.Fatal(err)
	}
	if err := Scal[float32](h, 1, 2, ws, 1); !errors.Is(err, ErrInvalidValue) {
		t.Errorf("Scal in PointerModeDevice: %v, want ErrInvalidValue", err)
	}
	if err := h.SetPointerMode(PointerModeHost); err != nil {
		t.Fatal(err)
	}
	// A status from cuBLAS itself: mismatched GemmEx input types.
	p := upload(t, g, make([]float64, 16))
	err = GemmEx(h, NoTrans, NoTrans, 2, 2, 2, 1, Operand{p, R16F, 2, 0}, Operand{p, R64F, 2, 0}, 0, Operand{p, R32F, 2, 0}, Compute32F)
	var e *Error
	if !errors.As(err, &e) || !strings.HasPrefix(e.Name, "CUBLAS_STATUS_") || !strings.Contains(err.Error(), "GemmEx") {
		t.Errorf("GemmEx with mismatched types: %v, want a cuBLAS status error", err)
	}
}

func TestGPULevel1(t *testing.T) {
	t.Run("S", func(t *testing.T) { testLevel1[float32](t) })
	t.Run("D", func(t *testing.T) { testLevel1[float64](t) })
	t.Run("C", func(t *testing.T) { testLevel1[complex64](t) })
	t.Run("Z", func(t *testing.T) { testLevel1[complex128](t) })
}

func testLevel1[T Elem](t *testing.T) {
	g, h := newGPUHandle(t)
	rng := rand.New(rand.NewPCG(1, 1))
	const size, incx, incy = 1001, 2, 3
	xs, ys := randElems[T](rng, size*incx), randElems[T](rng, size*incy)
	X, Y := c128s(xs), c128s(ys)
	tol := tolerance[T]()
	alpha := fromC128[T](complex(0.75, -0.25))
	a := c128(alpha)

	// Axpy, with only every incy-th element of y touched.
	x, y := upload(t, g, xs), upload(t, g, ys)
	if err := Axpy(h, size, alpha, x, incx, y, incy); err != nil {
		t.Fatal(err)
	}
	r := ref{want: append([]complex128(nil), Y...), scale: make([]complex128, len(Y))}
	for i := range size {
		r.want[i*incy] = a*X[i*incx] + Y[i*incy]
		r.scale[i*incy] = complex(cmplx.Abs(a*X[i*incx])+cmplx.Abs(Y[i*incy]), 0)
	}
	r.check(t, "axpy", c128s(download[T](t, g, y, len(ys))), tol)

	// Scal.
	x = upload(t, g, xs)
	if err := Scal(h, size, alpha, x, incx); err != nil {
		t.Fatal(err)
	}
	r = ref{want: append([]complex128(nil), X...), scale: make([]complex128, len(X))}
	for i := range size {
		r.want[i*incx] = a * X[i*incx]
		r.scale[i*incx] = complex(cmplx.Abs(r.want[i*incx]), 0)
	}
	r.check(t, "scal", c128s(download[T](t, g, x, len(xs))), tol)

	// Reductions return host values.
	x, y = upload(t, g, xs), upload(t, g, ys)
	var dot, dotc complex128
	var scale, nrm, asum float64
	best, bestAbs := 0, -1.0
	for i := range size {
		xi, yi := X[i*incx], Y[i*incy]
		dot += xi * yi
		dotc += cmplx.Conj(xi) * yi
		scale += cmplx.Abs(xi * yi)
		nrm += real(xi)*real(xi) + imag(xi)*imag(xi)
		l1 := math.Abs(real(xi)) + math.Abs(imag(xi))
		asum += l1
		if l1 > bestAbs {
			best, bestAbs = i, l1
		}
	}
	gotDot, err := Dot[T](h, size, x, incx, y, incy)
	if err != nil {
		t.Fatal(err)
	}
	ref{want: []complex128{dot}, scale: []complex128{complex(scale, 0)}}.check(t, "dot", []complex128{c128(gotDot)}, tol)
	if cargs.Prefix[T]() == "C" {
		got, err := Dotc[complex64](h, size, x, incx, y, incy)
		if err != nil {
			t.Fatal(err)
		}
		ref{want: []complex128{dotc}, scale: []complex128{complex(scale, 0)}}.check(t, "dotc", []complex128{complex128(got)}, tol)
	}
	if cargs.Prefix[T]() == "Z" {
		got, err := Dotc[complex128](h, size, x, incx, y, incy)
		if err != nil {
			t.Fatal(err)
		}
		ref{want: []complex128{dotc}, scale: []complex128{complex(scale, 0)}}.check(t, "dotc", []complex128{got}, tol)
	}
	gotNrm, err := Nrm2[T](h, size, x, incx)
	if err != nil || math.Abs(gotNrm-math.Sqrt(nrm)) > tol*math.Sqrt(nrm) {
		t.Errorf("nrm2 = %v, %v; want %v", gotNrm, err, math.Sqrt(nrm))
	}
	gotAsum, err := Asum[T](h, size, x, incx)
	if err != nil || math.Abs(gotAsum-asum) > tol*asum {
		t.Errorf("asum = %v, %v; want %v", gotAsum, err, asum)
	}
	if got, err := Iamax[T](h, size, x, incx); err != nil || got != best {
		t.Errorf("iamax = %v, %v; want %v", got, err, best)
	}

	// Copy and Swap move values exactly.
	dst := upload(t, g, make([]T, size))
	if err := Copy[T](h, size, x, incx, dst, 1); err != nil {
		t.Fatal(err)
	}
	copied := download[T](t, g, dst, size)
	for i := range size {
		if copied[i] != xs[i*incx] {
			t.Fatalf("copy: element %d = %v, want %v", i, copied[i], xs[i*incx])
		}
	}
	if err := Swap[T](h, size, x, incx, y, incy); err != nil {
		t.Fatal(err)
	}
	gx, gy := download[T](t, g, x, len(xs)), download[T](t, g, y, len(ys))
	for i := range size {
		if gx[i*incx] != ys[i*incy] || gy[i*incy] != xs[i*incx] {
			t.Fatalf("swap: element %d not exchanged", i)
		}
	}
}

func TestGPUGemv(t *testing.T) {
	t.Run("S", func(t *testing.T) { testGemv[float32](t) })
	t.Run("D", func(t *testing.T) { testGemv[float64](t) })
	t.Run("C", func(t *testing.T) { testGemv[complex64](t) })
	t.Run("Z", func(t *testing.T) { testGemv[complex128](t) })
}

func testGemv[T Elem](t *testing.T) {
	g, h := newGPUHandle(t)
	rng := rand.New(rand.NewPCG(2, 2))
	const lda = m + 5
	as := randElems[T](rng, lda*n)
	ops := []Op{NoTrans, Trans}
	if cargs.Prefix[T]() == "C" || cargs.Prefix[T]() == "Z" {
		ops = append(ops, ConjTrans)
	}
	for _, o := range ops {
		xLen, yLen := n, m
		if o != NoTrans {
			xLen, yLen = m, n
		}
		xs, ys := randElems[T](rng, xLen), randElems[T](rng, yLen)
		alpha, beta := fromC128[T](1.25), fromC128[T](-0.5)
		y := upload(t, g, ys)
		if err := Gemv(h, o, m, n, alpha, upload(t, g, as), lda, upload(t, g, xs), 1, beta, y, 1); err != nil {
			t.Fatal(err)
		}
		// y is op(A)·x: a GEMM with one column.
		r := refGemm(o, NoTrans, yLen, 1, xLen, c128(alpha), c128s(as), lda, c128s(xs), xLen, c128(beta), c128s(ys), yLen)
		r.check(t, fmt.Sprintf("gemv %d", o), c128s(download[T](t, g, y, yLen)), tolerance[T]())
	}
}

// gemmCase is one GEMM's operands in column-major storage with padded
// leading dimensions.
type gemmCase struct {
	ta, tb        Op
	lda, ldb, ldc int
}

func gemmCases(complexType bool) []gemmCase {
	var cs []gemmCase
	ops := []Op{NoTrans, Trans}
	if complexType {
		ops = append(ops, ConjTrans)
	}
	for _, ta := range ops {
		for _, tb := range ops {
			cs = append(cs, gemmCase{ta, tb, rowsOf(ta, m, k) + 3, rowsOf(tb, k, n) + 1, m + 2})
		}
	}
	return cs
}

// sizes returns the element counts of A, B and C of one case.
func (c gemmCase) sizes() (int, int, int) {
	return c.lda * (m + k - rowsOf(c.ta, m, k)), c.ldb * (k + n - rowsOf(c.tb, k, n)), c.ldc * n
}

func TestGPUGemm(t *testing.T) {
	t.Run("S", func(t *testing.T) { testGemm[float32](t) })
	t.Run("D", func(t *testing.T) { testGemm[float64](t) })
	t.Run("C", func(t *testing.T) { testGemm[complex64](t) })
	t.Run("Z", func(t *testing.T) { testGemm[complex128](t) })
}

func testGemm[T Elem](t *testing.T) {
	g, h := newGPUHandle(t)
	rng := rand.New(rand.NewPCG(3, 3))
	alpha, beta := fromC128[T](complex(1.5, 0.5)), fromC128[T](complex(-0.5, 0.25))
	for _, c := range gemmCases(cargs.Prefix[T]() == "C" || cargs.Prefix[T]() == "Z") {
		na, nb, nc := c.sizes()
		as, bs, cs := randElems[T](rng, na), randElems[T](rng, nb), randElems[T](rng, nc)
		C := upload(t, g, cs)
		if err := Gemm(h, c.ta, c.tb, m, n, k, alpha, upload(t, g, as), c.lda, upload(t, g, bs), c.ldb, beta, C, c.ldc); err != nil {
			t.Fatal(err)
		}
		r := refGemm(c.ta, c.tb, m, n, k, c128(alpha), c128s(as), c.lda, c128s(bs), c.ldb, c128(beta), c128s(cs), c.ldc)
		r.check(t, fmt.Sprintf("gemm %d%d", c.ta, c.tb), c128s(download[T](t, g, C, nc)), tolerance[T]())
	}
}

func TestGPUSgemmTF32(t *testing.T) {
	g, h := newGPUHandle(t)
	if err := h.SetMathMode(TF32TensorOpMath); err != nil {
		t.Fatal(err)
	}
	if mode, err := h.MathMode(); err != nil || mode&TF32TensorOpMath != TF32TensorOpMath {
		t.Fatalf("MathMode() = %d, %v; want TF32TensorOpMath", mode, err)
	}
	rng := rand.New(rand.NewPCG(4, 4))
	c := gemmCase{NoTrans, Trans, m, n, m}
	na, nb, nc := c.sizes()
	as, bs, cs := randElems[float32](rng, na), randElems[float32](rng, nb), randElems[float32](rng, nc)
	C := upload(t, g, cs)
	if err := Gemm[float32](h, c.ta, c.tb, m, n, k, 1, upload(t, g, as), c.lda, upload(t, g, bs), c.ldb, 0, C, c.ldc); err != nil {
		t.Fatal(err)
	}
	r := refGemm(c.ta, c.tb, m, n, k, 1, c128s(as), c.lda, c128s(bs), c.ldb, 0, c128s(cs), c.ldc)
	r.check(t, "sgemm tf32", c128s(download[float32](t, g, C, nc)), tolTF32)
}

func TestGPUHgemm(t *testing.T) {
	g, h := newGPUHandle(t)
	rng := rand.New(rand.NewPCG(5, 5))
	for _, c := range gemmCases(false) {
		na, nb, nc := c.sizes()
		ab, av := randLowPrecision(rng, na, false)
		bb, bv := randLowPrecision(rng, nb, false)
		cb, cv := randLowPrecision(rng, nc, false)
		C := upload(t, g, cb)
		if err := Hgemm(h, c.ta, c.tb, m, n, k, 1, upload(t, g, ab), c.lda, upload(t, g, bb), c.ldb, 0.5, C, c.ldc); err != nil {
			t.Fatal(err)
		}
		r := refGemm(c.ta, c.tb, m, n, k, 1, av, c.lda, bv, c.ldb, 0.5, cv, c.ldc)
		r.check(t, fmt.Sprintf("hgemm %d%d", c.ta, c.tb), decodeLowPrecision(download[uint16](t, g, C, nc), false), tolHalf)
	}
}

func TestGPUGemmEx(t *testing.T) {
	g, h := newGPUHandle(t)
	rng := rand.New(rand.NewPCG(6, 6))
	for _, tc := range []struct {
		in, out DataType
	}{{R16F, R16F}, {R16F, R32F}, {R16BF, R16BF}, {R16BF, R32F}} {
		bf16 := tc.in == R16BF
		c := gemmCase{Trans, NoTrans, k + 1, k, m}
		na, nb, nc := c.sizes()
		ab, av := randLowPrecision(rng, na, bf16)
		bb, bv := randLowPrecision(rng, nb, bf16)
		var C = upload(t, g, make([]float32, nc)) // zeroed, beta = 0
		cv := make([]complex128, nc)
		err := GemmEx(h, c.ta, c.tb, m, n, k, 2,
			Operand{Ptr: upload(t, g, ab), Type: tc.in, LD: c.lda}, Operand{Ptr: upload(t, g, bb), Type: tc.in, LD: c.ldb},
			0, Operand{Ptr: C, Type: tc.out, LD: c.ldc}, Compute32F)
		if err != nil {
			t.Fatal(err)
		}
		var got []complex128
		if tc.out == R32F {
			got = c128s(download[float32](t, g, C, nc))
		} else {
			got = decodeLowPrecision(download[uint16](t, g, C, nc), bf16)
		}
		r := refGemm(c.ta, c.tb, m, n, k, 2, av, c.lda, bv, c.ldb, 0, cv, c.ldc)
		r.check(t, fmt.Sprintf("GemmEx %v->%v", tc.in, tc.out), got, tolHalf)
	}
}

func TestGPUGemmStridedBatched(t *testing.T) {
	t.Run("S", func(t *testing.T) { testStridedBatched[float32](t) })
	t.Run("D", func(t *testing.T) { testStridedBatched[float64](t) })
	t.Run("C", func(t *testing.T) { testStridedBatched[complex64](t) })
	t.Run("Z", func(t *testing.T) { testStridedBatched[complex128](t) })
}

// batchRef computes each matrix of a strided batch with refGemm.
func batchRef(c gemmCase, alpha complex128, a []complex128, sa int, b []complex128, sb int, beta complex128, cs []complex128, sc int) ref {
	r := ref{want: append([]complex128(nil), cs...), scale: make([]complex128, len(cs))}
	na, nb, nc := c.sizes()
	for i := range batch {
		one := refGemm(c.ta, c.tb, m, n, k, alpha, a[i*sa:i*sa+na], c.lda, b[i*sb:i*sb+nb], c.ldb, beta, cs[i*sc:i*sc+nc], c.ldc)
		copy(r.want[i*sc:], one.want)
		copy(r.scale[i*sc:], one.scale)
	}
	return r
}

func testStridedBatched[T Elem](t *testing.T) {
	g, h := newGPUHandle(t)
	rng := rand.New(rand.NewPCG(7, 7))
	c := gemmCase{Trans, NoTrans, k + 2, k, m + 1}
	na, nb, nc := c.sizes()
	sa, sc := na+3, nc+5
	as, bs, cs := randElems[T](rng, sa*batch), randElems[T](rng, nb), randElems[T](rng, sc*batch)
	alpha, beta := fromC128[T](0.5), fromC128[T](2)
	C := upload(t, g, cs)
	// B has stride 0: one matrix for the whole batch.
	err := GemmStridedBatched(h, c.ta, c.tb, m, n, k, alpha, upload(t, g, as), c.lda, int64(sa),
		upload(t, g, bs), c.ldb, 0, beta, C, c.ldc, int64(sc), batch)
	if err != nil {
		t.Fatal(err)
	}
	r := batchRef(c, c128(alpha), c128s(as), sa, c128s(bs), 0, c128(beta), c128s(cs), sc)
	r.check(t, "gemmStridedBatched", c128s(download[T](t, g, C, len(cs))), tolerance[T]())
}

func TestGPULowPrecisionBatched(t *testing.T) {
	g, h := newGPUHandle(t)
	rng := rand.New(rand.NewPCG(8, 8))
	c := gemmCase{NoTrans, Trans, m, n, m}
	na, nb, nc := c.sizes()
	for _, bf16 := range []bool{false, true} {
		ab, av := randLowPrecision(rng, na*batch, bf16)
		bb, bv := randLowPrecision(rng, nb*batch, bf16)
		cb, cv := randLowPrecision(rng, nc*batch, bf16)
		A, B, C := upload(t, g, ab), upload(t, g, bb), upload(t, g, cb)
		var err error
		if bf16 {
			typ := R16BF
			err = GemmStridedBatchedEx(h, c.ta, c.tb, m, n, k, 1, Operand{A, typ, c.lda, int64(na)}, Operand{B, typ, c.ldb, int64(nb)},
				-1, Operand{C, typ, c.ldc, int64(nc)}, Compute32F, batch)
		} else {
			err = HgemmStridedBatched(h, c.ta, c.tb, m, n, k, 1, A, c.lda, int64(na), B, c.ldb, int64(nb), -1, C, c.ldc, int64(nc), batch)
		}
		if err != nil {
			t.Fatal(err)
		}
		r := batchRef(c, 1, av, na, bv, nb, -1, cv, nc)
		r.check(t, fmt.Sprintf("low-precision strided batch (bf16 %v)", bf16), decodeLowPrecision(download[uint16](t, g, C, nc*batch), bf16), tolHalf)
	}
}

func TestGPUGemmBatched(t *testing.T) {
	t.Run("S", func(t *testing.T) { testPointerBatched[float32](t) })
	t.Run("D", func(t *testing.T) { testPointerBatched[float64](t) })
	t.Run("C", func(t *testing.T) { testPointerBatched[complex64](t) })
	t.Run("Z", func(t *testing.T) { testPointerBatched[complex128](t) })
}

func testPointerBatched[T Elem](t *testing.T) {
	g, h := newGPUHandle(t)
	rng := rand.New(rand.NewPCG(9, 9))
	c := gemmCase{NoTrans, NoTrans, m, k, m}
	na, nb, nc := c.sizes()
	alpha, beta := fromC128[T](1), fromC128[T](0.5)
	var aPtrs, bPtrs, cPtrs []driver.DevicePtr
	var refs []ref
	for range batch { // matrices in separate allocations
		as, bs, cs := randElems[T](rng, na), randElems[T](rng, nb), randElems[T](rng, nc)
		aPtrs = append(aPtrs, upload(t, g, as))
		bPtrs = append(bPtrs, upload(t, g, bs))
		cPtrs = append(cPtrs, upload(t, g, cs))
		refs = append(refs, refGemm(c.ta, c.tb, m, n, k, c128(alpha), c128s(as), c.lda, c128s(bs), c.ldb, c128(beta), c128s(cs), c.ldc))
	}
	err := GemmBatched(h, c.ta, c.tb, m, n, k, alpha, upload(t, g, aPtrs), c.lda, upload(t, g, bPtrs), c.ldb, beta, upload(t, g, cPtrs), c.ldc, batch)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range refs {
		r.check(t, fmt.Sprintf("gemmBatched matrix %d", i), c128s(download[T](t, g, cPtrs[i], nc)), tolerance[T]())
	}
}

func TestGPUHgemmBatched(t *testing.T) {
	g, h := newGPUHandle(t)
	rng := rand.New(rand.NewPCG(10, 10))
	c := gemmCase{Trans, Trans, k, n, m}
	na, nb, nc := c.sizes()
	var aPtrs, bPtrs, cPtrs []driver.DevicePtr
	var refs []ref
	for range batch {
		ab, av := randLowPrecision(rng, na, false)
		bb, bv := randLowPrecision(rng, nb, false)
		cb, cv := randLowPrecision(rng, nc, false)
		aPtrs, bPtrs, cPtrs = append(aPtrs, upload(t, g, ab)), append(bPtrs, upload(t, g, bb)), append(cPtrs, upload(t, g, cb))
		refs = append(refs, refGemm(c.ta, c.tb, m, n, k, 1, av, c.lda, bv, c.ldb, 0, cv, c.ldc))
	}
	err := HgemmBatched(h, c.ta, c.tb, m, n, k, 1, upload(t, g, aPtrs), c.lda, upload(t, g, bPtrs), c.ldb, 0, upload(t, g, cPtrs), c.ldc, batch)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range refs {
		r.check(t, fmt.Sprintf("hgemmBatched matrix %d", i), decodeLowPrecision(download[uint16](t, g, cPtrs[i], nc), false), tolHalf)
	}
}

func TestGPUGeam(t *testing.T) {
	t.Run("S", func(t *testing.T) { testGeam[float32](t) })
	t.Run("D", func(t *testing.T) { testGeam[float64](t) })
	t.Run("C", func(t *testing.T) { testGeam[complex64](t) })
	t.Run("Z", func(t *testing.T) { testGeam[complex128](t) })
}

func testGeam[T Elem](t *testing.T) {
	g, h := newGPUHandle(t)
	rng := rand.New(rand.NewPCG(11, 11))
	const lda, ldb, ldc = m + 1, n + 2, m + 3 // B is read transposed: n×m
	as, bs := randElems[T](rng, lda*n), randElems[T](rng, ldb*m)
	C := upload(t, g, make([]T, ldc*n))
	alpha, beta := fromC128[T](complex(2, 1)), fromC128[T](-1)
	if err := Geam(h, NoTrans, Trans, m, n, alpha, upload(t, g, as), lda, beta, upload(t, g, bs), ldb, C, ldc); err != nil {
		t.Fatal(err)
	}
	A, B := c128s(as), c128s(bs)
	r := ref{want: make([]complex128, ldc*n), scale: make([]complex128, ldc*n)}
	for j := range n {
		for i := range m {
			x, y := c128(alpha)*A[i+j*lda], c128(beta)*B[j+i*ldb]
			r.want[i+j*ldc], r.scale[i+j*ldc] = x+y, complex(cmplx.Abs(x)+cmplx.Abs(y), 0)
		}
	}
	r.check(t, "geam", c128s(download[T](t, g, C, ldc*n)), tolerance[T]())
}

// randOfDType uploads n random elements of dt and returns their values.
func randOfDType(t testing.TB, g *gpuEnv, rng *rand.Rand, dt dtype.DType, n int) (driver.DevicePtr, []complex128) {
	switch dt {
	case dtype.Float16, dtype.BFloat16:
		bits, vals := randLowPrecision(rng, n, dt == dtype.BFloat16)
		return (upload(t, g, bits)), vals
	case dtype.Float32:
		xs := randElems[float32](rng, n)
		return (upload(t, g, xs)), c128s(xs)
	case dtype.Float64:
		xs := randElems[float64](rng, n)
		return (upload(t, g, xs)), c128s(xs)
	case dtype.Complex64:
		xs := randElems[complex64](rng, n)
		return (upload(t, g, xs)), c128s(xs)
	}
	xs := randElems[complex128](rng, n)
	return (upload(t, g, xs)), c128s(xs)
}

// BenchmarkGemm4096 reports the throughput of square 4096 products.
func BenchmarkGemm4096(b *testing.B) {
	const size = 4096
	g, h := newGPUHandle(b)
	rng := rand.New(rand.NewPCG(13, 13))
	for _, dt := range []dtype.DType{dtype.Float32, dtype.Float64, dtype.Float16} {
		pa, _ := randOfDType(b, g, rng, dt, size*size)
		pb, _ := randOfDType(b, g, rng, dt, size*size)
		pc, _ := randOfDType(b, g, rng, dt, size*size)
		A, B, C := pa, pb, pc
		run := func() error {
			switch dt {
			case dtype.Float32:
				return Gemm[float32](h, NoTrans, NoTrans, size, size, size, 1, A, size, B, size, 0, C, size)
			case dtype.Float64:
				return Gemm[float64](h, NoTrans, NoTrans, size, size, size, 1, A, size, B, size, 0, C, size)
			}
			return Hgemm(h, NoTrans, NoTrans, size, size, size, 1, A, size, B, size, 0, C, size)
		}
		b.Run(dt.String(), func(b *testing.B) {
			if err := run(); err != nil { // warm up: cuBLAS picks kernels on first use
				b.Fatal(err)
			}
			download[byte](b, g, C, 1) // waits for the stream
			b.ResetTimer()
			for range b.N {
				if err := run(); err != nil {
					b.Fatal(err)
				}
			}
			download[byte](b, g, C, 1)
			b.ReportMetric(2*size*size*size*float64(b.N)/b.Elapsed().Seconds()/1e12, "TFLOP/s")
		})
	}
}
