package gpu

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"sync"
	"testing"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/backend/cpu"
	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/gputest"
	"github.com/cugo/cugo/internal/ir"
	"github.com/cugo/cugo/internal/kerneltest"
	"github.com/cugo/cugo/internal/layout"
)

// The GPU's answers are checked against the CPU backend's, which follows
// the ir semantics (and NumPy) in Go. Integer, bool and exactly rounded
// float results must match bit for bit (any NaN matches any NaN); the
// tolerance of the other float results is stated by tolFor.

// gpuKinds are the vendors whose devices the GPU tests run on (both
// register themselves: vendors_test.go imports their adapters).
var gpuKinds = []string{"cuda", "hip"}

// gpu opens the shared backend of the first vendor whose device 0 opens;
// without one it skips, or fails for a vendor that CUGO_REQUIRE names.
func gpu(t testing.TB) *Backend {
	t.Helper()
	var errs []error
	for _, kind := range gpuKinds {
		b, err := backend.Open(kind, 0)
		if err == nil {
			return b.(*Backend)
		}
		if gputest.Required(kind) {
			gputest.Need(t, kind, err)
		}
		errs = append(errs, err)
	}
	t.Skipf("no GPU: %v", errors.Join(errs...))
	return nil
}

var allDTypes = []dtype.DType{dtype.Bool, dtype.Int8, dtype.Int16, dtype.Int32, dtype.Int64,
	dtype.Uint8, dtype.Uint16, dtype.Uint32, dtype.Uint64, dtype.Float16, dtype.BFloat16,
	dtype.Float32, dtype.Float64, dtype.Complex64, dtype.Complex128}

// tol is how far a GPU element may be from the CPU's.
type tol struct {
	ulps int     // floats: distance in units of the last place; 0 means bit-exact
	rel  float64 // complex: |got-want| per part <= rel*eps*max(1, |want|), and non-finite where want is
}

var exact = tol{}

// transcendental is every op computed through a libm function (or a
// sequence of them), whose CUDA and Go implementations each err by a few
// ulp; every other op is exactly rounded on both sides, except complex
// Mul/Div/Reciprocal/Square (Smith's algorithm, whose operation order may
// differ by an ulp) and the complex functions.
var transcendental = map[ir.Op]bool{
	ir.Cbrt: true, ir.Exp: true, ir.Exp2: true, ir.Expm1: true, ir.Log: true, ir.Log2: true,
	ir.Log10: true, ir.Log1p: true, ir.Sin: true, ir.Cos: true, ir.Tan: true, ir.Arcsin: true,
	ir.Arccos: true, ir.Arctan: true, ir.Sinh: true, ir.Cosh: true, ir.Tanh: true, ir.Arcsinh: true,
	ir.Arccosh: true, ir.Arctanh: true, ir.Pow: true, ir.Arctan2: true, ir.Hypot: true, ir.Angle: true,
	ir.Deg2rad: true, ir.Rad2deg: true, ir.Sinc: true, ir.Logaddexp: true, ir.Logaddexp2: true, ir.I0: true,
}

// tolFor is the tolerance of op on arguments of dtype arg:
//   - integer and bool results, and exactly rounded float ops: bit-exact;
//   - real transcendental ops: 8 ulp for float32 and float64 (CUDA's
//     documented maximum errors are up to 4 ulp, Go's about 1), 32 ulp for
//     float64 Pow (Go's math.Pow multiplies out the integer part of the
//     exponent) and for Logaddexp/Logaddexp2 (whose log1p can cancel to a
//     small result), 1 ulp for float16 and bfloat16 (computed in float32,
//     then rounded once); 8 ulp for the real results of complex Abs and
//     Angle;
//   - complex Mul, Div, Reciprocal, Square: 4 eps relative to the
//     result's magnitude; complex Exp, Log, Sqrt, Pow, Sign and the
//     transcendental functions: 64 eps, on
//     inputs of moderate magnitude, and non-finite results where the CPU's
//     are.
func tolFor(op ir.Op, arg dtype.DType) tol {
	complexArg := arg == dtype.Complex64 || arg == dtype.Complex128
	switch {
	case complexArg && (op == ir.Mul || op == ir.Div || op == ir.Reciprocal || op == ir.Square):
		return tol{rel: 4}
	case complexArg && (op == ir.Abs || op == ir.Angle): // real results
		return tol{ulps: 8}
	case complexArg && (op == ir.Exp || op == ir.Log || op == ir.Sqrt || op == ir.Pow || op == ir.Sign || transcendental[op]):
		return tol{rel: 64}
	case !transcendental[op]:
		return exact
	case arg == dtype.Float16 || arg == dtype.BFloat16:
		return tol{ulps: 1}
	case op == ir.Pow && arg == dtype.Float64,
		op == ir.Logaddexp || op == ir.Logaddexp2: // log1p of a result that cancels to near 0
		return tol{ulps: 32}
	}
	return tol{ulps: 8}
}

