package array

import (
	"fmt"
	"strings"
	"testing"

	"github.com/cugo/cugo/internal/fixture"
	"github.com/stretchr/testify/require"
)

// TestEinsumNumPy checks Einsum against np.einsum (testdata/gen_einsum.py),
// once on the stored C-ordered inputs and once on Fortran-ordered views of
// the same values, which reach the contractions as transposed strides.
func TestEinsumNumPy(t *testing.T) {
	arrays := npyStream(t, "einsum/cases.npys")
	lines := fixture.Lines(t, "einsum/cases.txt")
	forEachBackend(t, func(t *testing.T, d *Device) {
		rest := arrays
		for i, line := range lines {
			f := strings.Fields(line)
			nin := atoi(t, f[1])
			subs := f[2]
			inputs, want := rest[:nin], rest[nin]
			rest = rest[nin+1:]
			k := 1 // a bound on the products summed into one element
			for _, x := range inputs {
				k = max(k, shapeSize(x.Shape))
			}
			for _, fortran := range []bool{false, true} {
				name := fmt.Sprintf("%d_%s_%s_F%v", i, subs, want.DType, fortran)
				t.Run(name, func(t *testing.T) {
					in := make([]*Array, nin)
					for j, x := range inputs {
						in[j] = onDevice(t, d, x)
						if fortran {
							in[j] = in[j].T().Copy().T()
						}
					}
					got := Einsum(subs, in...)
					require.NoError(t, got.Err())
					require.Equal(t, want.DType, got.DType())
					require.Equal(t, formatShape(want.Shape), formatShape(got.Shape()))
					requireClose(t, want.DType, want.Data, hostData(t, got), linalgTol(want.DType, k), name)
				})
			}
		}
	})
}

// TestEinsumBatchedMatmulIsView checks that "bij,bjk->bik" on contiguous
// operands multiplies them in place: one product, no copies, whose result
// is C-ordered.
func TestEinsumBatchedMatmulIsView(t *testing.T) {
	a := Arange(0, 2*3*4, 1, Float32).Reshape(2, 3, 4)
	b := Arange(0, 2*4*5, 1, Float32).Reshape(2, 4, 5)
	got := Einsum("bij,bjk->bik", a, b)
	require.NoError(t, got.Err())
	require.True(t, got.contiguous())
	want := Matmul(a, b)
	require.Equal(t, hostData(t, want), hostData(t, got))
}

// TestEinsumViews checks that subscripts which only permute axes or take a
// diagonal of one operand give a view of it, as NumPy's do.
func TestEinsumViews(t *testing.T) {
	a := Arange(0, 9, 1, Float64).Reshape(3, 3)
	for _, subs := range []string{"ii->i", "ij->ji", "ij"} {
		v := Einsum(subs, a)
		require.NoError(t, v.Err(), subs)
		require.Same(t, a.st, v.st, subs)
	}
}

func TestEinsumErrors(t *testing.T) {
	a := Ones(Float64, 2, 3)
	sq := Ones(Float64, 3, 3)
	freed := Ones(Float64, 3)
	freed.Free()
	for _, c := range []struct {
		subs string
		ops  []*Array
		want string
	}{
		{"ij,jk", []*Array{Ones(Float64, 2, 3), Ones(Float64, 4, 5)}, "subscript 'j' has size 3 in operand 0 and 4 in operand 1"},
		{"...i,...i", []*Array{Ones(Float64, 2, 3), Ones(Float64, 4, 3)}, "could not be broadcast together"},
		{"ii", []*Array{a}, "dimensions in operand 0 for collapsing index 'i' don't match (2 != 3)"},
		{"i1", []*Array{a}, "invalid subscript '1'"},
		{"i.j", []*Array{a}, "'.' that is not part of an ellipsis ('...') in operand 0"},
		{"......", []*Array{a}, "'.' that is not part of an ellipsis"},
		{"ij->i.", []*Array{a}, "'.' that is not part of an ellipsis ('...') in the output"},
		{"ij,j", []*Array{a}, "fewer operands provided to einstein sum function than specified"},
		{"ij", []*Array{a, a}, "more operands provided to einstein sum function than specified"},
		{"ijk", []*Array{a}, "too many subscripts for operand 0"},
		{"i", []*Array{a}, "no '...' ellipsis provided"},
		{"...i->i", []*Array{a}, "output has more dimensions than subscripts"},
		{"ij->ii", []*Array{a}, "output subscript 'i' multiple times"},
		{"ij->k", []*Array{a}, "output subscript 'k' which never appeared in an input"},
		{"ij-i", []*Array{a}, "does not contain proper '->'"},
		{"ij->i->j", []*Array{a}, "invalid subscript '-'"},
		{"ij>i", []*Array{a}, "invalid subscript '>'"},
		{"i", nil, "at least one operand"},
		{"ii", []*Array{sq, nil}, "nil array"},
		{"i", []*Array{freed}, "freed"},
		{"ii", []*Array{Sqrt(Ones(Float64, 2)).Reshape(5)}, "cannot reshape"},
	} {
		got := Einsum(c.subs, c.ops...)
		require.ErrorContains(t, got.Err(), c.want, c.subs)
		require.True(t, strings.HasPrefix(got.Err().Error(), "einsum: ") || strings.Contains(c.want, "reshape"), got.Err())
	}
}
