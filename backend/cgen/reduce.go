package cgen

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/ir"
)

// ReduceKind is how a reduction kernel maps its input to threads.
type ReduceKind uint8

const (
	// ReduceRows: a group of threads (a warp, or a block with
	// ReduceLayout.Block) folds a run of one row, a row being the reduced
	// elements of one kept position in C order. Rows may be split into
	// Chunks runs, each folded to a partial.
	ReduceRows ReduceKind = iota
	// ReduceColumns: one thread folds a column (or Vec adjacent columns):
	// the innermost kept axis has unit stride, so the threads of a warp
	// read adjacent elements, and the reduced axes are one axis of any
	// stride. Columns may be split into Chunks runs of rows.
	ReduceColumns
	// ScanRows: a block computes the running fold of a row, a tile of
	// blockDim elements at a time.
	ScanRows
)

func (k ReduceKind) String() string {
	return [...]string{"rows", "columns", "scan"}[k]
}

// ReduceLayout is the launch layout a reduction kernel is specialised
// for; with the reduction's Key, it is the compile-cache key.
type ReduceLayout struct {
	Kind ReduceKind
	// Block: a block (ReduceBlock threads) folds each run of a row, not a warp.
	Block bool
	// Vec: 16-byte vector loads. Rows: the reduced elements of a row are
	// one run of unit stride (RedDims is 1), loaded as vectors from the
	// first 16-byte boundary on. Columns: a thread folds 16/size adjacent
	// columns, which the caller guarantees aligned (every input stride
	// and the first element's address, and the kept columns' count).
	Vec bool
	// KeptDims is the number of kept axes the kernel unravels a kept
	// position over, to find its input (first pass) and output (last
	// pass) offsets; 0 when there is one kept position.
	KeptDims int
	// RedDims is the number of reduced axes a row's position unravels
	// over (ReduceRows, first pass; 0 otherwise).
	RedDims int
	// Finish: the input is the partials of a first pass (values of the
	// accumulator's compute type and, for ArgMax and ArgMin, int64
	// positions), laid out as that pass writes them; Pre is not applied.
	Finish bool
	// Partial: the output is one partial per run (Chunks per row, rows
	// after rows for ReduceRows, chunk after chunk for ReduceColumns),
	// which a Finish pass folds, rather than the result in Out.
	Partial bool
	// LastBlock: a Partial rows pass by blocks over one kept position
	// (KeptDims 0) whose last block to finish also does the Finish
	// pass's work: each block counts itself done with an atomic on the
	// counter parameter once its partials are written (and fenced); the
	// last one folds all partials in the Finish pass's order, with its
	// code, writes the result and sets the counter back to 0. One launch
	// instead of two, the same result.
	LastBlock bool
	// Index64 selects 64-bit index arithmetic.
	Index64 bool
	// Warp is the number of lanes of a warp (a wavefront on AMD) the
	// kernel is written for: the device's warp size, 32 on NVIDIA and on
	// AMD's RDNA, 64 on CDNA. 0 means the vendor's usual width (32 for
	// CUDA, 64 for HIP). A HIP kernel fails to compile for a target of
	// another width rather than compute wrong results.
	Warp int
}

func (l ReduceLayout) String() string {
	var b strings.Builder
	b.WriteString(l.Kind.String())
	for _, f := range []struct {
		on   bool
		name string
	}{{l.Block, "block"}, {l.Vec, "vec"}, {l.Finish, "finish"}, {l.Partial, "partial"}, {l.LastBlock, "last"}, {l.Index64, "i64"}} {
		if f.on {
			b.WriteString("/" + f.name)
		}
	}
	fmt.Fprintf(&b, "/k%d/r%d", l.KeptDims, l.RedDims)
	if l.Warp != 0 {
		fmt.Fprintf(&b, "/w%d", l.Warp)
	}
	return b.String()
}

// ReduceBlock is the number of threads of a reduction block; launches use
// it as blockDim.x. On the H100, blocks of 512 read 1 to 2% faster than
// blocks of 256 in every layout (rows, columns and full reductions).
const ReduceBlock = 512

// ReduceArgs is the first parameter of every reduction kernel, a struct of
// int64 fields in this order (Put writes it):
//
//	Rows, Len, Chunk, Chunks, Stride, OutStride,
//	Kept[KeptDims], KeptIn[KeptDims], KeptOut[KeptDims],
//	Red[RedDims], RedIn[RedDims]
//
// Strides count elements from the pointer parameters.
type ReduceArgs struct {
	Rows int // kept positions
	Len  int // reduced elements of each
	// Chunks: the runs each row (column) is folded in, a partial each.
	// A ReduceColumns run is Chunk consecutive rows of the reduced axis
	// (Chunks is ceil(Len / Chunk)); ReduceRows run c of C folds
	// every C-th stretch of its row, and ignores Chunk.
	Chunk, Chunks int
	// Stride: ReduceColumns, the input stride of the reduced axis;
	// ScanRows, the input stride along the row. OutStride: ScanRows, the
	// output stride along the row.
	Stride, OutStride     int
	Kept, KeptIn, KeptOut []int // kept axes: lengths, input and output strides
	Red, RedIn            []int // reduced axes: lengths and input strides
}

// Size is the bytes Put writes.
func (a *ReduceArgs) Size() int {
	return 8 * (6 + len(a.Kept)*3 + len(a.Red)*2)
}

// Put writes a into p, which has at least Size bytes.
func (a *ReduceArgs) Put(p []byte) {
	off := 0
	put := func(v int) {
		binary.LittleEndian.PutUint64(p[off:], uint64(int64(v)))
		off += 8
	}
	for _, v := range [...]int{a.Rows, a.Len, a.Chunk, a.Chunks, a.Stride, a.OutStride} {
		put(v)
	}
	for _, s := range [...][]int{a.Kept, a.KeptIn, a.KeptOut, a.Red, a.RedIn} {
		for _, v := range s {
			put(v)
		}
	}
}

