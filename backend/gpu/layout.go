package gpu

import (
	"github.com/cugo/cugo/internal/layout"
	"math"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/backend/cgen"
)

// chooseLayout picks the cgen layout for a launch of n > 0 elements over
// shape: the flat path when every output and input is C-contiguous over
// shape or (inputs only) one element broadcast over it, the strided path
// over len(shape) dimensions otherwise; 64-bit indices when n or any
// operand's element offset from its first element leaves int32.
// The array package has already merged the dimensions it could.
func chooseLayout(shape []int, n int, out, in []backend.Operand) cgen.Layout {
	l := cgen.Layout{Contiguous: true, Index64: n > math.MaxInt32}
	for _, d := range shape {
		if d > math.MaxInt32 {
			l.Index64 = true
		}
	}
	for i := range out {
		if !layout.IsC(shape, out[i].Strides) {
			l.Contiguous = false
		}
		if wide(shape, out[i].Strides) {
			l.Index64 = true
		}
	}
	for j := range in {
		s := in[j].Strides
		switch {
		case layout.IsC(shape, s):
		case j < 64 && broadcast(shape, s):
			l.Broadcast |= 1 << j
		default:
			l.Contiguous = false
		}
		if wide(shape, s) {
			l.Index64 = true
		}
	}
	if !l.Contiguous {
		l.Broadcast, l.NDim = 0, len(shape)
		l.Tiled = tiledInputs(shape, out, in)
	}
	return l
}

// tiledInputs marks, for a 2-D launch whose outputs run along the rows,
// the inputs that run down the columns (transposed views): through
// cgen's Tiled layout both are read and written coalesced. 0 when the
// launch does not fit that pattern or the grid's y limit.
func tiledInputs(shape []int, out, in []backend.Operand) uint64 {
	const maxGridY = 65535
	if len(shape) != 2 || shape[0] < 2 || shape[1] < 2 || (shape[0]+31)/32 > maxGridY || len(out) == 0 {
		return 0 // no output (a kernel of raw outputs) has no writes to coalesce
	}
	abs := func(x int) int { return max(x, -x) }
	for _, o := range out {
		if abs(o.Strides[1]) > abs(o.Strides[0]) {
			return 0
		}
	}
	var tiled uint64
	for j, op := range in {
		if j < 64 && op.Strides[0] != 0 && abs(op.Strides[0]) < abs(op.Strides[1]) {
			tiled |= 1 << j
		}
	}
	return tiled
}

// broadcast reports whether strides stay on one element over shape.
func broadcast(shape, strides []int) bool {
	for d, s := range strides {
		if s != 0 && shape[d] != 1 {
			return false
		}
	}
	return true
}

// wide reports whether an operand's offsets leave the int32 range of
// 32-bit kernels.
func wide(shape, strides []int) bool {
	lo, hi := layout.Extent(shape, strides)
	return lo < math.MinInt32 || hi > math.MaxInt32
}
