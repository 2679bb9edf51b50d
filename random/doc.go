// Package random draws random numbers on the device, with NumPy's
// Generator API (numpy.random.Generator): a Generator made from a seed
// gives each distribution of numpy's Generator into a new array of the
// given size, and the package-level functions draw from a default
// generator for scripts:
//
//   - uniform and integers: Random, Uniform, Integers, Bytes;
//   - continuous: StandardNormal, Normal, LogNormal, StandardExponential,
//     Exponential, StandardGamma, Gamma, Beta, ChiSquare,
//     NoncentralChisquare, F, NoncentralF, StandardT, StandardCauchy,
//     Laplace, Logistic, Gumbel, Pareto, Power, Rayleigh, Weibull,
//     Triangular, Wald, VonMises;
//   - discrete (int64): Poisson, Binomial, NegativeBinomial, Geometric,
//     Hypergeometric, Logseries, Zipf;
//   - multivariate (the variates along a last axis): MultivariateNormal,
//     Dirichlet, Multinomial;
//   - permutations: Choice, Permutation, Shuffle, Permuted.
//
// Parameters are Go numbers or arrays that broadcast against size (or
// give the shape without one), in NumPy's order; values NumPy refuses
// with a ValueError are errors here with NumPy's message (a NaN shape,
// scale, degree of freedom or probability is refused too).
//
//	g := random.New(42)
//	x := g.Random(array.Float32, 1000, 1000) // uniform in [0, 1)
//	z := g.Normal(0, 2, 1000)                // float64 normals, mean 0, sd 2
//
// # The same numbers everywhere
//
// The bit generator is Philox4x32-10, a counter-based generator: the bits
// of an element are a pure function of the generator's key, the draw's
// stream number and the element's C-order index in the result, computed
// inside the kernel with no state in device memory. So one seed gives the
// same numbers on the CPU, CUDA and HIP backends, for any result shape,
// output view, launch geometry or device. Integer and uniform draws are
// bit-identical across backends, and so are float32 normals (their log,
// sine and cosine are float32 polynomials every backend rounds alike);
// other draws that go through transcendental functions (float64
// normals, exponentials, gammas...) agree to the last bits of
// each device's math library, as the ufuncs do; the integer samplers
// (Poisson, Binomial, NegativeBinomial, Hypergeometric, Logseries,
// Multinomial) are identical unless such a last bit tips one of their
// rejection tests, which float64 makes vanishingly rare. Zipf's draws
// near a = 1 take a power to a large exponent, whose last bits reach the
// integer part of large values: they agree to 1e-10 relative.
//
// Philox4x32-10 is the usual choice on GPUs (cuRAND, JAX, PyTorch): ten
// rounds of 32-bit multiplies, statistically sound (it passes BigCrush)
// and cheap enough that the draw runs at memory speed.
//
// # Streams
//
// New(seed) derives the 64-bit key from the seed with SplitMix64. Each
// draw uses the next stream number (one 128-bit counter space of 2^64
// blocks), so successive draws never overlap. Jumped(j) returns a
// generator whose stream numbers start 2^40·j further on: it never
// overlaps its parent until one of them has made 2^40 draws. Spawn(n)
// returns children with keys derived from the parent's key, its jumps and
// the child's number, independent streams as numpy's SeedSequence.spawn
// gives (up to MaxSpawn a call, an error past it or for a negative n).
//
// The numbers are not NumPy's: NumPy draws element after element from
// its bit generator's state, its samplers taking as many bits as they
// need, which a kernel of independent elements cannot reproduce. The
// distributions are the same, and the tests check them statistically.
//
// # Algorithms
//
// Floats in [0, 1) take the top 11, 24 or 53 bits of a word for float16,
// float32 and float64; normals use Box-Muller: a float64 normal takes
// two 64-bit words, while float32 normals come in pairs, r·cos θ and
// r·sin θ of one pair of 32-bit words (one Philox block serves four
// normals, the speed of a kernel that only writes; u = (w|1)·2^-32
// rounded to float32, so r reaches 6.67); Integers uses Lemire's multiply-and-reject, unbiased for
// every range including the full range of uint64 and int64; Gamma is
// Marsaglia and Tsang's method (boosted for shape < 1), Poisson inversion
// below a mean of 10 and Hörmann's PTRS above, Binomial inversion below a
// mean of 30 and Hörmann's BTRS above; the rejection loops run on the
// device, each element owning a fixed run of 256 words of the stream.
// The other samplers follow NumPy's algorithms: von Mises by Best and
// Fisher's rejection (the angle from its half-angle tangent, so that the
// backends agree to the last bits), Zipf by Devroye's rejection, Logseries
// by Kemp's LK, Hypergeometric by sequential draws below 10 items and
// Stadlober's HRUA above, NegativeBinomial as a Poisson of a gamma mean,
// the noncentral chi-square as NumPy mixes it; Laplace, Logistic, Gumbel,
// Cauchy, Pareto, Power, Rayleigh, Weibull and Triangular by inversion
// (of a uniform in (0, 1) where a logarithm would meet 0), Wald by
// Michael, Schucany and Haas without their cancellation. A draw that
// mixes samplers and plain words takes each from its own run of words.
// Dirichlet normalises gammas through their logarithms (no 0/0 rows for
// tiny alphas); Multinomial splits each count between halves of the
// categories with one binomial draw per round, ceil(log2 k) rounds on
// the device; MultivariateNormal factors the covariance once with
// array/linalg (SVD, eigh or Cholesky) and multiplies on the device.
// Choice, Permutation, Shuffle and Permuted order random 64-bit keys
// drawn on the device with the device's stable argsort (Choice with
// probabilities: exponential races without replacement, a search of the
// cumulative probabilities with it), so nothing but p's check reads the
// host.
package random