// inputs says what values a kernel's inputs take.
type inputs uint8

const (
	wild     inputs = iota // random bits and edge values: NaN, ±inf, ±0, extremes
	moderate               // magnitude 1/16..8: complex functions, whose error grows with the exponent
)

func isComplex(d dtype.DType) bool { return d == dtype.Complex64 || d == dtype.Complex128 }

func isFloat(d dtype.DType) bool { return d >= dtype.Float16 && d <= dtype.Float64 }

var specialFloats = []float64{0, math.Copysign(0, -1), math.Inf(1), math.Inf(-1), math.NaN(), 1, -1, 0.5, -0.5,
	1.5, 2.5, -2.5, math.Pi, math.MaxFloat64, -math.MaxFloat32, math.SmallestNonzeroFloat64, 1e-40, 65504, 70000}

func randomFloat(r *rand.Rand, in inputs) float64 {
	switch in {
	case moderate:
		v := math.Ldexp(1+r.Float64(), r.IntN(7)-4)
		if r.IntN(2) == 0 {
			v = -v
		}
		return v
	}
	if r.IntN(4) == 0 {
		return specialFloats[r.IntN(len(specialFloats))]
	}
	v := math.Ldexp(1+r.Float64(), r.IntN(21)-10)
	if r.IntN(2) == 0 {
		v = -v
	}
	return v
}

func randomInt(r *rand.Rand, bits int, in inputs) uint64 {
	if in != wild {
		return uint64(r.IntN(100))
	}
	switch r.IntN(3) {
	case 0:
		return r.Uint64()
	case 1:
		return uint64(int64(r.IntN(21) - 10))
	}
	edges := []uint64{0, 1, 1<<(bits-1) - 1, 1 << (bits - 1), 1<<(bits-1) + 1, uint64(bits), uint64(bits - 1), uint64(bits + 1)}
	return edges[r.IntN(len(edges))]
}

// putFloat stores v as a float of dtype d.
func putFloat(d dtype.DType, b []byte, v float64) {
	le := binary.LittleEndian
	switch d {
	case dtype.Float16:
		le.PutUint16(b, uint16(dtype.F16FromFloat64(v)))
	case dtype.BFloat16:
		le.PutUint16(b, uint16(dtype.BF16FromFloat64(v)))
	case dtype.Float32, dtype.Complex64:
		le.PutUint32(b, math.Float32bits(float32(v)))
	default:
		le.PutUint64(b, math.Float64bits(v))
	}
}

// getFloat loads a float of dtype d (a complex's part dtype for complex).
func getFloat(d dtype.DType, b []byte) float64 {
	le := binary.LittleEndian
	switch d {
	case dtype.Float16:
		return dtype.F16(le.Uint16(b)).Float64()
	case dtype.BFloat16:
		return dtype.BF16(le.Uint16(b)).Float64()
	case dtype.Float32, dtype.Complex64:
		return float64(math.Float32frombits(le.Uint32(b)))
	}
	return math.Float64frombits(le.Uint64(b))
}

