package layout

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
)

func TestBytes(t *testing.T) {
	for _, c := range []struct {
		shape    []int
		itemsize int
		want     int
		err      string
	}{
		{nil, 8, 8, ""},
		{[]int{3, 4, 5}, 1, 60, ""},
		{[]int{3, 4, 5}, 4, 240, ""},
		{[]int{7, 0, 9}, 8, 0, ""},
		{[]int{0, math.MaxInt}, 1, 0, ""},
		{[]int{2, -1}, 1, 0, "negative dimensions"},
		{[]int{math.MaxInt / 2, 3}, 1, 0, "too big"},
		{[]int{1 << 32, 1 << 32}, 1, 0, "too big"},
		{[]int{1 << 61}, 8, 0, "too big"},
		{[]int{1 << 60}, 4, 1 << 62, ""},
		// A zero-length axis does not excuse the others, in any order.
		{[]int{0, 1<<62 + 1, 4}, 4, 0, "too big"},
		{[]int{1<<62 + 1, 4, 0}, 1, 0, "too big"},
		{[]int{1 << 62, 4}, 1, 0, "too big"},
		{[]int{2}, 0, 0, "item size"},
	} {
		n, err := Bytes(c.shape, c.itemsize)
		if c.err == "" && (err != nil || n != c.want) {
			t.Errorf("Bytes(%v, %d) = %d, %v; want %d", c.shape, c.itemsize, n, err, c.want)
		}
		if c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)) {
			t.Errorf("Bytes(%v, %d) = %d, %v; want an error with %q", c.shape, c.itemsize, n, err, c.err)
		}
		if c.err == "too big" && !errors.Is(err, ErrTooBig) {
			t.Errorf("Bytes(%v): %v is not ErrTooBig", c.shape, err)
		}
	}
	if n, err := Size([]int{2, 3}); n != 6 || err != nil {
		t.Errorf("Size((2,3)) = %d, %v", n, err)
	}
}

func TestStridesAndExtent(t *testing.T) {
	if got := CStrides([]int{2, 0, 3}); !slices.Equal(got, []int{3, 3, 1}) {
		t.Errorf("CStrides((2,0,3)) = %v", got)
	}
	for _, c := range []struct {
		shape, strides []int
		c              bool
		lo, hi         int
	}{
		{[]int{2, 3}, []int{3, 1}, true, 0, 5},
		{[]int{2, 3}, []int{1, 2}, false, 0, 5},
		{[]int{1, 3}, []int{99, 1}, true, 0, 2},
		{[]int{4}, []int{-2}, false, -6, 0},
		{[]int{3, 0}, []int{1, 1}, false, 0, -1},
		{[]int{}, []int{}, true, 0, 0},
	} {
		if got := IsC(c.shape, c.strides); got != c.c {
			t.Errorf("IsC(%v, %v) = %v", c.shape, c.strides, got)
		}
		if lo, hi := Extent(c.shape, c.strides); lo != c.lo || hi != c.hi {
			t.Errorf("Extent(%v, %v) = %d, %d; want %d, %d", c.shape, c.strides, lo, hi, c.lo, c.hi)
		}
	}
}

func TestSpan(t *testing.T) {
	for _, c := range []struct {
		off, n, size int
		ok           bool
	}{
		{0, 0, 0, true}, {0, 8, 8, true}, {8, 0, 8, true}, {4, 4, 8, true},
		{-1, 1, 8, false}, {0, -1, 8, false}, {9, 0, 8, false}, {4, 5, 8, false},
		{1, math.MaxInt, 8, false}, {math.MaxInt, 1, 8, false},
	} {
		if err := Span(c.off, c.n, c.size); (err == nil) != c.ok {
			t.Errorf("Span(%d, %d, %d) = %v", c.off, c.n, c.size, err)
		}
	}
}

func TestFormat(t *testing.T) {
	for want, shape := range map[string][]int{"()": {}, "(4,)": {4}, "(2,3)": {2, 3}} {
		if got := Format(shape); got != want {
			t.Errorf("Format(%v) = %q, want %q", shape, got, want)
		}
	}
}
