// Package kernelargs is the parameter block of a kernel launch, shared by
// the driver and hip Launchers: each parameter's value in an 8-byte slot
// (the driver and HIP copy as many bytes as the kernel's parameter has),
// and the kernelParams array of pointers to the slots that
// cuLaunchKernel and hipModuleLaunchKernel read. Both are pinned
// (runtime.Pinner), so C reads no movable Go memory; the block is reused
// from launch to launch, so setting parameters allocates nothing.
package kernelargs

import (
	"runtime"
	"unsafe"
)

const initialSlots = 16

// Block is a growable, pinned parameter block. It is not safe for
// concurrent use.
type Block struct {
	vals []uint64         // parameter values, one slot each; pinned
	ptrs []unsafe.Pointer // ptrs[i] = &vals[i]; pinned
	n    int              // parameters set since Reset
	pin  *runtime.Pinner
}

// New returns an empty block; the garbage collector unpins it once
// unreachable, or Close does at once.
func New() *Block {
	b := &Block{pin: new(runtime.Pinner)}
	b.grow(initialSlots)
	runtime.AddCleanup(b, func(p *runtime.Pinner) { p.Unpin() }, b.pin)
	return b
}

// grow replaces the block by one of n slots, keeping its values.
func (b *Block) grow(n int) {
	vals := make([]uint64, n)
	ptrs := make([]unsafe.Pointer, n)
	copy(vals, b.vals)
	b.pin.Unpin()
	b.pin.Pin(&vals[0])
	b.pin.Pin(&ptrs[0])
	for i := range vals {
		ptrs[i] = unsafe.Pointer(&vals[i])
	}
	b.vals, b.ptrs = vals, ptrs
}

// Reset forgets the parameters set so far.
func (b *Block) Reset() { b.n = 0 }

// Put appends a parameter's value: its bytes, little-endian, in the low
// bytes of v.
func (b *Block) Put(v uint64) {
	if b.n == len(b.vals) {
		b.grow(2 * len(b.vals))
	}
	b.vals[b.n] = v
	b.n++
}

// Len is the number of parameters set since Reset.
func (b *Block) Len() int { return b.n }

// Params is the kernelParams array: valid until the next Put or Close.
func (b *Block) Params() unsafe.Pointer { return unsafe.Pointer(&b.ptrs[0]) }

// Close unpins the block; it must not be used after.
func (b *Block) Close() {
	b.pin.Unpin()
	b.vals, b.ptrs, b.n = nil, nil, 0
}
