package gpu

import (
	"bytes"
	"encoding/binary"
	"math/rand/v2"
	"testing"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/backend/cgen"
	"github.com/cugo/cugo/backend/cpu"
	"github.com/cugo/cugo/dtype"
	"github.com/stretchr/testify/require"
)

// sortInput returns rows*n random elements of dt from offset off (the
// bytes before it are garbage): for half the calls few distinct values,
// so that stability shows, and for floats NaN of both signs, ±inf, ±0.
func sortInput(r *rand.Rand, dt dtype.DType, count, off int, dups bool) []byte {
	size := dt.Size()
	data := make([]byte, (off+count)*size)
	for i := range data {
		data[i] = byte(r.Uint32())
	}
	var specials []uint64
	switch dt {
	case dtype.Float16:
		specials = []uint64{0x7e00, 0xfe00, 0x7c00, 0xfc00, 0, 0x8000, 0x3c00}
	case dtype.BFloat16:
		specials = []uint64{0x7fc0, 0xffc0, 0x7f80, 0xff80, 0, 0x8000, 0x3f80}
	case dtype.Float32:
		specials = []uint64{0x7fc00000, 0xffc00000, 0x7f800000, 0xff800000, 0, 0x80000000, 0x3f800000}
	case dtype.Float64:
		specials = []uint64{0x7ff8000000000000, 0xfff8000000000000, 0x7ff0000000000000, 0xfff0000000000000, 0, 1 << 63, 0x3ff0000000000000}
	}
	for i := off; i < off+count; i++ {
		v := r.Uint64()
		switch {
		case dt == dtype.Bool:
			v &= 1
		case dups:
			v = v % 5 * 0x0101010101010101
		}
		if specials != nil && r.IntN(8) == 0 {
			v = specials[r.IntN(len(specials))]
		}
		e := data[i*size : (i+1)*size]
		var w [8]byte
		binary.LittleEndian.PutUint64(w[:], v)
		copy(e, w[:size])
	}
	return data
}

// The GPU's sort gives the CPU backend's keys and indices bit for bit,
// over every sortable dtype and shapes that take each path: rows that
// share a tile of the block-local sort, rows of a tile each, of every
// tile size, rows just longer than a tile, long rows split among many
// tiles of the radix passes, many such rows (row digits), and a row of
// more than 2^24 elements.
func TestSortRowsMatchesCPU(t *testing.T) {
	b := gpu(t)
	c := cpu.New(0)
	r := rand.New(rand.NewPCG(17, 1))
	shapes := [][2]int{{1, 1}, {1, 5}, {1000, 3}, {70, 256}, {5, 257}, {9, 1000}, {3, cgen.SortBlockTile},
		{2, cgen.SortBlockTile + 1}, {1, 100_000}, {300, 5000}, {20_000, 2100}}
	dts := []dtype.DType{dtype.Bool, dtype.Int8, dtype.Int16, dtype.Int32, dtype.Int64, dtype.Uint8, dtype.Uint16,
		dtype.Uint32, dtype.Uint64, dtype.Float16, dtype.BFloat16, dtype.Float32, dtype.Float64}
	type job struct {
		dt    dtype.DType
		shape [2]int
	}
	var jobs []job
	for _, dt := range dts {
		for _, s := range shapes {
			if s[0]*s[1] <= 1<<20 || dt == dtype.Float32 {
				jobs = append(jobs, job{dt, s})
			}
		}
	}
	jobs = append(jobs, job{dtype.Float32, [2]int{1, 1<<24 + 3}}, job{dtype.Int64, [2]int{2, 1 << 23}})
	for k, j := range jobs {
		rows, n := j.shape[0], j.shape[1]
		off := k % 3
		in := sortInput(r, j.dt, rows*n, off, k%2 == 0)
		want := sortOn(t, c, j.dt, rows, n, off, in)
		got := sortOn(t, b, j.dt, rows, n, off, in)
		for i, what := range []string{"keys", "indices"} {
			if !bytes.Equal(want[i], got[i]) {
				t.Errorf("%v rows %d of %d: %s differ from the CPU's", j.dt, rows, n, what)
			}
		}
	}
}

// sortOn sorts on b and returns the keys and indices it wrote.
func sortOn(t *testing.T, b backend.Backend, dt dtype.DType, rows, n, off int, in []byte) [2][]byte {
	t.Helper()
	return sortOutputs(t, b, dt, rows, n, off, in, true, true)
}

// sortOutputs sorts on b asking for the keys, the indices or both, and
// returns what it wrote (nil for an output not asked for).
func sortOutputs(t *testing.T, b backend.Backend, dt dtype.DType, rows, n, off int, in []byte, withKeys, withIdx bool) [2][]byte {
	t.Helper()
	s := b.(backend.Sorter)
	alloc := func(size int) backend.Buffer {
		buf, err := b.Alloc(size)
		require.NoError(t, err)
		t.Cleanup(func() { b.Free(buf) })
		return buf
	}
	src := alloc(len(in))
	var bufs [2]backend.Buffer
	if withKeys {
		bufs[0] = alloc(rows * n * dt.Size())
	}
	if withIdx {
		bufs[1] = alloc(rows * n * 8)
	}
	require.NoError(t, b.Write(src, 0, in))
	require.NoError(t, s.SortRows(dt, rows, n, src, off, bufs[0], bufs[1]))
	var out [2][]byte
	for i, buf := range bufs {
		if buf != nil {
			out[i] = make([]byte, buf.Size())
			require.NoError(t, b.Read(out[i], buf, 0))
		}
	}
	return out
}

// Keys alone and indices alone are what the call with both writes.
func TestSortRowsOneOutput(t *testing.T) {
	b := gpu(t)
	r := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{100, 10_000} {
		in := sortInput(r, dtype.Float32, 4*n, 0, true)
		both := sortOn(t, b, dtype.Float32, 4, n, 0, in)
		src, err := b.Alloc(len(in))
		require.NoError(t, err)
		defer b.Free(src)
		require.NoError(t, b.Write(src, 0, in))
		for i := range 2 {
			out, err := b.Alloc(len(both[i]))
			require.NoError(t, err)
			defer b.Free(out)
			outs := [2]backend.Buffer{}
			outs[i] = out
			require.NoError(t, b.SortRows(dtype.Float32, 4, n, src, 0, outs[0], outs[1]))
			got := make([]byte, len(both[i]))
			require.NoError(t, b.Read(got, out, 0))
			require.Equal(t, both[i], got)
		}
	}
	require.ErrorContains(t, b.SortRows(dtype.Complex64, 1, 1, nil, 0, nil, nil), "cannot sort complex64")
}

// Every path of the radix sort for every dtype, against the CPU.
func TestSortPathsMatchCPU(t *testing.T) {
	b := gpu(t)
	dts := []dtype.DType{dtype.Bool, dtype.Int8, dtype.Int16, dtype.Int32, dtype.Int64, dtype.Uint8, dtype.Uint16,
		dtype.Uint32, dtype.Uint64, dtype.Float16, dtype.BFloat16, dtype.Float32, dtype.Float64}
	jobs := sortPathJobs(dts, []int{1, 50})
	jobs = append(jobs, sortPathJob{dtype.Float32, 1, 1<<24 + 3, "plain", true, false},
		sortPathJob{dtype.Float32, 1, 1<<24 + 3, "plain", false, true},
		sortPathJob{dtype.Int32, 70_000, 2100, "plain", true, true},
		sortPathJob{dtype.Float64, 1000, 3000, "specials", true, false})
	checkSortPaths(t, b, cpu.New(0), rand.New(rand.NewPCG(11, 12)), jobs)
}
