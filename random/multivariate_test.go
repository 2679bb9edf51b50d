package random_test

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/random"
)

// column j of rows of width k.
func column(xs []float64, k, j int) []float64 {
	var out []float64
	for i := j; i < len(xs); i += k {
		out = append(out, xs[i])
	}
	return out
}

func TestDirichlet(t *testing.T) {
	g := random.New(401)
	const rows = 50_000
	for _, alpha := range [][]float64{{2, 3, 5}, {0.5}, {0.05, 0.08, 0.06}, {0.01, 0.02, 0.05, 0.002}, {0, 1, 2}, {1e-3, 300}} {
		name := fmt.Sprintf("Dirichlet(%v)", alpha)
		a := g.Dirichlet(alpha, rows)
		k := len(alpha)
		if got := a.Shape(); !slices.Equal(got, []int{rows, k}) {
			t.Fatalf("%s: shape %v", name, got)
		}
		xs := floats(t, a)
		for r := range rows {
			row := xs[r*k : (r+1)*k]
			sum := 0.0
			for _, x := range row {
				if !(x >= 0 && x <= 1) {
					t.Fatalf("%s: row %d = %v", name, r, row)
				}
				sum += x
			}
			if math.Abs(sum-1) > 1e-12 {
				t.Fatalf("%s: row %d sums to %v", name, r, sum)
			}
		}
		total := 0.0
		for _, x := range alpha {
			total += x
		}
		// Each component is Beta(alpha_j, total - alpha_j).
		for j, aj := range alpha {
			col := column(xs, k, j)
			if aj == 0 || aj == total {
				if want := aj / total; slices.ContainsFunc(col, func(x float64) bool { return x != want }) {
					t.Errorf("%s: component %d is not all %v", name, j, want)
				}
				continue
			}
			b := total - aj
			cname := fmt.Sprintf("%s component %d", name, j)
			// Below 0.05 a Beta parameter puts mass past float64's range
			// (under 1e-300, or within 2^-53 of 1): no sample shows it.
			if aj >= 0.05 && b >= 0.05 {
				checkKS(t, cname, col, func(x float64) float64 { return betaInc(aj, b, x) })
			}
			checkMean(t, cname, col, aj/total, aj*b/(total*total*(total+1)))
		}
	}
	if xs := floats(t, g.Dirichlet([]float64{0, 0}, 3)); slices.ContainsFunc(xs, func(x float64) bool { return x != 0 }) {
		t.Errorf("Dirichlet([0 0]) = %v, want zeros", xs)
	}
	one := g.Dirichlet(array.FromSlice([]float32{1, 2}, 2))
	if got := one.Shape(); !slices.Equal(got, []int{2}) || one.Err() != nil {
		t.Errorf("Dirichlet of an array, no size: shape %v, error %v", got, one.Err())
	}
	if empty := g.Dirichlet([]float64{}, 4); !slices.Equal(empty.Shape(), []int{4, 0}) || empty.Err() != nil {
		t.Errorf("Dirichlet([]): shape %v, error %v", empty.Shape(), empty.Err())
	}
}

