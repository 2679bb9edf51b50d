package gpu

import (
	"strings"
	"testing"
	"unsafe"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/backend/cgen"
	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/ir"
	"github.com/cugo/cugo/internal/race"
)

// launchCounter is a device that only counts launches.
type launchCounter struct {
	Runtime
	launches int
}

func (d *launchCounter) Launch(Function, [3]uint32, [3]uint32, uint32, *unsafe.Pointer) error {
	d.launches++
	return nil
}

// A repeated user kernel launch (check, layout, kernel lookup, the raw
// arrays' addresses, packing, launch) allocates nothing.
func TestElementwiseCAllocatesNothing(t *testing.T) {
	if race.Enabled {
		t.Skip("the race detector allocates")
	}
	dev := &launchCounter{}
	b := fakeBackend()
	b.dev, b.maxBlocks = dev, 1
	f := dtype.Float32
	k := &ir.CKernel{Name: "axpy", Inputs: []ir.CParam{{Name: "x", DType: f}}, Raw: []ir.CParam{{Name: "r", DType: f}},
		Scalars: []ir.CParam{{Name: "a", DType: f}}, Outputs: []ir.CParam{{Name: "z", DType: f}}, Body: "z = a * x + r[0]"}
	shape := []int{1024}
	out := []backend.Operand{{Buf: fakeBuffer(b, 0x10000, 4096), DType: f, Strides: []int{1}}}
	in := []backend.Operand{{Buf: fakeBuffer(b, 0x20000, 4096), DType: f, Strides: []int{1}}}
	raw := []backend.Operand{{Buf: fakeBuffer(b, 0x30000, 4096), DType: f}}
	scalars := []ir.Value{{}}
	l := chooseLayout(shape, 1024, out, in)
	src, err := cgen.RenderC(k, l, cgen.CUDA)
	if err != nil {
		t.Fatal(err)
	}
	b.user.kernels.byPtr = map[ckernelKey]*cached[ckernelKey, *kernel]{{k, l}: {key: ckernelKey{k, l},
		kn: &kernel{layout: l, params: src.Params, size: src.ParamSize, vec: src.Vec}}}
	allocs := testing.AllocsPerRun(1000, func() {
		if err := b.ElementwiseC(k, shape, out, in, raw, scalars); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 0 {
		t.Errorf("a launch allocates %v times, want 0", allocs)
	}
	if dev.launches == 0 {
		t.Error("nothing launched")
	}
	// the raw array's address is the last scalar parameter
	last := src.Params[len(src.Params)-1]
	if got := *(*uint64)(unsafe.Pointer(&b.lb.params[last.Offset])); got != 0x30000 {
		t.Errorf("raw address %#x, want 0x30000", got)
	}
}

// Bad user kernel launches are errors naming the parameter, never panics.
func TestElementwiseCErrors(t *testing.T) {
	b := fakeBackend()
	f := dtype.Float32
	k := &ir.CKernel{Name: "k", Inputs: []ir.CParam{{Name: "x", DType: f}}, Raw: []ir.CParam{{Name: "r", DType: f}},
		Outputs: []ir.CParam{{Name: "z", DType: f}}, Body: "z = x"}
	op := func(dt dtype.DType, size int) backend.Operand {
		return backend.Operand{Buf: fakeBuffer(b, 0x1000, size), DType: dt, Strides: []int{1}}
	}
	freed := fakeBuffer(b, 0x2000, 40)
	freed.freed.Store(true)
	cases := []struct {
		out, in, raw []backend.Operand
		want         string
	}{
		{[]backend.Operand{op(f, 40)}, nil, []backend.Operand{op(f, 40)}, "takes 1 outputs, 1 inputs, 1 raw arrays and 0 scalars, got 1, 0, 1 and 0"},
		{[]backend.Operand{op(f, 40)}, []backend.Operand{op(dtype.Float64, 80)}, []backend.Operand{op(f, 40)}, "input x 0: is float64, the kernel wants float32"},
		{[]backend.Operand{op(f, 20)}, []backend.Operand{op(f, 40)}, []backend.Operand{op(f, 40)}, "output z 0: reaches elements"},
		{[]backend.Operand{op(f, 40)}, []backend.Operand{op(f, 40)}, []backend.Operand{op(dtype.Int32, 40)}, "raw array r is int32"},
		{[]backend.Operand{op(f, 40)}, []backend.Operand{op(f, 40)}, []backend.Operand{{Buf: freed, DType: f}}, "use of a freed buffer"},
		{[]backend.Operand{op(f, 40)}, []backend.Operand{op(f, 40)}, []backend.Operand{{Buf: fakeBuffer(b, 0x3000, 40), DType: f, Offset: 11}}, "starts at element 11"},
	}
	for _, c := range cases {
		err := b.ElementwiseC(k, []int{10}, c.out, c.in, c.raw, nil)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("error %v, want %q", err, c.want)
		}
	}
}
