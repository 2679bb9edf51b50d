// Package cgen renders elementwise kernels (ir.Kernel) as CUDA C, or as
// the HIP flavour of the same C, for one launch layout, and describes the
// kernel's parameters so that a backend can pack its arguments without
// allocating.
//
// The source includes no header (NVRTC's time grows with what it parses)
// and carries only the helper functions its kernel uses. Elements are
// stored as NumPy lays them out: bool as one byte 0/1, float16 and
// bfloat16 as their 16 bits, complex as (real, imaginary) pairs.
//
// # Kernel parameters
//
// A kernel for M outputs, N inputs and S scalars takes, in this order
// (Source.Params lists them with sizes, alignments and packed offsets):
//
//  1. n, the number of elements of the launch: uint32, or uint64 when
//     Layout.Index64.
//  2. M output pointers, then N input pointers (every input, used or not):
//     the device address of the operand's element at index (0, ..., 0),
//     that is the buffer plus Operand.Offset elements.
//  3. Strided layouts only: one struct of (1+M+N)*NDim integers (uint32
//     and int32, or uint64 and int64 when Index64): the launch shape
//     (NDim values, outermost first), then the strides in elements of
//     each operand (NDim values each; outputs first, then inputs, in
//     order; 0 on a broadcast axis).
//  4. S scalars, each its dtype's size and alignment: the first bytes of
//     its ir.Value (little-endian; complex64 is the real part's float32
//     bits then the imaginary part's).
//
// Launch any grid whose thread count fits the index type: kernels loop
// over the elements grid-stride. One thread per Source.Vec elements
// (rounded up to blocks of 256 threads, which suit both vendors) needs
// no iteration.
package cgen

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"

	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/ir"
)

// Vendor is the GPU C dialect.
type Vendor uint8

const (
	CUDA Vendor = iota // NVRTC
	HIP                // hiprtc: no inline PTX; float16 through _Float16
)

func (v Vendor) String() string {
	if v == HIP {
		return "hip"
	}
	return "cuda"
}

// Layout is the launch layout a kernel is specialised for; the caller
// derives it from the operands (after collapsing dimensions) and uses it,
// with the kernel's Key, as the compile-cache key.
type Layout struct {
	// Contiguous: every operand is C-contiguous over the launch shape, or
	// an input broadcast from one element (marked in Broadcast). The
	// kernel is then a flat loop over n elements, with 16-byte vector
	// loads and stores when every pointer it walks is 16-byte aligned.
	Contiguous bool
	// Broadcast has bit j set when input j is one element broadcast over
	// the launch (all its strides 0). Contiguous layouts only.
	Broadcast uint64
	// NDim is the number of (collapsed) dimensions of a strided layout;
	// 0 when Contiguous.
	NDim int
	// Index64 selects 64-bit index arithmetic. Without it n, every
	// dimension and every operand's element offset (from its pointer)
	// must be below 2^31.
	Index64 bool
	// Tiled (2-D strided layouts only) has bit j set for each input whose
	// elements run down the columns (a transposed view) while the outputs
	// run along the rows: the kernel then works on 32x32 tiles, reading
	// those inputs down the columns into shared memory and writing the
	// outputs along the rows, so that both sides are coalesced. Launch it
	// with blocks of 32x8 threads and a grid of (ceil(cols/32),
	// ceil(rows/32)) blocks.
	Tiled uint64
}

func (l Layout) String() string {
	w := 32
	if l.Index64 {
		w = 64
	}
	if l.Contiguous {
		return fmt.Sprintf("contiguous/%#x/i%d", l.Broadcast, w)
	}
	if l.Tiled != 0 {
		return fmt.Sprintf("tiled/%#x/i%d", l.Tiled, w)
	}
	return fmt.Sprintf("strided/%dd/i%d", l.NDim, w)
}

// ParamKind says what a kernel parameter is.
type ParamKind uint8

const (
	ParamCount  ParamKind = iota // n, the element count
	ParamOutput                  // pointer to output Index
	ParamInput                   // pointer to input Index
	ParamDims                    // shape and strides (strided layouts)
	ParamScalar                  // scalar Index, of DType
)

