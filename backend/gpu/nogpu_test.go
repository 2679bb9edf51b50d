package gpu

import (
	"encoding/binary"
	"math"
	"strings"
	"testing"
	"unsafe"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/backend/cgen"
	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/ir"
	"github.com/cugo/cugo/internal/kerneltest"
)

// These tests need no GPU: they run the layout choice, the argument
// checks and the parameter packing on buffers that exist only as numbers.

func ops(strides ...[]int) []backend.Operand {
	var o []backend.Operand
	for _, s := range strides {
		o = append(o, backend.Operand{Strides: s})
	}
	return o
}

func TestChooseLayout(t *testing.T) {
	big := 1 << 31
	cases := []struct {
		name    string
		shape   []int
		out, in [][]int
		want    cgen.Layout
	}{
		{"0-d", nil, [][]int{{}}, [][]int{{}, {}}, cgen.Layout{Contiguous: true}},
		{"1-d contiguous", []int{10}, [][]int{{1}}, [][]int{{1}, {1}}, cgen.Layout{Contiguous: true}},
		{"2-d contiguous", []int{4, 5}, [][]int{{5, 1}}, [][]int{{5, 1}}, cgen.Layout{Contiguous: true}},
		{"length-1 axes ignore their strides", []int{4, 1, 5}, [][]int{{5, 99, 1}}, [][]int{{5, -3, 1}}, cgen.Layout{Contiguous: true}},
		{"scalar broadcast input 1", []int{4, 5}, [][]int{{5, 1}}, [][]int{{5, 1}, {0, 0}}, cgen.Layout{Contiguous: true, Broadcast: 2}},
		{"two broadcast inputs", []int{7}, [][]int{{1}}, [][]int{{0}, {1}, {0}}, cgen.Layout{Contiguous: true, Broadcast: 5}},
		{"one element is contiguous, not broadcast", []int{1, 1}, [][]int{{1, 1}}, [][]int{{0, 0}}, cgen.Layout{Contiguous: true}},
		{"row broadcast is strided", []int{4, 5}, [][]int{{5, 1}}, [][]int{{0, 1}}, cgen.Layout{NDim: 2}},
		{"transposed input is tiled", []int{4, 5}, [][]int{{5, 1}}, [][]int{{1, 4}}, cgen.Layout{NDim: 2, Tiled: 1}},
		{"second input transposed", []int{4, 5}, [][]int{{5, 1}}, [][]int{{5, 1}, {1, 4}}, cgen.Layout{NDim: 2, Tiled: 2}},
		{"transposed output is not tiled", []int{4, 5}, [][]int{{1, 4}}, [][]int{{1, 4}}, cgen.Layout{NDim: 2}},
		{"a one-row launch is not tiled", []int{1, 5}, [][]int{{5, 1}}, [][]int{{1, 2}}, cgen.Layout{NDim: 2}},
		{"strided output", []int{8}, [][]int{{2}}, [][]int{{1}}, cgen.Layout{NDim: 1}},
		{"negative stride", []int{8}, [][]int{{1}}, [][]int{{-1}}, cgen.Layout{NDim: 1}},
		{"broadcast input of a strided launch keeps stride 0", []int{3, 4, 5}, [][]int{{1, 3, 12}}, [][]int{{0, 0, 0}}, cgen.Layout{NDim: 3}},
		{"4-d", []int{2, 3, 4, 5}, [][]int{{60, 20, 5, 1}}, [][]int{{1, 2, 6, 24}}, cgen.Layout{NDim: 4}},
		{"2^31 elements", []int{big}, [][]int{{1}}, [][]int{{1}}, cgen.Layout{Contiguous: true, Index64: true}},
		{"just below 2^31", []int{big - 1}, [][]int{{1}}, [][]int{{0}}, cgen.Layout{Contiguous: true, Broadcast: 1}},
		{"offset past int32", []int{2, 3}, [][]int{{3, 1}}, [][]int{{big, 1}}, cgen.Layout{NDim: 2, Index64: true}},
		{"negative offset past int32", []int{2, 3}, [][]int{{3, 1}}, [][]int{{-big - 1, 1}}, cgen.Layout{NDim: 2, Index64: true}},
		{"offset down to -2^31 fits", []int{2, 3}, [][]int{{3, 1}}, [][]int{{-big, 1}}, cgen.Layout{NDim: 2}},
	}
	for _, c := range cases {
		n := 1
		for _, d := range c.shape {
			n *= d
		}
		var strides [][]int
		got := chooseLayout(c.shape, n, ops(append(strides, c.out...)...), ops(c.in...))
		if got != c.want {
			t.Errorf("%s: layout %+v, want %+v", c.name, got, c.want)
		}
	}
}

