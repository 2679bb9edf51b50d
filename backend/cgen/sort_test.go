package cgen

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/kerneltest"
	"github.com/stretchr/testify/require"
)

var sortDTypes = []dtype.DType{dtype.Bool, dtype.Int8, dtype.Int16, dtype.Int32, dtype.Int64,
	dtype.Uint8, dtype.Uint16, dtype.Uint32, dtype.Uint64, dtype.Float16, dtype.BFloat16,
	dtype.Float32, dtype.Float64}

// Every sort module (each dtype, 32- and 64-bit indices) compiles with
// NVRTC for compute_80.
func TestSortKernelsCompile(t *testing.T) {
	kerneltest.NeedNVRTC(t)
	for _, dt := range sortDTypes {
		for _, wide := range []bool{false, true} {
			code, err := RenderSort(dt, wide, CUDA, 32, DefaultSortShape)
			require.NoError(t, err)
			if err := kerneltest.CompileCUDA(code); err != nil {
				t.Errorf("%v (64-bit indices %v): %v", dt, wide, err)
			}
		}
	}
}

// SortTunedShapes are the shapes measured on the GPU against the default
// (docs/PERFORMANCE.md), kept so that the kernels stay right for any shape.
var SortTunedShapes = []SortShape{{HistCopies: 1, Items: 16}, {HistCopies: 4, Items: 16},
	{HistCopies: 16, Items: 16}, {HistCopies: 8, Items: 12}, {HistCopies: 8, Items: 20}, {HistCopies: 8, Items: 27},
	{HistCopies: 8, Items: 16, MinBlocks: 0}, {HistCopies: 8, Items: 16, MinBlocks: 4},
	{HistCopies: 8, Items: 16, MinBlocks: 3, Lookback: 4},
	{HistCopies: 8, Items: 16, MinBlocks: 3, Lookback: 16}, {HistCopies: 8, Items: 12, KeyItems: 27}, {HistCopies: 8, Items: 20, KeyItems: 34},
	{HistCopies: 8, Items: 16, KeyItems: 24, MinBlocks: 3, KeyMinBlocks: 4, Lookback: 4},
	{HistCopies: 8, Items: 12, KeyItems: 18, MinBlocks: 3, KeyMinBlocks: 3, Lookback: 4, Threads: 384},
	{HistCopies: 8, Items: 16, KeyItems: 20, MinBlocks: 3, KeyMinBlocks: 3, Lookback: 4, KeyThreads: 384},
	{HistCopies: 8, Items: 8, KeyItems: 13, MinBlocks: 2, Lookback: 4, Threads: 512},
	{HistCopies: 8, Items: 16, KeyItems: 16, Threads: 1024}}

// Each tuned shape compiles for 32- and 64-bit keys and positions, and
// each kernel's static shared memory stays within the 48 KiB a block
// gets without opting in (summed from the PTX's .shared declarations).
func TestSortShapesCompileWithinSharedMemory(t *testing.T) {
	kerneltest.NeedNVRTC(t)
	decl := regexp.MustCompile(`\.shared \.align \d+ \.b8 (\S+)\[(\d+)\]`)
	for _, shape := range append([]SortShape{DefaultSortShape}, SortTunedShapes...) {
		for _, dt := range []dtype.DType{dtype.Uint8, dtype.Float32, dtype.Float64} {
			for _, wide := range []bool{false, true} {
				code, err := RenderSort(dt, wide, CUDA, 32, shape)
				require.NoError(t, err)
				res, err := kerneltest.CUDA(code)
				require.NoError(t, err, "%v (64-bit indices %v) shape %+v", dt, wide, shape)
				require.False(t, res.CUBIN)
				used := map[string]int{}
				for _, m := range decl.FindAllStringSubmatch(string(res.Code), -1) {
					for _, entry := range []string{SortHist, SortPass, SortPassKeys} {
						if strings.Contains(m[1], fmt.Sprintf("%d%sE", len(entry), entry)) { // the mangled name of a static in entry
							size, _ := strconv.Atoi(m[2])
							used[entry] += size
						}
					}
				}
				require.Greater(t, used[SortPass], SortPassTile(dt, wide, shape, SortPass)*4, "the tile is staged")
				require.Greater(t, used[SortPassKeys], SortPassTile(dt, wide, shape, SortPassKeys)*4, "the tile is staged")
				for entry, size := range used {
					require.LessOrEqual(t, size, 48<<10, "%s of %v (64-bit indices %v) shape %+v", entry, dt, wide, shape)
				}
			}
		}
	}
}

