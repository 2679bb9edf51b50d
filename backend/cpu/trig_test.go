package cpu

import (
	"math"
	"math/big"
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestTrigIsAccurate compares sin, cos and tan with correctly rounded
// results (testdata/trig.txt, made by testdata/gen_trig.py): huge
// arguments (the exact reduction) within 1 ulp, ordinary ones within
// math's accuracy, 1 ulp (2 for math.Tan).
func TestTrigIsAccurate(t *testing.T) {
	lines := readLines(t, "testdata/trig.txt")
	worst := map[string]uint64{}
	for _, line := range lines {
		var v [4]float64
		for i, f := range strings.Fields(line) {
			x, err := strconv.ParseFloat(f, 64)
			if err != nil {
				t.Fatal(err)
			}
			v[i] = x
		}
		for i, fn := range []struct {
			name string
			f    func(float64) float64
		}{{"sin", sin}, {"cos", cos}, {"tan", tan}} {
			name, limit := fn.name+" (huge)", uint64(1)
			if ordinary(v[0]) {
				name = fn.name
				if name == "tan" {
					limit = 2
				}
			}
			got, want := fn.f(v[0]), v[i+1]
			d := ulps(got, want)
			worst[name] = max(worst[name], d)
			if d > limit {
				t.Errorf("%s(%x) = %x, want %x: %d ulp", fn.name, v[0], got, want, d)
			}
		}
	}
	t.Logf("%d arguments; worst ulp: %v", len(lines), worst)
}

// ulps is the distance between two finite float64s in units of the last place.
func ulps(a, b float64) uint64 {
	ord := func(x float64) int64 {
		u := int64(math.Float64bits(x))
		if u < 0 {
			return math.MinInt64 - u
		}
		return u
	}
	d := ord(a) - ord(b)
	if d < 0 {
		d = -d
	}
	return uint64(d)
}

// TestPiBits checks the π behind the reduction against the first 512
// bits of its hex expansion, and that 2/π · π/2 = 1 to the working
// precision.
func TestPiBits(t *testing.T) {
	p := piBits()
	pi := new(big.Float).SetPrec(reducePrec).Mul(p.halfPi, big.NewFloat(2))
	const digits = "3.243f6a8885a308d313198a2e03707344a4093822299f31d0082efa98ec4e6c89452821e638d01377be5466cf34e90c6cc0ac29b7c97c50dd3f84d5b5b5470917"
	want, _, err := big.ParseFloat("0x"+digits+"p0", 0, reducePrec, big.ToNearestEven)
	if err != nil {
		t.Fatal(err)
	}
	if diff := new(big.Float).Sub(pi, want); diff.Sign() != 0 && diff.MantExp(nil) > -4*(len(digits)-2)+1 {
		t.Errorf("π = %s, want %s...", pi.Text('p', 0), digits)
	}
	one := new(big.Float).Mul(p.halfPi, p.twoOverPi)
	if one.Sub(one, big.NewFloat(1)); one.Sign() != 0 && one.MantExp(nil) > -reducePrec+4 {
		t.Errorf("2/π · π/2 - 1 = %g", one)
	}
}

func readLines(t *testing.T, name string) []string {
	t.Helper()
	raw, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range strings.Split(string(raw), "\n") {
		if l != "" && !strings.HasPrefix(l, "#") {
			lines = append(lines, l)
		}
	}
	return lines
}