func TestRoundSize(t *testing.T) {
	for _, c := range []struct{ n, want int }{
		{1, 512}, {512, 512}, {513, 1024}, {1 << 20, 1 << 20},
		{1<<20 + 1, 1<<20 + 1<<17}, {3 << 20, 3 << 20}, {3<<20 + 1, 3<<20 + 1<<18},
		{80 << 30, 80 << 30},
	} {
		if got := roundSize(c.n); got != c.want {
			t.Errorf("roundSize(%d) = %d, want %d", c.n, got, c.want)
		}
	}
	for n := 1; n < 1<<30; n = n*3 + 1 {
		if r := roundSize(n); r < n || float64(r-n) > float64(n)/8+511 {
			t.Errorf("roundSize(%d) = %d wastes too much", n, r)
		}
	}
}

// fakeBackend is a Backend without a device, whose buffers are addresses
// that nothing dereferences.
func fakeBackend() *Backend {
	return &Backend{lb: new(launchBlock), info: backend.DeviceInfo{Name: "fake"}, kind: "cuda"}
}

func fakeBuffer(b *Backend, ptr uint64, size int) *buffer {
	return &buffer{owner: b, ptr: Ptr(ptr), size: size, capacity: size}
}

// TestPackParams packs a strided launch with a complex128 scalar and
// checks every byte against cgen's parameter list.
func TestPackParams(t *testing.T) {
	z, f := dtype.Complex128, dtype.Float32
	k := &ir.Kernel{
		Inputs:  []dtype.DType{z, f},
		Scalars: []dtype.DType{dtype.Int8, z},
		Outputs: []*ir.Node{ir.Apply(ir.Mul, z, ir.Apply(ir.Add, z, ir.In(0, z), ir.To(ir.In(1, f), z)), ir.Param(1, z))},
	}
	b := fakeBackend()
	shape := []int{3, 4}
	out := []backend.Operand{{Buf: fakeBuffer(b, 0x10000, 16*12), DType: z, Offset: 0, Strides: []int{4, 1}}}
	in := []backend.Operand{
		{Buf: fakeBuffer(b, 0x20000, 16*12), DType: z, Offset: 11, Strides: []int{-4, -1}},
		{Buf: fakeBuffer(b, 0x30000, 4*8), DType: f, Offset: 2, Strides: []int{0, 1}},
	}
	scalars := []ir.Value{{0xfe}, {math.Float64bits(1.5), math.Float64bits(-2)}}
	for _, index64 := range []bool{false, true} {
		l := cgen.Layout{NDim: 2, Index64: index64}
		src, err := cgen.Render(k, l, cgen.CUDA)
		if err != nil {
			t.Fatal(err)
		}
		kn := &kernel{layout: l, params: src.Params, size: src.ParamSize, vec: src.Vec}
		lb := new(launchBlock)
		packParams(lb, kn, 12, shape, out, in, scalars)
		p := lb.params[:src.ParamSize]
		w := 4
		if index64 {
			w = 8
		}
		word := func(off int) int {
			if w == 8 {
				return int(int64(binary.LittleEndian.Uint64(p[off:])))
			}
			return int(int32(binary.LittleEndian.Uint32(p[off:])))
		}
		for i, q := range src.Params {
			if lb.ptrs[i] != unsafe.Pointer(&lb.params[q.Offset]) {
				t.Errorf("index64=%v: parameter %d points at the wrong place", index64, i)
			}
			switch q.Kind {
			case cgen.ParamCount:
				if got := word(q.Offset); got != 12 {
					t.Errorf("index64=%v: n = %d, want 12", index64, got)
				}
			case cgen.ParamOutput, cgen.ParamInput:
				want := map[cgen.ParamKind][]uint64{
					cgen.ParamOutput: {0x10000},
					cgen.ParamInput:  {0x20000 + 11*16, 0x30000 + 2*4},
				}[q.Kind][q.Index]
				if got := binary.LittleEndian.Uint64(p[q.Offset:]); got != want {
					t.Errorf("index64=%v: pointer %v %d = %#x, want %#x", index64, q.Kind, q.Index, got, want)
				}
			case cgen.ParamDims:
				want := []int{3, 4, 4, 1, -4, -1, 0, 1}
				if q.Size != len(want)*w {
					t.Fatalf("index64=%v: dims of %d bytes, want %d", index64, q.Size, len(want)*w)
				}
				for j, v := range want {
					if got := word(q.Offset + j*w); got != v {
						t.Errorf("index64=%v: dims[%d] = %d, want %d", index64, j, got, v)
					}
				}
			case cgen.ParamScalar:
				var v [16]byte
				binary.LittleEndian.PutUint64(v[:], scalars[q.Index][0])
				binary.LittleEndian.PutUint64(v[8:], scalars[q.Index][1])
				if got := p[q.Offset : q.Offset+q.Size]; string(got) != string(v[:q.Size]) {
					t.Errorf("index64=%v: scalar %d = %x, want %x", index64, q.Index, got, v[:q.Size])
				}
			}
		}
	}
}

