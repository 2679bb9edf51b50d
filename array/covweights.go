package array

import (
	"fmt"

	"github.com/cugo/cugo/dtype"
)

// The covariance's weights and normalisation: np.cov's keyword
// arguments bias, ddof, fweights, aweights and dtype.

// CovOption changes what CovWith computes.
type CovOption func(*covConfig)

type covConfig struct {
	bias               bool
	ddof               int
	ddofGiven          bool
	fweights, aweights *Array
	dt                 DType
}

// Bias normalises by the number of observations (the sum of the
// weights) instead of one less (NumPy's bias=True); CovDDof overrides it.
func Bias() CovOption { return func(c *covConfig) { c.bias = true } }

// CovDDof normalises by the number of observations less ddof (NumPy's
// ddof=, given); without it, by one less, or with Bias none less.
func CovDDof(ddof int) CovOption { return func(c *covConfig) { c.ddof, c.ddofGiven = ddof, true } }

// FWeights counts each observation as many times as its weight (NumPy's
// fweights=): a 1-d array of whole numbers, one per observation, not
// negative.
func FWeights(w *Array) CovOption { return func(c *covConfig) { c.fweights = w } }

// AWeights weighs each observation by its reliability (NumPy's
// aweights=): a 1-d array of non-negative numbers, one per observation.
func AWeights(w *Array) CovOption { return func(c *covConfig) { c.aweights = w } }

// CovDType computes in dt, a float or complex dtype (NumPy's dtype=);
// with weights the result is then at least float64, as NumPy's.
func CovDType(dt DType) CovOption { return func(c *covConfig) { c.dt = dt } }

// CovWith returns the covariance matrix of the variables of m and then
// those of y (nil: none), as np.cov(m, y, rowvar, bias, ddof, fweights,
// aweights, dtype) with the options given: the observations weighed by
// the product of FWeights and AWeights; normalised by their sum less
// ddof, which is CovDDof's, or without it 1 (0 with Bias); with
// AWeights and a non-zero ddof by sum(w) - ddof*sum(w*aweights)/sum(w).
// Weights that sum to zero are an error, as in NumPy.
func CovWith(m, y *Array, rowvar bool, opts ...CovOption) *Array {
	return cov("CovWith", m, y, rowvar, opts)
}

// degrees is the ddof NumPy uses: the one given, else 0 with bias and 1
// without.
func (c *covConfig) degrees() int {
	switch {
	case c.ddofGiven:
		return c.ddof
	case c.bias:
		return 0
	}
	return 1
}

// weights checks the weights as NumPy does for n observations and
// returns their product as float64 (nil without weights).
func (c *covConfig) weights(n int) (*Array, error) {
	var w *Array
	for _, v := range []struct {
		name  string
		w     *Array
		whole bool
	}{{"fweights", c.fweights, true}, {"aweights", c.aweights, false}} {
		if v.w == nil {
			continue
		}
		if err := v.w.check(); err != nil {
			return nil, err
		}
		if v.w.dt.Kind() == dtype.ComplexKind {
			return nil, fmt.Errorf("%s must be real, not %v", v.name, v.w.dt)
		}
		f := v.w.AsType(Float64)
		if v.whole {
			whole, err := Item[bool](AllTrue(Equal(f, Rint(f))))
			if err != nil {
				return nil, err
			}
			if !whole {
				return nil, fmt.Errorf("fweights must be integer") // NumPy's words, as those below
			}
		}
		switch {
		case len(f.shape) > 1:
			return nil, fmt.Errorf("cannot handle multidimensional %s", v.name)
		case len(f.shape) == 0 || f.shape[0] != n:
			return nil, fmt.Errorf("incompatible numbers of samples and %s", v.name)
		}
		negative, err := Item[bool](AnyTrue(Less(f, 0)))
		if err != nil {
			return nil, err
		}
		if negative {
			return nil, fmt.Errorf("%s cannot be negative", v.name)
		}
		if w == nil {
			w = f
		} else {
			w = Mul(w, f)
		}
	}
	return w, nil
}

// weightedCount is NumPy's normalisation of a covariance weighted by w
// (of sum sum): the sum of the weights less the degrees of freedom.
func (c *covConfig) weightedCount(w *Array, sum float64) (float64, error) {
	ddof := float64(c.degrees())
	switch {
	case ddof == 0:
		return sum, nil
	case c.aweights == nil:
		return sum - ddof, nil
	}
	reliability, err := Item[float64](Sum(Mul(w, c.aweights.AsType(Float64))))
	if err != nil {
		return 0, err
	}
	return sum - ddof*reliability/sum, nil
}