// Param is one kernel parameter.
type Param struct {
	Kind   ParamKind
	Index  int         // operand or scalar index
	DType  dtype.DType // ParamScalar only
	Size   int         // bytes
	Align  int         // bytes
	Offset int         // byte offset in a packed parameter buffer (CU_LAUNCH_PARAM_BUFFER_POINTER, HIP's extra)
}

// Source is a rendered kernel.
type Source struct {
	Code      string  // the translation unit
	Entry     string  // the kernel's extern "C" name
	Params    []Param // the kernel's parameters, in order
	ParamSize int     // bytes of the packed parameter buffer
	Vec       int     // elements a thread handles per step of the flat loop
}

// maxParamBytes is the parameter space every CUDA and HIP GPU accepts.
const maxParamBytes = 4096

// maxNDim bounds a strided layout's dimensions (NumPy's limit).
const maxNDim = 64

// Render renders k for layout l in vendor v's dialect.
func Render(k *ir.Kernel, l Layout, v Vendor) (*Source, error) {
	srcs, err := renderModule([]unit{{k, l}}, v)
	if err != nil {
		return nil, err
	}
	return srcs[0], nil
}

// unit is one kernel of a module.
type unit struct {
	k *ir.Kernel
	l Layout
}

// renderModule renders several kernels into one translation unit (one
// compile), each Source carrying the whole module's code.
func renderModule(units []unit, v Vendor) ([]*Source, error) {
	m := newModule()
	srcs := make([]*Source, len(units))
	for i, u := range units {
		text, src, err := renderKernel(u.k, u.l, m.need)
		if err != nil {
			return nil, err
		}
		m.add(src.Entry, text)
		srcs[i] = src
	}
	code := m.code(v)
	for _, s := range srcs {
		s.Code = code
	}
	return srcs, nil
}

// Entry is the kernel name of k for layout l: a hash of both, so kernels
// of one module never collide.
func Entry(k *ir.Kernel, l Layout) string {
	h := sha256.Sum256([]byte(k.Key() + "|" + l.String()))
	return "cugo_" + hex.EncodeToString(h[:8])
}

// renderKernel returns the C of one kernel (its element function and
// entry), adding the helpers it uses to need.
func renderKernel(k *ir.Kernel, l Layout, need helperSet) (string, *Source, error) {
	fail := func(err error) (string, *Source, error) {
		return "", nil, fmt.Errorf("cgen: render %s: %w", k.Key(), err)
	}
	if k == nil {
		return "", nil, fmt.Errorf("cgen: render: nil kernel")
	}
	if err := k.Validate(); err != nil {
		return fail(err)
	}
	if err := checkLayout(k, l); err != nil {
		return fail(err)
	}
	for _, d := range append(append([]dtype.DType{}, k.Inputs...), k.Scalars...) {
		if err := validDType(d); err != nil {
			return fail(err)
		}
	}
	name := Entry(k, l)
	elem, ins, scalars, counter, err := elemFunc(k, name+"_elem", need)
	if err != nil {
		return fail(err)
	}
	src := &Source{Entry: name, Vec: 1}
	src.addParams(k, l)
	if src.ParamSize > maxParamBytes {
		return fail(fmt.Errorf("%d bytes of kernel parameters exceed %d", src.ParamSize, maxParamBytes))
	}
	g := &kernelGen{k: k, l: l, name: name, ins: ins, scalars: scalars, counter: counter, need: need}
	var text string
	text, src.Vec = g.loops()
	return elem + text, src, nil
}

// loops writes the entry function for the layout, and returns the
// elements a thread handles per step of the flat loop.
func (g *kernelGen) loops() (string, int) {
	switch {
	case g.l.Contiguous:
		return g.contiguous()
	case g.l.Tiled != 0:
		return g.tiled(), 1
	}
	return g.strided(), 1
}

