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
// found so far for the rank, so each pass narrows every rank to one
// bucket; a one-thread-per-rank pick kernel then chooses the bucket
// holding the rank and appends its digit to the prefix. After one pass
// per key byte the prefix is the selected key itself. Everything stays
// on the device: the host only launches.
//
// State per (row, rank) j: prefix[j] (u64), remain[j] (u64: the rank
// within the elements that match the prefix), counts[j*256 + digit] (u32).
//
// Kernel parameters, each in an 8-byte slot (struct ranks by value):
//
//	SelectInit   slots (rows*nranks), nranks, ranks, prefix, remain, counts
//	SelectCount  n (row length), x, chunks (blocks a row), nranks, shift, prefix, counts
//	SelectPick   slots, prefix, remain, counts, out (0: not the last pass)
//
// SelectCount runs over rows*chunks blocks.

// Selection kernel names; all live in the module RenderSelect renders.
const (
	SelectInit  = "cugo_select_init"
	SelectCount = "cugo_select_count"
	SelectPick  = "cugo_select_pick"
)

// SelectMaxRanks is the most ranks one selection finds per row.
const SelectMaxRanks = 16

// RenderSelect renders the selection module for elements of dt (bool,
// integers, real floats).
func RenderSelect(dt dtype.DType) (string, error) {
	if k := dt.Kind(); k < dtype.BoolKind || k > dtype.FloatKind {
		return "", fmt.Errorf("cgen: select: cannot select %v elements", dt)
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
struct cugo_select_ranks { u64 r[%[6]d]; };
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
// counts the digit at bit shift of the elements of one row whose higher
// digits match each rank's prefix; chunks blocks share a row
extern "C" __global__ void %[8]s(const u64 n, const S *x, const u64 chunks, const u64 nranks, const u64 shift, const u64 *prefix, u32 *counts) {
  __shared__ u32 local[%[6]d * 256];
  const u64 row = blockIdx.x / chunks, chunk = blockIdx.x %% chunks;
  for (u32 k = threadIdx.x; k < nranks * 256; k += blockDim.x) local[k] = 0;
  __syncthreads();
  u64 want[%[6]d];
  for (u32 r = 0; r < nranks; r++) want[r] = prefix[row * nranks + r];
  const S *xs = x + row * n;
  const u64 step = chunks * blockDim.x;
  for (u64 i = chunk * blockDim.x + threadIdx.x; i < n; i += step) {
    const u64 key = select_key((u64)xs[i]) >> shift;
    const u64 high = key >> 8; // two shifts: shift + 8 may be 64
    const u32 digit = (u32)(key & 255);
    for (u32 r = 0; r < nranks; r++) {
      if (high == want[r]) atomicAdd(&local[r * 256 + digit], 1u);
    }
  }
  __syncthreads();
  for (u32 k = threadIdx.x; k < nranks * 256; k += blockDim.x) {
    if (local[k] != 0) atomicAdd(&counts[row * nranks * 256 + k], local[k]);
  }
}
// one thread per (row, rank): the bucket holding the rank; zeroes the
// counts for the next pass; after the last pass writes the element
extern "C" __global__ void %[9]s(const u64 slots, u64 *prefix, u64 *remain, u32 *counts, S *out) {
  const u64 step = (u64)gridDim.x * blockDim.x;
  for (u64 j = (u64)blockIdx.x * blockDim.x + threadIdx.x; j < slots; j += step) {
    u32 *c = counts + j * 256;
    u64 below = 0, rank = remain[j];
    u32 d = 0;
    for (; d < 255 && below + c[d] <= rank; d++) below += c[d];
    for (u32 e = 0; e < 256; e++) c[e] = 0;
    remain[j] = rank - below;
    const u64 p = (prefix[j] << 8) | d;
    prefix[j] = p;
    if (out) out[j] = (S)select_bits(p);
  }
}
`, st, sign, mask, key, value, SelectMaxRanks, SelectInit, SelectCount, SelectPick)
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
