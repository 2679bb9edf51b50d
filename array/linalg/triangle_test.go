package linalg

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/backend/cgen"
	"github.com/cugo/cugo/backend/cpu"
	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/ir"
	"github.com/cugo/cugo/internal/kerneltest"
)

// TestKeepTriangle zeroes the triangles of random stacks (square, wide,
// tall, empty) with both index widths and checks each element against its
// row and column, computed here.
func TestKeepTriangle(t *testing.T) {
	d := array.On(cpu.New(0))
	r := rand.New(rand.NewPCG(18, 7))
	for _, dt := range []array.DType{array.Float32, array.Float64, array.Complex64, array.Complex128} {
		for _, s := range [][3]int{{1, 1, 1}, {3, 4, 4}, {2, 3, 5}, {2, 5, 3}, {0, 3, 3}, {2, 0, 4}} {
			for _, idx := range []dtype.DType{dtype.Uint32, dtype.Uint64} {
				for _, lower := range []bool{true, false} {
					name := fmt.Sprintf("%v %v %v lower=%v", dt, s, idx, lower)
					a := generalStack(d, r, dt, s[0], s[1], s[2])
					b := a.Copy() // a is zeroed in place
					want := values(t, a)
					for i := range want {
						row, col := i/s[2]%max(s[1], 1), i%s[2]
						if lower && col > row || !lower && col < row {
							want[i] = 0
						}
					}
					vals := []ir.Value{{uint64(s[2])}, {uint64(s[1])}, {}}
					require.NoError(t, array.RunKernel("keepTriangle", triangleKernel(dt, idx, lower), a, []*array.Array{a}, vals), name)
					requireValuesClose(t, want, values(t, a), 0, name)
					if idx == dtype.Uint32 { // the width keepTriangle picks for these sizes
						requireValuesClose(t, want, values(t, keepTriangle(b, lower)), 0, name+" (keepTriangle)")
					}
				}
			}
		}
	}
}

// TestTriangleKernelsCompile compiles every variant of the triangle kernel
// with NVRTC and hiprtc (no GPU needed).
func TestTriangleKernelsCompile(t *testing.T) {
	kerneltest.NeedNVRTC(t)
	var kernels []*ir.Kernel
	for _, dt := range []dtype.DType{dtype.Float32, dtype.Float64, dtype.Complex64, dtype.Complex128} {
		for _, idx := range []dtype.DType{dtype.Uint32, dtype.Uint64} {
			kernels = append(kernels, triangleKernel(dt, idx, true), triangleKernel(dt, idx, false))
		}
	}
	compile := func(t *testing.T, v cgen.Vendor, compile func(code string) error) {
		var srcs []kerneltest.Source
		for _, k := range kernels {
			src, err := cgen.Render(k, cgen.Layout{Contiguous: true}, v)
			require.NoError(t, err, k.Key())
			srcs = append(srcs, kerneltest.Source{Name: k.Key(), Code: src.Code})
		}
		kerneltest.CompileAll(t, srcs, compile)
	}
	compile(t, cgen.CUDA, kerneltest.CompileCUDA)
	t.Run("hip", func(t *testing.T) {
		kerneltest.NeedHIPRTC(t)
		compile(t, cgen.HIP, kerneltest.CompileHIP)
	})
}
