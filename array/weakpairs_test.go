package array

import (
	"strings"
	"testing"

	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/fixture"
	"github.com/stretchr/testify/require"
)

// TestWeakScalarWithTwoArrays checks the dtype of two arrays and a Go
// number against NumPy's result_type (testdata/weakpairs.txt, every
// ordered pair of dtypes with a scalar of each kind), through ResultType
// and through Clip, whose three operands resolve as a ufunc's: the number
// meets the arrays' common dtype (uint8, float16 and 1.5 give float16).
func TestWeakScalarWithTwoArrays(t *testing.T) {
	scalars := map[string]any{"bool": true, "int": 1, "float": 1.0, "complex": 1i}
	d := DefaultDevice()
	for _, line := range fixture.Lines(t, "weakpairs.txt") {
		f := strings.Fields(line)
		a, err := dtype.Parse(f[0])
		require.NoError(t, err)
		b, err := dtype.Parse(f[1])
		require.NoError(t, err)
		want, err := dtype.Parse(f[3])
		require.NoError(t, err)
		s := scalars[f[2]]
		got, err := ResultType(a, b, s)
		require.NoError(t, err, line)
		require.Equal(t, want, got, "ResultType: %s", line)
		c := Clip(d.Zeros(a, 2), d.Zeros(b, 2), s)
		require.NoError(t, c.Err(), line)
		require.Equal(t, want, c.DType(), "Clip: %s", line)
	}
}
