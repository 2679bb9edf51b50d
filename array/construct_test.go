package array

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/fixture"
	"github.com/stretchr/testify/require"
)

// constructCase is one line of testdata/construct/cases.jsonl, made by
// testdata/gen_construct.py with NumPy.
type constructCase struct {
	F     string          `json:"f"`
	In    []constructData `json:"in"`
	P     constructParams `json:"p"`
	Out   []constructData `json:"out"`
	Error bool            `json:"error"`
}

type constructData struct {
	DType  string `json:"dtype"`
	Shape  []int  `json:"shape"`
	Values []any  `json:"values"`
}

type constructParams struct {
	Start, Stop, Base float64
	Num, K, N, M      int
	DType             string
	IJ                bool
	Dims, Src, Dst    []int
	Axes              []int
	Axis              *int
	Initial           bool
	Endpoint          *bool
}

// space is the Endpoint option of a case of linspace, logspace or geomspace.
func (p constructParams) space() []SpaceOption {
	if p.Endpoint == nil {
		return nil
	}
	return []SpaceOption{Endpoint(*p.Endpoint)}
}

func (c constructData) array(t *testing.T, d *Device) *Array {
	dt, err := dtype.Parse(c.DType)
	require.NoError(t, err)
	return semanticsArray(t, d, dt, c.Values).Reshape(c.Shape...)
}

// constructCall runs the case's function.
func constructCall(t *testing.T, d *Device, c constructCase) []*Array {
	in := make([]*Array, len(c.In))
	for i, x := range c.In {
		in[i] = x.array(t, d)
	}
	p := c.P
	dt := Float64
	if p.DType != "" {
		var err error
		dt, err = dtype.Parse(p.DType)
		require.NoError(t, err)
	}
	one := func(a *Array) []*Array { return []*Array{a} }
	many := func(as []*Array, err error) []*Array {
		if err != nil {
			return []*Array{{err: err}}
		}
		return as
	}
	switch c.F {
	case "linspace":
		return one(d.Linspace(p.Start, p.Stop, p.Num, dt, p.space()...))
	case "logspace":
		return one(d.Logspace(p.Start, p.Stop, p.Num, p.Base, dt, p.space()...))
	case "geomspace":
		return one(d.Geomspace(p.Start, p.Stop, p.Num, dt, p.space()...))
	case "meshgrid":
		return many(Meshgrid(p.IJ, in...))
	case "diag":
		return one(Diag(in[0], p.K))
	case "diagflat":
		return one(Diagflat(in[0], p.K))
	case "tri":
		return one(d.Tri(p.N, p.M, p.K, dt))
	case "tril":
		return one(Tril(in[0], p.K))
	case "triu":
		return one(Triu(in[0], p.K))
	case "indices":
		return one(d.Indices(Int64, p.Dims...))
	case "atleast_1d":
		return one(AtLeast1D(in[0]))
	case "atleast_2d":
		return one(AtLeast2D(in[0]))
	case "atleast_3d":
		return one(AtLeast3D(in[0]))
	case "flipud":
		return one(Flipud(in[0]))
	case "fliplr":
		return one(Fliplr(in[0]))
	case "broadcast_arrays":
		return many(BroadcastArrays(in...))
	case "moveaxis":
		return one(MoveAxis(in[0], p.Src, p.Dst))
	case "rot90":
		return one(Rot90(in[0], p.K, p.Axes...))
	case "expand_dims":
		return one(in[0].ExpandDims(p.Axes...))
	case "concatenate_none":
		return one(Concatenate(in, AxisNone))
	case "cumulative_sum", "cumulative_prod":
		var opts []ReduceOption
		if p.Axis != nil {
			opts = append(opts, Axis(*p.Axis))
		}
		if p.Initial {
			opts = append(opts, IncludeInitial())
		}
		if c.F == "cumulative_sum" {
			return one(CumulativeSum(in[0], opts...))
		}
		return one(CumulativeProd(in[0], opts...))
	}
	t.Fatalf("unknown function %q", c.F)
	return nil
}

// TestConstructNumPy checks each case of testdata/construct: every
// output's dtype, shape and values, or an error.
func TestConstructNumPy(t *testing.T) {
	var cases []constructCase
	for _, line := range fixture.Lines(t, "construct/cases.jsonl") {
		dec := json.NewDecoder(bytes.NewReader([]byte(line)))
		dec.UseNumber()
		var c constructCase
		require.NoError(t, dec.Decode(&c), line)
		cases = append(cases, c)
	}
	forEachBackend(t, func(t *testing.T, d *Device) {
		for i, c := range cases {
			msg := fmt.Sprintf("case %d: %s %+v", i+1, c.F, c.P)
			got := constructCall(t, d, c)
			if c.Error {
				require.True(t, len(got) > 0 && got[0].Err() != nil, msg+": want an error")
				continue
			}
			require.Len(t, got, len(c.Out), msg)
			for j, w := range c.Out {
				require.NoError(t, got[j].Err(), msg)
				want := w.array(t, d)
				require.Equal(t, want.DType(), got[j].DType(), msg)
				require.Equal(t, w.Shape, got[j].Shape(), msg)
				requireClose(t, want.DType(), hostData(t, want), hostData(t, got[j]), 4, fmt.Sprintf("%s: output %d", msg, j))
			}
		}
	})
}
