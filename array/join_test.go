package array

import (
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/cugo/cugo/internal/fixture"
	"github.com/stretchr/testify/require"
)

// joinParams are the key=value pairs of a line of testdata/join/cases.txt.
type joinParams map[string]string

func (p joinParams) int(t *testing.T, key string) int {
	t.Helper()
	v, err := strconv.Atoi(p[key])
	require.NoError(t, err, key)
	return v
}

func (p joinParams) ints(t *testing.T, key string) []int {
	t.Helper()
	var out []int
	for _, s := range strings.Split(p[key], ",") {
		v, err := strconv.Atoi(s)
		require.NoError(t, err, key)
		out = append(out, v)
	}
	return out
}

// axes returns the axis parameter as Take, Repeat and Roll take it:
// none if absent.
func (p joinParams) axes(t *testing.T, key string) []int {
	if _, ok := p[key]; !ok {
		return nil
	}
	return p.ints(t, key)
}

func parseJoinParams(t *testing.T, s string) joinParams {
	p := joinParams{}
	if s == "-" {
		return p
	}
	for _, kv := range strings.Split(s, ";") {
		k, v, ok := strings.Cut(kv, "=")
		require.True(t, ok, s)
		p[k] = v
	}
	return p
}

// joinView is the view of a that gen_join.py's view code names.
func joinView(a *Array, code byte) *Array {
	switch code {
	case 'T':
		return a.T()
	case 'F':
		return a.Index(All.Step(-1))
	case 'S':
		return a.Index(Ellipsis, All.Step(2))
	}
	return a
}

// runJoinCase calls the Go function of a fixture case.
func runJoinCase(t *testing.T, fn string, p joinParams, in []*Array) []*Array {
	t.Helper()
	one := func(a *Array) []*Array { return []*Array{a} }
	must := func(as []*Array, err error) []*Array {
		require.NoError(t, err)
		return as
	}
	axis := func() int { return p.int(t, "axis") }
	switch fn {
	case "concatenate":
		return one(Concatenate(in, axis()))
	case "stack":
		return one(Stack(in, axis()))
	case "hstack":
		return one(Hstack(in))
	case "vstack":
		return one(Vstack(in))
	case "dstack":
		return one(Dstack(in))
	case "split":
		return must(Split(in[0], p.int(t, "sections"), axis()))
	case "array_split":
		return must(ArraySplit(in[0], p.int(t, "sections"), axis()))
	case "split_at":
		return must(SplitAt(in[0], p.ints(t, "indices"), axis()))
	case "tile":
		return one(Tile(in[0], p.ints(t, "reps")...))
	case "repeat":
		return one(Repeat(in[0], p.int(t, "n"), p.axes(t, "axis")...))
	case "repeat_each":
		return one(RepeatEach(in[0], p.ints(t, "counts"), p.axes(t, "axis")...))
	case "flip":
		return one(Flip(in[0], p.axes(t, "axes")...))
	case "roll":
		return one(Roll(in[0], p.int(t, "shift"), p.axes(t, "axes")...))
	case "pad":
		var widths [][2]int
		for _, w := range strings.Split(p["widths"], ",") {
			b, a, _ := strings.Cut(w, ":")
			x, err1 := strconv.Atoi(b)
			y, err2 := strconv.Atoi(a)
			require.NoError(t, err1)
			require.NoError(t, err2)
			widths = append(widths, [2]int{x, y})
		}
		v, err := strconv.ParseFloat(p["value"], 64)
		require.NoError(t, err)
		return one(Pad(in[0], widths, v))
	case "take":
		return one(Take(in[0], in[1], p.axes(t, "axis")...))
	case "take_along_axis":
		return one(TakeAlongAxis(in[0], in[1], axis()))
	case "put":
		require.NoError(t, Put(in[0], in[1], in[2]))
		return one(in[0])
	case "mask":
		return one(in[0].Mask(in[1]))
	case "setmask":
		require.NoError(t, in[0].SetMask(in[1], in[2]))
		return one(in[0])
	case "nonzero":
		return must(Nonzero(in[0]))
	case "argwhere":
		return one(ArgWhere(in[0]))
	}
	t.Fatalf("unknown function %s", fn)
	return nil
}

func TestJoinMatchesNumPy(t *testing.T) {
	text, err := os.ReadFile(fixture.Path("join/cases.txt"))
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSpace(string(text)), "\n")
	forEachBackend(t, func(t *testing.T, d *Device) {
		arrs := npyStream(t, "join/cases.npys")
		k := 0
		for _, line := range lines {
			f := strings.Fields(line)
			require.Len(t, f, 4, line)
			views, nout := f[2], 0
			nout, err := strconv.Atoi(f[3])
			require.NoError(t, err)
			in := make([]*Array, len(views))
			for i := range in {
				in[i] = joinView(onDevice(t, d, arrs[k+i]), views[i])
				require.NoError(t, in[i].Err(), line)
			}
			wants := arrs[k+len(views) : k+len(views)+nout]
			k += len(views) + nout
			got := runJoinCase(t, f[0], parseJoinParams(t, f[1]), in)
			require.Len(t, got, nout, line)
			for j, want := range wants {
				require.NoError(t, got[j].Err(), line)
				require.Equal(t, formatShape(want.Shape), formatShape(got[j].Shape()), "%s: output %d shape", line, j)
				require.Equal(t, want.DType, got[j].DType(), "%s: output %d dtype", line, j)
				requireClose(t, want.DType, want.Data, hostData(t, got[j]), 0, line)
			}
		}
		require.Equal(t, len(arrs), k, "arrays left over in cases.npys")
	})
}
