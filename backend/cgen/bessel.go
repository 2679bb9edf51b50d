package cgen

import (
	"strconv"
	"strings"

	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/cephes"
)

// The C of i0 and bitwise_count, following the CPU backend's bessel.go
// step for step.

// i0Names are the i0 helper of each float dtype.
var i0Names = map[dtype.DType]string{dtype.Float64: "i0_f64", dtype.Float32: "i0_f32", dtype.Float16: "i0_h", dtype.BFloat16: "i0_bf"}

// besselHelpers are the i0 helpers: np.i0's Chebyshev evaluation with the
// coefficients rounded to the dtype (as NumPy converts its Python floats)
// and every step rounded to it ($R: rh or rb for float16 and bfloat16,
// whose values compute in float).
func besselHelpers() []helper {
	var hs []helper
	for _, s := range []struct {
		dt               dtype.DType
		F, f, round, dep string
	}{
		{dtype.Float64, "double", "", "", ""}, {dtype.Float32, "float", "f", "", ""},
		{dtype.Float16, "float", "f", "rh", "half"}, {dtype.BFloat16, "float", "f", "rb", "bfloat"},
	} {
		r := strings.NewReplacer("$F", s.F, "$f", s.f, "$N", i0Names[s.dt], "$R", s.round,
			"$A", coefficients(cephes.I0A, s.dt), "$B", coefficients(cephes.I0B, s.dt))
		h := helper{name: i0Names[s.dt], cuda: r.Replace(`static __device__ $F $N($F x) {
  const $F A[] = {$A};
  const $F B[] = {$B};
  x = fabs$f(x);
  const bool low = x <= 8;
  const $F y = low ? $R($R(x / 2) - 2) : $R($R(32 / x) - 2);
  const $F* c = low ? A : B;
  const int n = low ? (int)(sizeof(A) / sizeof(A[0])) : (int)(sizeof(B) / sizeof(B[0]));
  $F b0 = c[0], b1 = 0, b2 = 0;
  for (int i = 1; i < n; i++) {
    b2 = b1;
    b1 = b0;
    b0 = $R($R($R(y * b1) - b2) + c[i]);
  }
  const $F p = $R($R(exp$f(x)) * $R(($F)0.5 * $R(b0 - b2)));
  return low ? p : $R(p / $R(sqrt$f(x)));
}
`)}
		if s.dep != "" {
			h.deps = []string{s.dep}
		}
		hs = append(hs, h)
	}
	return hs
}

// coefficients writes cs rounded to dt, exactly, as a C initializer list.
func coefficients(cs []float64, dt dtype.DType) string {
	out := make([]string, len(cs))
	for i, c := range cs {
		switch dt {
		case dtype.Float32:
			c = float64(float32(c))
		case dtype.Float16:
			c = dtype.F16FromFloat64(c).Float64()
		case dtype.BFloat16:
			c = dtype.BF16FromFloat64(c).Float64()
		}
		out[i] = strconv.FormatFloat(c, 'g', -1, 64)
	}
	return strings.Join(out, ", ")
}

// i0 is the C of np.i0 on x of float dtype t.
func (e *emitter) i0(t dtype.DType, x string) string {
	e.need.add(i0Names[t])
	return i0Names[t] + "(" + x + ")"
}

// bitwiseCount is the C of bitwise_count on x of integer dtype t.
func (e *emitter) bitwiseCount(x string) string {
	e.need.add("gcd") // absu: the magnitude as u64
	return "(u8)__popcll(absu(" + x + "))"
}
