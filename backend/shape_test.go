package backend

import (
	"math"
	"strings"
	"testing"
)

func TestElements(t *testing.T) {
	for _, c := range []struct {
		shape []int
		want  int
		err   string
	}{
		{nil, 1, ""},
		{[]int{3, 4, 5}, 60, ""},
		{[]int{7, 0, 9}, 0, ""},
		{[]int{0, math.MaxInt}, 0, ""},
		{[]int{2, -1}, 0, "negative dimension"},
		{[]int{math.MaxInt / 2, 3}, 0, "more elements than an int counts"},
		{[]int{1 << 32, 1 << 32}, 0, "more elements than an int counts"},
	} {
		n, err := Elements(c.shape)
		if c.err == "" && (err != nil || n != c.want) {
			t.Errorf("Elements(%v) = %d, %v; want %d", c.shape, n, err, c.want)
		}
		if c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)) {
			t.Errorf("Elements(%v) = %d, %v; want an error with %q", c.shape, n, err, c.err)
		}
	}
}