// ReduceSource is a rendered reduction (or scan) kernel. Its parameters,
// in order (Params gives sizes and packed offsets):
//
//  1. ReduceArgs (ParamDims).
//  2. in: the input's first element (ParamInput 0); a Finish pass: the
//     partial values.
//  3. in_i: a Finish pass of ArgMax/ArgMin: the partial positions
//     (ParamInput 1); otherwise unused (pass 0). Scans lack it.
//     Then in1, in2...: a first pass of a reduction with More inputs:
//     their first elements (ParamInput 2, 3...), read at in's offsets.
//  4. out: the output's first element (ParamOutput 0); a Partial pass:
//     the partial values, PartialSize bytes each.
//  5. out_i: a Partial pass of ArgMax/ArgMin: the partial positions,
//     int64 (ParamOutput 1); otherwise unused. Scans lack it.
//  6. res: a LastBlock pass: the output's first element (ParamOutput 2).
//  7. count: a LastBlock pass: a u32 in device memory, 0 before the
//     launch and after it (ParamOutput 3).
//  8. The reduction's scalars (ParamScalar), first passes only.
type ReduceSource struct {
	Code        string
	Entry       string
	Params      []Param
	ParamSize   int
	Vec         int // elements of one vector load (1 without Vec)
	Warp        int // lanes of a warp the kernel assumes (ReduceLayout.Warp, or the vendor's usual)
	PartialSize int // bytes of a partial value
}

// PartialSize is the bytes of one partial value of r: its accumulator
// in the type it computes in (float16 accumulates in a float).
func PartialSize(r *ir.Reduction) int {
	if c := compute(r.Acc); c == "float" {
		return 4
	}
	return sizeOf(r.Acc)
}

// RenderReduction renders reduction r for layout l in vendor v's dialect.
func RenderReduction(r *ir.Reduction, l ReduceLayout, v Vendor) (*ReduceSource, error) {
	srcs, err := RenderReductions([]ReductionUnit{{r, l}}, v)
	if err != nil {
		return nil, err
	}
	return srcs[0], nil
}

// ReductionUnit is one kernel of a module: a reduction and its layout.
type ReductionUnit struct {
	R      *ir.Reduction
	Layout ReduceLayout
}

// RenderReductions renders several reduction kernels into one
// translation unit (one compile: the two passes of a reduction, say);
// every Source carries the whole module's code.
func RenderReductions(units []ReductionUnit, v Vendor) ([]*ReduceSource, error) {
	m := newModule()
	srcs := make([]*ReduceSource, len(units))
	for i, u := range units {
		g, err := renderReductionUnit(u.R, u.Layout, v, m.need)
		if err != nil {
			return nil, err
		}
		m.add(g.name, g.code)
		srcs[i] = g.src
	}
	code := m.code(v)
	for _, s := range srcs {
		s.Code = code
	}
	return srcs, nil
}

// renderedUnit is one kernel's C and its Source (without the module's code).
type renderedUnit struct {
	name, code string
	src        *ReduceSource
}

func renderReductionUnit(r *ir.Reduction, l ReduceLayout, v Vendor, need helperSet) (*renderedUnit, error) {
	fail := func(err error) (*renderedUnit, error) {
		key := "<nil>"
		if r != nil {
			key = r.Key()
		}
		return nil, fmt.Errorf("cgen: render %s (%v): %w", key, l, err)
	}
	if err := r.Validate(); err != nil {
		return fail(err)
	}
	if l.Kind == ScanRows {
		if err := r.ScanValidate(); err != nil {
			return fail(err)
		}
	}
	for _, d := range slices.Concat([]dtype.DType{r.Input, r.Acc, r.Out}, r.More, r.Scalars) {
		if err := validDType(d); err != nil {
			return fail(err)
		}
	}
	if err := checkCReduction(r); err != nil {
		return fail(err)
	}
	switch {
	case l.KeptDims < 0 || l.KeptDims > maxNDim || l.RedDims < 0 || l.RedDims > maxNDim:
		return fail(fmt.Errorf("axes out of range"))
	case l.Kind == ReduceRows && !l.Finish && l.RedDims < 1:
		return fail(fmt.Errorf("a first pass over rows needs RedDims >= 1"))
	case l.Vec && l.Finish || l.Kind == ReduceRows && l.Vec && l.RedDims != 1:
		return fail(fmt.Errorf("vector loads need one reduced axis of a first pass"))
	case l.Kind != ReduceRows && l.RedDims != 0:
		return fail(fmt.Errorf("only rows unravel reduced axes"))
	case l.LastBlock && (l.Kind != ReduceRows || !l.Block || !l.Partial || l.Finish || l.KeptDims != 0):
		return fail(fmt.Errorf("only a partial rows pass by blocks over one kept position folds in its last block"))
	case l.Kind == ScanRows && (l.Finish || l.Partial || l.Vec || l.Block):
		return fail(fmt.Errorf("a scan has one pass"))
	case l.Kind > ScanRows:
		return fail(fmt.Errorf("unknown kind %d", l.Kind))
	}
	if _, err := warpWidth(v, l.Warp); err != nil {
		return fail(err)
	}
	g := newReduceGen(r, l, v, need)
	code, err := g.render()
	if err != nil {
		return fail(err)
	}
	src := &ReduceSource{Entry: g.name, Vec: g.vec, Warp: g.warp, PartialSize: PartialSize(r)}
	g.addParams(src)
	if src.ParamSize > maxParamBytes {
		return fail(fmt.Errorf("%d bytes of kernel parameters exceed %d", src.ParamSize, maxParamBytes))
	}
	return &renderedUnit{name: g.name, code: code, src: src}, nil
}