// randomElement writes one random element of dtype d into b.
func randomElement(r *rand.Rand, d dtype.DType, b []byte, in inputs) {
	size := d.Size()
	switch {
	case d == dtype.Bool:
		b[0] = byte(r.IntN(2))
	case isFloat(d):
		putFloat(d, b, randomFloat(r, in))
	case isComplex(d):
		putFloat(d, b, randomFloat(r, in))
		putFloat(d, b[size/2:], randomFloat(r, in))
	default:
		var w [8]byte
		binary.LittleEndian.PutUint64(w[:], randomInt(r, 8*size, in))
		copy(b, w[:size])
	}
}

func randomElements(r *rand.Rand, d dtype.DType, n int, in inputs) []byte {
	b := make([]byte, n*d.Size())
	for i := 0; i < len(b); i += d.Size() {
		randomElement(r, d, b[i:], in)
	}
	return b
}

func randomScalar(r *rand.Rand, d dtype.DType) ir.Value {
	var b [16]byte
	randomElement(r, d, b[:], wild)
	return ir.Value{binary.LittleEndian.Uint64(b[:]), binary.LittleEndian.Uint64(b[8:])}
}

// ordered maps a float's bits of width w to an integer that counts ulps.
func ordered(bits uint64, w int) int64 {
	mag := int64(bits &^ (1 << (w - 1)))
	if bits>>(w-1)&1 != 0 {
		return -mag
	}
	return mag
}

func floatBits(b []byte, size int) uint64 {
	var w [8]byte
	copy(w[:], b[:size])
	return binary.LittleEndian.Uint64(w[:])
}

// close reports whether element got of dtype d is within t of want.
func closeEnough(d dtype.DType, got, want []byte, t tol) bool {
	if bytes.Equal(got, want) {
		return true
	}
	switch {
	case isFloat(d):
		g, w := getFloat(d, got), getFloat(d, want)
		if math.IsNaN(g) || math.IsNaN(w) {
			return math.IsNaN(g) && math.IsNaN(w)
		}
		if t.ulps == 0 {
			return false
		}
		size := d.Size()
		dist := ordered(floatBits(got, size), 8*size) - ordered(floatBits(want, size), 8*size)
		return dist >= -int64(t.ulps) && dist <= int64(t.ulps)
	case isComplex(d):
		h := d.Size() / 2
		part := dtype.Float32
		eps := 0x1p-23
		if d == dtype.Complex128 {
			part, eps = dtype.Float64, 0x1p-52
		}
		if t.rel == 0 {
			return closeEnough(part, got[:h], want[:h], t) && closeEnough(part, got[h:], want[h:], t)
		}
		gr, gi, wr, wi := getFloat(d, got), getFloat(d, got[h:]), getFloat(d, want), getFloat(d, want[h:])
		finite := func(a, b float64) bool {
			return !math.IsNaN(a+b) && !math.IsInf(a+b, 0) && !math.IsInf(a, 0) && !math.IsInf(b, 0)
		}
		if !finite(wr, wi) || !finite(gr, gi) {
			return finite(wr, wi) == finite(gr, gi)
		}
		bound := t.rel * eps * math.Max(1, math.Max(math.Abs(wr), math.Abs(wi)))
		return math.Abs(gr-wr) <= bound && math.Abs(gi-wi) <= bound
	}
	return false
}

// spec is an operand's place in its buffer.
type spec struct {
	strides []int
	offset  int
	elems   int // buffer length in elements
}

func count(shape []int) int {
	n := 1
	for _, d := range shape {
		n *= d
	}
	return n
}

func contig(off int) func(int, []int) spec {
	return func(_ int, shape []int) spec {
		return spec{layout.ContiguousStrides(shape), off, off + count(shape) + 1}
	}
}

func broadcastOne(_ int, shape []int) spec { return spec{make([]int, len(shape)), 1, 2} }

// transposed walks shape with its axes reversed in memory (Fortran order).
func transposed(_ int, shape []int) spec {
	s := make([]int, len(shape))
	n := 1
	for d := range shape {
		s[d] = n
		n *= shape[d]
	}
	return spec{s, 0, n}
}

// reversed walks every axis backwards from the buffer's last element.
func reversed(_ int, shape []int) spec {
	s := layout.ContiguousStrides(shape)
	for d := range s {
		s[d] = -s[d]
	}
	n := count(shape)
	return spec{s, max(n-1, 0), max(n, 1)}
}

