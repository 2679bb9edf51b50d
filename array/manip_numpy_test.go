package array

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/cugo/cugo/dtype"
	"github.com/stretchr/testify/require"
)

// manipAxisArg is a case's axis= (none: AxisNone).
func manipAxisArg(t *testing.T, args signalArgs) int {
	if args["axis"] == "none" {
		return AxisNone
	}
	return atoi(t, args["axis"])
}

// manipObj is a case's obj=: an int, a Slice (s:start:stop:step), a
// []int (l:i,j,...) or the next input (arr).
func manipObj(t *testing.T, args signalArgs, next func() *Array) any {
	o := args["obj"]
	switch {
	case o == "arr":
		return next()
	case strings.HasPrefix(o, "l:"):
		ints := []int{}
		if o != "l:" {
			for _, s := range strings.Split(o[2:], ",") {
				ints = append(ints, atoi(t, s))
			}
		}
		return ints
	case strings.HasPrefix(o, "s:"):
		p := strings.Split(o[2:], ":")
		s := All
		switch {
		case p[0] != "" && p[1] != "":
			s = S(atoi(t, p[0]), atoi(t, p[1]))
		case p[0] != "":
			s = From(atoi(t, p[0]))
		case p[1] != "":
			s = To(atoi(t, p[1]))
		}
		if p[2] != "" {
			s = s.Step(atoi(t, p[2]))
		}
		return s
	}
	return atoi(t, o)
}

// manipValues is a case's values=: the next input (arr), a bool, or a
// number.
func manipValues(t *testing.T, args signalArgs, next func() *Array) any {
	switch args["values"] {
	case "arr":
		return next()
	case "true", "false":
		return args["values"] == "true"
	}
	return args.number(t, "values")
}

// blockLayout builds the nested []any of a block case: its layout's
// numbers name inputs.
func blockLayout(t *testing.T, d *Device, layout any, in []*NpyData) any {
	switch l := layout.(type) {
	case float64:
		return onDevice(t, d, in[int(l)])
	case []any:
		out := make([]any, len(l))
		for i, k := range l {
			out[i] = blockLayout(t, d, k, in)
		}
		return out
	}
	t.Fatalf("bad block layout %v", layout)
	return nil
}

var manipCasting = map[string]dtype.Casting{
	"no": dtype.CastNo, "equiv": dtype.CastEquiv, "safe": dtype.CastSafe, "same_kind": dtype.CastSameKind, "unsafe": dtype.CastUnsafe,
}

