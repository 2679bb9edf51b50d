package kernelargs

import (
	"math"
	"testing"
	"unsafe"
)

// Each parameter sits in its own slot, the kernelParams array points at
// the slots in order, and values survive the block's growth.
func TestPutGrowsAndPoints(t *testing.T) {
	b := New()
	defer b.Close()
	const n = 3*initialSlots + 1
	for i := range n {
		b.Put(uint64(i)*0x100000001 + 7)
	}
	if b.Len() != n {
		t.Fatalf("Len = %d, want %d", b.Len(), n)
	}
	params := unsafe.Slice((*unsafe.Pointer)(b.Params()), n)
	for i, p := range params {
		if got := *(*uint64)(p); got != uint64(i)*0x100000001+7 {
			t.Fatalf("parameter %d = %#x", i, got)
		}
	}
	b.Reset()
	b.Put(uint64(math.Float32bits(-1.5)))
	if got := *(*float32)(*(*unsafe.Pointer)(b.Params())); b.Len() != 1 || got != -1.5 {
		t.Fatalf("after Reset: Len %d, first parameter %v", b.Len(), got)
	}
}

func TestSettingParametersAllocatesNothing(t *testing.T) {
	b := New()
	defer b.Close()
	allocs := testing.AllocsPerRun(1000, func() {
		b.Reset()
		for i := range initialSlots {
			b.Put(uint64(i))
		}
	})
	if allocs != 0 {
		t.Fatalf("%v allocations per parameter set", allocs)
	}
}
