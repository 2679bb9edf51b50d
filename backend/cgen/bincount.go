package cgen

import (
	"fmt"
	"strings"
)

// Bincount kernels: each block counts a grid-stride share of the values
// into bins of its own in shared memory (32-bit counts, or float64
// sums), then adds its nonzero bins to the output with one atomic each,
// so that a histogram of few bins does not serialise on global atomics.
// Outputs of more bins than shared memory holds take global atomics
// directly.
//
// Parameters, each in an 8-byte slot: n, idx (i64 *), weights (double *,
// weighted kernels only), bins, out (u64 * or double *), zeroed by the
// caller.

// BincountSharedBins is the most bins a block keeps in shared memory.
const BincountSharedBins = 4096

// BincountEntry is the name of the counting (weighted false) or summing kernel.
func BincountEntry(weighted bool) string {
	if weighted {
		return "cugo_bincount_weighted"
	}
	return "cugo_bincount"
}

// RenderBincount renders both bincount kernels in one module.
func RenderBincount() string {
	var b strings.Builder
	b.WriteString(typedefs)
	for _, weighted := range []bool{false, true} {
		local, global, param, one := "u32", "u64", "", "1u"
		if weighted {
			local, global, param, one = "double", "double", "const double *weights, ", "weights[i]"
		}
		fmt.Fprintf(&b, `extern "C" __global__ void %[1]s(const u64 n, const i64 *idx, %[4]sconst u64 bins, %[3]s *out) {
  __shared__ %[2]s local[%[6]d];
  const u64 step = (u64)gridDim.x * blockDim.x;
  const u64 first = (u64)blockIdx.x * blockDim.x + threadIdx.x;
  if (bins > %[6]d) {
    for (u64 i = first; i < n; i += step) {
      const i64 v = idx[i];
      if (v >= 0 && (u64)v < bins) atomicAdd(&out[v], (%[3]s)%[5]s);
    }
    return;
  }
  for (u32 k = threadIdx.x; k < bins; k += blockDim.x) local[k] = 0;
  __syncthreads();
  for (u64 i = first; i < n; i += step) {
    const i64 v = idx[i];
    if (v >= 0 && (u64)v < bins) atomicAdd(&local[v], %[5]s);
  }
  __syncthreads();
  for (u32 k = threadIdx.x; k < bins; k += blockDim.x) {
    if (local[k] != 0) atomicAdd(&out[k], (%[3]s)local[k]);
  }
}
`, BincountEntry(weighted), local, global, param, one, BincountSharedBins)
	}
	return b.String()
}