// ReduceEntry is the kernel name of r for layout l.
func ReduceEntry(r *ir.Reduction, l ReduceLayout) string {
	h := sha256.Sum256([]byte(r.Key() + "|" + l.String()))
	return "cugo_r" + hex.EncodeToString(h[:8])
}

// reduceGen writes one reduction kernel.
type reduceGen struct {
	r      *ir.Reduction
	l      ReduceLayout
	v      Vendor
	name   string
	need   helperSet
	acc    string // C type the accumulator computes in
	in     string // C type of an input element
	arg    bool   // ArgMax/ArgMin
	vec    int
	warp   int
	ix, sx string // index types: unsigned counts, signed offsets
}

func newReduceGen(r *ir.Reduction, l ReduceLayout, v Vendor, need helperSet) *reduceGen {
	g := &reduceGen{r: r, l: l, v: v, name: ReduceEntry(r, l), need: need, acc: compute(r.Acc),
		arg: r.Combine == ir.ArgMaxOf || r.Combine == ir.ArgMinOf, vec: 1, ix: "u32", sx: "i32"}
	g.warp, _ = warpWidth(v, l.Warp) // checked by the caller
	if l.Index64 {
		g.ix, g.sx = "u64", "i64"
	}
	g.in = storage(r.Input)
	if l.Finish {
		g.in = g.acc
	}
	if l.Vec {
		g.vec = 16 / sizeOf(r.Input)
		g.need.add("vec")
	}
	return g
}

func (g *reduceGen) addParams(s *ReduceSource) {
	add := func(p Param) {
		s.ParamSize = (s.ParamSize + p.Align - 1) / p.Align * p.Align
		p.Offset = s.ParamSize
		s.ParamSize += p.Size
		s.Params = append(s.Params, p)
	}
	add(Param{Kind: ParamDims, Size: 8 * (6 + 3*g.l.KeptDims + 2*g.l.RedDims), Align: 8})
	add(Param{Kind: ParamInput, Index: 0, Size: 8, Align: 8})
	if g.l.Kind != ScanRows {
		add(Param{Kind: ParamInput, Index: 1, Size: 8, Align: 8})
	}
	for k := range g.more() {
		add(Param{Kind: ParamInput, Index: 2 + k, Size: 8, Align: 8})
	}
	add(Param{Kind: ParamOutput, Index: 0, Size: 8, Align: 8})
	if g.l.Kind != ScanRows {
		add(Param{Kind: ParamOutput, Index: 1, Size: 8, Align: 8})
	}
	if g.l.LastBlock {
		add(Param{Kind: ParamOutput, Index: 2, Size: 8, Align: 8})
		add(Param{Kind: ParamOutput, Index: 3, Size: 8, Align: 8})
	}
	if !g.l.Finish {
		for i, d := range g.r.Scalars {
			add(Param{Kind: ParamScalar, Index: i, DType: d, Size: sizeOf(d), Align: sizeOf(d)})
		}
	}
}

func (g *reduceGen) render() (string, error) {
	var b strings.Builder
	for _, d := range append([]dtype.DType{g.r.Input, g.r.Acc, g.r.Out}, g.more()...) {
		(&emitter{need: g.need}).needType(d)
	}
	fmt.Fprintf(&b, "struct %s_args { i64 rows, len, chunk, chunks, stride, out_stride;", g.name)
	if k := g.l.KeptDims; k > 0 {
		fmt.Fprintf(&b, " i64 kept[%[1]d], kept_in[%[1]d], kept_out[%[1]d];", k)
	}
	if d := g.l.RedDims; d > 0 {
		fmt.Fprintf(&b, " i64 red[%[1]d], red_in[%[1]d];", d)
	}
	b.WriteString(" };\n")
	if !g.l.Finish {
		pre, err := g.preFunc()
		if err != nil {
			return "", err
		}
		b.WriteString(pre)
	}
	comb, err := g.combFunc()
	if err != nil {
		return "", err
	}
	b.WriteString(comb)
	b.WriteString(g.shuffles())
	b.WriteString(warpGuard(g.v, g.warp, g.name))
	switch g.l.Kind {
	case ReduceRows:
		b.WriteString(g.rows())
	case ReduceColumns:
		b.WriteString(g.columns())
	case ScanRows:
		b.WriteString(g.scan())
	}
	return b.String(), nil
}

// preFunc renders Pre as a function of a stored input element (and the
// scalars) that returns the accumulator's compute type.
func (g *reduceGen) preFunc() (string, error) {
	if g.r.C != nil {
		return g.userPre(), nil
	}
	e := newEmitter(g.need)
	v, err := e.value(g.r.Pre)
	if err != nil {
		return "", err
	}
	params := []string{"const " + storage(g.r.Input) + " x0"}
	for k, d := range g.more() {
		params = append(params, fmt.Sprintf("const %s x%d", storage(d), k+1))
	}
	for i, d := range g.r.Scalars {
		params = append(params, fmt.Sprintf("const %s s%d", storage(d), i))
	}
	return fn + g.acc + " " + g.name + "_pre(" + strings.Join(params, ", ") + ") {\n" + e.body.String() + "  return " + v + ";\n}\n", nil
}

// more is the dtypes of the inputs after the first that the kernel reads:
// r.More in a first pass, none in a Finish pass.
func (g *reduceGen) more() []dtype.DType {
	if g.l.Finish {
		return nil
	}
	return g.r.More
}

// pre is the accumulator value of the stored element x of input 0, which
// is at offset off (a signed index expression) from in; the other inputs
// are read at the same offset.
func (g *reduceGen) pre(x, off string) string {
	if g.l.Finish {
		return x
	}
	args := []string{x}
	for k := range g.more() {
		args = append(args, fmt.Sprintf("in%d[%s]", k+1, off))
	}
	for i := range g.r.Scalars {
		args = append(args, "s"+strconv.Itoa(i))
	}
	return g.name + "_pre(" + strings.Join(args, ", ") + ")"
}

