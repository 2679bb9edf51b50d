package cuda

import (
	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/backend/cgen"
	"github.com/cugo/cugo/backend/gpu"
	"github.com/cugo/cugo/internal/ir"
)

// ReduceLayouts returns the kernel layouts of the passes Reduce launches
// on a CUDA GPU of sms multiprocessors (gpu.ReduceLayouts with 32-lane
// warps), so that tests compile them with NVRTC without a GPU.
func ReduceLayouts(r *ir.Reduction, shape []int, nred int, out, in backend.Operand, sms int) [][]cgen.ReduceLayout {
	return gpu.ReduceLayouts(r, shape, nred, out, in, sms, 32)
}

// ScanLayout returns the kernel layout Scan launches on a CUDA GPU.
func ScanLayout(shape []int, out, in backend.Operand) cgen.ReduceLayout {
	return gpu.ScanLayout(shape, out, in, 32)
}
