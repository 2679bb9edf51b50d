package cpu_test

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/cugo/cugo/backend/cpu"
	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/ir"
)

var intTypes = []dtype.DType{dtype.Int8, dtype.Int16, dtype.Int32, dtype.Int64, dtype.Uint8, dtype.Uint16, dtype.Uint32, dtype.Uint64}

// intInfo returns the bit width and signedness of an integer dtype.
func intInfo(dt dtype.DType) (bits uint, signed bool) {
	return uint(8 * dt.Size()), dt.Kind() == dtype.IntKind
}

// wrapBig reduces x to dt's range, modulo 2^bits.
func wrapBig(x *big.Int, dt dtype.DType) *big.Int {
	bits, signed := intInfo(dt)
	m := new(big.Int).Lsh(big.NewInt(1), bits)
	r := new(big.Int).Mod(x, m) // in [0, 2^bits)
	if signed && r.Cmp(new(big.Int).Rsh(m, 1)) >= 0 {
		r.Sub(r, m)
	}
	return r
}

// intValues returns random values of dt with its edge values first, as
// big integers.
func intValues(r *rand.Rand, dt dtype.DType, n int) []*big.Int {
	bits, signed := intInfo(dt)
	var v []*big.Int
	for _, e := range []int64{0, 1, -1, 2, -2, 3, 7, -7, 64} {
		v = append(v, wrapBig(big.NewInt(e), dt))
	}
	lim := new(big.Int).Lsh(big.NewInt(1), bits-1)
	if signed {
		v = append(v, new(big.Int).Neg(lim), new(big.Int).Sub(lim, big.NewInt(1)))
	} else {
		v = append(v, new(big.Int).Sub(new(big.Int).Lsh(lim, 1), big.NewInt(1)), new(big.Int).Set(lim))
	}
	for len(v) < n {
		x := new(big.Int).SetUint64(r.Uint64())
		if r.IntN(2) == 0 {
			x.SetInt64(int64(r.IntN(40) - 20))
		}
		v = append(v, wrapBig(x, dt))
	}
	return v
}

// hostInts encodes values of dt little-endian.
func hostInts(dt dtype.DType, v []*big.Int) host {
	sz := dt.Size()
	h := host{dt, make([]byte, sz*len(v))}
	for i, x := range v {
		u := wrapBig(x, dtype.Uint64).Uint64() // two's complement bits
		for j := range sz {
			h.data[i*sz+j] = byte(u >> (8 * j))
		}
	}
	return h
}

func bigAt(h host, i int) *big.Int {
	sz := h.dt.Size()
	var u uint64
	for j := sz - 1; j >= 0; j-- {
		u = u<<8 | uint64(h.data[i*sz+j])
	}
	return wrapBig(new(big.Int).SetUint64(u), h.dt)
}

// pyDivMod is Python's divmod from Euclidean division: the remainder
// takes the divisor's sign. Division by zero gives (0, 0) as in NumPy.
func pyDivMod(a, b *big.Int) (q, m *big.Int) {
	if b.Sign() == 0 {
		return new(big.Int), new(big.Int)
	}
	q, m = new(big.Int).DivMod(a, b, new(big.Int)) // 0 <= m < |b|
	if b.Sign() < 0 && m.Sign() != 0 {             // a = b·q + m = b·(q-1) + (m+b)
		m.Add(m, b)
		q.Sub(q, big.NewInt(1))
	}
	return q, m
}

