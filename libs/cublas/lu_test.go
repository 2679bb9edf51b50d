package cublas

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"unsafe"

	"github.com/cugo/cugo/driver"
)

// TestGPUBatchedLU factors a stack of random matrices (one of them
// singular) with GetrfBatched, solves with GetrsBatched and inverts with
// GetriBatched and MatinvBatched, checking A·X - B and A·A⁻¹ - I against
// zero in float64 on the host, within the rounding error of the products.
func TestGPUBatchedLU(t *testing.T) {
	t.Run("S", func(t *testing.T) { testBatchedLU[float32](t) })
	t.Run("D", func(t *testing.T) { testBatchedLU[float64](t) })
	t.Run("C", func(t *testing.T) { testBatchedLU[complex64](t) })
	t.Run("Z", func(t *testing.T) { testBatchedLU[complex128](t) })
}

func testBatchedLU[T Elem](t *testing.T) {
	g, h := newGPUHandle(t)
	rng := rand.New(rand.NewPCG(18, 18))
	const side, nrhs, singular = 13, 3, 4
	as := randElems[T](rng, batch*side*side)
	for i := range batch { // well conditioned, but for one matrix with a zero column
		for d := range side {
			as[i*side*side+d*side+d] += fromC128[T](side)
			if i == singular {
				as[i*side*side+5*side+d] = 0
			}
		}
	}
	bs := randElems[T](rng, batch*side*nrhs)
	a, b := upload(t, g, as), upload(t, g, bs)
	// ptrs uploads the addresses of the batch matrices of step elements at base.
	ptrs := func(base driver.DevicePtr, step int) driver.DevicePtr {
		bytes := driver.DevicePtr(step) * driver.DevicePtr(unsafe.Sizeof(*new(T)))
		p := make([]driver.DevicePtr, batch)
		for i := range p {
			p[i] = base + driver.DevicePtr(i)*bytes
		}
		return upload(t, g, p)
	}
	aPtrs, bPtrs := ptrs(a, side*side), ptrs(b, side*nrhs)
	ipiv, info := upload(t, g, make([]int32, batch*side)), upload(t, g, make([]int32, batch))
	if err := GetrfBatched[T](h, side, aPtrs, side, ipiv, info, batch); err != nil {
		t.Fatal(err)
	}
	for i, v := range download[int32](t, g, info, batch) {
		if (v != 0) != (i == singular) {
			t.Errorf("getrfBatched info of matrix %d = %d", i, v)
		}
	}
	if err := GetrsBatched[T](h, NoTrans, side, nrhs, aPtrs, side, ipiv, bPtrs, side, batch); err != nil {
		t.Fatal(err)
	}
	x := c128s(download[T](t, g, b, batch*side*nrhs))
	inv := upload(t, g, make([]T, batch*side*side))
	if err := GetriBatched[T](h, side, aPtrs, side, ipiv, ptrs(inv, side*side), side, info, batch); err != nil {
		t.Fatal(err)
	}
	getri := c128s(download[T](t, g, inv, batch*side*side))
	minv := upload(t, g, make([]T, batch*side*side))
	if err := MatinvBatched[T](h, side, ptrs(upload(t, g, as), side*side), side, ptrs(minv, side*side), side, info, batch); err != nil {
		t.Fatal(err)
	}
	matinv := c128s(download[T](t, g, minv, batch*side*side))
	A, B := c128s(as), c128s(bs)
	eye := make([]complex128, side*side)
	for d := range side {
		eye[d*side+d] = 1
	}
	tol := tolerance[T]() * side * 4
	for i := range batch {
		if i == singular {
			continue
		}
		ai := A[i*side*side : (i+1)*side*side]
		residual := func(what string, x, want []complex128, cols int) {
			r := refGemm(NoTrans, NoTrans, side, cols, side, 1, ai, side, x, side, -1, want, side)
			ref{want: make([]complex128, len(r.want)), scale: r.scale}.check(t, fmt.Sprintf("%s matrix %d", what, i), r.want, tol)
		}
		residual("getrsBatched: A·X - B", x[i*side*nrhs:(i+1)*side*nrhs], B[i*side*nrhs:(i+1)*side*nrhs], nrhs)
		residual("getriBatched: A·A⁻¹ - I", getri[i*side*side:(i+1)*side*side], eye, side)
		residual("matinvBatched: A·A⁻¹ - I", matinv[i*side*side:(i+1)*side*side], eye, side)
	}
}
