package cargs

import (
	"math"
	"strings"
	"testing"
	"unsafe"
)

func TestPrefix(t *testing.T) {
	got := Prefix[float32]() + Prefix[float64]() + Prefix[complex64]() + Prefix[complex128]()
	if got != "SDCZ" {
		t.Errorf("prefixes = %q, want SDCZ", got)
	}
}

type devicePtr uint64

func TestPointerKeepsTheAddress(t *testing.T) {
	const addr = 0x7f0012345678
	if got := uintptr(Pointer(devicePtr(addr))); got != addr {
		t.Errorf("Pointer(%#x) = %#x", addr, got)
	}
	if got := uintptr(unsafe.Pointer(Ptr[float64](devicePtr(addr)))); got != addr {
		t.Errorf("Ptr(%#x) = %#x", addr, got)
	}
}

func TestInts(t *testing.T) {
	iv, err := Ints([]int{0, 3, math.MaxInt32}, LD("lda", 3, 3), LD("ldb", 1, 0))
	if err != nil || len(iv) != 3 || iv[0] != 0 || iv[1] != 3 || iv[2] != math.MaxInt32 {
		t.Fatalf("Ints = %v, %v", iv, err)
	}
	for _, c := range []struct {
		vals []int
		lds  []Leading
		want string
	}{
		{[]int{4, -1}, nil, "size or leading dimension -1 out of range (argument 1 of [4 -1])"},
		{[]int{math.MaxInt32 + 1}, nil, "out of range (argument 0"},
		{[]int{4, 4}, []Leading{{"lda", 4, 4}, {"ldb", 3, 4}}, "ldb = 3 is less than max(1, 4)"},
		{[]int{0, 0}, []Leading{{"lda", 0, 0}}, "lda = 0 is less than max(1, 0)"},
		// a negative size is refused before the leading dimensions
		{[]int{-2, 2}, []Leading{{"lda", 1, 2}}, "size or leading dimension -2"},
	} {
		if _, err := Ints(c.vals, c.lds...); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Ints(%v, %v) = %v, want an error containing %q", c.vals, c.lds, err, c.want)
		}
	}
}

func TestInt64Array(t *testing.T) {
	if Int64Array(nil) != nil || Int64Array([]int{}) != nil {
		t.Error("an empty slice should be a NULL array")
	}
	in := []int{7, -3, math.MaxInt32 + 5}
	p := Int64Array(in)
	got := unsafe.Slice(p, len(in))
	for i, v := range in {
		if got[i] != int64(v) {
			t.Errorf("element %d = %d, want %d", i, got[i], v)
		}
	}
}
