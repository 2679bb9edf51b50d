package array

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/cugo/cugo/dtype"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestManipErrors checks that the cases where NumPy raises IndexError
// or ValueError give an error naming the function, and no panic.
func TestManipErrors(t *testing.T) {
	forEachBackend(t, func(t *testing.T, d *Device) {
		x := d.Arange(0, 12, 1, Float64).Reshape(3, 4)
		v := d.Arange(0, 5, 1, Float64)
		one := func(f func() *Array) func() error { return func() error { return f().Err() } }
		many := func(f func() ([]*Array, error)) func() error {
			return func() error { _, err := f(); return err }
		}
		cases := []struct {
			name, msg string
			f         func() error
		}{
			{"Append shapes", "Append: Concatenate: all the input arrays must have same number of dimensions", one(func() *Array { return Append(x, v, 0) })},
			{"Append 0-d", "zero-dimensional arrays cannot be concatenated", one(func() *Array { return Append(d.Scalar(1.0), 2.0, 0) })},
			{"Append bad value", "unsupported type string", one(func() *Array { return Append(x, "a", AxisNone) })},
			{"Insert axis", "axis 2 is out of bounds", one(func() *Array { return Insert(x, 0, 1, 2) })},
			{"Insert 0-d axis", "Insert:", one(func() *Array { return Insert(d.Scalar(1.0), 0, 1, 0) })},
			{"Insert int past end", "index 5 is out of bounds for axis 1 with size 4", one(func() *Array { return Insert(x, 5, 1, 1) })},
			{"Insert int before start", "index -5 is out of bounds for axis 1 with size 4", one(func() *Array { return Insert(x, -5, 1, 1) })},
			{"Insert list", "index 13 is out of bounds for axis 0 with size 12", one(func() *Array { return Insert(x, []int{0, 13}, 1, AxisNone) })},
			{"Insert list negative", "index -4 is out of bounds", one(func() *Array { return Insert(x, []int{-4, 0}, 1, 0) })},
			{"Insert 2-d list", "index array argument obj to insert must be one dimensional or scalar", one(func() *Array {
				return Insert(x, d.Zeros(Int64, 2, 2), 1, 0)
			})},
			{"Insert bool", "boolean obj is not supported", one(func() *Array { return Insert(x, d.Zeros(Bool, 3), 1, 0) })},
			{"Insert float indices", "Cannot cast array data from dtype('float64')", one(func() *Array { return Insert(x, v, 1, 0) })},
			{"Insert bad obj", "indices of type string", one(func() *Array { return Insert(x, "1", 1, 0) })},
			{"Insert values shape", "could not broadcast input array from shape (5,1) into shape (3,1)", one(func() *Array { return Insert(x, 1, v, 1) })},
			{"Insert list values", "could not broadcast", one(func() *Array { return Insert(x, []int{0, 1}, v, 1) })},
			{"Insert slice step 0", "slice step cannot be zero", one(func() *Array { return Insert(x, All.Step(0), 1, 1) })},
			{"Insert bad value", "unsupported", one(func() *Array { return Insert(x, 0, "a", 1) })},
			{"Insert int out of range", "Insert:", one(func() *Array { return Insert(d.Zeros(Int32, 3), 0, 1<<40, 0) })},
			{"Delete int", "index 4 is out of bounds for axis 1 with size 4", one(func() *Array { return Delete(x, 4, 1) })},
			{"Delete negative", "index -4 is out of bounds for axis 0 with size 3", one(func() *Array { return Delete(x, -4, 0) })},
			{"Delete list", "index 12 is out of bounds for axis 0 with size 12", one(func() *Array { return Delete(x, []int{1, 12}, AxisNone) })},
			{"Delete list negative", "index -5 is out of bounds for axis 1 with size 4", one(func() *Array { return Delete(x, []int{-5}, -1) })},
			{"Delete mask length", "boolean array argument obj to delete must be one dimensional and match the axis length of 4", one(func() *Array {
				return Delete(x, []bool{true, false}, 1)
			})},
			{"Delete 2-d mask", "must be one dimensional", one(func() *Array { return Delete(x, d.Zeros(Bool, 3, 4), AxisNone) })},
			{"Delete float indices", "Cannot cast array data from dtype('float64')", one(func() *Array { return Delete(x, v, 0) })},
			{"Delete axis", "axis -3 is out of bounds", one(func() *Array { return Delete(x, 0, -3) })},
			{"Delete slice step 0", "slice step cannot be zero", one(func() *Array { return Delete(x, All.Step(0), 0) })},
			{"Delete empty axis", "index 0 is out of bounds for axis 0 with size 0", one(func() *Array { return Delete(d.Zeros(Int8, 0), 0, 0) })},
			{"Resize negative", "all elements of `new_shape` must be non-negative", one(func() *Array { return Resize(x, 2, -1) })},
			{"TrimZeros trim", "unexpected character(s) in `trim`", one(func() *Array { return TrimZeros(v, "fx") })},
			{"TrimZeros 2-d", "filt must be 1-d", one(func() *Array { return TrimZeros(x, "fb") })},
			{"ColumnStack none", "need at least one array", one(func() *Array { return ColumnStack(nil) })},
			{"ColumnStack shapes", "ColumnStack: all the input array", one(func() *Array { return ColumnStack([]*Array{x, v}) })},
			{"RowStack shapes", "RowStack: Vstack:", one(func() *Array { return RowStack([]*Array{x, v}) })},
			{"Hsplit 0-d", "hsplit only works on arrays of 1 or more dimensions", many(func() ([]*Array, error) { return Hsplit(d.Scalar(1), 1) })},
			{"Vsplit 1-d", "vsplit only works on arrays of 2 or more dimensions", many(func() ([]*Array, error) { return Vsplit(v, 1) })},
			{"Dsplit 2-d", "dsplit only works on arrays of 3 or more dimensions", many(func() ([]*Array, error) { return DsplitAt(x, []int{1}) })},
			{"Hsplit unequal", "array split does not result in an equal division", many(func() ([]*Array, error) { return Hsplit(x, 3) })},
			{"Vsplit zero", "number sections must be larger than 0", many(func() ([]*Array, error) { return Vsplit(x, 0) })},
			{"Block empty", "Lists cannot be empty (arrays[1])", one(func() *Array { return Block([]any{x, []*Array{}}) })},
			{"Block depths", "List depths are mismatched. First element was at depth 2, but there is an element at depth 1 (arrays[1])", one(func() *Array {
				return Block([]any{[]*Array{x}, v})
			})},
			{"Block type", "arrays[0] is a int", one(func() *Array { return Block([]any{1}) })},
			{"Block nil", "arrays[0] is nil", one(func() *Array { return Block([]any{nil}) })},
			{"Block shapes", "Block: all the input array", one(func() *Array { return Block([]*Array{x, v}) })},
			{"Block nil array", "Block:", one(func() *Array { return Block([]*Array{x, nil}) })},
			{"Copyto casting", "Cannot cast array data from dtype('float64') to dtype('int32') according to the rule 'same_kind'", func() error {
				return Copyto(d.Zeros(Int32, 5), v, dtype.CastSameKind, nil)
			}},
			{"Copyto no", "according to the rule 'no'", func() error { return Copyto(d.Zeros(Float32, 5), v, dtype.CastNo, nil) }},
			{"Copyto safe", "according to the rule 'safe'", func() error { return Copyto(d.Zeros(Int8, 5), d.Zeros(Int16, 5), dtype.CastSafe, nil) }},
			{"Copyto scalar", "Cannot cast scalar from dtype('float64') to dtype('int64') according to the rule 'same_kind'", func() error {
				return Copyto(d.Zeros(Int64, 2), 1.5, dtype.CastSameKind, nil)
			}},
			{"Copyto scalar no", "Cannot cast scalar from dtype('int64') to dtype('float64') according to the rule 'no'", func() error {
				return Copyto(x, 1, dtype.CastNo, nil)
			}},
			{"Copyto rule", "casting must be one of", func() error { return Copyto(x, 1.0, 0, nil) }},
			{"Copyto shape", "could not broadcast input array from shape (5,) into shape (3,4)", func() error {
				return Copyto(x, v, dtype.CastSameKind, nil)
			}},
			{"Copyto where shape", "could not broadcast where mask from shape (5,) into shape (3,4)", func() error {
				return Copyto(x, 1.0, dtype.CastSameKind, d.Ones(Bool, 5))
			}},
			{"Copyto where shape masked", "could not broadcast input array from shape (5,) into shape (3,4)", func() error {
				return Copyto(x, v, dtype.CastSameKind, d.Ones(Bool, 4))
			}},
			{"Copyto read-only", "Copyto:", func() error { return Copyto(x.BroadcastTo(2, 3, 4), 1.0, dtype.CastSameKind, nil) }},
			{"Place size", "place: mask and data must be the same size", func() error { return Place(x, d.Ones(Bool, 5), 1.0) }},
			{"Place empty", "Cannot insert from an empty array!", func() error { return Place(x, d.Ones(Bool, 3, 4), d.Zeros(Float64, 0)) }},
			{"Place casting", "Cannot cast array data from dtype('float64') to dtype('float32') according to the rule 'safe'", func() error {
				return Place(d.Zeros(Float32, 5), d.Ones(Bool, 5), v)
			}},
			{"Putmask size", "putmask: mask and data must be the same size", func() error { return Putmask(x, d.Ones(Bool, 11), 1.0) }},
			{"Putmask casting", "according to the rule 'safe'", func() error { return Putmask(d.Zeros(Int64, 5), d.Ones(Bool, 5), v) }},
			{"PutAlongAxis dims", "`indices` and `arr` must have the same number of dimensions", func() error {
				return PutAlongAxis(x, d.Zeros(Int64, 2), 1.0, 0)
			}},
			{"PutAlongAxis dtype", "`indices` must be an integer array", func() error { return PutAlongAxis(x, d.Zeros(Float64, 1, 4), 1.0, 0) }},
			{"PutAlongAxis bounds", "index 3 is out of bounds for axis 0 with size 3", func() error {
				return PutAlongAxis(x, d.Full(Int64, 3, 1, 4), 1.0, 0)
			}},
			{"PutAlongAxis shape", "shape mismatch: indexing arrays could not be broadcast together", func() error {
				return PutAlongAxis(x, d.Zeros(Int64, 1, 3), 1.0, 0)
			}},
			{"PutAlongAxis values", "shape mismatch: value array of shape (5,) could not be broadcast to indexing result of shape (1,4)", func() error {
				return PutAlongAxis(x, d.Zeros(Int64, 1, 4), v, 0)
			}},
			{"PutAlongAxis axis", "axis 2 is out of bounds", func() error { return PutAlongAxis(x, d.Zeros(Int64, 1, 4), 1.0, 2) }},
			{"UnravelIndex bounds", "index 12 is out of bounds for array with size 12", many(func() ([]*Array, error) {
				return UnravelIndex([]int{0, 12}, []int{3, 4}, OrderC)
			})},
			{"UnravelIndex negative", "index -1 is out of bounds for array with size 12", many(func() ([]*Array, error) {
				return UnravelIndex(-1, []int{3, 4}, OrderC)
			})},
			{"UnravelIndex float", "Cannot cast array data from dtype('float64')", many(func() ([]*Array, error) {
				return UnravelIndex(v, []int{3, 4}, OrderC)
			})},
			{"UnravelIndex order", "only 'C' or 'F' order is permitted", many(func() ([]*Array, error) {
				return UnravelIndex(1, []int{3, 4}, 'K')
			})},
			{"UnravelIndex dims", "dimensions must be non-negative", many(func() ([]*Array, error) {
				return UnravelIndex(1, []int{3, -4}, OrderC)
			})},
			{"UnravelIndex 0-d", "multiple indices are not supported for 0d arrays", many(func() ([]*Array, error) {
				return UnravelIndex([]int{0}, []int{}, OrderC)
			})},
			{"UnravelIndex huge", "invalid dims", many(func() ([]*Array, error) {
				return UnravelIndex(0, []int{1 << 40, 1 << 40}, OrderC)
			})},
			{"RavelMultiIndex count", "parameter multi_index must be a sequence of length 2", one(func() *Array {
				return RavelMultiIndex([]*Array{v}, []int{3, 4}, ChooseRaise, OrderC)
			})},
			{"RavelMultiIndex raise", "invalid entry in coordinates array", one(func() *Array {
				c := d.Arange(0, 5, 1, Int64)
				return RavelMultiIndex([]*Array{c, c}, []int{5, 4}, ChooseRaise, OrderC)
			})},
			{"RavelMultiIndex float", "Cannot cast array data from dtype('float64')", one(func() *Array {
				return RavelMultiIndex([]*Array{v, v}, []int{5, 5}, ChooseClip, OrderC)
			})},
			{"RavelMultiIndex shapes", "RavelMultiIndex:", one(func() *Array {
				return RavelMultiIndex([]*Array{d.Zeros(Int64, 2), d.Zeros(Int64, 3)}, []int{5, 5}, ChooseWrap, OrderF)
			})},
			{"RavelMultiIndex empty dim", "cannot unravel if shape has zero entries", one(func() *Array {
				return RavelMultiIndex([]*Array{d.Zeros(Int64, 2), d.Zeros(Int64, 2)}, []int{5, 0}, ChooseWrap, OrderC)
			})},
			{"RavelMultiIndex order", "only 'C' or 'F' order", one(func() *Array {
				return RavelMultiIndex([]*Array{d.Zeros(Int64, 2)}, []int{5}, ChooseWrap, 'A')
			})},
			{"TrilIndices negative", "negative dimensions are not allowed", many(func() ([]*Array, error) { return d.TrilIndices(-1, 0, 2) })},
			{"TriuIndicesFrom 1-d", "input array must be 2-d", many(func() ([]*Array, error) { return TriuIndicesFrom(v, 0) })},
			{"DiagIndicesFrom 1-d", "input array must be at least 2-d", many(func() ([]*Array, error) { return DiagIndicesFrom(v) })},
			{"DiagIndicesFrom ragged", "All dimensions of input must be of equal length", many(func() ([]*Array, error) { return DiagIndicesFrom(x) })},
			{"DiagIndices negative", "negative dimensions are not allowed", many(func() ([]*Array, error) { return d.DiagIndices(2, -1) })},
			{"FillDiagonal 1-d", "array must be at least 2-d", func() error { return FillDiagonal(v.Copy(), 1, false) }},
			{"FillDiagonal ragged", "All dimensions of input must be of equal length", func() error {
				return FillDiagonal(d.Zeros(Float64, 2, 2, 3), 1, false)
			}},
			{"FillDiagonal read-only", "FillDiagonal:", func() error { return FillDiagonal(x.BroadcastTo(3, 3, 4), 1, false) }},
			{"FillDiagonal value", "FillDiagonal:", func() error { return FillDiagonal(d.Zeros(Int8, 2, 2), 1000, false) }},
			{"Vander 2-d", "x must be a one-dimensional array or sequence.", one(func() *Array { return Vander(x, 3, false) })},
			{"Vander negative", "negative dimensions are not allowed", one(func() *Array { return Vander(v, -1, false) })},
			{"Ix 2-d", "Cross index must be 1 dimensional", many(func() ([]*Array, error) { return Ix(v, x) })},
			{"Ix nil", "Ix:", many(func() ([]*Array, error) { return Ix(nil) })},
		}
		for _, c := range cases {
			var err error
			require.NotPanics(t, func() { err = c.f() }, c.name)
			if assert.Error(t, err, c.name) {
				assert.Contains(t, err.Error(), c.msg, c.name)
			}
		}
		require.NoError(t, x.Err())
		got, err := ToSlice[float64](x)
		require.NoError(t, err)
		for i, g := range got {
			require.Equal(t, float64(i), g, "a failed write changed x")
		}
	})
}