// TestIntegerOpsAgainstBig checks integer arithmetic of every integer
// dtype against exact math/big results reduced modulo 2^bits.
func TestIntegerOpsAgainstBig(t *testing.T) {
	b := cpu.New(0)
	r := rand.New(rand.NewPCG(1, 2))
	binaryRef := map[ir.Op]func(x, y *big.Int, dt dtype.DType) *big.Int{
		ir.Add: func(x, y *big.Int, _ dtype.DType) *big.Int { return new(big.Int).Add(x, y) },
		ir.Sub: func(x, y *big.Int, _ dtype.DType) *big.Int { return new(big.Int).Sub(x, y) },
		ir.Mul: func(x, y *big.Int, _ dtype.DType) *big.Int { return new(big.Int).Mul(x, y) },
		ir.FloorDiv: func(x, y *big.Int, _ dtype.DType) *big.Int {
			q, _ := pyDivMod(x, y)
			return q
		},
		ir.Mod: func(x, y *big.Int, _ dtype.DType) *big.Int {
			_, m := pyDivMod(x, y)
			return m
		},
		ir.LeftShift: func(x, y *big.Int, dt dtype.DType) *big.Int {
			if c := wrapBig(y, dtype.Uint64); c.Cmp(big.NewInt(200)) < 0 { // negative counts are huge
				return new(big.Int).Lsh(x, uint(c.Uint64()))
			}
			return new(big.Int)
		},
		ir.RightShift: func(x, y *big.Int, dt dtype.DType) *big.Int {
			c := wrapBig(y, dtype.Uint64)
			if c.Cmp(big.NewInt(200)) > 0 {
				c.SetInt64(200)
			}
			return new(big.Int).Rsh(x, uint(c.Uint64())) // floor(x / 2^c)
		},
		ir.Maximum: func(x, y *big.Int, _ dtype.DType) *big.Int {
			if x.Cmp(y) >= 0 {
				return x
			}
			return y
		},
		ir.Pow: func(x, y *big.Int, _ dtype.DType) *big.Int {
			switch {
			case y.Sign() >= 0:
				return new(big.Int).Exp(x, y, nil)
			case x.Cmp(big.NewInt(1)) == 0:
				return big.NewInt(1)
			case x.Cmp(big.NewInt(-1)) == 0:
				if y.Bit(0) == 1 {
					return big.NewInt(-1)
				}
				return big.NewInt(1)
			}
			return new(big.Int)
		},
	}
	unaryRef := map[ir.Op]func(x *big.Int) *big.Int{
		ir.Neg:    func(x *big.Int) *big.Int { return new(big.Int).Neg(x) },
		ir.Abs:    func(x *big.Int) *big.Int { return new(big.Int).Abs(x) },
		ir.Square: func(x *big.Int) *big.Int { return new(big.Int).Mul(x, x) },
		ir.Invert: func(x *big.Int) *big.Int { return new(big.Int).Not(x) },
		ir.Sign:   func(x *big.Int) *big.Int { return big.NewInt(int64(x.Sign())) },
	}
	for _, dt := range intTypes {
		xs := intValues(r, dt, 300)
		ys := intValues(r, dt, 300)
		r.Shuffle(len(ys), func(i, j int) { ys[i], ys[j] = ys[j], ys[i] })
		for op, ref := range binaryRef {
			y := ys
			if op == ir.Pow { // exponents small enough for exact big results
				y = make([]*big.Int, len(ys))
				_, signed := intInfo(dt)
				for i := range y {
					e := int64(r.IntN(150))
					if signed {
						e -= 5 // a few negative exponents
					}
					y[i] = wrapBig(big.NewInt(e), dt) // int8 exponents above 127 wrap negative
				}
			}
			got := apply(t, b, kernelOf(op, dt, dt, dt), []host{hostInts(dt, xs), hostInts(dt, y)})[0]
			for i := range xs {
				want := wrapBig(ref(xs[i], y[i], dt), dt)
				if g := bigAt(got, i); g.Cmp(want) != 0 {
					t.Errorf("%v %s(%v, %v) = %v, want %v", dt, op, xs[i], y[i], g, want)
					break
				}
			}
		}
		for op, ref := range unaryRef {
			got := apply(t, b, kernelOf(op, dt, dt), []host{hostInts(dt, xs)})[0]
			for i := range xs {
				want := wrapBig(ref(xs[i]), dt)
				if g := bigAt(got, i); g.Cmp(want) != 0 {
					t.Errorf("%v %s(%v) = %v, want %v", dt, op, xs[i], g, want)
					break
				}
			}
		}
		for _, to := range intTypes { // integer casts wrap
			got := apply(t, b, kernelOf(ir.Cast, to, dt), []host{hostInts(dt, xs)})[0]
			for i := range xs {
				if g, want := bigAt(got, i), wrapBig(xs[i], to); g.Cmp(want) != 0 {
					t.Errorf("%v(%v as %v) = %v, want %v", to, xs[i], dt, g, want)
					break
				}
			}
		}
	}
}