func everyOther(_ int, shape []int) spec {
	s := layout.ContiguousStrides(shape)
	for d := range s {
		s[d] *= 2
	}
	return spec{s, 0, 2*count(shape) + 1}
}

// broadcastAxis repeats the operand along axis 1.
func broadcastAxis(_ int, shape []int) spec {
	s := layout.ContiguousStrides(shape)
	s[1] = 0
	return spec{s, 0, count(shape)}
}

type geometry struct {
	name    string
	shape   []int
	in, out func(j int, shape []int) spec
}

var geometries = []geometry{
	{"1-D contiguous", []int{1031}, contig(0), contig(0)},
	{"misaligned offsets", []int{1031}, contig(1), contig(3)},
	{"0-d", []int{}, contig(0), contig(0)},
	{"empty", []int{0, 7}, contig(0), contig(0)},
	{"broadcast scalar", []int{9, 65}, func(j int, shape []int) spec {
		if j == 0 {
			return broadcastOne(j, shape)
		}
		return contig(0)(j, shape)
	}, contig(0)},
	{"transposed 2-D", []int{31, 33}, transposed, contig(2)},
	{"negative strides", []int{257}, reversed, reversed},
	{"3-D every other element", []int{3, 5, 7}, everyOther, transposed},
	{"4-D partial broadcast", []int{2, 3, 4, 5}, func(j int, shape []int) spec {
		if j%2 == 0 {
			return transposed(j, shape)
		}
		return broadcastAxis(j, shape)
	}, everyOther},
	{"past the grid cap", []int{1<<23 + 5}, contig(0), contig(0)},
}

// testCase is a kernel with the tolerance of each output and its inputs.
type testCase struct {
	name string
	k    *ir.Kernel
	tols []tol
	in   inputs
}

// runCase runs c over geo on the GPU and the CPU, from the same random
// inputs and output contents, and compares every output buffer whole.
func runCase(g backend.Backend, c *cpu.Backend, tc testCase, geo geometry, seed uint64) error {
	r := rand.New(rand.NewPCG(seed, 7))
	type pair struct {
		gb, cb backend.Buffer
	}
	var bufs []pair
	defer func() {
		for _, p := range bufs {
			g.Free(p.gb)
			c.Free(p.cb)
		}
	}()
	operand := func(d dtype.DType, s spec, data []byte) (backend.Operand, backend.Operand, error) {
		gb, err := g.Alloc(len(data))
		if err != nil {
			return backend.Operand{}, backend.Operand{}, err
		}
		cb, _ := c.Alloc(len(data))
		bufs = append(bufs, pair{gb, cb})
		if err := g.Write(gb, 0, data); err != nil {
			return backend.Operand{}, backend.Operand{}, err
		}
		if err := c.Write(cb, 0, data); err != nil {
			return backend.Operand{}, backend.Operand{}, err
		}
		return backend.Operand{Buf: gb, DType: d, Offset: s.offset, Strides: s.strides},
			backend.Operand{Buf: cb, DType: d, Offset: s.offset, Strides: s.strides}, nil
	}
	var gin, cin, gout, cout []backend.Operand
	for j, d := range tc.k.Inputs {
		s := geo.in(j, geo.shape)
		go_, co, err := operand(d, s, randomElements(r, d, s.elems, tc.in))
		if err != nil {
			return err
		}
		gin, cin = append(gin, go_), append(cin, co)
	}
	for j, o := range tc.k.Outputs {
		s := geo.out(j, geo.shape)
		go_, co, err := operand(o.DType, s, randomElements(r, o.DType, s.elems, wild))
		if err != nil {
			return err
		}
		gout, cout = append(gout, go_), append(cout, co)
	}
	var scalars []ir.Value
	for _, d := range tc.k.Scalars {
		scalars = append(scalars, randomScalar(r, d))
	}
	if err := c.Elementwise(tc.k, geo.shape, cout, cin, scalars); err != nil {
		return fmt.Errorf("CPU: %w", err)
	}
	if err := g.Elementwise(tc.k, geo.shape, gout, gin, scalars); err != nil {
		return err
	}
	for j, o := range tc.k.Outputs {
		d := o.DType
		n := gout[j].Buf.Size()
		got, want := make([]byte, n), make([]byte, n)
		if err := g.Read(got, gout[j].Buf, 0); err != nil {
			return err
		}
		if err := c.Read(want, cout[j].Buf, 0); err != nil {
			return err
		}
		bad, first := 0, ""
		for i := 0; i < n; i += d.Size() {
			if !closeEnough(d, got[i:i+d.Size()], want[i:i+d.Size()], tc.tols[j]) {
				if bad == 0 {
					first = fmt.Sprintf("element %d: got %x, want %x", i/d.Size(), got[i:i+d.Size()], want[i:i+d.Size()])
				}
				bad++
			}
		}
		if bad > 0 {
			return fmt.Errorf("output %d (%v): %d of %d elements differ beyond %+v; first %s", j, d, bad, n/d.Size(), tc.tols[j], first)
		}
	}
	return nil
}

