package cpu

import (
	le "encoding/binary"
	"errors"
	"testing"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/dtype"
	"github.com/stretchr/testify/require"
)

func int64Buffer(t *testing.T, b *Backend, vals ...int64) backend.Buffer {
	t.Helper()
	buf, err := b.Alloc(8 * len(vals))
	require.NoError(t, err)
	data := make([]byte, 0, 8*len(vals))
	for _, v := range vals {
		data = le.LittleEndian.AppendUint64(data, uint64(v))
	}
	require.NoError(t, b.Write(buf, 0, data))
	return buf
}

func readInt64s(t *testing.T, b *Backend, buf backend.Buffer, n int) []int64 {
	t.Helper()
	data := make([]byte, 8*n)
	require.NoError(t, b.Read(data, buf, 0))
	out := make([]int64, n)
	for i := range out {
		out[i] = int64(le.LittleEndian.Uint64(data[8*i:]))
	}
	return out
}

func TestGatherScatterCompact(t *testing.T) {
	b := New(2)
	in := int64Buffer(t, b, 10, 11, 12, 13, 14, 15)
	idx := int64Buffer(t, b, 2, -1, 0)
	out := int64Buffer(t, b, 0, 0, 0)
	op := func(buf backend.Buffer, strides ...int) backend.Operand {
		return backend.Operand{Buf: buf, DType: dtype.Int64, Strides: strides}
	}
	// in read as (3, 2) rows: take column 1 of rows idx
	require.NoError(t, b.Gather([]int{3}, op(out, 1), backend.Operand{Buf: in, DType: dtype.Int64, Offset: 1, Strides: []int{0}}, op(idx, 1), backend.IndexedAxis{Len: 3, Stride: 2}))
	require.Equal(t, []int64{15, 15, 11}, readInt64s(t, b, out, 3))
	require.NoError(t, b.Scatter([]int{3}, op(in, 0), op(out, 1), op(idx, 1), backend.IndexedAxis{Len: 6, Stride: 1}))
	require.Equal(t, []int64{11, 11, 15, 13, 14, 15}, readInt64s(t, b, in, 6))

	bad := int64Buffer(t, b, 1, 6, -7)
	err := b.Gather([]int{3}, op(out, 1), op(in, 0), op(bad, 1), backend.IndexedAxis{Len: 6, Stride: 1})
	var ie *backend.IndexError
	require.True(t, errors.As(err, &ie), "%v", err)
	require.Equal(t, backend.IndexError{Index: 6, Len: 6}, *ie)

	mask, err := b.Alloc(5)
	require.NoError(t, err)
	require.NoError(t, b.Write(mask, 0, []byte{0, 1, 1, 0, 1}))
	pos, err := b.Alloc(8 * 4)
	require.NoError(t, err)
	n, err := b.Compact(pos, mask, 1, 4)
	require.NoError(t, err)
	require.Equal(t, 3, n)
	require.Equal(t, []int64{0, 1, 3}, readInt64s(t, b, pos, 3))
}

// Operands that reach outside their buffers are errors, not panics.
func TestGatherRefusesBadOperands(t *testing.T) {
	b := New(1)
	in := int64Buffer(t, b, 1, 2, 3)
	idx := int64Buffer(t, b, 0, 1)
	out := int64Buffer(t, b, 0, 0)
	op := func(buf backend.Buffer, strides ...int) backend.Operand {
		return backend.Operand{Buf: buf, DType: dtype.Int64, Strides: strides}
	}
	ax := backend.IndexedAxis{Len: 3, Stride: 1}
	for name, err := range map[string]error{
		"axis past the input":  b.Gather([]int{2}, op(out, 1), op(in, 0), op(idx, 1), backend.IndexedAxis{Len: 4, Stride: 1}),
		"output too short":     b.Gather([]int{3}, op(out, 1), op(in, 0), op(idx, 0), ax),
		"indices not int64":    b.Gather([]int{2}, op(out, 1), op(in, 0), backend.Operand{Buf: idx, DType: dtype.Int32, Strides: []int{1}}, ax),
		"dtypes differ":        b.Gather([]int{2}, backend.Operand{Buf: out, DType: dtype.Float64, Strides: []int{1}}, op(in, 0), op(idx, 1), ax),
		"strides of wrong len": b.Scatter([]int{2}, op(in), op(out, 1), op(idx, 1), ax),
	} {
		require.Error(t, err, name)
	}
	mask, _ := b.Alloc(3)
	_, err := b.Compact(out, mask, 0, 3)
	require.Error(t, err, "output too short")
	_, err = b.Compact(in, mask, 1, 3)
	require.Error(t, err, "mask too short")
}