// The HIP flavour compiles for wavefronts of 64 (gfx90a) and 32
// (gfx1030) lanes, and refuses a target of the other width.
func TestSortKernelsHIPFlavourCompile(t *testing.T) {
	kerneltest.NeedHIPRTC(t)
	for _, c := range []struct {
		target string
		warp   int
		dts    []dtype.DType
	}{{"gfx90a", 64, sortDTypes}, {"gfx1030", 32, []dtype.DType{dtype.Float32, dtype.Int64}}} {
		for _, dt := range c.dts {
			code, err := RenderSort(dt, dt == dtype.Float64, HIP, c.warp, DefaultSortShape)
			require.NoError(t, err)
			require.NotContains(t, code, "_sync(")
			_, err = kerneltest.HIP(code, c.target)
			require.NoError(t, err, "sort of %v for %s", dt, c.target)
		}
	}
	for _, shape := range SortTunedShapes {
		for _, dt := range []dtype.DType{dtype.Float32, dtype.Int64} {
			code, err := RenderSort(dt, dt == dtype.Int64, HIP, 64, shape)
			require.NoError(t, err)
			_, err = kerneltest.HIP(code, "gfx90a")
			require.NoError(t, err, "sort of %v shape %+v", dt, shape)
		}
	}
	code, err := RenderSort(dtype.Float32, false, HIP, 32, DefaultSortShape)
	require.NoError(t, err)
	_, err = kerneltest.HIP(code, "gfx90a")
	require.ErrorContains(t, err, "wavefronts of 32 lanes")
}

// Each pass kernel gets its own launch bound on CUDA (keys alone hold
// fewer registers, so more of their blocks fit) and none on HIP.
func TestSortLaunchBoundsPerPass(t *testing.T) {
	shape := SortShape{Items: 16, KeyItems: 24, MinBlocks: 3, KeyMinBlocks: 4}
	code, err := RenderSort(dtype.Float32, false, CUDA, 32, shape)
	require.NoError(t, err)
	require.Contains(t, code, fmt.Sprintf("__launch_bounds__(%d, 3) %s(", SortThreads, SortPass))
	require.Contains(t, code, fmt.Sprintf("__launch_bounds__(%d, 4) %s(", SortThreads, SortPassKeys))
	shape.KeyMinBlocks = 0
	code, err = RenderSort(dtype.Float32, false, CUDA, 32, shape)
	require.NoError(t, err)
	require.Contains(t, code, fmt.Sprintf("__launch_bounds__(%d, 3) %s(", SortThreads, SortPassKeys), "0 takes MinBlocks")
	code, err = RenderSort(dtype.Float32, false, HIP, 64, shape)
	require.NoError(t, err)
	require.NotContains(t, code, "__launch_bounds__")
}

func TestRenderSortRefuses(t *testing.T) {
	for _, dt := range []dtype.DType{dtype.Complex64, dtype.Complex128, 0} {
		_, err := RenderSort(dt, false, CUDA, 32, DefaultSortShape)
		require.ErrorContains(t, err, "sort", "%v", dt)
	}
	_, err := RenderSort(dtype.Float32, false, CUDA, 64, DefaultSortShape)
	require.ErrorContains(t, err, "sort")
}

// The bincount kernels compile for both vendors.
func TestBincountKernelsCompile(t *testing.T) {
	t.Run("cuda", func(t *testing.T) {
		kerneltest.NeedNVRTC(t)
		require.NoError(t, kerneltest.CompileCUDA(RenderBincount()))
	})
	t.Run("hip", func(t *testing.T) {
		kerneltest.NeedHIPRTC(t)
		_, err := kerneltest.HIP(RenderBincount(), "gfx90a")
		require.NoError(t, err)
	})
}