// noIndex marks an accumulator that has folded nothing (ArgMax, ArgMin).
const noIndex = "0x7fffffffffffffffLL"

// combFunc renders comb(a, ai, b, bi), which folds the value b (at
// position bi) into a (at ai), and the accumulator's identity. ArgMax and
// ArgMin prefer the lower position among equal values (and among NaNs),
// so that the result does not depend on the order of the fold.
func (g *reduceGen) combFunc() (string, error) {
	if g.r.C != nil {
		return g.userComb(), nil
	}
	d := g.r.Acc
	c := classOf(d)
	T, A := storage(d), g.acc
	if c == classComplex {
		g.need.add(T)
	}
	var body, ident string
	zero, one := "0", "1"
	inf, nan := infinity(d), "__int_as_float(0x7fc00000)"
	if realOf(d) == dtype.Float64 {
		nan = "__longlong_as_double(0x7ff8000000000000LL)"
	}
	switch c {
	case classFloat:
		zero, one = literal(d, "0"), literal(d, "1")
	case classComplex:
		zero, one = T+"_(0, 0)", T+"_(1, 0)"
	}
	lowest, highest := intLimits(d)
	isNaN := func(x string) string {
		if c == classComplex {
			return "(" + x + ".re != " + x + ".re || " + x + ".im != " + x + ".im)"
		}
		return "(" + x + " != " + x + ")"
	}
	pair := func(x, y string) string { return T + "_(" + x + ", " + y + ")" }
	switch g.r.Combine {
	case ir.SumOf:
		ident = zero
		switch c {
		case classFloat:
			body = "a = a + b;"
		case classComplex:
			body = "a = " + pair("a.re + b.re", "a.im + b.im") + ";"
		default:
			body = fmt.Sprintf("a = (%s)((%s)a + (%s)b);", T, wide(d), wide(d))
		}
	case ir.ProdOf:
		ident = one
		switch c {
		case classFloat:
			body = "a = a * b;"
		case classComplex:
			g.need.add(T + "_mul")
			body = "a = " + T + "_mul(a, b);"
		default:
			body = fmt.Sprintf("a = (%s)((%s)a * (%s)b);", T, wide(d), wide(d))
		}
	case ir.AllOf:
		ident, body = "true", "a = a && b;"
	case ir.AnyOf:
		ident, body = "false", "a = a || b;"
	case ir.MaxOf, ir.MinOf, ir.FMaxOf, ir.FMinOf:
		max := g.r.Combine == ir.MaxOf || g.r.Combine == ir.FMaxOf
		skip := g.r.Combine == ir.FMaxOf || g.r.Combine == ir.FMinOf
		ge, name := ">=", "max"
		if !max {
			ge, name = "<=", "min"
		}
		switch c {
		case classFloat, classComplex:
			switch {
			case skip && c == classComplex:
				ident = pair(nan, nan)
			case skip:
				ident = nan
			case c == classComplex && max:
				ident = pair("-"+inf, "-"+inf)
			case c == classComplex:
				ident = pair(inf, inf)
			case max:
				ident = "-" + inf
			default:
				ident = inf
			}
			if c == classComplex {
				if skip {
					name = "f" + name
				}
				g.need.add(T + "_" + name)
				body = "a = " + T + "_" + name + "(a, b);"
			} else if skip {
				body = fmt.Sprintf("if (!(b != b || a %s b)) a = b;", ge)
			} else {
				body = fmt.Sprintf("if (!(a != a || a %s b)) a = b;", ge)
			}
		default:
			ident = highest
			if max {
				ident = lowest
			}
			body = fmt.Sprintf("if (!(a %s b)) a = b;", ge)
		}
	case ir.ArgMaxOf, ir.ArgMinOf:
		ident = zero
		gt := ">"
		if g.r.Combine == ir.ArgMinOf {
			gt = "<"
		}
		better, equal := "b "+gt+" a", "b == a"
		if c == classComplex {
			op := "gt"
			if gt == "<" {
				op = "lt"
			}
			g.need.add(T + "_" + op)
			better, equal = T+"_"+op+"(b, a)", "(b.re == a.re && b.im == a.im)"
		}
		take := fmt.Sprintf("%s || %s && bi < ai", better, equal)
		if c == classFloat || c == classComplex {
			// a NaN is the extreme: the first NaN wins
			take = fmt.Sprintf("(%s ? %s && bi < ai : %s || %s)", isNaN("a"), isNaN("b"), isNaN("b"), take)
		}
		body = fmt.Sprintf("if (bi == %[1]s) return;\n  if (ai == %[1]s || %[2]s) { a = b; ai = bi; }", noIndex, take)
	default:
		return "", fmt.Errorf("unknown %v", g.r.Combine)
	}
	if c == classBool && g.r.Combine != ir.AllOf && g.r.Combine != ir.AnyOf {
		return "", fmt.Errorf("%v of bool", g.r.Combine)
	}
	n := g.name
	return fmt.Sprintf("%[1]s%[2]s %[3]s_ident() { return %[4]s; }\n%[1]svoid %[3]s_comb(%[2]s &a, i64 &ai, const %[2]s b, const i64 bi) {\n  %[5]s\n}\n",
		fn, A, n, ident, body), nil
}

// intLimits are the lowest and highest values of an integer dtype, in C.
func intLimits(d dtype.DType) (lo, hi string) {
	T, bits := storage(d), 8*sizeOf(d)
	switch classOf(d) {
	case classSigned:
		if bits == 64 {
			return "(-0x7fffffffffffffffLL - 1)", "0x7fffffffffffffffLL"
		}
		return fmt.Sprintf("(%s)%d", T, -(int64(1) << (bits - 1))), fmt.Sprintf("(%s)%d", T, int64(1)<<(bits-1)-1)
	case classUnsigned:
		return "(" + T + ")0", "(" + T + ")0xffffffffffffffffULL"
	}
	return "", ""
}

