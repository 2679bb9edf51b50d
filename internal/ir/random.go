package ir

import (
	"fmt"

	"github.com/cugo/cugo/dtype"
)

// Random numbers are a pure function of (key, stream, position): a
// counter-based generator, Philox4x32-10 (Salmon et al., SC'11), computed
// inside the kernel, so that every backend, launch geometry and device
// gives the same bits for the same element.
//
// The stream of (key, stream) is a sequence of 32-bit words: word w is
// word w mod 4 of the Philox4x32-10 block of key (low 32 bits, high 32
// bits) and counter (w/4 low, w/4 high, stream low, stream high). The
// 64-bit word p of the stream is 32-bit word 2p (low half) and 2p+1 (high
// half).
//
// The samplers (RandomBounded, RandomGamma, RandomPoisson, RandomBinomial
// and those after RandomNormal) reject candidates, so an element may need several words: the element
// at position p reads the 64-bit words p*SamplerWords+t, t = 0, 1, ...,
// in a fixed order and gives up after SamplerWords of them (with a
// chance below 2^-80): RandomBounded then gives its last candidate, the
// others NaN or -1. Every backend runs the same algorithm in the same
// order; integer samplers are bit-identical across backends except where
// a transcendental function's last bit tips a rejection test, which
// float64 makes vanishingly rare.
const (
	Counter              Op = iota + 200 // leaf (Uint64): the element's C-order index in the launch shape
	Philox                               // (key, stream, position Uint64) -> the Uint32 or Uint64 word of the stream
	RandomBounded                        // (key, stream, position, r Uint64) -> Uint64 uniform in [0, r], unbiased
	RandomGamma                          // (key, stream, position Uint64, shape Float64) -> Float64 standard gamma
	RandomPoisson                        // (key, stream, position Uint64, lam Float64) -> Int64
	RandomBinomial                       // (key, stream, position Uint64, n Int64, p Float64) -> Int64
	RandomNormal                         // (key, stream, position Uint64) -> Float32 standard normal (see below)
	RandomVonMises                       // (key, stream, position Uint64, kappa Float64) -> Float64 von Mises angle about 0, in [-π, π]
	RandomZipf                           // (key, stream, position Uint64, a Float64) -> Int64
	RandomLogseries                      // (key, stream, position Uint64, p Float64) -> Int64
	RandomHypergeometric                 // (key, stream, position Uint64, ngood, nbad, nsample Int64) -> Int64
)

// RandomNormal is a float32 standard normal by Box-Muller over pairs of
// positions, so that one Philox block serves four of them: positions 4b
// and 4b+1 take words w1, w2 = words 0 and 1 of block b of the 32-bit
// stream, positions 4b+2 and 4b+3 words 2 and 3; even positions are
// r·cos θ and odd ones r·sin θ, r = sqrt(-2 log u), u = float32(w1|1)·2^-32
// (in (0, 1], so r <= 6.67); θ is v quarter turns, v = (w2 mod 2^23 | 1)·
// 2^-23 - 1/2, mirrored in the diagonal where bit 30 of w2 is set and
// turned by half a turn where bit 31 is (uniform on 2^24 points of the
// circle). The log, cos and sin
// are float32 polynomials (the Normal* constants) evaluated with
// correctly rounded float32 operations and fused multiply-adds in a
// fixed order, so every backend gives the same bits; the CPU backend's
// randomNormal is the definition.

// The log: u = 2^k (1+f), 1+f in [sqrt(1/2), sqrt(2)), and
// -2 log u = k·NormalMinus2Ln2 + f (-2 + f Q(f)), Q(f) the polynomial of
// the NormalLog coefficients (lowest degree first), within 2^-24 of
// (2f - 2 log(1+f))/f² relative to the result (fitted to minimise it).
var NormalLog = [8]float32{0x1.fffffap-1, -0x1.5556f4p-1, 0x1.00049ap-1, -0x1.98d2cp-2,
	0x1.535d2ep-2, -0x1.318528p-2, 0x1.2504a8p-2, -0x1.65c78p-3}

