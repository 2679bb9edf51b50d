//go:build linux && amd64 && !race

package gpu

import (
	"bytes"
	"encoding/binary"
	"math"
	"math/rand/v2"
	"slices"
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
	b, c, r := hostDeviceAndCPU(t, 5)
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
	b, c, r := hostDeviceAndCPU(t, 7)
	for _, bins := range []int{10, cgen.BincountSharedBins + 100} {
		n := 3000
		idx, w := make([]byte, 8*n), make([]byte, 8*n)
		for i := range n {
			binary.LittleEndian.PutUint64(idx[8*i:], uint64(r.IntN(bins+20)-10))
			binary.LittleEndian.PutUint64(w[8*i:], math.Float64bits(r.Float64()))
		}
		count := func(be backend.Backend, weighted bool) []byte {
			alloc := func(data []byte) backend.Buffer { return bufferWith(t, be, data) }
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
		requireWeightsNear(t, count(c, true), count(b, true))
	}
}

// The radix sort's paths on the host emulation: tiles full and not,
// positions carried or not, keys that lose bits (elements gathered at
// the end) or not (decoded from keys), passes skipped for constant
// digits, every pass skipped, row digits; 32- and 64-bit keys.
func TestSortPathsOnHostDevice(t *testing.T) {
	b, c, r := hostDeviceAndCPU(t, 9)
	timeout(t, 15*time.Minute, func() {
		checkSortPaths(t, b, c, r, sortPathJobs([]dtype.DType{dtype.Float32, dtype.Int64}, []int{1, 3}))
	})
}

// Each shape offered for tuning sorts as the CPU does on the host
// emulation: keys that lose bits with indices, lossless keys alone, 64-bit
// keys over rows; and more than 256 rows (row digits of two passes);
// blocks of 256 threads and more (threads past the 256 digit owners rank
// only).
func TestSortShapesOnHostDevice(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	c := cpu.New(0)
	for _, shape := range []cgen.SortShape{{HistCopies: 1, HistItems: 1, Items: 16}, {HistCopies: 4, HistItems: 8, Items: 12, KeyItems: 18, Threads: 384},
		{HistCopies: 16, HistItems: 64, Items: 16}, {HistCopies: 8, HistItems: 64, Items: 12},
		{HistCopies: 8, HistItems: 64, Items: 8, KeyItems: 13, Threads: 512, KeyThreads: 320}, {HistCopies: 8, HistItems: 64, Items: 27},
		{HistCopies: 8, HistItems: 64, Items: 16, Lookback: 3}, {HistCopies: 8, HistItems: 64, Items: 12, KeyItems: 24}} {
		dev := newHostDevice(t)
		// Without events the host reads the plan before launching a pass.
		dev.noEvents = shape.Lookback == 3
		b := New(dev)
		b.sortShape = shape
		f32, f32Keys := cgen.SortPassTile(dtype.Float32, false, shape, cgen.SortPass), cgen.SortPassTile(dtype.Float32, false, shape, cgen.SortPassKeys)
		i64 := cgen.SortPassTile(dtype.Int64, false, shape, cgen.SortPass)
		timeout(t, 10*time.Minute, func() {
			checkSortPaths(t, b, c, r, []sortPathJob{{dtype.Float32, 1, 2*f32 + 1, "specials", true, true},
				{dtype.Float32, 1, f32Keys - 1, "plain", true, false}, {dtype.Float32, 1, 2*f32Keys + 1, "plain", true, false},
				{dtype.Int64, 2, i64 + 5, "plain", false, true}})
		})
	}
}

// The histogram kernel counts the key's digits from the elements and
// the row digits of every row pass from the row length alone: rows of
// one, two and three digits, grids of one block and of several; its last
// block writes the plan (the passes of one digit) into the histogram and
// the host's word.
func TestSortHistOnHostDevice(t *testing.T) {
	b := New(newHostDevice(t))
	r := rand.New(rand.NewPCG(15, 16))
	s := sortCall{b: b, dt: dtype.Uint8}
	fn, err := s.kernel(cgen.SortHist)
	require.NoError(t, err)
	for _, c := range []struct {
		n, rowLen, blocks int
		values            int // the elements are drawn from [0, values)
	}{{4100, 4100, 1, 200}, {5000, 3, 3, 200}, {70_001, 7, 2, 200}, {70_000, 1, 5, 200}, {3000, 3000, 2, 1}, {600, 2, 3, 1}} {
		rows := c.n / c.rowLen
		rowPasses := 0
		for (rows-1)>>(8*rowPasses) > 0 {
			rowPasses++
		}
		in := make([]byte, c.n)
		passes := 1 + rowPasses
		want := make([]uint64, 256*passes+3) // counts, lossy keys, finished blocks, plan
		for i := range in {
			in[i] = byte(r.IntN(c.values))
			want[in[i]]++
		}
		for row := range rows {
			for p := range rowPasses {
				want[256*(1+p)+(row>>(8*p))&255] += uint64(c.rowLen)
			}
		}
		want[256*passes+1] = uint64(c.blocks)
		plan := uint64(cgen.SortPlanValid)
		for p := range passes {
			if slices.Contains(want[256*p:256*(p+1)], uint64(c.n)) {
				plan |= 1 << p
			}
		}
		want[256*passes+2] = plan
		hist := bufferWith(t, b, make([]byte, 8*len(want)))
		status := bufferWith(t, b, bytes.Repeat([]byte{0xff}, 8*10))
		host, err := b.takeHostWord()
		require.NoError(t, err)
		ptr := func(buf backend.Buffer) []byte { return word(uint64(buf.(*buffer).ptr)) }
		timeout(t, 5*time.Minute, func() {
			require.NoError(t, b.launchSlots(fn, [3]uint32{uint32(c.blocks), 1, 1}, [3]uint32{cgen.SortThreads, 1, 1},
				word(uint64(c.n)), ptr(bufferWith(t, b, in)), word(uint64(c.rowLen)), word(uint64(rowPasses)),
				ptr(hist), ptr(status), word(10), word(host.address())))
		})
		got := make([]byte, 8*len(want))
		require.NoError(t, b.Read(got, hist, 0))
		for k, w := range want {
			require.Equal(t, w, binary.LittleEndian.Uint64(got[8*k:]), "n %d, rows of %d: word %d", c.n, c.rowLen, k)
		}
		require.NoError(t, host.written())
		hostPlan, err := host.read()
		require.NoError(t, err)
		require.Equal(t, plan, hostPlan, "the host's plan word")
		b.putHostWord(host)
		zeroed := make([]byte, 8*10)
		require.NoError(t, b.Read(zeroed, status, 0))
		require.Equal(t, make([]byte, 8*10), zeroed, "status words zeroed")
	}
}

// Histogram on the host emulation agrees with the CPU's: equal bins and
// searched edges, counts in shared-memory bins and in global ones, NaN,
// infinities, elements outside the range and on every edge, float64
// weights summed (to a tolerance: the order of the sums differs), data
// off a 16-byte boundary, each plan of the knobs.
func TestHistogramOnHostDevice(t *testing.T) {
	b, c, r := hostDeviceAndCPU(t, 9)
	const n, off = 3000, 3
	plans := []histogramPlan{{copies: 32, blocksPerSM: 8}, defaultHistogramPlan, {copies: 8, blocksPerSM: 2}}
	for p, bins := range []int{7, cgen.BincountSharedBins + 3, 300} {
		edges := make([]float64, bins+1)
		for k := range edges {
			edges[k] = -1 + 2*float64(k)/float64(bins)
		}
		skewed := slices.Clone(edges)
		for k := range skewed {
			skewed[k] = skewed[k] * math.Abs(skewed[k])
		}
		x, w := make([]byte, 4*(off+n)), make([]byte, 8*(off+n))
		for i := range n {
			v := float32(r.Float64()*2.4 - 1.2)
			switch i % 50 {
			case 0:
				v = float32(math.NaN())
			case 1:
				v = float32(math.Inf(1 - 2*(i%2)))
			case 2, 3:
				v = float32(edges[r.IntN(bins+1)])
			}
			binary.LittleEndian.PutUint32(x[4*(off+i):], math.Float32bits(v))
			binary.LittleEndian.PutUint64(w[8*(off+i):], math.Float64bits(r.Float64()))
		}
		count := func(be backend.Backend, e []float64, uniform, weighted bool) []byte {
			alloc := func(data []byte) backend.Buffer { return bufferWith(t, be, data) }
			var wb backend.Buffer
			if weighted {
				wb = alloc(w)
			}
			eb := make([]byte, 8*len(e))
			for k, v := range e {
				binary.LittleEndian.PutUint64(eb[8*k:], math.Float64bits(v))
			}
			out := alloc(bytes.Repeat([]byte{0xff}, 8*bins)) // zeroed by Histogram
			timeout(t, 5*time.Minute, func() {
				if g, ok := be.(*Backend); ok {
					require.NoError(t, g.histogram(plans[p], dtype.Float32, n, alloc(x), off, wb, off, alloc(eb), bins, uniform, out))
				} else {
					require.NoError(t, be.(backend.Binner).Histogram(dtype.Float32, n, alloc(x), off, wb, off, alloc(eb), bins, uniform, out))
				}
			})
			got := make([]byte, 8*bins)
			require.NoError(t, be.Read(got, out, 0))
			return got
		}
		for _, uniform := range []bool{true, false} {
			e := edges
			if !uniform {
				e = skewed
			}
			want := count(c, e, uniform, false)
			require.Equal(t, want, count(b, e, uniform, false), "%d bins, uniform %v", bins, uniform)
			var total uint64
			for k := range bins {
				total += binary.LittleEndian.Uint64(want[8*k:])
			}
			require.Less(t, total, uint64(n), "NaN and infinities are skipped")
			require.Greater(t, total, uint64(n/2))
			requireWeightsNear(t, count(c, e, uniform, true), count(b, e, uniform, true))
		}
	}
}

// SelectRows on the host emulation gives the CPU's elements for each
// rank: float keys with NaN, ±inf and ±0, signed integers, several rows
// in one grid, rows that start off a 16-byte boundary, ranks sharing
// their prefixes, every key byte's pass, each plan of the knobs.
func TestSelectRowsOnHostDevice(t *testing.T) {
	b, c, r := hostDeviceAndCPU(t, 11)
	for k, j := range []struct {
		dt       dtype.DType
		rows, n  int
		off      int
		ranks    []int
		plan     selectPlan
		constant bool
	}{
		{dtype.Float32, 1, 5000, 0, nil, defaultSelectPlan, false},
		{dtype.Int16, 3, 4100, 1, nil, selectPlan{copies: 1, blocksPerSM: 1}, false},
		{dtype.Float64, 2, 4501, 1, nil, selectPlan{copies: 16, blocksPerSM: 8}, false},
		{dtype.Float32, 2, 4099, 3, []int{4098, 2049, 2048}, selectPlan{copies: 4, blocksPerSM: 4}, false},
		{dtype.Uint8, 1, 4200, 5, []int{7, 4100}, selectPlan{copies: 32, blocksPerSM: 2}, true},
	} {
		in := sortInput(r, j.dt, j.rows*j.n, j.off, k == 1)
		if j.constant {
			in = bytes.Repeat([]byte{42}, len(in))
		}
		ranks := j.ranks
		if ranks == nil {
			ranks = []int{0, j.n / 3, j.n/2 - 1, j.n / 2, j.n - 1}
		}
		sel := func(be backend.Backend) []byte {
			buf, out := bufferWith(t, be, in), bufferWith(t, be, make([]byte, j.rows*len(ranks)*j.dt.Size()))
			timeout(t, 10*time.Minute, func() {
				if g, ok := be.(*Backend); ok {
					require.NoError(t, g.selectRows(j.plan, j.dt, j.rows, j.n, buf, j.off, ranks, out))
				} else {
					require.NoError(t, be.(backend.Selector).SelectRows(j.dt, j.rows, j.n, buf, j.off, ranks, out))
				}
			})
			got := make([]byte, out.Size())
			require.NoError(t, be.Read(got, out, 0))
			return got
		}
		require.Equal(t, sel(c), sel(b), "%v rows %d of %d, plan %+v", j.dt, j.rows, j.n, j.plan)
	}
	// short rows are left to the sort
	buf, err := b.Alloc(4 * 100)
	require.NoError(t, err)
	require.ErrorIs(t, b.SelectRows(dtype.Float32, 1, 100, buf, 0, []int{50}, buf), backend.ErrSortInstead)
}

// hostDeviceAndCPU returns a backend on the host emulation of a CUDA
// device, the CPU backend whose answers it must give, and random numbers
// from seed.
func hostDeviceAndCPU(t *testing.T, seed uint64) (*Backend, *cpu.Backend, *rand.Rand) {
	return New(newHostDevice(t)), cpu.New(0), rand.New(rand.NewPCG(seed, seed+1))
}

// requireWeightsNear checks the float64 bins of got against want's to a
// tolerance: the device sums each bin's weights in another order.
func requireWeightsNear(t *testing.T, want, got []byte) {
	t.Helper()
	require.Len(t, got, len(want))
	bins := len(want) / 8
	for k := range bins {
		x, y := math.Float64frombits(binary.LittleEndian.Uint64(want[8*k:])), math.Float64frombits(binary.LittleEndian.Uint64(got[8*k:]))
		require.InDelta(t, x, y, 1e-12*max(1, x), "bin %d of %d", k, bins)
	}
}

// bufferWith returns a buffer of be holding data, freed when the test ends.
func bufferWith(t *testing.T, be backend.Backend, data []byte) backend.Buffer {
	buf, err := be.Alloc(len(data))
	require.NoError(t, err)
	t.Cleanup(func() { be.Free(buf) })
	require.NoError(t, be.Write(buf, 0, data))
	return buf
}