// warpWidth is the warp width a kernel of vendor v is written for, given
// the asked width w (0: the vendor's usual one). CUDA warps are 32 lanes;
// AMD wavefronts 64 (CDNA) or 32 (RDNA).
func warpWidth(v Vendor, w int) (int, error) {
	switch {
	case w == 0 && v == HIP:
		return 64, nil
	case w == 0 || w == 32:
		return 32, nil
	case w == 64 && v == HIP:
		return 64, nil
	}
	return 0, fmt.Errorf("no %s kernel for warps of %d lanes", v, w)
}

// warpGuard makes a HIP kernel written for warps of w lanes fail to
// compile for a target of another wavefront size (clang defines
// __AMDGCN_WAVEFRONT_SIZE for the target it compiles for).
func warpGuard(v Vendor, w int, entry string) string {
	if v != HIP {
		return ""
	}
	return fmt.Sprintf("#if defined(__AMDGCN_WAVEFRONT_SIZE) && __AMDGCN_WAVEFRONT_SIZE != %[1]d\n#error \"%[2]s is written for wavefronts of %[1]d lanes\"\n#endif\n", w, entry)
}

// shuffles renders shfl_down and shfl_up of the accumulator type and of
// the position, over the whole warp.
func (g *reduceGen) shuffles() string {
	var b strings.Builder
	one := func(dir, x string) string {
		if g.v == HIP {
			return fmt.Sprintf("__shfl_%s(%s, o)", dir, x)
		}
		return fmt.Sprintf("__shfl_%s_sync(0xffffffffu, %s, o)", dir, x)
	}
	for _, dir := range []string{"down", "up"} {
		var body string
		switch g.acc {
		case "c64", "c128":
			body = fmt.Sprintf("%[1]s r; r.re = %[2]s; r.im = %[3]s; return r;", g.acc, one(dir, "x.re"), one(dir, "x.im"))
		case "bool", "i8", "i16", "u8", "u16":
			body = fmt.Sprintf("return (%s)%s;", g.acc, one(dir, "(int)x"))
		default:
			body = "return " + one(dir, "x") + ";"
		}
		fmt.Fprintf(&b, "%s%s %s_shfl_%s(const %s x, const int o) { %s }\n", fn, g.acc, g.name, dir, g.acc, body)
	}
	fmt.Fprintf(&b, "%si64 %s_shfl_i(const i64 x, const int o) { return %s; }\n", fn, g.name, one("down", "x"))
	fmt.Fprintf(&b, "%[1]svoid %[2]s_warp(%[3]s &v, i64 &vi) {\n  for (int o = %[4]d; o > 0; o >>= 1) { const %[3]s w = %[2]s_shfl_down(v, o); const i64 wi = %[2]s_shfl_i(vi, o); %[2]s_comb(v, vi, w, wi); }\n}\n",
		fn, g.name, g.acc, g.warp/2)
	return b.String()
}

// unravel writes the offsets into the named variables of position pos
// over dims axes of lengths shape[] with the strides of each variable.
func (g *reduceGen) unravel(b *strings.Builder, indent, pos string, dims int, shape string, vars, strides []string) {
	if len(vars) == 0 {
		return
	}
	if dims == 0 {
		for _, v := range vars {
			fmt.Fprintf(b, "%s%s %s = 0;\n", indent, g.sx, v)
		}
		return
	}
	var decl []string
	for _, v := range vars {
		decl = append(decl, v+" = 0")
	}
	fmt.Fprintf(b, "%s%s %s;\n%s{ %s r = %s;\n", indent, g.sx, strings.Join(decl, ", "), indent, g.ix, pos)
	for d := dims - 1; d >= 1; d-- {
		fmt.Fprintf(b, "%s  { const %s n = (%s)a.%s[%d], t = r %% n; r /= n;", indent, g.ix, g.ix, shape, d)
		for i, v := range vars {
			fmt.Fprintf(b, " %s += (%s)t * (%s)a.%s[%d];", v, g.sx, g.sx, strides[i], d)
		}
		b.WriteString(" }\n")
	}
	fmt.Fprintf(b, "%s ", indent)
	for i, v := range vars {
		fmt.Fprintf(b, " %s += (%s)r * (%s)a.%s[0];", v, g.sx, g.sx, strides[i])
	}
	b.WriteString(" }\n")
}

// signature is the kernel's declaration, parameters in Params order.
func (g *reduceGen) signature() string {
	out := storage(g.r.Out)
	if g.l.Partial {
		out = g.acc
	}
	ps := []string{"const " + g.name + "_args a", "const " + g.in + " *__restrict__ in"}
	if g.l.Kind != ScanRows {
		ps = append(ps, "const i64 *__restrict__ in_i")
	}
	for k, d := range g.more() {
		ps = append(ps, fmt.Sprintf("const %s *__restrict__ in%d", storage(d), k+1))
	}
	ps = append(ps, out+" *__restrict__ out")
	if g.l.Kind != ScanRows {
		ps = append(ps, "i64 *__restrict__ out_i")
	}
	if g.l.LastBlock {
		ps = append(ps, storage(g.r.Out)+" *__restrict__ res", "u32 *count")
	}
	if !g.l.Finish {
		for i, d := range g.r.Scalars {
			ps = append(ps, fmt.Sprintf("const %s s%d", storage(d), i))
		}
	}
	return fmt.Sprintf("extern \"C\" __global__ void __launch_bounds__(%d) %s(%s)", ReduceBlock, g.name, strings.Join(ps, ", "))
}

// result is the statement that stores the folded v (at vi) of kept
// position pos: a partial at index part, or the result at the kept
// position's output offset qo.
func (g *reduceGen) result(indent, part string) string {
	if g.l.Partial {
		s := fmt.Sprintf("%sout[%s] = v;\n", indent, part)
		if g.arg {
			s += fmt.Sprintf("%sout_i[%s] = vi;\n", indent, part)
		}
		return s
	}
	return g.final(indent, "out[qo]")
}