func kernelOf(inputs, scalars []dtype.DType, outputs ...*ir.Node) *ir.Kernel {
	return &ir.Kernel{Inputs: inputs, Scalars: scalars, Outputs: outputs}
}

// opCases is one kernel per op and argument dtype of the ir, every cast,
// Where of every dtype, and a scalar parameter of every dtype.
func opCases() []testCase {
	var cs []testCase
	for _, op := range ir.Ops(1) {
		for _, d := range allDTypes {
			if ir.Accepts(op, d) {
				in := wild
				if isComplex(d) && tolFor(op, d).rel == 64 {
					in = moderate
				}
				cs = append(cs, testCase{fmt.Sprintf("%v(%v)", op, d),
					kernelOf([]dtype.DType{d}, nil, ir.Apply(op, ir.ResultType(op, d), ir.In(0, d))),
					[]tol{tolFor(op, d)}, in})
			}
		}
	}
	for _, op := range ir.Ops(2) {
		for _, d := range allDTypes {
			if ir.Accepts(op, d) {
				in := wild
				if isComplex(d) && tolFor(op, d).rel == 64 {
					in = moderate
				}
				cs = append(cs, testCase{fmt.Sprintf("%v(%v)", op, d),
					kernelOf([]dtype.DType{d, d}, nil, ir.Apply(op, ir.ResultType(op, d), ir.In(0, d), ir.In(1, d))),
					[]tol{tolFor(op, d)}, in})
			}
		}
	}
	for _, d := range allDTypes {
		cs = append(cs, testCase{fmt.Sprintf("Where(%v)", d),
			kernelOf([]dtype.DType{dtype.Bool, d, d}, nil, ir.Apply(ir.Where, d, ir.In(0, dtype.Bool), ir.In(1, d), ir.In(2, d))),
			[]tol{exact}, wild})
		for _, s := range allDTypes { // wild floats to integers too: ir defines out-of-range casts
			cs = append(cs, testCase{fmt.Sprintf("Cast(%v->%v)", s, d),
				kernelOf([]dtype.DType{s}, nil, ir.To(ir.In(0, s), d)), []tol{exact}, wild})
		}
		if ir.Accepts(ir.Add, d) {
			// a scalar of d into an op, and a float64 scalar straight to an output
			cs = append(cs, testCase{fmt.Sprintf("Add(%v, scalar)", d),
				kernelOf([]dtype.DType{d}, []dtype.DType{dtype.Float64, d},
					ir.Apply(ir.Add, d, ir.In(0, d), ir.Param(1, d)), ir.To(ir.Param(0, dtype.Float64), d)),
				[]tol{exact, exact}, wild})
		}
	}
	return cs
}

