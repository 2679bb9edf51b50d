package cgen

import (
	"fmt"
	"strings"

	"github.com/cugo/cugo/dtype"
)

// Selection by radix: the elements of a few given ranks of each row
// (order statistics: np.median, np.percentile, np.partition's kth),
// found without sorting. Each element's bits map to the sort's
// order-preserving unsigned key (signed integers flip the sign bit,
// floats the sign bit or every bit, -0.0 takes +0.0's key, NaN the
// largest). A pass histograms one 8-bit digit of the keys, from the
// top, counting only the elements whose higher digits match the prefix
// found so far for a rank, so each pass narrows every rank to one
// bucket; a pick kernel then chooses the bucket holding the rank and
// appends its digit to the prefix. After one pass per key byte the
// prefix is the selected key itself. Everything stays on the device:
// the host only launches.
//
// Ranks whose prefixes are equal (all of them in the first pass, a
// median's two middle ranks until the last) share one histogram: an
// element is counted once, for the first rank whose prefix it matches.
// The counting kernel reads 16 bytes a thread at a time and spreads each
// block's counts over copies (by lane), so that the lanes of a warp that
// meet the same digit (frequent in the top digits of real data) add to
// different words.
//
// State per (row, rank) j: prefix[j] (u64), remain[j] (u64: the rank
// within the elements that match the prefix), counts[j*256 + digit] (u32).
//
// Kernel parameters, each in an 8-byte slot (struct ranks by value):
//
//	SelectInit   slots (rows*nranks), nranks, ranks, prefix, remain, counts
//	SelectCount  n (row length), x, chunks (blocks a row), nranks, shift, prefix, counts
//	SelectPick   rows, nranks, prefix, remain, counts, out (0: not the last pass)
//
// SelectCount runs over rows*chunks blocks, SelectPick over at most rows
// blocks of SelectPickBlock threads.

// Selection kernel names; all live in the module RenderSelect renders.
const (
	SelectInit  = "cugo_select_init"
	SelectCount = "cugo_select_count"
	SelectPick  = "cugo_select_pick"
)

// SelectMaxRanks is the most ranks one selection finds per row.
const SelectMaxRanks = 16

// SelectPickBlock is the block size SelectPick must run with: a thread
// per digit.
const SelectPickBlock = 256

// SelectShared is the most shared memory (bytes) the counting kernel's
// copies of the histograms take.
const SelectShared = 32 << 10

// SelectCopies is how many copies of its histograms the counting kernel
// for up to nranks ranks keeps with copies asked for: a power of two
// from 1 to 32, within SelectShared.
func SelectCopies(nranks, copies int) int {
	c := 1
	for c < 32 && 2*c <= copies && 2*c*selectRankSlots(nranks)*256*4 <= SelectShared {
		c *= 2
	}
	return c
}

// selectRankSlots is the number of ranks a module is rendered for: the
// power of two at or above nranks.
func selectRankSlots(nranks int) int {
	r := 1
	for r < nranks {
		r *= 2
	}
	return r
}

