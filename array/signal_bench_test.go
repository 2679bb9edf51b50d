package array

import (
	"fmt"
	"testing"

	"github.com/cugo/cugo/backend"
)

// BenchmarkConvolveMethods times each method of Convolve on the default
// device for a signal of n float32 values and filters of m, full mode
// (the direct kernel only where the backend compiles C): the
// measurements behind convFFTMin
// (docs/PERFORMANCE.md, "Convolve and Correlate").
func BenchmarkConvolveMethods(b *testing.B) {
	d := DefaultDevice()
	methods := map[string]func(x, y *Array, start, length int) *Array{
		"windows": correlateWindows,
		"fft":     func(x, y *Array, start, length int) *Array { return convolveFFT(x, Flip(y, 0), start, length) },
		"kernel": func(x, y *Array, start, length int) *Array {
			out, _ := correlateOnDevice(x, y, start, length)
			return out
		},
	}
	for _, n := range []int{1 << 12, 1 << 16} {
		x := d.Arange(0, float64(n), 1, Float32).Mul(0.001).Sin()
		for _, m := range []int{4, 16, 64, 256, 1024} {
			y := d.Arange(0, float64(m), 1, Float32).Mul(0.01).Cos()
			for _, name := range []string{"windows", "fft", "kernel"} {
				b.Run(fmt.Sprintf("n=%d/m=%d/%s", n, m, name), func(b *testing.B) {
					if _, ok := d.Backend().(backend.CKerneler); name == "kernel" && !ok {
						b.Skip("the backend compiles no C kernels")
					}
					for b.Loop() {
						if err := methods[name](x, y, 0, n+m-1).Sync(); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
		}
	}
}