func checkLayout(k *ir.Kernel, l Layout) error {
	switch {
	case l.Contiguous && l.NDim != 0:
		return fmt.Errorf("layout %v: a contiguous layout has NDim 0, not %d", l, l.NDim)
	case !l.Contiguous && (l.NDim < 1 || l.NDim > maxNDim):
		return fmt.Errorf("layout %v: a strided layout needs NDim in 1..%d", l, maxNDim)
	case !l.Contiguous && l.Broadcast != 0:
		return fmt.Errorf("layout %v: Broadcast applies to contiguous layouts (strided ones use stride 0)", l)
	case len(k.Inputs) < 64 && l.Broadcast>>len(k.Inputs) != 0:
		return fmt.Errorf("layout %v: Broadcast marks inputs the kernel lacks (it has %d)", l, len(k.Inputs))
	case l.Tiled != 0 && (l.Contiguous || l.NDim != 2):
		return fmt.Errorf("layout %v: Tiled applies to 2-D strided layouts", l)
	case len(k.Inputs) < 64 && l.Tiled>>len(k.Inputs) != 0:
		return fmt.Errorf("layout %v: Tiled marks inputs the kernel lacks (it has %d)", l, len(k.Inputs))
	}
	return nil
}

func (s *Source) addParams(k *ir.Kernel, l Layout) {
	w := 4
	if l.Index64 {
		w = 8
	}
	add := func(p Param) {
		s.ParamSize = (s.ParamSize + p.Align - 1) / p.Align * p.Align
		p.Offset = s.ParamSize
		s.ParamSize += p.Size
		s.Params = append(s.Params, p)
	}
	add(Param{Kind: ParamCount, Size: w, Align: w})
	for j := range k.Outputs {
		add(Param{Kind: ParamOutput, Index: j, Size: 8, Align: 8})
	}
	for j := range k.Inputs {
		add(Param{Kind: ParamInput, Index: j, Size: 8, Align: 8})
	}
	if !l.Contiguous {
		add(Param{Kind: ParamDims, Size: (1 + len(k.Outputs) + len(k.Inputs)) * l.NDim * w, Align: w})
	}
	for i, d := range k.Scalars {
		add(Param{Kind: ParamScalar, Index: i, DType: d, Size: sizeOf(d), Align: sizeOf(d)})
	}
}

// elemFunc renders the function that computes one element: outputs by
// reference, then the inputs and scalars it reads, all as stored, then
// the element's flat index if it reads ir.Counter. It returns which inputs
// and scalars those are, in order, and whether it takes the index.
func elemFunc(k *ir.Kernel, name string, need helperSet) (code string, ins, scalars []int, counter bool, err error) {
	e := newEmitter(need)
	var stores strings.Builder
	for j, o := range k.Outputs {
		v, err := e.value(o)
		if err != nil {
			return "", nil, nil, false, err
		}
		fmt.Fprintf(&stores, "  o%d = %s;\n", j, store(o.DType, v))
	}
	var params []string
	for j, o := range k.Outputs {
		params = append(params, fmt.Sprintf("%s &o%d", storage(o.DType), j))
	}
	for j, d := range k.Inputs {
		if e.inputs[j] {
			ins = append(ins, j)
			params = append(params, fmt.Sprintf("const %s x%d", storage(d), j))
		}
	}
	for i, d := range k.Scalars {
		if e.scalars[i] {
			scalars = append(scalars, i)
			params = append(params, fmt.Sprintf("const %s s%d", storage(d), i))
		}
	}
	if e.counter {
		params = append(params, "const u64 ctr")
	}
	code = fn + "void " + name + "(" + strings.Join(params, ", ") + ") {\n" + e.body.String() + stores.String() + "}\n"
	return code, ins, scalars, e.counter, nil
}

// kernelGen writes one kernel's entry function.
type kernelGen struct {
	k       *ir.Kernel
	l       Layout
	name    string
	ins     []int // inputs the element function reads
	scalars []int // scalars the element function reads
	counter bool  // the element function takes the element's flat index
	need    helperSet
	// User kernels (user.go): the element function also takes n, and
	// may read its outputs, so the vector loop loads them first.
	size, readsOut bool
	// prologue, if any, starts the entry, before a block around the
	// loops (their names do not clash with its own); epilogue follows that
	// block: a user kernel's per-thread code.
	prologue, epilogue string
	// inline, if set, is the element's code in place of a call to the
	// element function with args.
	inline func(args []string) string
}