func TestMultinomial(t *testing.T) {
	g := random.New(402)
	// The whole joint distribution of a small case: 3 trials over 3
	// categories, chi-square over its 10 outcomes.
	p := []float64{0.2, 0.5, 0.3}
	ks := values[int64](t, g.Multinomial(3, p, 60_000))
	var outcomes []int64
	var pmf []float64
	for a := range int64(4) {
		for b := range 4 - a {
			c := 3 - a - b
			pmf = append(pmf, 6/float64(fact(a)*fact(b)*fact(c))*math.Pow(p[0], float64(a))*math.Pow(p[1], float64(b))*math.Pow(p[2], float64(c)))
			outcomes = append(outcomes, a*16+b*4+c)
		}
	}
	var codes []int64
	for r := 0; r < len(ks); r += 3 {
		code := ks[r]*16 + ks[r+1]*4 + ks[r+2]
		i := slices.Index(outcomes, code)
		if i < 0 {
			t.Fatalf("Multinomial(3, %v) gave %v", p, ks[r:r+3])
		}
		codes = append(codes, int64(i))
	}
	checkChiSquare(t, "Multinomial(3, [0.2 0.5 0.3]) outcomes", codes, func(k int64) float64 {
		if k >= int64(len(pmf)) {
			return 0
		}
		return pmf[k]
	}, 0)

	// Larger: sums, and each count binomial. The last probability is
	// what the others leave (NumPy ignores the one given).
	for _, c := range []struct {
		n  int64
		ps []float64
	}{{100, []float64{0.1, 0.2, 0.05, 0.3, 0.15, 0.2}}, {1000, []float64{0.25, 0.25, 0.5, 0.7}}, {7, []float64{1}}, {50, []float64{0, 0.5, 0, 0.2, 0.3}}} {
		name := fmt.Sprintf("Multinomial(%d, %v)", c.n, c.ps)
		k := len(c.ps)
		ks := values[int64](t, g.Multinomial(c.n, c.ps, 40_000))
		last := 1.0
		for _, q := range c.ps[:k-1] {
			last -= q
		}
		for r := 0; r < len(ks); r += k {
			sum := int64(0)
			for _, x := range ks[r : r+k] {
				sum += x
			}
			if sum != c.n {
				t.Fatalf("%s: row %v sums to %d", name, ks[r:r+k], sum)
			}
		}
		for j := range k {
			q := c.ps[j]
			if j == k-1 {
				q = last
			}
			var col []int64
			for i := j; i < len(ks); i += k {
				col = append(col, ks[i])
			}
			if q == 0 || q == 1 {
				if want := int64(q) * c.n; slices.ContainsFunc(col, func(x int64) bool { return x != want }) {
					t.Errorf("%s: category %d is not all %d", name, j, want)
				}
				continue
			}
			checkChiSquare(t, fmt.Sprintf("%s category %d", name, j), col, binomialPMF(c.n, q), 0)
		}
	}

	// n and pvals broadcast: n (2, 1) against pvals (3, 2) gives (2, 3, 2).
	n := array.FromSlice([]int64{10, 1000}, 2, 1)
	pv := array.FromSlice([]float64{1, 0, 0.5, 0.5, 0, 1}, 3, 2)
	b := g.Multinomial(n, pv)
	if got := b.Shape(); !slices.Equal(got, []int{2, 3, 2}) {
		t.Fatalf("Multinomial((2,1), (3,2)): shape %v, error %v", got, b.Err())
	}
	bs := values[int64](t, b)
	for i, want := range []int64{10, 0, -1, -1, 0, 10, 1000, 0, -1, -1, 0, 1000} {
		if want >= 0 && bs[i] != want {
			t.Errorf("Multinomial((2,1), (3,2)) = %v", bs)
			break
		}
	}
	if bs[2]+bs[3] != 10 || bs[8]+bs[9] != 1000 {
		t.Errorf("Multinomial((2,1), (3,2)) = %v: rows do not sum to n", bs)
	}
	if got := g.Multinomial(n, pv, 4, 2, 3).Shape(); !slices.Equal(got, []int{4, 2, 3, 2}) {
		t.Errorf("Multinomial with size (4, 2, 3): shape %v", got)
	}
}

func fact(n int64) int64 {
	if n <= 1 {
		return 1
	}
	return n * fact(n-1)
}