// manipFixtureCall runs one case of testdata/manip on arrays on d.
func manipFixtureCall(t *testing.T, d *Device, fn string, args signalArgs, in []*NpyData) []*Array {
	switch fn { // no inputs
	case "tril_indices", "triu_indices", "diag_indices":
		var out []*Array
		var err error
		n := atoi(t, args["n"])
		switch fn {
		case "tril_indices":
			out, err = d.TrilIndices(n, atoi(t, args["k"]), atoi(t, args["m"]))
		case "triu_indices":
			out, err = d.TriuIndices(n, atoi(t, args["k"]), atoi(t, args["m"]))
		default:
			out, err = d.DiagIndices(n, atoi(t, args["ndim"]))
		}
		require.NoError(t, err)
		return out
	}
	k := 0
	next := func() *Array { k++; return onDevice(t, d, in[k]) }
	first := signalView(t, onDevice(t, d, in[0]), args["view"])
	one := func(a *Array) []*Array { return []*Array{a} }
	switch fn {
	case "append":
		return one(Append(first, manipValues(t, args, next), manipAxisArg(t, args)))
	case "insert":
		obj := manipObj(t, args, next)
		return one(Insert(first, obj, manipValues(t, args, next), manipAxisArg(t, args)))
	case "delete":
		return one(Delete(first, manipObj(t, args, next), manipAxisArg(t, args)))
	case "resize":
		return one(Resize(first, args.ints(t, "shape")...))
	case "trim_zeros":
		return one(TrimZeros(first, args["trim"]))
	case "column_stack", "row_stack":
		all := []*Array{first}
		for len(all) < len(in) {
			all = append(all, next())
		}
		if fn == "row_stack" {
			return one(RowStack(all))
		}
		return one(ColumnStack(all))
	case "hsplit", "vsplit", "dsplit":
		var parts []*Array
		var err error
		if _, ok := args["sections"]; ok {
			split := map[string]func(*Array, int) ([]*Array, error){"hsplit": Hsplit, "vsplit": Vsplit, "dsplit": Dsplit}[fn]
			parts, err = split(first, atoi(t, args["sections"]))
		} else {
			split := map[string]func(*Array, []int) ([]*Array, error){"hsplit": HsplitAt, "vsplit": VsplitAt, "dsplit": DsplitAt}[fn]
			parts, err = split(first, args.ints(t, "indices"))
		}
		require.NoError(t, err)
		return parts
	case "unravel_index":
		out, err := UnravelIndex(first, args.ints(t, "shape"), IndexOrder(args["order"][0]))
		require.NoError(t, err)
		return out
	case "ravel_multi_index":
		coords := []*Array{first}
		for len(coords) < len(in) {
			coords = append(coords, next())
		}
		mode := map[string]ChooseMode{"raise": ChooseRaise, "wrap": ChooseWrap, "clip": ChooseClip}[args["mode"]]
		return one(RavelMultiIndex(coords, args.ints(t, "dims"), mode, IndexOrder(args["order"][0])))
	case "vander":
		return one(Vander(first, atoi(t, args["n"]), args["increasing"] == "1"))
	case "ix":
		seqs := []*Array{first}
		for len(seqs) < len(in) {
			seqs = append(seqs, next())
		}
		out, err := Ix(seqs...)
		require.NoError(t, err)
		return out
	case "tril_indices_from", "triu_indices_from", "diag_indices_from":
		var out []*Array
		var err error
		switch fn {
		case "tril_indices_from":
			out, err = TrilIndicesFrom(first, atoi(t, args["k"]))
		case "triu_indices_from":
			out, err = TriuIndicesFrom(first, atoi(t, args["k"]))
		default:
			out, err = DiagIndicesFrom(first)
		}
		require.NoError(t, err)
		return out
	case "copyto", "place", "putmask", "put_along_axis", "fill_diagonal":
		base := onDevice(t, d, in[0])
		target := signalView(t, base, args["view"])
		var err error
		switch fn {
		case "copyto":
			vals := manipValues(t, args, next)
			var where *Array
			if args["where"] == "arr" {
				where = next()
			}
			err = Copyto(target, vals, manipCasting[args["casting"]], where)
		case "place":
			mask := next()
			err = Place(target, mask, manipValues(t, args, next))
		case "putmask":
			mask := next()
			err = Putmask(target, mask, manipValues(t, args, next))
		case "fill_diagonal":
			err = FillDiagonal(target, manipValues(t, args, next), args["wrap"] == "1")
		case "put_along_axis":
			idx := next()
			err = PutAlongAxis(target, idx, manipValues(t, args, next), atoi(t, args["axis"]))
		}
		require.NoError(t, err)
		return one(base)
	case "block":
		var layout any
		require.NoError(t, json.Unmarshal([]byte(args["layout"]), &layout))
		return one(Block(blockLayout(t, d, layout, in)))
	}
	t.Fatalf("unknown function %q", fn)
	return nil
}

// TestManipNumPy checks the manipulation and index helpers against
// NumPy's answers in testdata/manip (see gen_manip.py): every dtype,
// empty and 0-d arrays, negative axes and positions, repeated and
// unsorted index lists, slices of every direction, boolean masks and
// transposed, strided and reversed views.
func TestManipNumPy(t *testing.T) {
	forEachBackend(t, func(t *testing.T, d *Device) {
		checkCaseFile(t, "manip", func(string) bool { return true }, func(fn string, args signalArgs, in []*NpyData) []*Array {
			return manipFixtureCall(t, d, fn, args, in)
		})
	})
}