// mixedCases combine ops, scalars of several sizes (a 16-byte complex128
// one included) and several outputs, for the geometry test.
func mixedCases() []testCase {
	f, h, z, b := dtype.Float32, dtype.Float16, dtype.Complex128, dtype.Bool
	i8, u16, bf := dtype.Int8, dtype.Uint16, dtype.BFloat16
	return []testCase{
		{"f32 a*s+b and b<a", kerneltest.AddScaled(), []tol{exact, exact}, wild},
		{"f16 where", kernelOf([]dtype.DType{b, h, h}, nil,
			ir.Apply(ir.Where, h, ir.In(0, b), ir.Apply(ir.Sqrt, h, ir.In(1, h)), ir.In(2, h))), []tol{exact}, wild},
		{"c128 (a+b)*s", kernelOf([]dtype.DType{z, f}, []dtype.DType{i8, z},
			ir.Apply(ir.Mul, z, ir.Apply(ir.Add, z, ir.In(0, z), ir.To(ir.In(1, f), z)), ir.Param(1, z))), []tol{{rel: 4}}, wild},
		{"i8 a//s -> u16", kernelOf([]dtype.DType{i8}, []dtype.DType{i8},
			ir.To(ir.Apply(ir.FloorDiv, i8, ir.In(0, i8), ir.Param(0, i8)), u16)), []tol{exact}, wild},
		{"f64 -> bf16, exp", kernelOf([]dtype.DType{dtype.Float64}, nil,
			ir.To(ir.In(0, dtype.Float64), bf), ir.Apply(ir.Exp, dtype.Float64, ir.In(0, dtype.Float64))), []tol{exact, {ulps: 8}}, wild},
	}
}

// forEach runs f on every case from GOMAXPROCS goroutines (compiles run in
// parallel, and launches from many goroutines share the backend).
func forEach(t *testing.T, cases []testCase, f func(tc testCase) error) {
	var wg sync.WaitGroup
	work := make(chan testCase)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for tc := range work {
				if err := f(tc); err != nil {
					t.Errorf("%s: %v", tc.name, err)
				}
			}
		})
	}
	for _, tc := range cases {
		work <- tc
	}
	close(work)
	wg.Wait()
}

// Every op on every dtype, on a contiguous launch (the vectorised flat
// path) and a transposed one (the strided path).
func TestEveryOpMatchesCPU(t *testing.T) {
	g := gpu(t)
	c := cpu.New(0)
	cases := opCases()
	for _, gi := range []int{0, 5} {
		geo := geometries[gi]
		t.Run(geo.name, func(t *testing.T) {
			forEach(t, cases, func(tc testCase) error { return runCase(g, c, tc, geo, 1) })
		})
	}
	t.Logf("%d kernels, two layouts each", len(cases))
}

// Mixed kernels on every geometry: 0-d, empty, broadcast, strided,
// negative strides, 1..4-D, misaligned, and more elements than one grid.
func TestGeometriesMatchCPU(t *testing.T) {
	g := gpu(t)
	c := cpu.New(0)
	for _, geo := range geometries {
		t.Run(geo.name, func(t *testing.T) {
			for i, tc := range mixedCases() {
				if err := runCase(g, c, tc, geo, uint64(i)); err != nil {
					t.Errorf("%s: %v", tc.name, err)
				}
			}
		})
	}
	if err := g.Sync(); err != nil {
		t.Fatal(err)
	}
}

// 16 goroutines run different kernels at once, each many times.
func TestConcurrentElementwise(t *testing.T) {
	g := gpu(t)
	c := cpu.New(0)
	f, i32, f64 := dtype.Float32, dtype.Int32, dtype.Float64
	var cases []testCase
	for _, op := range []ir.Op{ir.Add, ir.Sub, ir.Mul, ir.Maximum} {
		for _, d := range []dtype.DType{f, i32, f64, dtype.Int16} {
			cases = append(cases, testCase{fmt.Sprintf("%v(%v)", op, d),
				kernelOf([]dtype.DType{d, d}, nil, ir.Apply(op, d, ir.In(0, d), ir.In(1, d))), []tol{exact}, wild})
		}
	}
	var wg sync.WaitGroup
	for i, tc := range cases {
		wg.Go(func() {
			for rep := range 20 {
				geo := geometries[(i+rep)%3] // contiguous, misaligned, 0-d
				if err := runCase(g, c, tc, geo, uint64(100*i+rep)); err != nil {
					t.Errorf("%s, %s, round %d: %v", tc.name, geo.name, rep, err)
					return
				}
			}
		})
	}
	wg.Wait()
}