// open is the entry's declaration and first lines.
func (g *kernelGen) open() string {
	if g.prologue == "" {
		return g.signature() + " {\n"
	}
	return g.signature() + " {\n" + g.prologue + "  {\n"
}

// close ends the entry.
func (g *kernelGen) close() string {
	if g.prologue == "" {
		return "}\n"
	}
	return "  }\n" + g.epilogue + "}\n"
}

func (g *kernelGen) broadcast(j int) bool { return j < 64 && g.l.Broadcast&(1<<j) != 0 }

// index types: unsigned for counts, signed for offsets.
func (g *kernelGen) ix() string {
	if g.l.Index64 {
		return "u64"
	}
	return "u32"
}

func (g *kernelGen) sx() string {
	if g.l.Index64 {
		return "i64"
	}
	return "i32"
}

// signature is the entry's declaration, parameters in Params order.
func (g *kernelGen) signature() string {
	ps := []string{"const " + g.ix() + " n"}
	for j, o := range g.k.Outputs {
		ps = append(ps, fmt.Sprintf("%s *out%d", storage(o.DType), j))
	}
	for j, d := range g.k.Inputs {
		ps = append(ps, fmt.Sprintf("const %s *in%d", storage(d), j))
	}
	if !g.l.Contiguous {
		ps = append(ps, "const "+g.name+"_dims d")
	}
	for i, d := range g.k.Scalars {
		ps = append(ps, fmt.Sprintf("const %s s%d", storage(d), i))
	}
	return `extern "C" __global__ void ` + g.name + "(" + strings.Join(ps, ", ") + ")"
}

// call is the element function applied to the given output and input
// expressions (indexed by operand) and the element's flat index ctr.
func (g *kernelGen) call(out func(j int) string, in func(j int) string, ctr string) string {
	var args []string
	for j := range g.k.Outputs {
		args = append(args, out(j))
	}
	for _, j := range g.ins {
		args = append(args, in(j))
	}
	for _, i := range g.scalars {
		args = append(args, "s"+strconv.Itoa(i))
	}
	if g.counter {
		args = append(args, "(u64)("+ctr+")")
	}
	if g.size {
		args = append(args, "(u64)n")
	}
	if g.inline != nil {
		return g.inline(args)
	}
	return g.name + "_elem(" + strings.Join(args, ", ") + ");"
}

const threadIndex = `  const %[1]s tid = (%[1]s)blockIdx.x * blockDim.x + threadIdx.x;
  const %[1]s step = (%[1]s)gridDim.x * blockDim.x;
`

