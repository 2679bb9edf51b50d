package cpu_test

import (
	"bytes"
	"fmt"
	"math"
	"math/cmplx"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/backend/cpu"
	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/fixture"
	"github.com/cugo/cugo/internal/ir"
)

func readNpy(t *testing.T, name string) *array.NpyData {
	t.Helper()
	raw, err := os.ReadFile(fixture.Path("ufunc/" + name))
	if err != nil {
		t.Fatal(err)
	}
	d, err := array.ReadNpy(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return d
}

// TestNumPyFixtures compares every case of testdata/ufunc (made by
// testdata/gen_ufunc_cpu.py with NumPy) with the CPU backend.
func TestNumPyFixtures(t *testing.T) {
	b := cpu.New(0)
	for _, line := range fixture.Lines(t, "ufunc/cases.txt") {
		f := strings.Fields(line)
		name, opName, ulps := f[0], f[1], f[3]
		t.Run(name, func(t *testing.T) {
			maxUlps, _ := strconv.ParseUint(ulps, 10, 64)
			in, want := readNpy(t, name+"_in.npy"), readNpy(t, name+"_out.npy")
			nin, n := in.Shape[0], in.Shape[1]
			row := n * in.DType.Size()
			var ins []host
			var dts []dtype.DType
			for i := range nin {
				ins = append(ins, host{in.DType, in.Data[i*row : (i+1)*row]})
				dts = append(dts, in.DType)
			}
			op := ir.Cast
			if opName != "cast" {
				var ok bool
				if op, ok = opByName[opName]; !ok {
					t.Fatalf("unknown op %q", opName)
				}
			}
			got := apply(t, b, kernelOf(op, want.DType, dts...), ins)[0]
			exp := host{want.DType, want.Data}
			bad := 0
			for i := range n {
				if msg := mismatch(got, exp, i, maxUlps, zeroTies[op]); msg != "" {
					if bad++; bad <= 5 {
						args := ""
						for _, h := range ins {
							args += " " + show(h, i)
						}
						t.Errorf("%s(%s): %s", opName, args, msg)
					}
				}
			}
			if bad > 5 {
				t.Errorf("... %d mismatches of %d", bad, n)
			}
		})
	}
}

// zeroTies are the ops whose result for arguments +0 and -0 NumPy leaves
// to the loop: its float16 loop returns the first, its float32 and
// float64 SIMD loops the second. Either is accepted.
var zeroTies = map[ir.Op]bool{ir.Maximum: true, ir.Minimum: true, ir.FMax: true, ir.FMin: true}

// mismatch describes how got[i] differs from want[i], or returns "".
// Floats may differ by maxUlps; complex numbers by maxUlps ulps of
// NumPy's result's magnitude, and only exactly when maxUlps is 0.
func mismatch(got, want host, i int, maxUlps uint64, zeroTie bool) string {
	bad := fmt.Sprintf("got %s, NumPy %s", show(got, i), show(want, i))
	switch got.dt.Kind() {
	case dtype.FloatKind:
		g, w := parts(got, i)[0], parts(want, i)[0]
		if ulpDiff(g, w, got.dt) > maxUlps && !(zeroTie && g == 0 && w == 0) {
			return bad
		}
		return ""
	case dtype.ComplexKind:
		g, w := parts(got, i), parts(want, i)
		if maxUlps > 0 && !math.IsInf(w[0], 0) && !math.IsInf(w[1], 0) && !cmplx.IsNaN(complex(w[0], w[1])) {
			eps := math.Nextafter(1, 2) - 1
			if got.dt == dtype.Complex64 {
				eps = float64(math.Nextafter32(1, 2) - 1)
			}
			if math.Hypot(g[0]-w[0], g[1]-w[1]) > float64(maxUlps)*eps*math.Hypot(w[0], w[1]) {
				return bad
			}
			return ""
		}
		for j := range g {
			if ulpDiff(g[j], w[j], got.dt) > 0 && !(zeroTie && g[j] == 0 && w[j] == 0) {
				return bad
			}
		}
		return ""
	}
	sz := got.dt.Size()
	if !bytes.Equal(got.data[i*sz:(i+1)*sz], want.data[i*sz:(i+1)*sz]) {
		return fmt.Sprintf("got %s, NumPy %s", show(got, i), show(want, i))
	}
	return ""
}

// show formats element i of h.
func show(h host, i int) string {
	switch h.dt.Kind() {
	case dtype.FloatKind, dtype.ComplexKind:
		p := parts(h, i)
		if len(p) == 2 {
			return fmt.Sprintf("(%g%+gi)", p[0], p[1])
		}
		return fmt.Sprint(p[0])
	case dtype.BoolKind:
		return fmt.Sprint(h.data[i] != 0)
	}
	sz := h.dt.Size()
	var u uint64
	for j := sz - 1; j >= 0; j-- {
		u = u<<8 | uint64(h.data[i*sz+j])
	}
	if h.dt.Kind() == dtype.IntKind {
		shift := 64 - 8*sz
		return fmt.Sprint(int64(u<<shift) >> shift)
	}
	return fmt.Sprint(u)
}