// TestFloatArithmeticAgainstBig checks + - * / and sqrt of the float
// types against the exact result rounded once to the type (big.Float
// arithmetic, rounded to float64 and then to the type: double rounding is
// harmless for these operations, as float64 has 2p+2 bits of each).
func TestFloatArithmeticAgainstBig(t *testing.T) {
	b := cpu.New(0)
	r := rand.New(rand.NewPCG(3, 4))
	round := map[dtype.DType]func(float64) float64{
		dtype.Float16:  func(x float64) float64 { return dtype.F16FromFloat64(x).Float64() },
		dtype.BFloat16: func(x float64) float64 { return dtype.BF16FromFloat64(x).Float64() },
		dtype.Float32:  func(x float64) float64 { return float64(float32(x)) },
		dtype.Float64:  func(x float64) float64 { return x },
	}
	encode := func(dt dtype.DType, v []float64) host {
		switch dt {
		case dtype.Float16:
			h := make([]dtype.F16, len(v))
			for i, x := range v {
				h[i] = dtype.F16FromFloat64(x)
			}
			return hostOf(h...)
		case dtype.BFloat16:
			h := make([]dtype.BF16, len(v))
			for i, x := range v {
				h[i] = dtype.BF16FromFloat64(x)
			}
			return hostOf(h...)
		case dtype.Float32:
			h := make([]float32, len(v))
			for i, x := range v {
				h[i] = float32(x)
			}
			return hostOf(h...)
		}
		return hostOf(v...)
	}
	exact := map[ir.Op]func(x, y *big.Float) *big.Float{
		ir.Add: func(x, y *big.Float) *big.Float { return new(big.Float).SetPrec(2000).Add(x, y) },
		ir.Sub: func(x, y *big.Float) *big.Float { return new(big.Float).SetPrec(2000).Sub(x, y) },
		ir.Mul: func(x, y *big.Float) *big.Float { return new(big.Float).SetPrec(2000).Mul(x, y) },
		ir.Div: func(x, y *big.Float) *big.Float { return new(big.Float).SetPrec(200).Quo(x, y) },
	}
	for dt, rnd := range round {
		n := 500
		xs, ys := make([]float64, n), make([]float64, n)
		for i := range n {
			// Within float16's range, so that no input is infinite.
			xs[i] = rnd(math.Ldexp(r.Float64()+0.5, r.IntN(24)-12) * float64(1-2*r.IntN(2)))
			ys[i] = rnd(math.Ldexp(r.Float64()+0.5, r.IntN(24)-12) * float64(1-2*r.IntN(2)))
		}
		for op, ref := range exact {
			got := apply(t, b, kernelOf(op, dt, dt, dt), []host{encode(dt, xs), encode(dt, ys)})[0]
			for i := range n {
				e, _ := ref(big.NewFloat(xs[i]), big.NewFloat(ys[i])).Float64()
				if g, want := parts(got, i)[0], rnd(e); g != want {
					t.Errorf("%v %s(%g, %g) = %g, want %g", dt, op, xs[i], ys[i], g, want)
					break
				}
			}
		}
		got := apply(t, b, kernelOf(ir.Sqrt, dt, dt), []host{encode(dt, xs)})[0]
		for i := range n {
			x := math.Abs(xs[i])
			if xs[i] < 0 {
				continue
			}
			e, _ := new(big.Float).SetPrec(200).Sqrt(big.NewFloat(x)).Float64()
			if g, want := parts(got, i)[0], rnd(e); g != want {
				t.Errorf("%v sqrt(%g) = %g, want %g", dt, x, g, want)
				break
			}
		}
	}
}

// TestRintSignEdges checks rint's ties to even and sign's special values.
func TestRintSignEdges(t *testing.T) {
	b := cpu.New(0)
	negZero := math.Copysign(0, -1) // Go's constant -0.0 is +0
	in := []float64{0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 0.49999999999999994, negZero, math.Inf(-1), math.NaN(), 4503599627370495.5}
	rint := []float64{0, 2, 2, negZero, -2, -2, 0, negZero, math.Inf(-1), math.NaN(), 4503599627370496}
	sign := []float64{1, 1, 1, -1, -1, -1, 1, 0, -1, math.NaN(), 1}
	for op, want := range map[ir.Op][]float64{ir.Rint: rint, ir.Sign: sign} {
		got := elems[float64](apply(t, b, kernelOf(op, dtype.Float64, dtype.Float64), []host{hostOf(in...)})[0])
		for i := range in {
			if math.Float64bits(got[i]) != math.Float64bits(want[i]) && !(math.IsNaN(got[i]) && math.IsNaN(want[i])) {
				t.Errorf("%s(%g) = %g, want %g", op, in[i], got[i], want[i])
			}
		}
	}
}
