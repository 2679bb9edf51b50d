package random

import (
	"math"

	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/ir"
)

// Building blocks of the float64 draws that combine several variates.
//
// A draw that mixes samplers (which own ir.SamplerWords words of the
// stream per position) with plain uniforms takes every word from sampler
// slots: slot j of w is position(j, w), and its plain words are the
// first words of that slot's run, so no two elements share a word.

const f64 = dtype.Float64

func op1(op ir.Op, x *ir.Node) *ir.Node    { return ir.Apply(op, f64, x) }
func op2(op ir.Op, x, y *ir.Node) *ir.Node { return ir.Apply(op, f64, x, y) }

// where is cond ? x : y.
func where(cond, x, y *ir.Node) *ir.Node { return ir.Apply(ir.Where, f64, cond, x, y) }

func less(x, y *ir.Node) *ir.Node { return ir.Apply(ir.Less, dtype.Bool, x, y) }

// c is the float64 constant x.
func (k *kernel) c(x float64) *ir.Node { return k.float(f64, x) }

// slotWord is the stream position of word t of sampler slot j of w.
func (k *kernel) slotWord(j, w, t uint64) *ir.Node {
	p := ir.Apply(ir.Mul, dtype.Uint64, k.position(j, w), k.u64(ir.SamplerWords))
	if t == 0 {
		return p
	}
	return ir.Apply(ir.Add, dtype.Uint64, p, k.u64(t))
}

// slotUniform is a float64 uniform in [0, 1) from the first word of slot j of w.
func (k *kernel) slotUniform(j, w uint64) *ir.Node { return k.uniformAt(f64, k.slotWord(j, w, 0)) }

// slotNormal is a float64 standard normal from the first two words of slot j of w.
func (k *kernel) slotNormal(j, w uint64) *ir.Node {
	return k.boxMuller(f64, k.uniformAt(f64, k.slotWord(j, w, 0)), k.uniformAt(f64, k.slotWord(j, w, 1)))
}

// openUniform is word j of w as a float64 in (0, 1): the top 52 bits plus
// one half, scaled. u and 1-u are both exact, so the transforms that take
// the logarithm of either never meet 0.
func (k *kernel) openUniform(j, w uint64) *ir.Node {
	bits := ir.Apply(ir.Philox, dtype.Uint64, k.key, k.stream, k.position(j, w))
	top := ir.To(ir.Apply(ir.RightShift, dtype.Uint64, bits, k.u64(12)), f64)
	return op2(ir.Mul, op2(ir.Add, top, k.c(0.5)), k.c(0x1p-52))
}

// sampler applies a sampler op to slot j of w with the given parameters.
func (k *kernel) sampler(op ir.Op, dt dtype.DType, j, w uint64, params ...*ir.Node) *ir.Node {
	return ir.Apply(op, dt, append([]*ir.Node{k.key, k.stream, k.position(j, w)}, params...)...)
}

// chisquare is a chi-square variate of df degrees of freedom from slot j
// of w: twice a gamma of shape df/2, and +Inf for an infinite df.
func (k *kernel) chisquare(df *ir.Node, j, w uint64) *ir.Node {
	x := op2(ir.Mul, k.c(2), k.gamma(op2(ir.Mul, df, k.c(0.5)), j, w))
	return where(ir.Apply(ir.IsInf, dtype.Bool, df), df, x)
}

// chisquareMean1 is a chi-square variate of df degrees of freedom over
// df, from slot j of w: 1 for an infinite df, its limit.
func (k *kernel) chisquareMean1(df *ir.Node, j, w uint64) *ir.Node {
	half := op2(ir.Mul, df, k.c(0.5))
	return where(ir.Apply(ir.IsInf, dtype.Bool, df), k.c(1), op2(ir.Div, k.gamma(half, j, w), half))
}

// noncentralChisquare uses slots j to j+3 of w: for df > 1 a chi-square
// of df-1 plus the square of a normal of mean sqrt(nonc), else a
// chi-square of df + 2i for i Poisson of mean nonc/2 (NumPy's choice).
func (k *kernel) noncentralChisquare(df, nonc *ir.Node, j, w uint64) *ir.Node {
	shifted := op2(ir.Add, k.slotNormal(j+1, w), op1(ir.Sqrt, nonc))
	above := op2(ir.Add, k.chisquare(op2(ir.Sub, df, k.c(1)), j, w), op2(ir.Mul, shifted, shifted))
	i := ir.To(k.sampler(ir.RandomPoisson, dtype.Int64, j+2, w, op2(ir.Mul, nonc, k.c(0.5))), f64)
	below := k.chisquare(op2(ir.Add, df, op2(ir.Mul, k.c(2), i)), j+3, w)
	return where(ir.Apply(ir.Greater, dtype.Bool, df, k.c(1)), above, below)
}

// wrapAngle maps x to [-π, π] as NumPy's von Mises does: the remainder
// of |x|+π by 2π, less π, with x's sign.
func (k *kernel) wrapAngle(x *ir.Node) *ir.Node {
	m := op2(ir.Sub, op2(ir.Fmod, op2(ir.Add, op1(ir.Abs, x), k.c(math.Pi)), k.c(2*math.Pi)), k.c(math.Pi))
	return where(less(x, k.c(0)), op1(ir.Neg, m), m)
}
