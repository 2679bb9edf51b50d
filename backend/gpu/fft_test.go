package gpu

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/dtype"
)

// These tests need no GPU: the advanced-layout planning of FFT operands
// and the plan cache, on fake plans.

func TestPlanFFTLayouts(t *testing.T) {
	c64, f32 := dtype.Complex64, dtype.Float32
	op := func(dt dtype.DType, off int, strides ...int) backend.Operand {
		return backend.Operand{DType: dt, Offset: off, Strides: strides}
	}
	cases := []struct {
		name      string
		f         backend.FFT
		out, in   backend.Operand
		ok        bool
		desc      FFTDesc
		in0, out0 []int // the launches' offsets
	}{
		{"contiguous 2-D batch", backend.FFT{Kind: backend.C2C, Shape: []int{5, 4, 6}, Rank: 2},
			op(c64, 0, 24, 6, 1), op(c64, 3, 24, 6, 1), true,
			FFTDesc{Kind: backend.C2C, Rank: 2, N: [3]int{4, 6}, Batch: 5,
				In: FFTLayout{Embed: [3]int{4, 6}, Stride: 1, Dist: 24}, Out: FFTLayout{Embed: [3]int{4, 6}, Stride: 1, Dist: 24}},
			[]int{3}, []int{0}},
		{"axis 0 of a matrix: interleaved batches", backend.FFT{Kind: backend.C2C, Shape: []int{7, 8}, Rank: 1},
			op(c64, 0, 1, 7), op(c64, 0, 1, 7), true,
			FFTDesc{Kind: backend.C2C, Rank: 1, N: [3]int{8}, Batch: 7,
				In: FFTLayout{Embed: [3]int{8}, Stride: 7, Dist: 1}, Out: FFTLayout{Embed: [3]int{8}, Stride: 7, Dist: 1}},
			[]int{0}, []int{0}},
		{"R2C rows with a padded pitch", backend.FFT{Kind: backend.R2C, Shape: []int{3, 10}, Rank: 1},
			op(c64, 0, 6, 1), op(f32, 0, 16, 1), true,
			FFTDesc{Kind: backend.R2C, Rank: 1, N: [3]int{10}, Batch: 3,
				In: FFTLayout{Embed: [3]int{10}, Stride: 1, Dist: 16}, Out: FFTLayout{Embed: [3]int{6}, Stride: 1, Dist: 6}},
			[]int{0}, []int{0}},
		{"two batch axes: a launch per outer position", backend.FFT{Kind: backend.C2C, Shape: []int{2, 3, 4}, Rank: 1},
			op(c64, 0, 12, 4, 1), op(c64, 1, 40, 5, 1), true,
			FFTDesc{Kind: backend.C2C, Rank: 1, N: [3]int{4}, Batch: 3,
				In: FFTLayout{Embed: [3]int{4}, Stride: 1, Dist: 5}, Out: FFTLayout{Embed: [3]int{4}, Stride: 1, Dist: 4}},
			[]int{1, 41}, []int{0, 12}},
		{"negative stride", backend.FFT{Kind: backend.C2C, Shape: []int{8}, Rank: 1},
			op(c64, 0, 1), op(c64, 7, -1), false, FFTDesc{}, nil, nil},
		{"strides not multiples", backend.FFT{Kind: backend.C2C, Shape: []int{4, 4}, Rank: 2},
			op(c64, 0, 4, 1), op(c64, 0, 5, 2), false, FFTDesc{}, nil, nil},
		{"pitch below the length", backend.FFT{Kind: backend.C2C, Shape: []int{4, 4}, Rank: 2},
			op(c64, 0, 4, 1), op(c64, 0, 3, 1), false, FFTDesc{}, nil, nil},
		{"broadcast batch", backend.FFT{Kind: backend.C2C, Shape: []int{3, 4}, Rank: 1},
			op(c64, 0, 4, 1), op(c64, 0, 0, 1), false, FFTDesc{}, nil, nil},
	}
	for _, c := range cases {
		run, ok := planFFT(c.f, c.out, c.in)
		require.Equal(t, c.ok, ok, c.name)
		if !ok {
			continue
		}
		require.Equal(t, c.desc, run.desc, c.name)
		require.Equal(t, c.in0, run.inOffs, c.name)
		require.Equal(t, c.out0, run.outOffs, c.name)
	}
}

// fakePlan counts its releases.
type fakePlan struct {
	id       int
	released *int
}

func TestPlanCacheBoundsAndReuse(t *testing.T) {
	released := 0
	release := func(p *fakePlan) error { *p.released++; return nil }
	c := newPlanCache[int](3, 0, release)
	made := 0
	get := func(key, bytes int) *fakePlan {
		p, err := c.get(key, func() (*fakePlan, int, error) { made++; return &fakePlan{key, &released}, bytes, nil })
		require.NoError(t, err)
		return p
	}
	require.Equal(t, 1, get(1, 10).id)
	get(2, 10)
	get(3, 10)
	require.Equal(t, 1, get(1, 10).id) // reused: 1 is now the most recent
	require.Equal(t, 3, made)
	get(4, 10) // evicts 2, the least recently used
	require.Equal(t, 1, released)
	info := c.info()
	require.Equal(t, backend.FFTPlanCacheInfo{Plans: 3, MaxPlans: 3, Bytes: 30, Hits: 1, Misses: 4}, info)
	get(2, 10) // made again
	require.Equal(t, 5, made)

	// A byte limit evicts down to it; a plan above it stays alone.
	require.NoError(t, c.setLimits(3, 25))
	require.Equal(t, 2, c.info().Plans)
	get(9, 100)
	require.Equal(t, 1, c.info().Plans)
	require.Equal(t, 100, c.info().Bytes)

	require.NoError(t, c.clear())
	require.Equal(t, 0, c.info().Plans)
	require.Equal(t, 0, c.info().Bytes)
	require.Equal(t, made, released) // every plan made was released once
}

func TestPlanCacheErrors(t *testing.T) {
	fail := errors.New("no plan")
	c := newPlanCache[int](2, 0, func(*fakePlan) error { return errors.New("destroy failed") })
	_, err := c.get(1, func() (*fakePlan, int, error) { return nil, 0, fail })
	require.ErrorIs(t, err, fail)
	require.Equal(t, 0, c.info().Plans) // a failed make caches nothing
	for k := range 3 {
		_, err = c.get(k, func() (*fakePlan, int, error) { return &fakePlan{}, 0, nil })
	}
	require.ErrorContains(t, err, "destroy failed") // the eviction's error reaches the caller
}
