package gpu

import (
	"bytes"
	"encoding/binary"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/backend/cgen"
	"github.com/cugo/cugo/dtype"
)

// sortPathJob is one SortRows call that takes a given path of the
// radix sort: which outputs it asks for decides whether positions are
// carried, the input whether keys lose bits (specials) or digits are
// constant (small, equal), the length which tiles are full.
type sortPathJob struct {
	dt               dtype.DType
	rows, n          int
	input            string // plain (no -0.0 or NaN), specials, small, equal
	withKeys, withIx bool
}

// sortPathJobs returns jobs over every path of the radix sort for dts,
// with single rows of the given multiples of a pass's tile (plus the
// offsets -1, 0 and +1 for the first), and plain sorts of keys alone
// across the tiles of their own pass.
func sortPathJobs(dts []dtype.DType, tiles []int) []sortPathJob {
	var jobs []sortPathJob
	outputs := [][2]bool{{true, false}, {false, true}, {true, true}}
	k := 0
	next := func() [2]bool { k++; return outputs[k%3] }
	for _, dt := range dts {
		tile := cgen.SortPassTile(dt, false, cgen.DefaultSortShape, cgen.SortPass)
		keysTile := cgen.SortPassTile(dt, false, cgen.DefaultSortShape, cgen.SortPassKeys)
		for _, m := range tiles {
			for _, d := range []int{-1, 0, 1} {
				if m > tiles[0] && d != 1 {
					continue
				}
				for _, input := range []string{"plain", "specials"} {
					o := next()
					jobs = append(jobs, sortPathJob{dt, 1, m*tile + d, input, o[0], o[1]})
				}
			}
		}
		o := next()
		jobs = append(jobs, sortPathJob{dt, 3, tile + 1, "plain", o[0], o[1]},
			sortPathJob{dt, 3, tile + 1, "equal", true, true}, // every key pass skipped: the first pass is by rows
			sortPathJob{dt, 1, 2*tile + 3, "small", true, false},
			sortPathJob{dt, 1, 2 * tile, "equal", true, k%2 == 0},
			sortPathJob{dt, 1, keysTile + 1, "plain", true, false}, // keys alone: the other pass's tiles
			sortPathJob{dt, 1, 3*keysTile - 1, "plain", true, false})
	}
	return jobs
}

// sortPathInput returns the job's input: random bits, without -0.0 and
// NaN where plain (no key loses bits), values below 1000 where small
// (most digits constant), one value everywhere where equal.
func sortPathInput(r *rand.Rand, j sortPathJob) []byte {
	count := j.rows * j.n
	if j.input == "specials" {
		return sortInput(r, j.dt, count, 0, count%2 == 0)
	}
	size := j.dt.Size()
	data := make([]byte, count*size)
	fixed := r.Uint64()
	for i := range count {
		v := r.Uint64()
		switch j.input {
		case "small":
			v = uint64(r.IntN(1000))
			if j.dt == dtype.Float32 {
				v = uint64(math.Float32bits(float32(v)))
			} else if j.dt == dtype.Float64 {
				v = math.Float64bits(float64(v))
			}
		case "equal":
			v = fixed
		}
		if j.dt.Kind() == dtype.FloatKind {
			v &^= 1 << (8*size - 2) // a finite value
			if v<<(64-8*size) == 1<<63 {
				v = 0 // not -0.0
			}
		}
		if j.dt == dtype.Bool {
			v &= 1
		}
		var w [8]byte
		binary.LittleEndian.PutUint64(w[:], v)
		copy(data[i*size:], w[:size])
	}
	return data
}

// checkSortPaths runs the jobs on b and on the oracle and compares what
// they wrote.
func checkSortPaths(t *testing.T, b, oracle backend.Backend, r *rand.Rand, jobs []sortPathJob) {
	for _, j := range jobs {
		in := sortPathInput(r, j)
		want := sortOutputs(t, oracle, j.dt, j.rows, j.n, 0, in, j.withKeys, j.withIx)
		got := sortOutputs(t, b, j.dt, j.rows, j.n, 0, in, j.withKeys, j.withIx)
		for i, what := range []string{"keys", "indices"} {
			if !bytes.Equal(want[i], got[i]) {
				t.Errorf("%v %s, %d rows of %d (keys %v, indices %v): %s differ from the CPU's",
					j.dt, j.input, j.rows, j.n, j.withKeys, j.withIx, what)
			}
		}
	}
}
