package cgen

import (
	"encoding/binary"
	"fmt"
	"math"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/ir"
)

// TestSamplersMatchCPU compiles the samplers after RandomNormal with the
// host's C++ compiler and compares them with the CPU backend's on the
// same (key, stream, element), for parameters on every path of each:
// integers exactly (Zipf's to 1e-10), von Mises angles to 1e-12 relative.
func TestSamplersMatchCPU(t *testing.T) {
	cxx, err := exec.LookPath("c++")
	if err != nil {
		t.Skip("no host C++ compiler:", err)
	}
	const key, stream, n = 0x0fedcba987654321, 91, 40
	kappas := []float64{0, 1e-9, 3e-6, 0.5, 4, 700, 2e6, math.Inf(1), -1, math.NaN()}
	zipfs := []float64{1.0001, 1.5, 2, 7.5, 1024.9, 2000, math.Inf(1), 1, math.NaN()}
	logs := []float64{0, 1e-9, 0.3, 0.9, 0.999999, 1, -0.5, math.NaN()}
	hypers := [][3]int64{{0, 0, 0}, {5, 0, 5}, {20, 30, 5}, {20, 30, 45}, {3, 1000, 9}, {200, 300, 100}, {300, 200, 400},
		{999_999_999, 999_999_999, 123_456_789}, {15, 15, 15}, {-1, 3, 1}, {2, 2, 5}}

	var c strings.Builder
	c.WriteString(hostShims + typedefs)
	need := helperSet{}
	for _, h := range []string{"random_vonmises", "random_zipf", "random_logseries", "random_hypergeometric"} {
		need.add(h)
	}
	for _, h := range helpers {
		if need[h.name] {
			c.WriteString(h.cuda)
		}
	}
	fmt.Fprintf(&c, "int main(void) {\n  const u64 key = %dull, stream = %dull;\n", uint64(key), stream)
	cNum := func(x float64) string {
		if math.IsInf(x, 1) {
			return "INFINITY"
		}
		return cDouble(x)
	}
	loop := func(format, call string) {
		fmt.Fprintf(&c, "  for (u64 i = 0; i < %d; i++) printf(\"%s\\n\", %s);\n", n, format, call)
	}
	for _, k := range kappas {
		loop("%.17g", "random_vonmises(sampler_(key, stream, i), "+cNum(k)+")")
	}
	for _, a := range zipfs {
		loop("%lld", "random_zipf(sampler_(key, stream, i), "+cNum(a)+")")
	}
	for _, p := range logs {
		loop("%lld", "random_logseries(sampler_(key, stream, i), "+cDouble(p)+")")
	}
	for _, h := range hypers {
		loop("%lld", fmt.Sprintf("random_hypergeometric(sampler_(key, stream, i), %dll, %dll, %dll)", h[0], h[1], h[2]))
	}
	c.WriteString("  return 0;\n}\n")
	next := hostLines(t, cxx, c.String())
	repeat := func(v uint64) []byte {
		b := make([]byte, 8*n)
		for i := range n {
			binary.LittleEndian.PutUint64(b[8*i:], v)
		}
		return b
	}
	run := func(op ir.Op, out dtype.DType, params ...uint64) []byte {
		ins := make([]dtype.DType, len(params))
		nodes := []*ir.Node{ir.Param(0, u64), ir.Param(1, u64), {Op: ir.Counter, DType: u64}}
		var data [][]byte
		for i, p := range params {
			ins[i] = dtype.Float64
			if op == ir.RandomHypergeometric {
				ins[i] = dtype.Int64
			}
			nodes = append(nodes, ir.In(i, ins[i]))
			data = append(data, repeat(p))
		}
		k := &ir.Kernel{Inputs: ins, Scalars: []dtype.DType{u64, u64}, Outputs: []*ir.Node{ir.Apply(op, out, nodes...)}}
		return runRandomCPU(t, k, n, []ir.Value{{key}, {stream}}, data...)
	}
	for _, kappa := range kappas {
		got := run(ir.RandomVonMises, dtype.Float64, math.Float64bits(kappa))
		for i := range n {
			cv, g := parseCFloat(t, next()), math.Float64frombits(binary.LittleEndian.Uint64(got[8*i:]))
			if !sameFloat(cv, g) {
				t.Errorf("vonmises(%g) element %d: C %v, CPU %v", kappa, i, cv, g)
			}
		}
	}
	ints := func(name string, got []byte) {
		for i := range n {
			if c, g := next(), strconv.FormatInt(int64(binary.LittleEndian.Uint64(got[8*i:])), 10); c != g {
				t.Errorf("%s element %d: C %s, CPU %s", name, i, c, g)
			}
		}
	}
	// Zipf's power of u to -1/(a-1) takes the last bits of pow to the
	// integer part when a is near 1: equal to 1e-10 relative.
	for _, a := range zipfs {
		got := run(ir.RandomZipf, dtype.Int64, math.Float64bits(a))
		for i := range n {
			line := next()
			cv, err := strconv.ParseInt(line, 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			g := int64(binary.LittleEndian.Uint64(got[8*i:]))
			if cv != g && !(math.Abs(float64(cv-g)) <= 1e-10*math.Abs(float64(g))) {
				t.Errorf("zipf(%g) element %d: C %d, CPU %d", a, i, cv, g)
			}
		}
	}
	for _, p := range logs {
		ints(fmt.Sprintf("logseries(%g)", p), run(ir.RandomLogseries, dtype.Int64, math.Float64bits(p)))
	}
	for _, h := range hypers {
		ints(fmt.Sprintf("hypergeometric%v", h), run(ir.RandomHypergeometric, dtype.Int64, uint64(h[0]), uint64(h[1]), uint64(h[2])))
	}
}

// parseCFloat reads a double the host program printed (glibc prints -nan).
func parseCFloat(t *testing.T, line string) float64 {
	t.Helper()
	if strings.HasSuffix(line, "nan") {
		return math.NaN()
	}
	x, err := strconv.ParseFloat(line, 64)
	if err != nil {
		t.Fatal(err)
	}
	return x
}

// sameFloat reports whether the C and the CPU values agree to 1e-12
// relative (the host libm and Go's math differ in the last bits).
func sameFloat(c, g float64) bool {
	return c == g || math.Abs(c-g) <= 1e-12*math.Abs(g) || math.IsNaN(c) && math.IsNaN(g)
}

// hostLines runs a host program (see runHost) and returns a function
// that gives its lines one after another.
func hostLines(t *testing.T, cxx, code string) func() string {
	lines := runHost(t, cxx, code)
	return func() string {
		l := lines[0]
		lines = lines[1:]
		return l
	}
}
