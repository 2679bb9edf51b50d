package array

import (
	"cmp"
	"errors"
	"fmt"
	"math/bits"
	"slices"
)

// ErrTooHard is the error of SharesMemory when deciding took more work
// than allowed (NumPy's TooHardError).
var ErrTooHard = errors.New("exceeded max_work")

// DefaultShareWork is the work SharesMemory spends at most when no bound
// is given: far more than arrays of a few axes ever need, and little
// enough to answer in a fraction of a second.
const DefaultShareWork = 1 << 22

// MayShareMemory reports whether a and b are views of one buffer whose
// byte ranges overlap, as np.may_share_memory: false means they share no
// memory; true means they may (SharesMemory decides exactly).
func MayShareMemory(a, b *Array) (bool, error) {
	return sharesMemory("MayShareMemory", a, b, 0)
}

// SharesMemory reports whether a and b have an element in common, as
// np.shares_memory: exactly, by solving for a pair of indices of a and b
// that reach one byte. maxWork bounds the candidate solutions tried
// (default DefaultShareWork; negative: no bound; 0: only compare the
// byte ranges, as MayShareMemory); beyond it the error wraps ErrTooHard.
// Arrays on different buffers never share memory.
func SharesMemory(a, b *Array, maxWork ...int) (bool, error) {
	work := DefaultShareWork
	switch len(maxWork) {
	case 0:
	case 1:
		work = maxWork[0]
	default:
		return false, fmt.Errorf("SharesMemory: want at most one maxWork, got %d", len(maxWork))
	}
	return sharesMemory("SharesMemory", a, b, work)
}

func sharesMemory(op string, a, b *Array, maxWork int) (bool, error) {
	if err := a.checkOp(op); err != nil {
		return false, err
	}
	if err := b.checkOp(op); err != nil {
		return false, err
	}
	if a.st != b.st || a.Size() == 0 || b.Size() == 0 {
		return false, nil
	}
	// The problem: sum of coef[i]*x[i] == target with 0 <= x[i] <= ub[i],
	// x running over the indices of a and of b (b's reversed, to make every
	// coefficient positive) and the bytes within an element of each.
	baseA, termsA := byteTerms(a)
	baseB, termsB := byteTerms(b)
	target := baseB - baseA
	for _, t := range termsB {
		target += t.coef * t.ub
	}
	s := newOverlapSolver(mergeTerms(append(termsA, termsB...)), maxWork)
	if target < 0 || target > s.rest[0].reach { // the byte ranges are apart
		return false, nil
	}
	if maxWork == 0 {
		return true, nil
	}
	found, err := s.solve(0, target)
	if err != nil {
		return false, fmt.Errorf("%s: arrays of shapes %s and %s: %w (%d candidate solutions)", op, formatShape(a.shape), formatShape(b.shape), err, maxWork)
	}
	return found, nil
}

// overlapTerm is coef*x with x in [0, ub].
type overlapTerm struct{ coef, ub int }

// byteTerms returns the byte offset of a's lowest element in its buffer
// and the terms that reach each byte of its elements from there: one per
// axis of more than one element (the stride's magnitude in bytes), one
// for the bytes within an element.
func byteTerms(a *Array) (base int, terms []overlapTerm) {
	size := a.dt.Size()
	base = a.offset * size
	for d, n := range a.shape {
		s := a.strides[d] * size
		if n > 1 && s != 0 {
			if s < 0 {
				base += (n - 1) * s
				s = -s
			}
			terms = append(terms, overlapTerm{s, n - 1})
		}
	}
	if size > 1 {
		terms = append(terms, overlapTerm{1, size - 1})
	}
	return base, terms
}

// mergeTerms joins terms of one coefficient (x+y with x, y in [0, u],
// [0, v] takes every value of [0, u+v]) and sorts them by decreasing
// coefficient, which makes each step's range of values short.
func mergeTerms(terms []overlapTerm) []overlapTerm {
	slices.SortFunc(terms, func(p, q overlapTerm) int { return cmp.Compare(q.coef, p.coef) })
	var out []overlapTerm
	for _, t := range terms {
		if k := len(out) - 1; k >= 0 && out[k].coef == t.coef {
			out[k].ub += t.ub
			continue
		}
		out = append(out, t)
	}
	return out
}

// overlapSolver searches depth first for a solution of the bounded
// linear Diophantine equation of mergeTerms' terms: each step tries only
// the values of its term that leave a remainder the later terms can
// reach (in range, and a multiple of their coefficients' gcd).
type overlapSolver struct {
	terms  []overlapTerm
	budget int // candidates left; negative: no bound
	// rest[k] is what terms[k:] reach together: their largest sum and the
	// gcd of their coefficients (0 for none).
	rest []struct{ reach, gcd int }
}

func newOverlapSolver(terms []overlapTerm, budget int) *overlapSolver {
	s := &overlapSolver{terms: terms, budget: budget, rest: make([]struct{ reach, gcd int }, len(terms)+1)}
	for i := len(terms) - 1; i >= 0; i-- {
		s.rest[i].reach = s.rest[i+1].reach + terms[i].coef*terms[i].ub
		s.rest[i].gcd = gcd(s.rest[i+1].gcd, terms[i].coef)
	}
	return s
}

// solve reports whether terms[k:] reach target.
func (s *overlapSolver) solve(k, target int) (bool, error) {
	if k == len(s.terms) {
		return target == 0, nil
	}
	t, after := s.terms[k], s.rest[k+1]
	lo := max(0, ceilDiv(target-after.reach, t.coef))
	hi := min(t.ub, target/t.coef)
	step := 1
	if after.gcd > 0 {
		// t.coef*x ≡ target (mod after.gcd)
		g := gcd(t.coef, after.gcd)
		if target%g != 0 {
			return false, nil
		}
		step = after.gcd / g
		x0 := mulMod(target/g, modInverse(t.coef/g%step, step), step)
		lo += ((x0-lo)%step + step) % step
	} else if target%t.coef != 0 {
		return false, nil
	} else {
		lo = target / t.coef
	}
	for x := lo; x <= hi; x += step {
		if s.budget == 0 {
			return false, ErrTooHard
		}
		if s.budget > 0 {
			s.budget--
		}
		if found, err := s.solve(k+1, target-t.coef*x); found || err != nil {
			return found, err
		}
	}
	return false, nil
}

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

func ceilDiv(a, b int) int {
	q := a / b
	if a%b != 0 && a > 0 {
		q++
	}
	return q
}

// modInverse returns the inverse of a modulo m (a and m coprime, m >= 1).
func modInverse(a, m int) int {
	if m == 1 {
		return 0
	}
	r0, r1, s0, s1 := m, a, 0, 1
	for r1 != 0 {
		q := r0 / r1
		r0, r1 = r1, r0-q*r1
		s0, s1 = s1, s0-q*s1
	}
	return (s0%m + m) % m
}

// mulMod is a*b mod m for non-negative a, b and m >= 1, without overflow.
func mulMod(a, b, m int) int {
	hi, lo := bits.Mul64(uint64(a), uint64(b))
	_, r := bits.Div64(hi%uint64(m), lo, uint64(m))
	return int(r)
}
