package cgen

import (
	"encoding/binary"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/backend/cpu"
	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/ir"
)

var intDTypes = []dtype.DType{dtype.Int8, dtype.Int16, dtype.Int32, dtype.Int64,
	dtype.Uint8, dtype.Uint16, dtype.Uint32, dtype.Uint64}

// TestIntegerConversionsMatchCPU compiles the generated C of float to
// integer casts and of integer Reciprocal with the host's C compiler (the
// C is plain but for CUDA's qualifiers, defined away) and compares it, on
// edge values, with the CPU backend: both follow ir's x86 rules for NaN,
// ±inf and out-of-range values, where PTX's cvt would saturate.
func TestIntegerConversionsMatchCPU(t *testing.T) {
	cc, err := exec.LookPath("cc")
	if err != nil {
		t.Skip("no host C compiler:", err)
	}
	xs := []float64{0, math.Copysign(0, -1), math.NaN(), math.Inf(1), math.Inf(-1), 0.5, -0.5, 1.9, -1.9,
		127.5, 128, 255.9, 256, 300, -300, 32768, 65535.5, 65536, -32769, 1<<31 - 1, 1 << 31, 1<<31 + 0.5,
		-1 << 31, -1<<31 - 1, -1<<31 - 0.5, 1 << 32, 1<<32 + 5, 3e9, -3e9, 1 << 63, 1<<63 + 2048, 1 << 64,
		-1 << 63, -1<<63 - 2048, 1e30, -1e30, math.MaxFloat64, -math.MaxFloat32, 1e-40}
	recips := []int64{0, 1, -1, 2, -2, 7, math.MinInt64, math.MaxInt64}

	e := newEmitter(helperSet{})
	var c strings.Builder
	c.WriteString("#include <stdio.h>\n#define __device__\n#define __forceinline__ inline\n" + typedefs)
	c.WriteString(helpers[helperIndex["f2i"]].cuda)
	c.WriteString("static void conv(double x) {\n  const float f = (float)x;\n")
	for _, d := range intDTypes {
		for _, src := range []struct {
			dt dtype.DType
			x  string
		}{{dtype.Float64, "x"}, {dtype.Float32, "f"}} {
			fmt.Fprintf(&c, "  printf(\"%%llu \", (u64)(%s)%s);\n", storage(d), e.cast(src.dt, d, src.x))
		}
	}
	c.WriteString("  printf(\"\\n\");\n}\nstatic void recip(long long v) {\n")
	for _, d := range intDTypes {
		x, err := e.op(ir.Reciprocal, d, []string{"(" + storage(d) + ")v"})
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&c, "  printf(\"%%llu \", (u64)(%s)%s);\n", storage(d), x)
	}
	c.WriteString("  printf(\"\\n\");\n}\nint main(void) {\n")
	for _, x := range xs {
		lit := strconv.FormatFloat(x, 'x', -1, 64)
		switch {
		case math.IsNaN(x):
			lit = "__builtin_nan(\"\")"
		case math.IsInf(x, 0):
			lit = fmt.Sprintf("%v__builtin_inf()", map[bool]string{true: "-", false: ""}[x < 0])
		}
		fmt.Fprintf(&c, "  conv(%s);\n", lit)
	}
	for _, v := range recips {
		fmt.Fprintf(&c, "  recip((long long)%dULL);\n", uint64(v))
	}
	c.WriteString("  return 0;\n}\n")

	dir := t.TempDir()
	src, bin := filepath.Join(dir, "conv.c"), filepath.Join(dir, "conv")
	if err := os.WriteFile(src, []byte(c.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(cc, "-O1", "-o", bin, src).CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s\n%s", cc, err, out, c.String())
	}
	out, err := exec.Command(bin).Output()
	if err != nil {
		t.Fatal(err)
	}
	rows := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(rows) != len(xs)+len(recips) {
		t.Fatalf("%d rows of output, want %d", len(rows), len(xs)+len(recips))
	}
	cpuBits := func(k *ir.Kernel, in []byte, n int) []uint64 { return runCPU(t, k, in, n) }

	f64, f32 := make([]byte, 8*len(xs)), make([]byte, 4*len(xs))
	for i, x := range xs {
		binary.LittleEndian.PutUint64(f64[8*i:], math.Float64bits(x))
		binary.LittleEndian.PutUint32(f32[4*i:], math.Float32bits(float32(x)))
	}
	col := 0
	for _, d := range intDTypes {
		for _, src := range []struct {
			dt dtype.DType
			in []byte
		}{{dtype.Float64, f64}, {dtype.Float32, f32}} {
			want := cpuBits(&ir.Kernel{Inputs: []dtype.DType{src.dt}, Outputs: []*ir.Node{ir.To(ir.In(0, src.dt), d)}}, src.in, len(xs))
			for i, x := range xs {
				if got := field(t, rows[i], col, d); got != want[i] {
					t.Errorf("(%v)(%v)%g: C %#x, CPU %#x", d, src.dt, x, got, want[i])
				}
			}
			col++
		}
	}
	for j, d := range intDTypes {
		in := make([]byte, d.Size()*len(recips))
		for i, v := range recips {
			var w [8]byte
			binary.LittleEndian.PutUint64(w[:], uint64(v))
			copy(in[i*d.Size():], w[:d.Size()])
		}
		want := cpuBits(&ir.Kernel{Inputs: []dtype.DType{d}, Outputs: []*ir.Node{ir.Apply(ir.Reciprocal, d, ir.In(0, d))}}, in, len(recips))
		for i, v := range recips {
			if got := field(t, rows[len(xs)+i], j, d); got != want[i] {
				t.Errorf("reciprocal(%v(%d)): C %#x, CPU %#x", d, v, got, want[i])
			}
		}
	}
}

// field is column col of a row of the C program's output, cut to d's width.
func field(t *testing.T, row string, col int, d dtype.DType) uint64 {
	v, err := strconv.ParseUint(strings.Fields(row)[col], 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return v & widthMask(d)
}

func widthMask(d dtype.DType) uint64 { return math.MaxUint64 >> (64 - 8*d.Size()) }

// runCPU runs a one-input, one-output kernel on n contiguous elements on
// the CPU backend and returns the output's elements as bits.
func runCPU(t *testing.T, k *ir.Kernel, in []byte, n int) []uint64 {
	t.Helper()
	b := cpu.New(0)
	ib, _ := b.Alloc(len(in))
	defer b.Free(ib)
	if err := b.Write(ib, 0, in); err != nil {
		t.Fatal(err)
	}
	d := k.Outputs[0].DType
	ob, _ := b.Alloc(n * d.Size())
	defer b.Free(ob)
	err := b.Elementwise(k, []int{n}, []backend.Operand{{Buf: ob, DType: d, Strides: []int{1}}},
		[]backend.Operand{{Buf: ib, DType: k.Inputs[0], Strides: []int{1}}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	raw := make([]byte, n*d.Size())
	if err := b.Read(raw, ob, 0); err != nil {
		t.Fatal(err)
	}
	out := make([]uint64, n)
	for i := range out {
		var w [8]byte
		copy(w[:], raw[i*d.Size():(i+1)*d.Size()])
		out[i] = binary.LittleEndian.Uint64(w[:]) & widthMask(d)
	}
	return out
}
