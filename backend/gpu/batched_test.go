package gpu

import "testing"

// luOnly offers the batched LU and nothing else of the batched routines.
type luOnly struct {
	Routines
	LUBatcher
}

// TestBatchedThreshold: a stack goes to the batched routines only when the
// library offers them, it holds more than one matrix, and no side passes
// smallSide.
func TestBatchedThreshold(t *testing.T) {
	var s Routines = luOnly{}
	for _, c := range []struct {
		batch int
		sides []int
		want  bool
	}{
		{2, []int{1}, true}, {1000, []int{32}, true}, {1, []int{8}, false},
		{0, []int{8}, false}, {2, []int{33}, false}, {5, []int{8, 33}, false}, {5, []int{32, 32}, true},
	} {
		if _, ok := batched[LUBatcher](s, c.batch, c.sides...); ok != c.want {
			t.Errorf("batched[LUBatcher](batch %d, sides %v) = %v, want %v", c.batch, c.sides, ok, c.want)
		}
	}
	if _, ok := batched[SVDBatcher](s, 100, 8, 8); ok {
		t.Error("routines without gesvdjBatched were given a batched SVD")
	}
	if _, ok := batched[SmallBatcher](s, 100, 8); ok {
		t.Error("routines without potrfBatched were given a batched Cholesky")
	}
}