// contiguous writes the flat kernel: 16-byte vectors of vec elements
// while the pointers allow, then one element at a time.
func (g *kernelGen) contiguous() (string, int) {
	var b strings.Builder
	ix := g.ix()
	b.WriteString(g.open())
	fmt.Fprintf(&b, threadIndex, ix)
	var walked []string // pointers the loop walks, with their element types
	minSize := 16
	for j, o := range g.k.Outputs {
		walked = append(walked, "out"+strconv.Itoa(j))
		minSize = min(minSize, sizeOf(o.DType))
	}
	for _, j := range g.ins {
		if g.broadcast(j) {
			fmt.Fprintf(&b, "  const %s b%d = in%d[0];\n", storage(g.k.Inputs[j]), j, j)
			continue
		}
		walked = append(walked, "in"+strconv.Itoa(j))
		minSize = min(minSize, sizeOf(g.k.Inputs[j]))
	}
	in := func(at string) func(j int) string {
		return func(j int) string {
			if g.broadcast(j) {
				return "b" + strconv.Itoa(j)
			}
			return "in" + strconv.Itoa(j) + at
		}
	}
	vec := 16 / minSize
	start := "tid"
	if vec > 1 {
		g.need.add("vec")
		var addrs []string
		for _, p := range walked {
			addrs = append(addrs, "(u64)"+p)
		}
		fmt.Fprintf(&b, "  const %s nv = ((%s) & 15) ? 0 : n / %d;\n", ix, strings.Join(addrs, " | "), vec)
		fmt.Fprintf(&b, "  for (%s v = tid; v < nv; v += step) {\n", ix)
		vt := func(d dtype.DType) string { return fmt.Sprintf("vec<%s, %d>", storage(d), vec) }
		for _, j := range g.ins {
			if !g.broadcast(j) {
				d := g.k.Inputs[j]
				fmt.Fprintf(&b, "    const %[1]s a%[2]d = ((const %[1]s *)in%[2]d)[v];\n", vt(d), j)
			}
		}
		for j, o := range g.k.Outputs {
			if g.readsOut {
				fmt.Fprintf(&b, "    %[1]s r%[2]d = ((const %[1]s *)out%[2]d)[v];\n", vt(o.DType), j)
			} else {
				fmt.Fprintf(&b, "    %s r%d;\n", vt(o.DType), j)
			}
		}
		fmt.Fprintf(&b, "#pragma unroll\n    for (int k = 0; k < %d; k++) ", vec)
		b.WriteString(g.call(func(j int) string { return fmt.Sprintf("r%d.e[k]", j) }, func(j int) string {
			if g.broadcast(j) {
				return "b" + strconv.Itoa(j)
			}
			return fmt.Sprintf("a%d.e[k]", j)
		}, fmt.Sprintf("(u64)v * %d + k", vec)) + "\n")
		for j, o := range g.k.Outputs {
			fmt.Fprintf(&b, "    ((%s *)out%d)[v] = r%d;\n", vt(o.DType), j, j)
		}
		b.WriteString("  }\n")
		start = fmt.Sprintf("nv * %d + tid", vec)
	}
	fmt.Fprintf(&b, "  for (%s i = %s; i < n; i += step) ", ix, start)
	b.WriteString(g.call(func(j int) string { return fmt.Sprintf("out%d[i]", j) }, in("[i]"), "i") + "\n" + g.close())
	return b.String(), vec
}

// strided writes the kernel that turns each linear index into per-operand
// offsets through the shape and strides.
func (g *kernelGen) strided() string {
	var b strings.Builder
	ix, sx, nd := g.ix(), g.sx(), g.l.NDim
	m := len(g.k.Outputs)
	fmt.Fprintf(&b, "struct %s_dims { %s shape[%d]; %s stride[%d][%d]; };\n", g.name, ix, nd, sx, m+len(g.k.Inputs), nd)
	b.WriteString(g.open())
	fmt.Fprintf(&b, threadIndex, ix)
	// operands whose offsets the loop needs: every output, the inputs read
	ops := make([]int, 0, m+len(g.ins))
	for j := range m {
		ops = append(ops, j)
	}
	for _, j := range g.ins {
		ops = append(ops, m+j)
	}
	fmt.Fprintf(&b, "  for (%s i = tid; i < n; i += step) {\n", ix)
	var decl []string
	for _, p := range ops {
		decl = append(decl, fmt.Sprintf("q%d = 0", p))
	}
	fmt.Fprintf(&b, "    %s r = i;\n    %s %s;\n", ix, sx, strings.Join(decl, ", "))
	for dim := nd - 1; dim >= 1; dim-- {
		fmt.Fprintf(&b, "    { const %[1]s c = r %% d.shape[%[2]d]; r /= d.shape[%[2]d];", ix, dim)
		for _, p := range ops {
			fmt.Fprintf(&b, " q%d += (%s)c * d.stride[%d][%d];", p, sx, p, dim)
		}
		b.WriteString(" }\n")
	}
	for _, p := range ops {
		fmt.Fprintf(&b, "    q%d += (%s)r * d.stride[%d][0];\n", p, sx, p)
	}
	b.WriteString("    " + g.call(func(j int) string { return fmt.Sprintf("out%d[q%d]", j, j) },
		func(j int) string { return fmt.Sprintf("in%d[q%d]", j, m+j) }, "i") + "\n  }\n" + g.close())
	return b.String()
}