// final is the statement that stores the folded v (at vi) as the result
// at dst.
func (g *reduceGen) final(indent, dst string) string {
	if g.arg {
		return indent + dst + " = vi;\n"
	}
	if g.r.C != nil && g.r.C.Post != "" {
		return g.userFinal(indent, dst)
	}
	e := newEmitter(g.need)
	return fmt.Sprintf("%s%s = %s;\n", indent, dst, store(g.r.Out, e.cast(g.r.Acc, g.r.Out, "v")))
}

// blockFold folds the values v (at vi) of a block's threads into thread
// 0, which runs the statements store.
func (g *reduceGen) blockFold(b *strings.Builder, indent, store string) {
	n, W, in := g.name, g.warp, indent+"  "
	fmt.Fprintf(b, "%[1]s%[2]s_warp(v, vi);\n%[1]sif (lane %% %[3]d == 0) { sv[lane / %[3]d] = v; si[lane / %[3]d] = vi; }\n%[1]s__syncthreads();\n", indent, n, W)
	fmt.Fprintf(b, "%[1]sif (lane < %[3]d) {\n%[2]sv = lane < G / %[3]d ? sv[lane] : %[4]s_ident();\n%[2]svi = lane < G / %[3]d ? si[lane] : %[5]s;\n%[2]s%[4]s_warp(v, vi);\n", indent, in, W, n, noIndex)
	fmt.Fprintf(b, "%[2]sif (lane == 0) {\n%[3]s%[2]s}\n%[1]s}\n%[1]s__syncthreads();\n", indent, in, store)
}

// fold is the statement that folds element x, at position j of its row
// and offset off from in, into v.
func (g *reduceGen) fold(x, j, off string) string {
	return fmt.Sprintf("%s_comb(v, vi, %s, (i64)(%s));", g.name, g.pre(x, off), j)
}

func (g *reduceGen) rows() string {
	var b strings.Builder
	n, ix, sx := g.name, g.ix, g.sx
	b.WriteString(g.signature() + " {\n")
	if g.l.Block {
		fmt.Fprintf(&b, "  __shared__ %s sv[%d];\n  __shared__ i64 si[%d];\n", g.acc, ReduceBlock/g.warp, ReduceBlock/g.warp)
		fmt.Fprintf(&b, "  const %[1]s lane = threadIdx.x, group = blockIdx.x, groups = gridDim.x, G = blockDim.x;\n", ix)
	} else {
		fmt.Fprintf(&b, "  const %[1]s lane = threadIdx.x %% %[2]d, group = ((%[1]s)blockIdx.x * blockDim.x + threadIdx.x) / %[2]d, groups = (%[1]s)gridDim.x * blockDim.x / %[2]d, G = %[2]d;\n", ix, g.warp)
	}
	// Run c of a row folds every C-th stretch of it, so that at any moment
	// the blocks read one region of memory together; contiguous runs, a
	// block each, read 3% slower on the H100.
	fmt.Fprintf(&b, "  const %[1]s K = (%[1]s)a.rows, R = (%[1]s)a.len, C = (%[1]s)a.chunks;\n", ix)
	fmt.Fprintf(&b, "  for (%[1]s s = group; s < K * C; s += groups) {\n    const %[1]s row = s / C, c = s - row * C;\n", ix)
	// offsets of the row: qi into the input, qo into the output
	var vars, strides []string
	if !g.l.Finish {
		vars, strides = append(vars, "qi"), append(strides, "kept_in")
	}
	if !g.l.Partial {
		vars, strides = append(vars, "qo"), append(strides, "kept_out")
	}
	g.unravel(&b, "    ", "row", g.l.KeptDims, "kept", vars, strides)
	fmt.Fprintf(&b, "    %s v = %s_ident();\n    i64 vi = %s;\n", g.acc, n, noIndex)
	switch {
	case g.l.Finish:
		// the partials of a row are contiguous, R of them
		fmt.Fprintf(&b, "    for (%[1]s j = c * G + lane; j < R; j += C * G) %[2]s_comb(v, vi, in[(%[3]s)row * R + j], %[4]s);\n",
			ix, n, sx, map[bool]string{true: "in_i[(" + sx + ")row * R + j]", false: "(i64)j"}[g.arg])
	case g.l.Vec:
		g.vectorRun(&b)
	default:
		fmt.Fprintf(&b, "#pragma unroll 4\n    for (%[1]s j = c * G + lane; j < R; j += C * G) {\n", ix)
		g.unravel(&b, "      ", "j", g.l.RedDims, "red", []string{"qj"}, []string{"red_in"})
		fmt.Fprintf(&b, "      %s\n    }\n", g.fold("in[qi + qj]", "j", "qi + qj"))
	}
	if g.l.Block {
		g.blockFold(&b, "    ", g.result("        ", "s"))
	} else {
		fmt.Fprintf(&b, "    %s_warp(v, vi);\n", n)
		b.WriteString("    if (lane == 0) {\n" + g.result("      ", "s") + "    }\n")
	}
	b.WriteString("  }\n")
	if g.l.LastBlock {
		g.lastBlock(&b)
	}
	b.WriteString("}\n")
	return b.String()
}

// tileLoads is how many vectors a thread of a rows kernel loads before
// folding them: loads in flight hide the memory's latency (4 of 16 bytes
// per thread keep the H100's memory busy with one wave of blocks).
const tileLoads = 4

