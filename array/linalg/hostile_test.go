package linalg

import (
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cugo/cugo/array"
)

// MatrixPower of the most negative exponent returns (the inverse raised
// to 2^63: every element overflows) instead of looping forever on an
// exponent whose negation is itself.
func TestMatrixPowerMinInt(t *testing.T) {
	a := array.FromSlice([]float64{4, 1, 2, 1, 5, 3, 2, 3, 6}, 3, 3)
	done := make(chan *array.Array, 1)
	go func() { done <- MatrixPower(a, math.MinInt) }()
	select {
	case p := <-done:
		require.NoError(t, p.Err())
		require.Equal(t, []int{3, 3}, p.Shape())
	case <-time.After(20 * time.Second):
		t.Fatal("MatrixPower(a, math.MinInt) did not return")
	}
	// A small negative power is still the inverse's: a^-2 · a^2 = I.
	prod, err := array.ToSlice[float64](MatrixPower(a, -2).Matmul(MatrixPower(a, 2)))
	require.NoError(t, err)
	for i, v := range prod {
		want := 0.0
		if i%4 == 0 {
			want = 1
		}
		require.InDelta(t, want, v, 1e-12)
	}
}
