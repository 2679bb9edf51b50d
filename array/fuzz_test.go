package array

import (
	"testing"

	"github.com/cugo/cugo/backend/cpu"
	"github.com/stretchr/testify/require"
)

// FuzzIndexSet makes two random views of one array and assigns one to the
// other (overlapping or not) or assigns a scalar, then compares the whole
// array with a naive reference that enumerates element offsets on the host.
func FuzzIndexSet(f *testing.F) {
	f.Add([]byte{3, 4, 1, 2, 0, 5, 1, 9, 0, 2, 1, 3})
	f.Add([]byte{2, 5, 3, 0, 1, 255, 7, 1, 4, 4, 0, 0, 6})
	f.Add([]byte{1, 8, 2, 0, 0, 7, 1, 0, 0, 250})
	d := On(cpu.New(2))
	f.Fuzz(func(t *testing.T, in []byte) {
		next := func() int {
			if len(in) == 0 {
				return 0
			}
			b := in[0]
			in = in[1:]
			return int(b)
		}
		shape := make([]int, 1+next()%3)
		for i := range shape {
			shape[i] = 1 + next()%5
		}
		size := shapeSize(shape)
		ref := make([]int64, size)
		for i := range ref {
			ref[i] = int64(i * 7)
		}
		a := FromSliceOn(d, ref, shape...)
		randomIndex := func() []Index {
			var idx []Index
			for range shape {
				switch next() % 3 {
				case 0:
					idx = append(idx, I(next()%7-3))
				case 1:
					idx = append(idx, S(next()%9-4, next()%9-4).Step(next()%5-2))
				default:
					idx = append(idx, All)
				}
			}
			return idx
		}
		dstIdx := randomIndex()
		dst := a.Index(dstIdx...)
		dShape, dStrides, dOff, err := applyIndex(shape, contiguousStrides(shape), 0, dstIdx...)
		if err != nil {
			require.EqualError(t, dst.Err(), "Index: "+err.Error())
			return
		}
		require.NoError(t, dst.Err())
		var values []int64 // what dst's elements become, in C order
		if next()%2 == 0 {
			v := int64(next()) - 128
			require.NoError(t, dst.Set(v))
			values = make([]int64, shapeSize(dShape))
			for i := range values {
				values[i] = v
			}
		} else {
			srcIdx := randomIndex()
			src := a.Index(srcIdx...)
			sShape, sStrides, sOff, err := applyIndex(shape, contiguousStrides(shape), 0, srcIdx...)
			if err != nil {
				return
			}
			bStrides, err := broadcastStrides(sShape, sStrides, dShape)
			if err != nil {
				require.Error(t, dst.Set(src))
				return
			}
			for _, off := range offsets(dShape, bStrides, sOff) {
				values = append(values, ref[off]) // read before any write: NumPy's semantics
			}
			require.NoError(t, dst.Set(src))
		}
		for i, off := range offsets(dShape, dStrides, dOff) {
			ref[off] = values[i]
		}
		got, err := ToSlice[int64](a)
		require.NoError(t, err)
		require.Equal(t, ref, got)
		view, err := ToSlice[int64](dst)
		require.NoError(t, err)
		require.Len(t, view, len(values))
	})
}