// NormalMinus2Ln2 is -2 log 2 as a float32.
const NormalMinus2Ln2 float32 = -0x1.62e43p+0

// The sine and cosine of a quarter turn times v, |v| <= 1/2: sin = v S(v²)
// and cos = 1 + v² C(v²), S and C the polynomials of NormalSin and
// NormalCos (lowest degree first, fitted to the relative error).
var (
	NormalSin = [4]float32{0x1.921fb6p+0, -0x1.4abbbap-1, 0x1.465e92p-4, -0x1.2d93p-8}
	NormalCos = [3]float32{-0x1.3bd39cp+0, 0x1.03b09p-2, -0x1.4e844ap-6}
)

// SamplerWords is how many 64-bit words of the stream each element of a
// sampler owns.
const SamplerWords = 256

// InversionSteps bounds the sequential searches of the Poisson and
// binomial inversions, used for means below 30.
const InversionSteps = 1000

// Philox4x32-10's constants: the round multipliers and the key increments.
const (
	PhiloxM0 = 0xD2511F53
	PhiloxM1 = 0xCD9E8D57
	PhiloxW0 = 0x9E3779B9
	PhiloxW1 = 0xBB67AE85
)

func randomArity(op Op) int {
	switch op {
	case Counter:
		return 0
	case Philox, RandomNormal:
		return 3
	case RandomBounded, RandomGamma, RandomPoisson, RandomVonMises, RandomZipf, RandomLogseries:
		return 4
	case RandomBinomial:
		return 5
	case RandomHypergeometric:
		return 6
	}
	return -1
}

// IsRandom reports whether op is one of the random operations above.
func (op Op) IsRandom() bool { return op >= Counter && op <= RandomHypergeometric }

func init() {
	// Their names; Node.Check types them with checkRandom, not the table.
	signatures[Counter] = Signature{Name: "counter"}
	signatures[Philox] = Signature{Name: "philox"}
	signatures[RandomBounded] = Signature{Name: "random_bounded"}
	signatures[RandomGamma] = Signature{Name: "random_gamma"}
	signatures[RandomPoisson] = Signature{Name: "random_poisson"}
	signatures[RandomBinomial] = Signature{Name: "random_binomial"}
	signatures[RandomNormal] = Signature{Name: "random_normal"}
	signatures[RandomVonMises] = Signature{Name: "random_vonmises"}
	signatures[RandomZipf] = Signature{Name: "random_zipf"}
	signatures[RandomLogseries] = Signature{Name: "random_logseries"}
	signatures[RandomHypergeometric] = Signature{Name: "random_hypergeometric"}
}

// checkRandom enforces the operand and result dtypes of a random op.
func checkRandom(n *Node) error {
	want := []dtype.DType{dtype.Uint64, dtype.Uint64, dtype.Uint64}
	result := dtype.Uint64
	switch n.Op {
	case Counter:
		want = nil
	case Philox:
		result = n.DType
		if result != dtype.Uint32 {
			result = dtype.Uint64
		}
	case RandomBounded:
		want = append(want, dtype.Uint64)
	case RandomGamma:
		want, result = append(want, dtype.Float64), dtype.Float64
	case RandomPoisson:
		want, result = append(want, dtype.Float64), dtype.Int64
	case RandomBinomial:
		want, result = append(want, dtype.Int64, dtype.Float64), dtype.Int64
	case RandomNormal:
		result = dtype.Float32
	case RandomVonMises:
		want, result = append(want, dtype.Float64), dtype.Float64
	case RandomZipf, RandomLogseries:
		want, result = append(want, dtype.Float64), dtype.Int64
	case RandomHypergeometric:
		want, result = append(want, dtype.Int64, dtype.Int64, dtype.Int64), dtype.Int64
	}
	if n.DType != result {
		return fmt.Errorf("ir: %s gives %v, not %v", n.Op, result, n.DType)
	}
	for i, dt := range want {
		if got := n.Args[i].DType; got != dt {
			return fmt.Errorf("ir: %s: argument %d is %v, want %v", n.Op, i, got, dt)
		}
	}
	return nil
}
