//go:build linux && amd64

package gpu

import (
	"bytes"
	"encoding/binary"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/backend/cgen"
	"github.com/cugo/cugo/backend/cpu"
	"github.com/cugo/cugo/dtype"
	"github.com/stretchr/testify/require"
)

// The sort's kernels and launch sequence, run on the host emulation of
// a CUDA device, give the CPU backend's keys and indices over each path:
// short rows sharing a tile, a tile per row, and the radix passes over
// key and row digits.
func TestSortRowsOnHostDevice(t *testing.T) {
	b := New(newHostDevice(t))
	c := cpu.New(0)
	r := rand.New(rand.NewPCG(5, 6))
	jobs := []struct {
		dt      dtype.DType
		rows, n int
	}{{dtype.Float32, 40, 3}, {dtype.Int16, 3, 300}, {dtype.Float32, 1, 9000}, {dtype.Float32, 20, 2100}}
	for k, j := range jobs {
		timeout(t, 10*time.Minute, func() {
			in := sortInput(r, j.dt, j.rows*j.n, k%2, k%2 == 0)
			want := sortOn(t, c, j.dt, j.rows, j.n, k%2, in)
			got := sortOn(t, b, j.dt, j.rows, j.n, k%2, in)
			for i, what := range []string{"keys", "indices"} {
				if !bytes.Equal(want[i], got[i]) {
					t.Errorf("%v rows %d of %d: %s differ from the CPU's", j.dt, j.rows, j.n, what)
				}
			}
		})
	}
}

// Bincount on the host emulation agrees with the CPU's: counts into
// shared-memory bins and into global ones, values out of range skipped,
// float64 weights summed (to a tolerance: the order of the sums differs).
func TestBincountOnHostDevice(t *testing.T) {
	b := New(newHostDevice(t))
	c := cpu.New(0)
	r := rand.New(rand.NewPCG(7, 8))
	for _, bins := range []int{10, cgen.BincountSharedBins + 100} {
		n := 3000
		idx, w := make([]byte, 8*n), make([]byte, 8*n)
		for i := range n {
			binary.LittleEndian.PutUint64(idx[8*i:], uint64(r.IntN(bins+20)-10))
			binary.LittleEndian.PutUint64(w[8*i:], math.Float64bits(r.Float64()))
		}
		count := func(be backend.Backend, weighted bool) []byte {
			alloc := func(data []byte) backend.Buffer {
				buf, err := be.Alloc(len(data))
				require.NoError(t, err)
				t.Cleanup(func() { be.Free(buf) })
				require.NoError(t, be.Write(buf, 0, data))
				return buf
			}
			var wb backend.Buffer
			if weighted {
				wb = alloc(w)
			}
			out := alloc(make([]byte, 8*bins))
			timeout(t, 5*time.Minute, func() {
				require.NoError(t, be.(backend.Counter).Bincount(n, alloc(idx), 0, wb, 0, bins, out))
			})
			got := make([]byte, 8*bins)
			require.NoError(t, be.Read(got, out, 0))
			return got
		}
		require.Equal(t, count(c, false), count(b, false), "%d bins", bins)
		want, got := count(c, true), count(b, true)
		for k := range bins {
			x, y := math.Float64frombits(binary.LittleEndian.Uint64(want[8*k:])), math.Float64frombits(binary.LittleEndian.Uint64(got[8*k:]))
			require.InDelta(t, x, y, 1e-12*max(1, x), "bin %d of %d", k, bins)
		}
	}
}

// The radix sort's paths on the host emulation: tiles full and not,
// positions carried or not, keys that lose bits (elements gathered at
// the end) or not (decoded from keys), passes skipped for constant
// digits, every pass skipped, row digits; 32- and 64-bit keys.
func TestSortPathsOnHostDevice(t *testing.T) {
	b := New(newHostDevice(t))
	timeout(t, 15*time.Minute, func() {
		checkSortPaths(t, b, cpu.New(0), rand.New(rand.NewPCG(9, 10)), sortPathJobs([]dtype.DType{dtype.Float32, dtype.Int64}, []int{1, 3}))
	})
}
