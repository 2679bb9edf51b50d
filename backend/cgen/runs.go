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
// runs are read straight from the sorted elements, with no mask. A block
// walks its chunk in steps of items strips of RunsBlock consecutive
// elements, each thread loading its element of every strip (and the one
// before it) before it compares any.
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

// DefaultRunsItems is how many elements a thread of the run kernels
// loads before it uses any (RenderRuns' items): enough loads in flight
// to stream memory.
const DefaultRunsItems = 4

// RunsTile is how many elements a block of the run kernels reads in
// one step: items strips of RunsBlock consecutive elements.
func RunsTile(items int) int { return RunsBlock * items }

// RenderRuns renders the two run kernels (one translation unit) for
// sorted elements of dt (bool, integers, real floats), vendor v, warps
// of warp lanes (0: the vendor's usual width) and items elements a
// thread a step (1 to 16).
func RenderRuns(dt dtype.DType, v Vendor, warp, items int) (string, error) {
	if k := dt.Kind(); k < dtype.BoolKind || k > dtype.FloatKind {
		return "", fmt.Errorf("cgen: runs: cannot compare %v", dt)
	}
	if items < 1 || items > 16 {
		return "", fmt.Errorf("cgen: runs: %d items a thread (want 1..16)", items)
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
	vote, ballot, popc, one := "unsigned", "__ballot_sync(0xffffffffu, f[k])", "__popc", "1u"
	if v == HIP {
		vote, ballot, popc, one = "u64", "__ballot(f[k])", "__popcll", "1ull"
	}
	return typedefs + warpGuard(v, w, RunsWrite) +
		fmt.Sprintf("typedef %s T;\ntypedef %s K;\n", indexedTypes[dt.Size()], k) + sortKeyFunc(dt) +
		fmt.Sprintf(`#define BLOCK %[1]d
#define WARP %[2]d
#define NWARPS (BLOCK / WARP)
#define ITEMS %[7]d
// flags loads strip k of the step from t (elements t + k*BLOCK + thread)
// and sets f[k]: whether the element starts a run. All loads come first.
__device__ __forceinline__ void flags(const T *in, const u64 t, const u64 hi, bool *f) {
  T x[ITEMS], p[ITEMS];
#pragma unroll
  for (int k = 0; k < ITEMS; k++) {
    const u64 i = t + (u64)k * BLOCK + threadIdx.x;
    if (i < hi) { x[k] = in[i]; p[k] = i > 0 ? in[i - 1] : x[k]; }
  }
#pragma unroll
  for (int k = 0; k < ITEMS; k++) {
    const u64 i = t + (u64)k * BLOCK + threadIdx.x;
    f[k] = i < hi && (i == 0 || sort_key(x[k]) != sort_key(p[k]));
  }
}
// block_sum returns, to every thread, the sum of the block's c.
__device__ __forceinline__ u64 block_sum(u64 c, u64 *part) {
  part[threadIdx.x] = c;
  __syncthreads();
  for (unsigned s = BLOCK / 2; s > 0; s >>= 1) {
    if (threadIdx.x < s) part[threadIdx.x] += part[threadIdx.x + s];
    __syncthreads();
  }
  const u64 sum = part[0];
  __syncthreads();
  return sum;
}
extern "C" __global__ void cugo_runs_count(const u64 n, const T *in, const u64 chunk, u64 *counts) {
  __shared__ u64 part[BLOCK];
  const u64 lo = (u64)blockIdx.x * chunk;
  const u64 hi = lo + chunk < n ? lo + chunk : n;
  u64 c = 0;
  for (u64 t = lo; t < hi; t += BLOCK * ITEMS) {
    bool f[ITEMS];
    flags(in, t, hi, f);
#pragma unroll
    for (int k = 0; k < ITEMS; k++) c += f[k];
  }
  c = block_sum(c, part);
  if (threadIdx.x == 0) counts[blockIdx.x] = c;
}
extern "C" __global__ void cugo_runs_write(const u64 n, const T *in, const u64 chunk, const u64 *counts, T *values, i64 *starts, i64 *ids) {
  __shared__ u64 part[BLOCK];
  __shared__ u32 warps[ITEMS][NWARPS];
  u64 c = 0;
  for (u64 j = threadIdx.x; j < blockIdx.x; j += BLOCK) c += counts[j];
  u64 base = block_sum(c, part);
  const u64 lo = (u64)blockIdx.x * chunk;
  const u64 hi = lo + chunk < n ? lo + chunk : n;
  const unsigned lane = threadIdx.x %% WARP, warp = threadIdx.x / WARP;
  for (u64 t = lo; t < hi; t += BLOCK * ITEMS) {
    bool f[ITEMS];
    %[3]s votes[ITEMS];
    flags(in, t, hi, f);
#pragma unroll
    for (int k = 0; k < ITEMS; k++) {
      votes[k] = %[4]s;
      if (lane == 0) warps[k][warp] = %[5]s(votes[k]);
    }
    __syncthreads();
#pragma unroll
    for (int k = 0; k < ITEMS; k++) {
      u32 before = 0, total = 0;
      for (unsigned w = 0; w < NWARPS; w++) {
        const u32 c = warps[k][w];
        if (w < warp) before += c;
        total += c;
      }
      const u64 i = t + (u64)k * BLOCK + threadIdx.x;
      const u64 at = base + before + %[5]s(votes[k] & ((%[6]s << lane) - %[6]s)); // the runs started before i
      if (f[k]) {
        if (values) values[at] = in[i];
        if (starts) starts[at] = (i64)i;
      }
      if (ids && i < hi) ids[i] = (i64)(at + f[k]) - 1;
      base += total;
    }
    __syncthreads();
  }
}
`, RunsBlock, w, vote, ballot, popc, one, items), nil
}