// The host side of a repeated launch (check, layout, kernel lookup,
// packing) allocates nothing.
func TestPrepareAllocatesNothing(t *testing.T) {
	b := fakeBackend()
	k := kerneltest.AddScaled()
	f := dtype.Float32
	shape := []int{1024}
	out := []backend.Operand{
		{Buf: fakeBuffer(b, 0x10000, 4096), DType: f, Strides: []int{1}},
		{Buf: fakeBuffer(b, 0x20000, 1024), DType: dtype.Bool, Strides: []int{1}},
	}
	in := []backend.Operand{
		{Buf: fakeBuffer(b, 0x30000, 4096), DType: f, Strides: []int{1}},
		{Buf: fakeBuffer(b, 0x40000, 4), DType: f, Strides: []int{0}},
	}
	scalars := []ir.Value{{uint64(math.Float32bits(2))}}
	l := chooseLayout(shape, 1024, out, in)
	if want := (cgen.Layout{Contiguous: true, Broadcast: 2}); l != want {
		t.Fatalf("layout %v, want %v", l, want)
	}
	src, err := cgen.Render(k, l, cgen.CUDA)
	if err != nil {
		t.Fatal(err)
	}
	kn := &kernel{layout: l, params: src.Params, size: src.ParamSize, vec: src.Vec}
	b.kernels.byPtr = map[kernelKey]*cached[kernelKey, *kernel]{{k, l}: {key: kernelKey{k, l}, kn: kn}}
	allocs := testing.AllocsPerRun(1000, func() {
		got, n, err := b.prepare(k, shape, out, in, scalars)
		if err != nil || got != kn || n != 1024 {
			t.Fatalf("prepare = %v, %d, %v", got, n, err)
		}
		packParams(b.lb, got, n, shape, out, in, scalars)
	})
	if allocs != 0 {
		t.Errorf("prepare and pack allocate %v times a launch, want 0", allocs)
	}
}