// vectorRun folds run c of a unit-stride row with vector loads: the
// elements before the row's first 16-byte boundary (run 0), then tiles of
// tileLoads vectors per thread (every C-th tile), then what is left after
// the last whole tile (run C-1).
func (g *reduceGen) vectorRun(b *strings.Builder) {
	ix, V := g.ix, g.vec
	vt := fmt.Sprintf("vec<%s, %d>", g.in, V)
	fold := func(x, j string) string { return g.fold(x, j, "qi + ("+g.sx+")("+j+")") }
	fmt.Fprintf(b, "    const %s *p = in + qi;\n", g.in)
	fmt.Fprintf(b, "    %[1]s h = (%[1]s)((%[2]d - ((u64)p / %[3]d) %% %[2]d) %% %[2]d);\n    if (h > R) h = R;\n", ix, V, sizeOf(g.r.Input))
	fmt.Fprintf(b, "    if (c == 0 && lane < h) %s\n", fold("p[lane]", "lane"))
	fmt.Fprintf(b, "    const %[1]s nv = (R - h) / %[2]d, TV = %[3]d * G, nt = nv / TV;\n    const %[4]s *pv = (const %[4]s *)(p + h);\n", ix, V, tileLoads, vt)
	foldVec := func(indent, x, q string) {
		fmt.Fprintf(b, "%s#pragma unroll\n%sfor (int k = 0; k < %d; k++) %s\n", indent, indent, V, fold(x+".e[k]", "h + ("+q+") * "+strconv.Itoa(V)+" + k"))
	}
	fmt.Fprintf(b, "    for (%[1]s t = c; t < nt; t += C) {\n      const %[1]s q = t * TV + lane;\n", ix)
	for u := range tileLoads {
		fmt.Fprintf(b, "      const %s x%d = pv[q + %d * G];\n", vt, u, u)
	}
	for u := range tileLoads {
		foldVec("      ", "x"+strconv.Itoa(u), fmt.Sprintf("q + %d * G", u))
	}
	b.WriteString("    }\n    if (c == C - 1) {\n")
	fmt.Fprintf(b, "      for (%[1]s q = nt * TV + lane; q < nv; q += G) {\n        const %[2]s x = pv[q];\n", ix, vt)
	foldVec("        ", "x", "q")
	fmt.Fprintf(b, "      }\n      for (%[1]s j = h + nv * %[2]d + lane; j < R; j += G) %[3]s\n    }\n", ix, V, fold("p[j]", "j"))
}

// lastBlock is the end of a LastBlock kernel: thread 0 of each block
// fences its partials and counts the block done; the last block fences
// (to see the others' partials), folds the K * C partials as a Finish
// pass's block does its row, and stores the result.
func (g *reduceGen) lastBlock(b *strings.Builder) {
	n, ix := g.name, g.ix
	b.WriteString("  __shared__ int last;\n  if (threadIdx.x == 0) {\n    __threadfence();\n    last = atomicAdd(count, 1u) == gridDim.x - 1;\n    if (last) *count = 0;\n  }\n")
	b.WriteString("  __syncthreads();\n  if (!last) return;\n  __threadfence();\n")
	fmt.Fprintf(b, "  %s v = %s_ident();\n  i64 vi = %s;\n", g.acc, n, noIndex)
	fmt.Fprintf(b, "  for (%[1]s j = lane; j < K * C; j += G) %[2]s_comb(v, vi, out[j], %[3]s);\n",
		ix, n, map[bool]string{true: "out_i[j]", false: "(i64)j"}[g.arg])
	g.blockFold(b, "  ", g.final("      ", "res[0]"))
}

// ColumnsFinishWidth is the number of columns one block of a columns
// Finish pass folds: its warps split each column's partials among them.
const ColumnsFinishWidth = 32

func (g *reduceGen) columns() string {
	if g.l.Finish {
		return g.columnsFinish()
	}
	var b strings.Builder
	n, ix, sx, V := g.name, g.ix, g.sx, g.vec
	b.WriteString(g.signature() + " {\n")
	fmt.Fprintf(&b, "  const %[1]s K = (%[1]s)a.rows, R = (%[1]s)a.len, L = (%[1]s)a.chunk;\n", ix)
	fmt.Fprintf(&b, "  const %[1]s i0 = ((%[1]s)blockIdx.x * blockDim.x + threadIdx.x) * %[2]d;\n  if (i0 >= K) return;\n", ix, V)
	fmt.Fprintf(&b, "  const %[1]s c = blockIdx.y, r0 = c * L, r1 = R - r0 < L ? R : r0 + L;\n", ix)
	g.unravel(&b, "  ", "i0", g.l.KeptDims, "kept", []string{"qi"}, []string{"kept_in"})
	fmt.Fprintf(&b, "  const %[1]s rs = (%[1]s)a.stride;\n", sx)
	fmt.Fprintf(&b, "  %[1]s acc[%[2]d];\n  i64 acci[%[2]d];\n#pragma unroll\n  for (int k = 0; k < %[2]d; k++) { acc[k] = %[3]s_ident(); acci[k] = %[4]s; }\n", g.acc, V, n, noIndex)
	fmt.Fprintf(&b, "#pragma unroll 4\n  for (%[1]s r = r0; r < r1; r++) {\n    const %[2]s q = qi + (%[2]s)r * rs;\n", ix, sx)
	idx := "(i64)r"
	if V > 1 {
		fmt.Fprintf(&b, "    const vec<%[1]s, %[2]d> x = *(const vec<%[1]s, %[2]d> *)(in + q);\n#pragma unroll\n    for (int k = 0; k < %[2]d; k++) %[3]s_comb(acc[k], acci[k], %[4]s, %[5]s);\n  }\n",
			g.in, V, n, g.pre("x.e[k]", "q + k"), idx)
	} else {
		fmt.Fprintf(&b, "    %s_comb(acc[0], acci[0], %s, %s);\n  }\n", n, g.pre("in[q]", "q"), idx)
	}
	fmt.Fprintf(&b, "#pragma unroll\n  for (int k = 0; k < %d; k++) {\n    const %s i = i0 + k;\n    const %s v = acc[k];\n    const i64 vi = acci[k];\n", V, ix, g.acc)
	if !g.l.Partial {
		g.unravel(&b, "    ", "i", g.l.KeptDims, "kept", []string{"qo"}, []string{"kept_out"})
	}
	b.WriteString(g.result("    ", "("+sx+")c * K + i"))
	b.WriteString("  }\n}\n")
	return b.String()
}

