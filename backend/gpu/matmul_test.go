package gpu

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/backend/cpu"
	"github.com/cugo/cugo/dtype"
	"github.com/stretchr/testify/require"
)

// matmulCase places the operands of a batch of products in buffers: a
// transposed or reversed a, b repeated across the batch, c every other
// column of a wider matrix (the last three need copies for cuBLAS).
type matmulCase struct {
	name                       string
	batch, m, k, n             int
	transA, negA, bcastB, wide bool
}

var matmulCases = []matmulCase{
	{name: "plain", batch: 1, m: 37, k: 29, n: 41},
	{name: "transposed", batch: 1, m: 20, k: 33, n: 18, transA: true},
	{name: "reversed", batch: 2, m: 7, k: 9, n: 5, negA: true},
	{name: "batched", batch: 4, m: 17, k: 19, n: 35, bcastB: true},
	{name: "strided out", batch: 3, m: 6, k: 8, n: 10, wide: true},
	{name: "k=0", batch: 2, m: 3, k: 0, n: 4},
}

// TestMatmulMatchesCPU runs every dtype and layout on the GPU and on the
// CPU backend from the same bytes: integers and bool must agree exactly,
// floats within a relative tolerance of the dtype's precision scaled by k
// (cuBLAS and the CPU sum in different orders).
func TestMatmulMatchesCPU(t *testing.T) {
	g := gpu(t)
	c := cpu.New(0)
	r := rand.New(rand.NewPCG(3, 4))
	for _, dt := range allDTypes {
		for _, mc := range matmulCases {
			t.Run(fmt.Sprint(dt, "/", mc.name), func(t *testing.T) {
				a := backend.Matrix{Rows: mc.m, Cols: mc.k, RowStride: mc.k, ColStride: 1, BatchStride: mc.m * mc.k}
				if mc.transA {
					a.RowStride, a.ColStride = 1, mc.m
				}
				if mc.negA {
					a.Offset, a.RowStride, a.ColStride = mc.m*mc.k-1, -mc.k, -1
				}
				b := backend.Matrix{Rows: mc.k, Cols: mc.n, RowStride: mc.n, ColStride: 1, BatchStride: mc.k * mc.n}
				nb := mc.batch * mc.k * mc.n
				if mc.bcastB {
					b.BatchStride, nb = 0, mc.k*mc.n
				}
				out := backend.Matrix{Rows: mc.m, Cols: mc.n, RowStride: mc.n, ColStride: 1, BatchStride: mc.m * mc.n}
				nc := mc.batch * mc.m * mc.n
				if mc.wide {
					out.RowStride, out.ColStride, out.BatchStride, nc = 2*mc.n, 2, 2*mc.m*mc.n, 2*nc
				}
				if mc.negA {
					a.BatchStride = 0 // one reversed matrix for the whole batch
				}
				na := max(1, mc.batch*mc.m*mc.k)
				ha := matmulInputs(r, dt, na)
				hb := matmulInputs(r, dt, max(1, nb))
				hc := make([]byte, max(1, nc)*dt.Size())
				run := func(be backend.Backend) []byte {
					bufs := make([]backend.Buffer, 3)
					for i, h := range [][]byte{ha, hb, hc} {
						buf, err := be.Alloc(len(h))
						require.NoError(t, err)
						require.NoError(t, be.Write(buf, 0, h))
						bufs[i] = buf
						defer be.Free(buf)
					}
					a.Buf, b.Buf, out.Buf = bufs[0], bufs[1], bufs[2]
					require.NoError(t, be.Matmul(dt, mc.batch, a, b, out))
					got := make([]byte, len(hc))
					require.NoError(t, be.Read(got, bufs[2], 0))
					return got
				}
				want, got := run(c), run(g)
				if dt.Kind() != dtype.FloatKind && dt.Kind() != dtype.ComplexKind {
					require.Equal(t, want, got)
					return
				}
				size := dt.Size()
				if dt.Kind() == dtype.ComplexKind {
					size /= 2
				}
				rel := map[int]float64{2: 1e-2, 4: 1e-6, 8: 1e-14}[size] * float64(mc.k+1)
				if dt == dtype.BFloat16 {
					rel = 2e-2 * float64(mc.k+1)
				}
				for i := 0; i < len(want); i += size {
					w, x := getFloat(backend.RealDType(dt), want[i:i+size]), getFloat(backend.RealDType(dt), got[i:i+size])
					require.InDelta(t, w, x, rel*math.Max(1, math.Abs(w)), "element part %d", i/size)
				}
			})
		}
	}
}

// matmulInputs are n random elements of dt: small integers (so that
// products wrap only where NumPy's would), 0/1 for bool, values in [-1, 1)
// for floats.
func matmulInputs(r *rand.Rand, dt dtype.DType, n int) []byte {
	out := make([]byte, n*dt.Size())
	size := dt.Size()
	for i := 0; i < len(out); i += size {
		switch dt.Kind() {
		case dtype.BoolKind:
			out[i] = byte(r.IntN(2))
		case dtype.IntKind, dtype.UintKind:
			v := uint64(r.IntN(200))
			for j := range size {
				out[i+j] = byte(v >> (8 * j))
			}
		default:
			p := backend.RealDType(dt)
			for j := 0; j < size; j += p.Size() {
				putFloat(p, out[i+j:], 2*r.Float64()-1)
			}
		}
	}
	return out
}