// Bad calls give errors that say what is wrong, and never panic.
func TestCheckErrors(t *testing.T) {
	b := fakeBackend()
	other := fakeBackend()
	f := dtype.Float32
	k := kerneltest.AddScaled()
	good := func() ([]backend.Operand, []backend.Operand) {
		return []backend.Operand{
				{Buf: fakeBuffer(b, 0x1000, 40), DType: f, Strides: []int{1}},
				{Buf: fakeBuffer(b, 0x2000, 10), DType: dtype.Bool, Strides: []int{1}},
			}, []backend.Operand{
				{Buf: fakeBuffer(b, 0x3000, 40), DType: f, Strides: []int{1}},
				{Buf: fakeBuffer(b, 0x4000, 40), DType: f, Offset: 9, Strides: []int{-1}},
			}
	}
	freed := fakeBuffer(b, 0x5000, 40)
	freed.freed.Store(true)
	s := []ir.Value{{}}
	cases := []struct {
		name   string
		mutate func(out, in []backend.Operand) ([]int, []backend.Operand, []backend.Operand, []ir.Value)
		want   string
	}{
		{"too few inputs", func(out, in []backend.Operand) ([]int, []backend.Operand, []backend.Operand, []ir.Value) {
			return []int{10}, out, in[:1], s
		}, "takes 2 inputs, got 1"},
		{"no scalars", func(out, in []backend.Operand) ([]int, []backend.Operand, []backend.Operand, []ir.Value) {
			return []int{10}, out, in, nil
		}, "takes 1 scalars, got 0"},
		{"wrong dtype", func(out, in []backend.Operand) ([]int, []backend.Operand, []backend.Operand, []ir.Value) {
			in[1].DType = dtype.Float64
			return []int{10}, out, in, s
		}, "input 1: is float64, the kernel wants float32"},
		{"strides of another rank", func(out, in []backend.Operand) ([]int, []backend.Operand, []backend.Operand, []ir.Value) {
			out[0].Strides = []int{2, 1}
			return []int{10}, out, in, s
		}, "output 0: has 2 strides"},
		{"negative dimension", func(out, in []backend.Operand) ([]int, []backend.Operand, []backend.Operand, []ir.Value) {
			return []int{-1}, out, in, s
		}, "negative dimension"},
		{"past the end", func(out, in []backend.Operand) ([]int, []backend.Operand, []backend.Operand, []ir.Value) {
			in[0].Offset = 1
			return []int{10}, out, in, s
		}, "input 0: reaches elements 1 to 10 of a buffer of 10"},
		{"before the start", func(out, in []backend.Operand) ([]int, []backend.Operand, []backend.Operand, []ir.Value) {
			in[1].Offset = 8
			return []int{10}, out, in, s
		}, "input 1: reaches elements -1 to 8"},
		{"huge stride", func(out, in []backend.Operand) ([]int, []backend.Operand, []backend.Operand, []ir.Value) {
			in[0].Strides = []int{math.MaxInt / 4}
			return []int{10}, out, in, s
		}, "reaches past any buffer"},
		{"freed buffer", func(out, in []backend.Operand) ([]int, []backend.Operand, []backend.Operand, []ir.Value) {
			in[0].Buf = freed
			return []int{10}, out, in, s
		}, "use of a freed buffer"},
		{"buffer of another backend", func(out, in []backend.Operand) ([]int, []backend.Operand, []backend.Operand, []ir.Value) {
			out[1].Buf = fakeBuffer(other, 0x6000, 10)
			return []int{10}, out, in, s
		}, "belongs to another cuda backend"},
		{"buffer of another kind", func(out, in []backend.Operand) ([]int, []backend.Operand, []backend.Operand, []ir.Value) {
			out[1].Buf = nil
			return []int{10}, out, in, s
		}, "is not a buffer of the cuda backend"},
	}
	for _, c := range cases {
		out, in := good()
		shape, out, in, sc := c.mutate(out, in)
		_, _, err := b.prepare(k, shape, out, in, sc)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one containing %q", c.name, err, c.want)
		}
	}
	if _, _, err := b.prepare(nil, nil, nil, nil, nil); err == nil {
		t.Error("a nil kernel gives no error")
	}
	// An empty launch checks its operands but needs no kernel.
	out, in := good()
	if kn, n, err := b.prepare(k, []int{0}, out, in, s); kn != nil || n != 0 || err != nil {
		t.Errorf("empty launch: prepare = %v, %d, %v", kn, n, err)
	}
}