// columnsFinish folds the partials of a columns pass (chunk after chunk,
// K each): a block takes ColumnsFinishWidth columns, each of its warps a
// share of every column's partials (reading rows of 32 adjacent
// partials), and the first warp folds the warps' results.
func (g *reduceGen) columnsFinish() string {
	var b strings.Builder
	n, ix, sx, W := g.name, g.ix, g.sx, ColumnsFinishWidth
	rows := ReduceBlock / W
	b.WriteString(g.signature() + " {\n")
	fmt.Fprintf(&b, "  __shared__ %s sv[%d];\n  __shared__ i64 si[%d];\n", g.acc, ReduceBlock, ReduceBlock)
	fmt.Fprintf(&b, "  const %[1]s K = (%[1]s)a.rows, R = (%[1]s)a.len, tx = threadIdx.x %% %[2]d, ty = threadIdx.x / %[2]d, i = (%[1]s)blockIdx.x * %[2]d + tx;\n", ix, W)
	fmt.Fprintf(&b, "  %s v = %s_ident();\n  i64 vi = %s;\n", g.acc, n, noIndex)
	idx := "(i64)r"
	if g.arg {
		idx = "in_i[(" + sx + ")r * K + i]"
	}
	fmt.Fprintf(&b, "  if (i < K) {\n#pragma unroll 4\n    for (%s r = ty; r < R; r += %d) %s_comb(v, vi, in[(%s)r * K + i], %s);\n  }\n", ix, rows, n, sx, idx)
	b.WriteString("  sv[threadIdx.x] = v;\n  si[threadIdx.x] = vi;\n  __syncthreads();\n  if (ty != 0 || i >= K) return;\n")
	fmt.Fprintf(&b, "  for (int k = 1; k < %d; k++) %s_comb(v, vi, sv[k * %d + tx], si[k * %d + tx]);\n", rows, n, W, W)
	g.unravel(&b, "  ", "i", g.l.KeptDims, "kept", []string{"qo"}, []string{"kept_out"})
	b.WriteString(g.result("  ", ""))
	b.WriteString("}\n")
	return b.String()
}

func (g *reduceGen) scan() string {
	var b strings.Builder
	n, ix, sx, W := g.name, g.ix, g.sx, g.warp
	b.WriteString(g.signature() + " {\n")
	fmt.Fprintf(&b, "  __shared__ %s sv[%d];\n", g.acc, ReduceBlock/W)
	fmt.Fprintf(&b, "  const %[1]s K = (%[1]s)a.rows, R = (%[1]s)a.len, lane = threadIdx.x %% %[2]d, w = threadIdx.x / %[2]d, nw = blockDim.x / %[2]d;\n", ix, W)
	fmt.Fprintf(&b, "  i64 unused = 0;\n")
	fmt.Fprintf(&b, "  for (%s row = blockIdx.x; row < K; row += gridDim.x) {\n", ix)
	g.unravel(&b, "    ", "row", g.l.KeptDims, "kept", []string{"qi", "qo"}, []string{"kept_in", "kept_out"})
	fmt.Fprintf(&b, "    %s carry = %s_ident();\n", g.acc, n)
	fmt.Fprintf(&b, "    for (%[1]s t = 0; t < R; t += blockDim.x) {\n      const %[1]s j = t + threadIdx.x;\n", ix)
	fmt.Fprintf(&b, "      %[1]s v = j < R ? %[2]s : %[3]s_ident();\n", g.acc, g.pre("in[qi + ("+sx+")j * ("+sx+")a.stride]", "qi + ("+sx+")j * ("+sx+")a.stride"), n)
	// inclusive scan of the warp, then of the warps' totals
	fmt.Fprintf(&b, "      for (int o = 1; o < %[1]d; o <<= 1) { %[2]s y = %[3]s_shfl_up(v, o); if (lane >= (%[4]s)o) { %[3]s_comb(y, unused, v, 0); v = y; } }\n", W, g.acc, n, ix)
	fmt.Fprintf(&b, "      if (lane == %d) sv[w] = v;\n      __syncthreads();\n", W-1)
	fmt.Fprintf(&b, "      if (w == 0) {\n        %[1]s y = lane < nw ? sv[lane] : %[2]s_ident();\n", g.acc, n)
	fmt.Fprintf(&b, "        for (int o = 1; o < %[1]d; o <<= 1) { %[2]s z = %[3]s_shfl_up(y, o); if (lane >= (%[4]s)o) { %[3]s_comb(z, unused, y, 0); y = z; } }\n        if (lane < nw) sv[lane] = y;\n      }\n      __syncthreads();\n", W, g.acc, n, ix)
	// The first tile takes no carry, so that a row's first element is as
	// it is (NumPy's accumulate copies it: -0.0 stays, nan+0j is not
	// multiplied by 1+0j).
	fmt.Fprintf(&b, "      if (w > 0) { %[1]s y = sv[w - 1]; %[2]s_comb(y, unused, v, 0); v = y; }\n      if (t > 0) { %[1]s y = carry; %[2]s_comb(y, unused, v, 0); v = y; }\n", g.acc, n)
	e := newEmitter(g.need)
	fmt.Fprintf(&b, "      if (j < R) out[qo + (%s)j * (%s)a.out_stride] = %s;\n", sx, sx, store(g.r.Out, e.cast(g.r.Acc, g.r.Out, "v")))
	fmt.Fprintf(&b, "      if (t == 0) carry = sv[nw - 1]; else %s_comb(carry, unused, sv[nw - 1], 0);\n      __syncthreads();\n    }\n  }\n}\n", n)
	return b.String()
}