// TestManipLarge checks Insert, Delete and PutAlongAxis on arrays past
// a GPU's single-block sizes against the same moves done on the host,
// and Block on typed nested slices against []any.
func TestManipLarge(t *testing.T) {
	forEachBackend(t, func(t *testing.T, d *Device) {
		rng := rand.New(rand.NewPCG(7, 11))
		const n = 100_003
		data := make([]int32, n)
		for i := range data {
			data[i] = rng.Int32()
		}
		x := FromSliceOn(d, data)
		pos := make([]int, 5000)
		for i := range pos {
			pos[i] = rng.IntN(2*n+1) - n // in [-n, n], repeats likely
		}
		vals := make([]int32, len(pos))
		for i := range vals {
			vals[i] = -int32(i) - 1
		}
		// NumPy's rule: value k lands before element pos[k] (made
		// non-negative); equal positions keep the order of k.
		order := make([]int, len(pos))
		for i := range order {
			order[i] = i
		}
		at := func(k int) int {
			if pos[k] < 0 {
				return pos[k] + n
			}
			return pos[k]
		}
		slices.SortStableFunc(order, func(a, b int) int { return at(a) - at(b) })
		var want []int32
		next := 0
		for i := 0; i <= n; i++ {
			for next < len(order) && at(order[next]) == i {
				want = append(want, vals[order[next]])
				next++
			}
			if i < n {
				want = append(want, data[i])
			}
		}
		got, err := ToSlice[int32](Insert(x, pos, FromSliceOn(d, vals), 0))
		require.NoError(t, err)
		require.Equal(t, want, got, "Insert")

		gone := make([]bool, n)
		for _, p := range pos[:4000] {
			if p == n {
				p = 0
			}
			if p < 0 {
				p += n
			}
			gone[p] = true
		}
		del := make([]int, 0, 4000)
		for _, p := range pos[:4000] {
			if p == n {
				p = 0
			}
			del = append(del, p)
		}
		want = want[:0]
		for i, v := range data {
			if !gone[i] {
				want = append(want, v)
			}
		}
		got, err = ToSlice[int32](Delete(x, del, 0))
		require.NoError(t, err)
		require.Equal(t, want, got, "Delete")

		rows := x.Index(S(0, 100000)).Reshape(400, 250)
		perm := rng.Perm(250)
		idx := make([]int64, 400*250)
		for r := range 400 {
			for c := range 250 {
				idx[r*250+c] = int64(perm[(c+r)%250])
			}
		}
		dst := d.Zeros(Int32, 400, 250)
		require.NoError(t, PutAlongAxis(dst, FromSliceOn(d, idx, 400, 250), rows, 1))
		gotP, err := ToSlice[int32](dst)
		require.NoError(t, err)
		for r := range 400 {
			for c := range 250 {
				require.Equal(t, data[r*250+c], gotP[r*250+int(idx[r*250+c])], "PutAlongAxis")
			}
		}

		a, b := d.Ones(Int32, 2, 2), d.Zeros(Int32, 2, 3)
		typed := Block([][]*Array{{a, b}, {b.Index(S(0, 1)), a.Index(S(0, 1))}})
		loose := Block([]any{[]any{a, b}, []*Array{b.Index(S(0, 1)), a.Index(S(0, 1))}})
		require.NoError(t, typed.Err())
		require.Equal(t, []int{3, 5}, typed.Shape())
		require.Equal(t, hostData(t, loose), hostData(t, typed))
	})
}