// RenderSelect renders the selection module for elements of dt (bool,
// integers, real floats), for up to nranks ranks a row and with copies
// histogram copies a block (SelectCopies).
func RenderSelect(dt dtype.DType, nranks, copies int) (string, error) {
	if k := dt.Kind(); k < dtype.BoolKind || k > dtype.FloatKind {
		return "", fmt.Errorf("cgen: select: cannot select %v elements", dt)
	}
	if nranks < 1 || nranks > SelectMaxRanks || copies != SelectCopies(nranks, copies) {
		return "", fmt.Errorf("cgen: select: %d ranks, %d copies", nranks, copies)
	}
	sign := fmt.Sprintf("(1ull << %d)", 8*dt.Size()-1)
	mask := fmt.Sprintf("(%s - 1ull + %s)", sign, sign)
	key, value := "return b;", "return k;"
	switch dt.Kind() {
	case dtype.IntKind:
		key, value = "return b ^ SIGN;", "return k ^ SIGN;"
	case dtype.FloatKind:
		inf, nan := floatBits(dt)
		key = fmt.Sprintf(`const u64 mag = b & ~SIGN;
  if (mag > %#xull) return MASK;
  if (mag == 0) return SIGN;
  return (b & SIGN) ? (~b & MASK) : (b | SIGN);`, inf)
		value = fmt.Sprintf(`if (k == MASK) return %#xull;
  return (k & SIGN) ? (k ^ SIGN) : (~k & MASK);`, nan)
	}
	st := map[int]string{1: "u8", 2: "u16", 4: "u32", 8: "u64"}[dt.Size()]
	var b strings.Builder
	b.WriteString(typedefs)
	fmt.Fprintf(&b, `typedef %[1]s S; // an element's bits
#define SIGN %[2]s
#define MASK %[3]s
#define NR %[10]d // ranks the module is rendered for
#define COPIES %[11]d // of each histogram, by lane
#define VEC %[12]d // elements in 16 bytes
struct cugo_select_ranks { u64 r[%[6]d]; };
struct __align__(16) cugo_select_vec { S e[VEC]; };
__device__ __forceinline__ u64 select_key(const u64 b) {
  %[4]s
}
__device__ __forceinline__ u64 select_bits(const u64 k) {
  %[5]s
}
extern "C" __global__ void %[7]s(const u64 slots, const u64 nranks, const cugo_select_ranks ranks, u64 *prefix, u64 *remain, u32 *counts) {
  const u64 step = (u64)gridDim.x * blockDim.x;
  for (u64 j = (u64)blockIdx.x * blockDim.x + threadIdx.x; j < slots; j += step) {
    prefix[j] = 0;
    remain[j] = ranks.r[j %% nranks];
    for (u32 d = 0; d < 256; d++) counts[j * 256 + d] = 0;
  }
}
// counts v's digit at bit shift in the histogram of the first rank whose
// prefix its higher digits match
__device__ __forceinline__ void select_tally(const S v, const u64 shift, const u64 nranks, const u64 *want, u32 *local, const u32 copy) {
  const u64 key = select_key((u64)v) >> shift;
  const u64 high = key >> 8; // two shifts: shift + 8 may be 64
  const u32 digit = (u32)(key & 255);
#pragma unroll
  for (u32 r = 0; r < NR; r++) {
    if (r < nranks && high == want[r]) {
      atomicAdd(&local[(r * 256 + digit) * COPIES + copy], 1u);
      break;
    }
  }
}
// counts the digit at bit shift of the elements of one row whose higher
// digits match each rank's prefix; chunks blocks share a row, reading
// it 16 bytes at a time from its first 16-byte boundary
extern "C" __global__ void %[8]s(const u64 n, const S *x, const u64 chunks, const u64 nranks, const u64 shift, const u64 *prefix, u32 *counts) {
  __shared__ u32 local[NR * 256 * COPIES];
  const u64 row = blockIdx.x / chunks, chunk = blockIdx.x %% chunks;
  for (u32 k = threadIdx.x; k < nranks * 256 * COPIES; k += blockDim.x) local[k] = 0;
  u64 want[NR];
#pragma unroll
  for (u32 r = 0; r < NR; r++) want[r] = r < nranks ? prefix[row * nranks + r] : 0;
  __syncthreads();
  const u32 copy = threadIdx.x %% COPIES;
  const S *xs = x + row * n;
  const u64 skip = (16 - (u64)xs %% 16) %% 16 / sizeof(S), head = skip < n ? skip : n;
  const u64 vecs = (n - head) / VEC, tail = head + vecs * VEC;
  const cugo_select_vec *xv = (const cugo_select_vec *)(xs + head);
  const u64 step = chunks * blockDim.x;
  for (u64 i = chunk * blockDim.x + threadIdx.x; i < vecs; i += step) {
    const cugo_select_vec v = xv[i];
#pragma unroll
    for (u32 e = 0; e < VEC; e++) select_tally(v.e[e], shift, nranks, want, local, copy);
  }
  if (chunk == 0) { // the elements before the boundary and after the last 16 bytes
    for (u64 i = threadIdx.x; i < head; i += blockDim.x) select_tally(xs[i], shift, nranks, want, local, copy);
    for (u64 i = tail + threadIdx.x; i < n; i += blockDim.x) select_tally(xs[i], shift, nranks, want, local, copy);
  }
  __syncthreads();
  for (u32 k = threadIdx.x; k < nranks * 256; k += blockDim.x) {
    u32 sum = 0;
    for (u32 c = 0; c < COPIES; c++) sum += local[k * COPIES + c];
    if (sum != 0) atomicAdd(&counts[row * nranks * 256 + k], sum);
  }
}
// a block of 256 threads (one per digit) per row: for each rank, the
// bucket of its histogram (that of the first rank with its prefix) that
// holds it; then zeroes the row's counts for the next pass; after the
// last pass writes the elements
extern "C" __global__ void %[9]s(const u64 rows, const u64 nranks, u64 *prefix, u64 *remain, u32 *counts, S *out) {
  __shared__ u64 scan[256];
  __shared__ u64 old[NR];
  const u32 t = threadIdx.x;
  for (u64 row = blockIdx.x; row < rows; row += gridDim.x) {
    if (t < nranks) old[t] = prefix[row * nranks + t];
    __syncthreads();
    for (u32 r = 0; r < nranks; r++) {
      u32 lead = 0;
      while (old[lead] != old[r]) lead++;
      const u64 j = row * nranks + r, rank = remain[j];
      const u64 c = counts[(row * nranks + lead) * 256 + t];
      scan[t] = c;
      __syncthreads();
      for (u32 off = 1; off < 256; off <<= 1) { // inclusive prefix sum
        const u64 add = t >= off ? scan[t - off] : 0;
        __syncthreads();
        scan[t] += add;
        __syncthreads();
      }
      const u64 below = scan[t] - c;
      if (below <= rank && rank < scan[t]) {
        const u64 p = (old[r] << 8) | t;
        prefix[j] = p;
        remain[j] = rank - below;
        if (out) out[j] = (S)select_bits(p);
      }
      __syncthreads();
    }
    for (u64 k = t; k < nranks * 256; k += 256) counts[row * nranks * 256 + k] = 0;
  }
}
`, st, sign, mask, key, value, SelectMaxRanks, SelectInit, SelectCount, SelectPick, selectRankSlots(nranks), copies, 16/dt.Size())
	return b.String(), nil
}

// floatBits returns the bit patterns of +inf and of the quiet NaN in dt.
func floatBits(dt dtype.DType) (inf, nan uint64) {
	switch dt {
	case dtype.Float16:
		return 0x7c00, 0x7e00
	case dtype.BFloat16:
		return 0x7f80, 0x7fc0
	case dtype.Float32:
		return 0x7f800000, 0x7fc00000
	}
	return 0x7ff0000000000000, 0x7ff8000000000000
}
