package cgen

import (
	"fmt"

	"github.com/cugo/cugo/dtype"
)

// The first elements of the runs of equal elements in sorted data (what
// np.unique keeps), found by count and scatter over chunks of chunk
// elements, one block of RunsBlock threads a chunk. Element i starts a
// run where i is 0 or its sort key differs from element i-1's (the
// sort's keys: -0.0 equals 0.0, every NaN equals every NaN), so the
// runs are read straight from the sorted elements, with no mask.
//
// RunsCount writes each chunk's count of run starts to counts[block];
// the caller reads the counts back (the result's length) and leaves
// them on the device. RunsWrite then finds its chunk's offset by summing
// the counts of the chunks before it and writes, in order from there,
// the first element of each run (values) and its position (starts,
// i64), and, for every element, the index of its run (ids, i64: what
// np.unique's inverse holds in sorted order); each output may be 0
// (none).
//
// Parameters, each in an 8-byte slot: n, in, chunk, counts (count) or
// n, in, chunk, counts, values, starts, ids (write).

// Run kernel names; both live in the source of RenderRuns.
const (
	RunsCount = "cugo_runs_count"
	RunsWrite = "cugo_runs_write"
)

// RunsBlock is the block size the run kernels are written for.
const RunsBlock = 256

// RenderRuns renders the two run kernels (one translation unit) for
// sorted elements of dt (bool, integers, real floats), vendor v and
// warps of warp lanes (0: the vendor's usual width).
func RenderRuns(dt dtype.DType, v Vendor, warp int) (string, error) {
	if k := dt.Kind(); k < dtype.BoolKind || k > dtype.FloatKind {
		return "", fmt.Errorf("cgen: runs: cannot compare %v", dt)
	}
	w, err := warpWidth(v, warp)
	if err != nil {
		return "", fmt.Errorf("cgen: runs: %w", err)
	}
	k := "u32"
	if dt.Size() == 8 {
		k = "u64"
	}
	// CUDA's ballot is a 32-bit mask; HIP's is 64 bits at either width.
	vote, ballot, popc, one := "unsigned", "__ballot_sync(0xffffffffu, f)", "__popc", "1u"
	if v == HIP {
		vote, ballot, popc, one = "u64", "__ballot(f)", "__popcll", "1ull"
	}
	return typedefs + warpGuard(v, w, RunsWrite) +
		fmt.Sprintf("typedef %s T;\ntypedef %s K;\n", indexedTypes[dt.Size()], k) + sortKeyFunc(dt) +
		fmt.Sprintf(`__device__ __forceinline__ bool run_start(const T *in, const u64 i) {
  return i == 0 || sort_key(in[i]) != sort_key(in[i - 1]);
}
// block_sum returns, to every thread, the sum of the block's c.
__device__ __forceinline__ u64 block_sum(u64 c, u64 *part) {
  part[threadIdx.x] = c;
  __syncthreads();
  for (unsigned s = %[1]d / 2; s > 0; s >>= 1) {
    if (threadIdx.x < s) part[threadIdx.x] += part[threadIdx.x + s];
    __syncthreads();
  }
  const u64 sum = part[0];
  __syncthreads();
  return sum;
}
extern "C" __global__ void cugo_runs_count(const u64 n, const T *in, const u64 chunk, u64 *counts) {
  __shared__ u64 part[%[1]d];
  const u64 lo = (u64)blockIdx.x * chunk;
  const u64 hi = lo + chunk < n ? lo + chunk : n;
  u64 c = 0;
  for (u64 i = lo + threadIdx.x; i < hi; i += %[1]d) c += run_start(in, i);
  c = block_sum(c, part);
  if (threadIdx.x == 0) counts[blockIdx.x] = c;
}
extern "C" __global__ void cugo_runs_write(const u64 n, const T *in, const u64 chunk, const u64 *counts, T *values, i64 *starts, i64 *ids) {
  __shared__ u64 part[%[1]d];
  __shared__ u32 warps[%[1]d / %[2]d];
  u64 c = 0;
  for (u64 j = threadIdx.x; j < blockIdx.x; j += %[1]d) c += counts[j];
  u64 base = block_sum(c, part);
  const u64 lo = (u64)blockIdx.x * chunk;
  const u64 hi = lo + chunk < n ? lo + chunk : n;
  const unsigned lane = threadIdx.x %% %[2]d, warp = threadIdx.x / %[2]d;
  for (u64 t = lo; t < hi; t += %[1]d) {
    const u64 i = t + threadIdx.x;
    const bool f = i < hi && run_start(in, i);
    const %[3]s vote = %[4]s;
    if (lane == 0) warps[warp] = %[5]s(vote);
    __syncthreads();
    u32 before = 0, total = 0;
    for (unsigned w = 0; w < %[1]d / %[2]d; w++) {
      const u32 c = warps[w];
      if (w < warp) before += c;
      total += c;
    }
    const u64 at = base + before + %[5]s(vote & ((%[6]s << lane) - %[6]s)); // the runs started before i
    if (f) {
      if (values) values[at] = in[i];
      if (starts) starts[at] = (i64)i;
    }
    if (ids && i < hi) ids[i] = (i64)(at + f) - 1;
    base += total;
    __syncthreads();
  }
}
`, RunsBlock, w, vote, ballot, popc, one), nil
}
