package cgen

import (
	"encoding/binary"
	"fmt"
	"math"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/ir"
)

// TestComplexInversesMatchCPU compiles the generated complex inverse
// functions (and rint) with the host's C++ compiler and compares them with the CPU
// backend's on the points where they are easiest to get wrong: both sides
// of every branch cut (±0 parts), tiny and huge arguments, infinities and
// NaN. Both must give the same NaNs, infinities and signs of zero, and
// finite parts within a few ulps of each other, or of the result's
// magnitude (the host libm and Go's differ in the last bits, the CPU
// computes complex64 in double, and Go fuses multiply-adds on arm64).
func TestComplexInversesMatchCPU(t *testing.T) {
	cxx, err := exec.LookPath("c++")
	if err != nil {
		t.Skip("no host C++ compiler:", err)
	}
	parts := []float64{0, math.Copysign(0, -1), 1e-300, -1e-20, 1e-8, 0.5, -0.5, 1, -1, 1 + 1e-12, 2, -17, 1e10, -1e149, 1e151,
		-1e300, 3e19, math.Inf(1), math.Inf(-1), math.NaN()}
	ops := []complexOp{{ir.Arcsinh, "asinh"}, {ir.Arccosh, "acosh"}, {ir.Arctanh, "atanh"}, {ir.Arcsin, "asin"}, {ir.Arccos, "acos"}, {ir.Arctan, "atan"}, {ir.Rint, "rint"}}
	for _, c := range []struct {
		dt   dtype.DType
		ulps uint64
	}{{dtype.Complex128, 4}, {dtype.Complex64, 8}} {
		t.Run(c.dt.String(), func(t *testing.T) { testComplexOps(t, cxx, c.dt, c.ulps, ops, parts, false) })
	}
}

// TestComplexSincMatchesCPU compares the generated complex sinc with the
// CPU's (complex64 there is computed in complex128 and rounded once) at 0,
// at the zeros of sinc (the integers) and between them. NumPy's formula
// rounds π·x first, which near a zero leaves an error of the inputs' size:
// the errors are measured against max(|result|, 1).
func TestComplexSincMatchesCPU(t *testing.T) {
	cxx, err := exec.LookPath("c++")
	if err != nil {
		t.Skip("no host C++ compiler:", err)
	}
	parts := []float64{0, math.Copysign(0, -1), 1e-8, 0.5, -0.5, 1, -1, 2, -3.25, 7, math.Inf(1), math.NaN()}
	for _, c := range []struct {
		dt   dtype.DType
		ulps uint64
	}{{dtype.Complex128, 64}, {dtype.Complex64, 16}} {
		t.Run(c.dt.String(), func(t *testing.T) { testComplexOps(t, cxx, c.dt, c.ulps, []complexOp{{ir.Sinc, "sinc"}}, parts, true) })
	}
}

// complexOp is an op and the name of its complex helper.
type complexOp struct {
	op   ir.Op
	name string
}

// testComplexOps runs ops over every complex number of the given parts in
// generated C on the host and on the CPU backend and compares the results
// (see TestComplexInversesMatchCPU); unitFloor measures the errors against
// max(|result|, 1) and allows either sign there.
func testComplexOps(t *testing.T, cxx string, dt dtype.DType, ulps uint64, ops []complexOp, parts []float64, unitFloor bool) {
	C, F := "c128", "double"
	if dt == dtype.Complex64 {
		C, F = "c64", "float"
	}
	parts = slices.Clone(parts)
	if dt == dtype.Complex64 {
		for i, p := range parts {
			parts[i] = float64(float32(p))
		}
	}
	var zs []complex128
	for _, re := range parts {
		for _, im := range parts {
			zs = append(zs, complex(re, im))
		}
	}

	var c strings.Builder
	c.WriteString(hostShims + typedefs)
	need := helperSet{}
	for _, o := range ops {
		need.add(C + "_" + o.name)
	}
	for _, h := range helpers {
		if need[h.name] {
			c.WriteString(h.cuda)
		}
	}
	fmt.Fprintf(&c, "static const %s z[][2] = {\n", F)
	for _, z := range zs {
		fmt.Fprintf(&c, "  {%s, %s},\n", cDouble(real(z)), cDouble(imag(z)))
	}
	c.WriteString("};\nint main(void) {\n  for (unsigned i = 0; i < sizeof z / sizeof z[0]; i++) {\n    const " + C + " a = " + C + "_(z[i][0], z[i][1]);\n")
	for _, o := range ops {
		fmt.Fprintf(&c, "    { const %[1]s r = %[1]s_%[2]s(a); printf(\"%%a %%a \", (double)r.re, (double)r.im); }\n", C, o.name)
	}
	c.WriteString("    printf(\"\\n\");\n  }\n  return 0;\n}\n")
	lines := runHost(t, cxx, c.String())
	if len(lines) != len(zs) {
		t.Fatalf("%d lines of output, want %d", len(lines), len(zs))
	}

	in := make([]byte, 0, dt.Size()*len(zs))
	for _, z := range zs {
		for _, p := range []float64{real(z), imag(z)} {
			if dt == dtype.Complex64 {
				in = binary.LittleEndian.AppendUint32(in, math.Float32bits(float32(p)))
			} else {
				in = binary.LittleEndian.AppendUint64(in, math.Float64bits(p))
			}
		}
	}
	for j, o := range ops {
		k := kernel([]dtype.DType{dt}, nil, ir.Apply(o.op, dt, ir.In(0, dt)))
		raw := runRandomCPU(t, k, len(zs), nil, in)
		for i, z := range zs {
			fields := strings.Fields(lines[i])
			var want [2]float64
			for p := range want {
				if dt == dtype.Complex64 {
					want[p] = float64(math.Float32frombits(binary.LittleEndian.Uint32(raw[8*i+4*p:])))
				} else {
					want[p] = math.Float64frombits(binary.LittleEndian.Uint64(raw[16*i+8*p:]))
				}
			}
			// Where Go fuses multiply-adds (arm64), the parts that cancel
			// move by more than ulps of their own: those may differ by ulps
			// of the result's magnitude, with the same sign.
			size := math.Hypot(want[0], want[1])
			if unitFloor {
				size = max(size, 1)
			}
			size *= math.Pow(2, -52)
			if dt == dtype.Complex64 {
				size *= math.Pow(2, 52-23)
			}
			for p := range want {
				got, err := strconv.ParseFloat(strings.Replace(fields[2*j+p], "-nan", "nan", 1), 64)
				if err != nil {
					t.Fatal(err)
				}
				near := (unitFloor || math.Signbit(got) == math.Signbit(want[p])) && math.Abs(got-want[p]) <= float64(ulps)*size
				if !withinULPs(want[p], got, ulps, dt == dtype.Complex64) && !near {
					t.Errorf("%s(%v) part %d: C %v, CPU %v", o.name, z, p, got, want[p])
				}
			}
		}
	}
}

// withinULPs reports whether a and b are both NaN, or have the same sign
// and lie within ulps units in the last place of each other (of float32
// with single).
func withinULPs(a, b float64, ulps uint64, single bool) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	if math.Signbit(a) != math.Signbit(b) {
		return false
	}
	x, y := math.Float64bits(math.Abs(a)), math.Float64bits(math.Abs(b))
	if single {
		x, y = uint64(math.Float32bits(float32(math.Abs(a)))), uint64(math.Float32bits(float32(math.Abs(b))))
	}
	return max(x, y)-min(x, y) <= ulps
}