func TestMultivariateNormal(t *testing.T) {
	g := random.New(403)
	mean := []float64{1, -2, 0.5}
	cov := [][]float64{{2, 0.6, -0.3}, {0.6, 1, 0.2}, {-0.3, 0.2, 0.5}}
	// A singular (rank 2) covariance: svd and eigh take it, cholesky not.
	singular := [][]float64{{1, 1, 0}, {1, 1, 0}, {0, 0, 2}}
	const rows = 100_000
	for _, c := range []struct {
		method string
		cov    [][]float64
	}{{"", cov}, {"svd", singular}, {"eigh", cov}, {"eigh", singular}, {"cholesky", cov}} {
		name := fmt.Sprintf("MultivariateNormal(%s, %v)", c.method, c.cov)
		a := g.MultivariateNormal(mean, c.cov, &random.MultivariateNormalOptions{Method: c.method}, rows)
		if got := a.Shape(); !slices.Equal(got, []int{rows, 3}) {
			t.Fatalf("%s: shape %v, error %v", name, got, a.Err())
		}
		xs := floats(t, a)
		// Every projection v·x is normal of mean v·mean and variance vᵀ·cov·v.
		for _, v := range [][]float64{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {1, 1, 0}, {0.3, -1, 2}} {
			m, s2 := 0.0, 0.0
			for i := range 3 {
				m += v[i] * mean[i]
				for j := range 3 {
					s2 += v[i] * c.cov[i][j] * v[j]
				}
			}
			proj := make([]float64, rows)
			for r := range rows {
				for i := range 3 {
					proj[r] += v[i] * xs[r*3+i]
				}
			}
			pname := fmt.Sprintf("%s projected on %v", name, v)
			checkMoments(t, pname, proj, m, s2, 0)
			checkKS(t, pname, proj, func(x float64) float64 { return normalCDF((x - m) / math.Sqrt(s2)) })
		}
	}
	// A 1-d mean array and a (2, 2) covariance array; the result keeps size's shape.
	a := g.MultivariateNormal(array.FromSlice([]float64{0, 0}, 2), array.FromSlice([]float64{1, 0, 0, 1}, 2, 2), nil, 4, 5)
	if got := a.Shape(); !slices.Equal(got, []int{4, 5, 2}) || a.Err() != nil {
		t.Errorf("MultivariateNormal of arrays, size (4, 5): shape %v, error %v", got, a.Err())
	}
	if one := g.MultivariateNormal([]float64{3}, [][]float64{{0}}, nil); !slices.Equal(one.Shape(), []int{1}) {
		t.Errorf("MultivariateNormal with no size: shape %v, error %v", one.Shape(), one.Err())
	} else if x := floats(t, one); x[0] != 3 {
		t.Errorf("MultivariateNormal(3, 0) = %v, want 3", x)
	}
	// A covariance that is not positive-semidefinite: an error unless ignored.
	bad := [][]float64{{1, 2}, {2, 1}}
	for _, o := range []*random.MultivariateNormalOptions{nil, {CheckValid: "warn"}, {CheckValid: "raise"}, {Method: "eigh"}} {
		if err := g.MultivariateNormal([]float64{0, 0}, bad, o, 3).Err(); err == nil || !strings.Contains(err.Error(), "positive-semidefinite") {
			t.Errorf("options %+v: error %v, want one about positive-semidefinite", o, err)
		}
	}
	if err := g.MultivariateNormal([]float64{0, 0}, bad, &random.MultivariateNormalOptions{CheckValid: "ignore"}, 3).Err(); err != nil {
		t.Errorf("CheckValid ignore: %v", err)
	}
	// The tolerance decides: a covariance off symmetric by 1e-6.
	skew := [][]float64{{1, 0.5}, {0.5 + 1e-6, 1}}
	if err := g.MultivariateNormal([]float64{0, 0}, skew, nil, 3).Err(); err == nil {
		t.Error("a covariance 1e-6 off symmetric passed the default tolerance 1e-8")
	}
	if err := g.MultivariateNormal([]float64{0, 0}, skew, &random.MultivariateNormalOptions{Tol: 1e-5}, 3).Err(); err != nil {
		t.Errorf("tolerance 1e-5: %v", err)
	}
}

func TestBytes(t *testing.T) {
	g := random.New(404)
	b, err := g.Bytes(51_200)
	if err != nil || len(b) != 51_200 {
		t.Fatalf("Bytes(51200): %d bytes, error %v", len(b), err)
	}
	ks := make([]int64, len(b))
	for i, x := range b {
		ks[i] = int64(x)
	}
	checkChiSquare(t, "Bytes", ks, func(k int64) float64 { return float64(boolInt(k < 256)) / 256 }, 0)
	if b, err := g.Bytes(0); err != nil || len(b) != 0 {
		t.Errorf("Bytes(0) = %v, %v", b, err)
	}
	if _, err := g.Bytes(-1); err == nil {
		t.Error("Bytes(-1): no error")
	}
}
