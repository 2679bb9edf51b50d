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

func TestIntegersBoundsEveryDType(t *testing.T) {
	g := random.New(201)
	cases := []struct {
		dt       array.DType
		min, max int64
	}{
		{array.Bool, 0, 1}, {array.Int8, math.MinInt8, math.MaxInt8}, {array.Int16, math.MinInt16, math.MaxInt16},
		{array.Int32, math.MinInt32, math.MaxInt32}, {array.Uint8, 0, math.MaxUint8},
		{array.Uint16, 0, math.MaxUint16}, {array.Uint32, 0, math.MaxUint32},
	}
	for _, c := range cases {
		// The full range with endpoint, and a small range inside it whose
		// values must be uniform (chi-square).
		full := asInt64s(t, g.Integers(c.min, c.max, true, c.dt, 50_000))
		lo, hi := slices.Min(full), slices.Max(full)
		if lo < c.min || hi > c.max {
			t.Errorf("Integers(%d, %d, endpoint, %v): values in [%d, %d]", c.min, c.max, c.dt, lo, hi)
		}
		if c.max-c.min < 1<<12 && (lo != c.min || hi != c.max) {
			t.Errorf("Integers(%d, %d, endpoint, %v): extremes %d and %d never drawn", c.min, c.max, c.dt, lo, hi)
		}
		if c.dt == array.Bool {
			continue
		}
		a, b := c.max-6, c.max // exclusive of b: 6 values, at the top of the range
		ks := asInt64s(t, g.Integers(a, b, false, c.dt, 60_000))
		checkChiSquare(t, fmt.Sprintf("Integers(%d, %d, %v)", a, b, c.dt), ks, func(k int64) float64 {
			if k >= b {
				return 0
			}
			return 1.0 / 6
		}, a)
	}
	// Full 64-bit ranges: every bit is a fair coin.
	u := values[uint64](t, g.Integers(uint64(0), uint64(math.MaxUint64), true, array.Uint64, 20_000))
	i := values[int64](t, g.Integers(math.MinInt64, math.MaxInt64, true, array.Int64, 20_000))
	for bit := range 64 {
		ones, neg := 0, 0
		for j := range u {
			ones += int(u[j] >> bit & 1)
			neg += int(uint64(i[j]) >> bit & 1)
		}
		// 5 standard deviations of a binomial(20000, 1/2) count: 354.
		if math.Abs(float64(ones)-10_000) > 354 || math.Abs(float64(neg)-10_000) > 354 {
			t.Errorf("bit %d set in %d uint64 and %d int64 draws of 20000", bit, ones, neg)
		}
	}
	// A range of 3·2^62 values: Lemire's rejection is what keeps it uniform.
	big := values[uint64](t, g.Integers(uint64(0), uint64(3<<62), false, array.Uint64, 60_000))
	thirds := make([]int64, len(big))
	for j, x := range big {
		thirds[j] = int64(x >> 62)
	}
	checkChiSquare(t, "Integers(0, 3<<62, uint64) by quarter", thirds, func(k int64) float64 {
		if k > 2 {
			return 0
		}
		return 1.0 / 3
	}, 0)
	if zeros := asInt64s(t, g.Integers(0, 1, false, array.Int64, 100)); slices.Max(zeros) != 0 || slices.Min(zeros) != 0 {
		t.Errorf("Integers(0, 1) = %v, want zeros", zeros)
	}
	if fives := asInt64s(t, g.Integers(5, 5, true, array.Uint8, 100)); slices.Max(fives) != 5 || slices.Min(fives) != 5 {
		t.Errorf("Integers(5, 5, endpoint) = %v, want fives", fives)
	}
}

// TestIntegersArrayBounds draws with bounds that are arrays, broadcast
// against each other and against size.
func TestIntegersArrayBounds(t *testing.T) {
	g := random.New(206)
	low := array.FromSlice([]int32{0, 10, -5}, 3)
	high := array.FromSlice([]int32{1, 20, 5}, 3)
	ks := asInt64s(t, g.Integers(low, high, false, array.Int16, 10_000, 3))
	for col, want := range [][2]int64{{0, 0}, {10, 19}, {-5, 4}} {
		var xs []int64
		for i := col; i < len(ks); i += 3 {
			xs = append(xs, ks[i])
		}
		if lo, hi := slices.Min(xs), slices.Max(xs); lo != want[0] || hi != want[1] {
			t.Errorf("column %d: values in [%d, %d], want [%d, %d]", col, lo, hi, want[0], want[1])
		}
	}
	// A Go number against an array, with endpoint; the shape from the bounds.
	tops := array.FromSlice([]uint64{math.MaxUint64, 3}, 2, 1)
	u := g.Integers(uint64(math.MaxUint64-1), tops, true, array.Uint64)
	if err := u.Err(); err == nil {
		t.Errorf("Integers(2^64-2, [[2^64-1], [3]]): no error for the second bound")
	}
	tops = array.FromSlice([]uint64{math.MaxUint64, math.MaxUint64 - 1}, 2, 1)
	us := values[uint64](t, g.Integers(uint64(math.MaxUint64-1), tops, true, array.Uint64))
	if len(us) != 2 || us[0] < math.MaxUint64-1 || us[1] != math.MaxUint64-1 {
		t.Errorf("Integers(2^64-2, [[2^64-1], [2^64-2]], endpoint) = %v", us)
	}
	negs := asInt64s(t, g.Integers(array.FromSlice([]int64{math.MinInt64}, 1), math.MinInt64+2, false, array.Int64, 1000))
	if lo, hi := slices.Min(negs), slices.Max(negs); lo != math.MinInt64 || hi != math.MinInt64+1 {
		t.Errorf("Integers([MinInt64], MinInt64+2): values in [%d, %d]", lo, hi)
	}
	for _, c := range []struct {
		name string
		a    *array.Array
		want string
	}{
		{"low >= high somewhere", g.Integers(low, array.FromSlice([]int32{1, 10, 5}, 3), false, array.Int16), "low >= high"},
		{"out of int8", g.Integers(low, array.FromSlice([]int32{1, 300, 5}, 3), false, array.Int8), "out of bounds for int8"},
		{"float bounds", g.Integers(array.FromSlice([]float64{0}, 1), 3, false, array.Int8), "integer dtype"},
		{"no broadcast", g.Integers(low, array.FromSlice([]int32{1, 2}, 2), false, array.Int8), "broadcast"},
	} {
		if err := c.a.Err(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one containing %q", c.name, err, c.want)
		}
	}
}

func asInt64s(t *testing.T, a *array.Array) []int64 {
	t.Helper()
	return values[int64](t, a.AsType(array.Int64))
}

func TestChoice(t *testing.T) {
	g := random.New(202)
	// Without replacement: distinct, and each item equally likely overall.
	for range 20 {
		ks := values[int64](t, g.Choice(50, false, nil, 50))
		if !isPermutation(ks, 50) {
			t.Fatalf("Choice(50, all, no replacement) = %v, not a permutation", ks)
		}
	}
	var firsts []int64
	for range 600 {
		ks := values[int64](t, g.Choice(1000, false, nil, 3))
		if ks[0] == ks[1] || ks[1] == ks[2] || ks[0] == ks[2] {
			t.Fatalf("Choice without replacement repeated an item: %v", ks)
		}
		firsts = append(firsts, ks[0]%6)
	}
	checkChiSquare(t, "first item of Choice(1000, 3) mod 6", firsts, func(k int64) float64 {
		return map[bool]float64{true: 167.0 / 1000, false: 166.0 / 1000}[k < 4] * float64(boolInt(k < 6))
	}, 0)
	// With probabilities, with and without replacement.
	p := []float64{0.1, 0, 0.2, 0.3, 0.4}
	ks := values[int64](t, g.Choice(5, true, p, 100_000))
	checkChiSquare(t, "Choice(5, p)", ks, func(k int64) float64 {
		if k > 4 {
			return 0
		}
		return p[k]
	}, 0)
	firsts = nil
	for range 2000 {
		ks := values[int64](t, g.Choice(5, false, array.FromSlice(p, 5), 4))
		if slices.Contains(ks, 1) || !isPermutation(slices.Sorted(slices.Values(append([]int64{1}, ks...))), 5) {
			t.Fatalf("Choice(5, 4, p, no replacement) = %v: repeats or takes the item of p 0", ks)
		}
		firsts = append(firsts, ks[0])
	}
	// The first item taken without replacement is the first of a draw with it.
	checkChiSquare(t, "first item of Choice(5, 4, p, no replacement)", firsts, func(k int64) float64 {
		if k > 4 {
			return 0
		}
		return p[k]
	}, 0)
	if one := g.Choice(10, false, nil); one.NDim() != 0 || one.Err() != nil {
		t.Errorf("Choice(10, no replacement) with no size: %v dims, error %v; want a 0-d array", one.NDim(), one.Err())
	}
	// Items of an array, along its first axis; one item when size is empty.
	a := array.FromSlice([]float32{10, 11, 20, 21, 30, 31}, 3, 2)
	rows := g.Choice(a, true, nil, 7)
	if got := rows.Shape(); !slices.Equal(got, []int{7, 2}) {
		t.Fatalf("Choice of a (3, 2) array, 7 items: shape %v", got)
	}
	for _, row := range slices.Collect(chunks(values[float32](t, rows), 2)) {
		if row[1] != row[0]+1 || int(row[0])%10 != 0 {
			t.Fatalf("Choice gave the row %v, not one of a's", row)
		}
	}
	if one := g.Choice(10, true, nil); one.NDim() != 0 || one.Err() != nil {
		t.Errorf("Choice(10) with no size: %v dims, error %v; want a 0-d array", one.NDim(), one.Err())
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func chunks[T any](s []T, n int) func(func([]T) bool) {
	return func(yield func([]T) bool) {
		for i := 0; i+n <= len(s); i += n {
			if !yield(s[i : i+n]) {
				return
			}
		}
	}
}

func isPermutation(ks []int64, n int) bool {
	if len(ks) != n {
		return false
	}
	seen := make([]bool, n)
	for _, k := range ks {
		if k < 0 || k >= int64(n) || seen[k] {
			return false
		}
		seen[k] = true
	}
	return true
}

func TestPermutations(t *testing.T) {
	g := random.New(203)
	for _, n := range []int{0, 1, 2, 17, 10_000} {
		if ks := values[int64](t, g.Permutation(n)); !isPermutation(ks, n) {
			t.Errorf("Permutation(%d) is not a permutation: %v", n, ks[:min(n, 20)])
		}
	}
	// Each position's item is uniform over many permutations.
	var pos0 []int64
	for range 3000 {
		pos0 = append(pos0, values[int64](t, g.Permutation(5))[0])
	}
	checkChiSquare(t, "Permutation(5)[0]", pos0, func(k int64) float64 { return float64(boolInt(k < 5)) / 5 }, 0)

	// Shuffle in place along an axis keeps each slice whole; a
	// non-contiguous view shuffles through.
	data := make([]int32, 60)
	for i := range data {
		data[i] = int32(i)
	}
	x := array.FromSlice(data, 3, 4, 5)
	if err := g.Shuffle(x, 1); err != nil {
		t.Fatal(err)
	}
	got := values[int32](t, x)
	var order []int64
	for j := range 4 {
		first := got[j*5]
		order = append(order, int64(first%20/5))
		for b := range 3 {
			for c := range 5 {
				if got[b*20+j*5+c] != int32(b*20)+first%20+int32(c) {
					t.Fatalf("Shuffle along axis 1 broke a slice: %v", got)
				}
			}
		}
	}
	if !isPermutation(order, 4) {
		t.Errorf("Shuffle along axis 1: slices %v are not a permutation", order)
	}
	v := array.FromSlice(data, 6, 10).T() // (10, 6), not contiguous
	if err := g.Shuffle(v); err != nil {
		t.Fatal(err)
	}
	cols := values[int32](t, v.Index(array.All, array.I(0)))
	if sorted := slices.Sorted(slices.Values(cols)); !slices.Equal(sorted, []int32{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}) {
		t.Errorf("Shuffle of a transposed view: first column %v", cols)
	}

	// Permuted: each row independently; with no axis, all elements.
	y := array.FromSlice(data, 6, 10)
	p := g.Permuted(y, 1)
	rows := values[int32](t, p)
	identical := 0
	for r := range 6 {
		row := rows[r*10 : r*10+10]
		if slices.Equal(row, data[r*10:r*10+10]) {
			identical++
		}
		if !slices.Equal(slices.Sorted(slices.Values(row)), data[r*10:r*10+10]) {
			t.Fatalf("Permuted(axis 1) row %d = %v, not a permutation of the row", r, row)
		}
	}
	if identical == 6 {
		t.Errorf("Permuted(axis 1) left every row as it was")
	}
	all := values[int32](t, g.Permuted(y))
	if !slices.Equal(slices.Sorted(slices.Values(all)), data) || slices.Equal(all, data) {
		t.Errorf("Permuted(no axis) = %v", all)
	}
	if shape := g.Permuted(y).Shape(); !slices.Equal(shape, []int{6, 10}) {
		t.Errorf("Permuted kept no shape: %v", shape)
	}
	if rowsOf := g.Permutation(y); !slices.Equal(rowsOf.Shape(), []int{6, 10}) {
		t.Errorf("Permutation of a (6, 10) array: shape %v", rowsOf.Shape())
	}
}

// TestParametersBroadcast checks array parameters: their broadcast shape
// is the result's when size is empty, and each element uses its own.
func TestParametersBroadcast(t *testing.T) {
	g := random.New(204)
	loc := array.FromSlice([]float64{-100, 0, 100}, 3, 1)
	scale := array.FromSlice([]float64{0, 1, 2, 3}, 4)
	z := g.Normal(loc, scale)
	if got := z.Shape(); !slices.Equal(got, []int{3, 4}) {
		t.Fatalf("Normal((3,1), (4,)) has shape %v, want (3, 4)", got)
	}
	zs := values[float64](t, z)
	for r, l := range []float64{-100, 0, 100} {
		if zs[r*4] != l {
			t.Errorf("Normal(loc %v, scale 0) = %v", l, zs[r*4])
		}
	}
	many := values[float64](t, g.Normal(loc, scale, 20_000, 3, 4))
	for cell := range 12 {
		var xs []float64
		for i := cell; i < len(many); i += 12 {
			xs = append(xs, many[i])
		}
		l, s := float64(cell/4*100-100), float64(cell%4)
		if s > 0 {
			checkMoments(t, fmt.Sprintf("Normal(%v, %v) cell", l, s), xs, l, s*s, 0)
		}
	}
	lam := array.FromSlice([]int32{1, 50}, 2)
	ks := values[int64](t, g.Poisson(lam, 40_000, 2))
	var small, large []float64
	for i := 0; i < len(ks); i += 2 {
		small, large = append(small, float64(ks[i])), append(large, float64(ks[i+1]))
	}
	checkMoments(t, "Poisson(array 1)", small, 1, 1, 1)
	checkMoments(t, "Poisson(array 50)", large, 50, 50, 1.0/50)
	n := array.FromSlice([]int64{0, 10, 1000}, 3)
	bs := values[int64](t, g.Binomial(n, 0.5, 3))
	if bs[0] != 0 || bs[1] > 10 || bs[2] > 1000 {
		t.Errorf("Binomial([0 10 1000], 0.5) = %v", bs)
	}
	if err := g.Normal(loc, 1, 5).Err(); err == nil || !strings.Contains(err.Error(), "broadcast") {
		t.Errorf("Normal(loc (3,1), size (5,)): error %v, want one about broadcasting", err)
	}
}

func TestBadInput(t *testing.T) {
	g := random.New(205)
	for _, c := range []struct {
		name string
		a    *array.Array
		want string
	}{
		{"Integers(5, 3)", g.Integers(5, 3, false, array.Int64, 2), "low >= high"},
		{"Integers(5, 5)", g.Integers(5, 5, false, array.Int64, 2), "low >= high"},
		{"Integers(5, 4, endpoint)", g.Integers(5, 4, true, array.Int64, 2), "low > high"},
		{"Integers(0, 300, int8)", g.Integers(0, 300, false, array.Int8, 2), "out of bounds for int8"},
		{"Integers(-1, 3, uint8)", g.Integers(-1, 3, false, array.Uint8, 2), "out of bounds for uint8"},
		{"Integers(float32)", g.Integers(0, 3, false, array.Float32, 2), "unsupported dtype"},
		{"Integers(0.5, 3)", g.Integers(0.5, 3, false, array.Int64, 2), "low must be a Go integer"},
		{"Random(int32)", g.Random(array.Int32, 2), "unsupported dtype"},
		{"StandardNormal(float16)", g.StandardNormal(array.Float16, 2), "unsupported dtype"},
		{"Normal(0, -1)", g.Normal(0, -1, 2), "scale < 0"},
		{"Normal(0, NaN)", g.Normal(0, math.NaN(), 2), "scale < 0"},
		{"Normal(0, array with -1)", g.Normal(0, array.FromSlice([]float64{1, -1}, 2)), "scale < 0"},
		{"Normal(complex)", g.Normal(0, array.FromSlice([]complex64{1}, 1)), "real number"},
		{"Normal(string)", g.Normal("0", 1, 2), "unsupported parameter"},
		{"Exponential(-1)", g.Exponential(-1, 2), "scale < 0"},
		{"Gamma(-1, 1)", g.Gamma(-1, 1, 2), "shape < 0"},
		{"Beta(0, 1)", g.Beta(0, 1, 2), "a <= 0"},
		{"ChiSquare(0)", g.ChiSquare(0, 2), "df <= 0"},
		{"Poisson(-1)", g.Poisson(-1, 2), "lam < 0"},
		{"Poisson(array with NaN)", g.Poisson(array.FromSlice([]float64{1, math.NaN()}, 2)), "lam < 0"},
		{"Binomial(-1, 0.5)", g.Binomial(-1, 0.5, 2), "n < 0"},
		{"Binomial(2.5, 0.5)", g.Binomial(2.5, 0.5, 2), "n must be an integer"},
		{"Binomial(2^63, 0.5)", g.Binomial(uint64(1<<63), 0.5, 2), "does not fit int64"},
		{"Binomial(10, 1.5)", g.Binomial(10, 1.5, 2), "p < 0, p > 1"},
		{"Geometric(0)", g.Geometric(0, 2), "p <= 0"},
		{"Choice(p sums to 0.9)", g.Choice(3, true, []float64{0.3, 0.3, 0.3}, 2), "do not sum to 1"},
		{"Choice(p negative)", g.Choice(2, true, []float64{1.5, -0.5}, 2), "not non-negative"},
		{"Choice(p of another length)", g.Choice(3, true, []float64{0.5, 0.5}, 2), "same size"},
		{"Choice(4 of 3, no replacement)", g.Choice(3, false, nil, 4), "larger sample than population"},
		{"Choice(3 of 2 non-zero p)", g.Choice(3, false, []float64{0.5, 0.5, 0}, 3), "fewer non-zero entries"},
		{"Choice(0 items)", g.Choice(0, true, nil, 1), "cannot be empty"},
		{"Choice(-1)", g.Choice(-1, true, nil, 1), "non-negative"},
		{"Choice(0-d array)", g.Choice(array.Scalar(1.0), true, nil, 1), "1-dimensional"},
		{"Permutation(-1)", g.Permutation(-1), "negative"},
		{"Permutation(0-d)", g.Permutation(array.Scalar(1.0)), "at least 1-d"},
		{"Permuted(axis 2 of 1-d)", g.Permuted(array.FromSlice([]float64{1, 2}, 2), 2), "out of bounds"},
		{"Random(negative size)", g.Random(array.Float64, -1), "negative"},
	} {
		err := c.a.Err()
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one containing %q", c.name, err, c.want)
		}
	}
	if err := g.RandomInto(array.Zeros(array.Int32, 3)); err == nil || !strings.Contains(err.Error(), "unsupported dtype") {
		t.Errorf("RandomInto(int32): error %v", err)
	}
	if err := g.Shuffle(array.Scalar(1.0)); err == nil {
		t.Errorf("Shuffle of a 0-d array: no error")
	}
	if err := g.IntegersInto(array.Zeros(array.Int8, 3), 0, 1000, false); err == nil || !strings.Contains(err.Error(), "out of bounds") {
		t.Errorf("IntegersInto(int8, 0, 1000): error %v", err)
	}
}

func TestIntoForms(t *testing.T) {
	d := array.DefaultDevice()
	for _, c := range []struct {
		name string
		into func(g *random.Generator, out *array.Array) error
		make func(g *random.Generator) *array.Array
	}{
		{"Random", func(g *random.Generator, o *array.Array) error { return g.RandomInto(o) },
			func(g *random.Generator) *array.Array { return g.Random(array.Float32, 4, 5) }},
		{"StandardNormal", func(g *random.Generator, o *array.Array) error { return g.StandardNormalInto(o) },
			func(g *random.Generator) *array.Array { return g.StandardNormal(array.Float32, 4, 5) }},
		{"StandardExponential", func(g *random.Generator, o *array.Array) error { return g.StandardExponentialInto(o) },
			func(g *random.Generator) *array.Array { return g.StandardExponential(array.Float32, 4, 5) }},
		{"StandardGamma", func(g *random.Generator, o *array.Array) error { return g.StandardGammaInto(o, 2.5) },
			func(g *random.Generator) *array.Array { return g.StandardGamma(2.5, array.Float32, 4, 5) }},
		{"Integers", func(g *random.Generator, o *array.Array) error { return g.IntegersInto(o, -5, 5, true) },
			func(g *random.Generator) *array.Array { return g.Integers(-5, 5, true, array.Float32, 4, 5) }},
	} {
		out := d.Zeros(array.Float32, 4, 5)
		if c.name == "Integers" {
			out = d.Zeros(array.Int16, 4, 5)
		}
		if err := c.into(random.NewOn(d, 31), out); err != nil {
			t.Fatalf("%sInto: %v", c.name, err)
		}
		if c.name == "Integers" {
			want := values[int16](t, random.NewOn(d, 31).Integers(-5, 5, true, array.Int16, 4, 5))
			if got := values[int16](t, out); !slices.Equal(got, want) {
				t.Errorf("IntegersInto = %v, Integers = %v", got, want)
			}
			continue
		}
		if got, want := values[float32](t, out), values[float32](t, c.make(random.NewOn(d, 31))); !slices.Equal(got, want) {
			t.Errorf("%sInto = %v, %s = %v", c.name, got, c.name, want)
		}
	}
}

// TestStreams checks that draws, Jumped and Spawn give other numbers, and
// that the same seed, a copy On a device and Jumped(0) give the same.
func TestStreams(t *testing.T) {
	draw := func(g *random.Generator) []uint64 {
		return values[uint64](t, g.Integers(uint64(0), uint64(math.MaxUint64), true, array.Uint64, 64))
	}
	g := random.New(7)
	first, second := draw(g), draw(g)
	if slices.Equal(first, second) {
		t.Fatal("two draws of one generator gave the same numbers")
	}
	if again := draw(random.New(7)); !slices.Equal(again, first) {
		t.Error("one seed gave other numbers")
	}
	j0, j1 := g.Jumped(0), g.Jumped(1)
	third := draw(g)
	if got := draw(j0); !slices.Equal(got, third) {
		t.Error("Jumped(0) does not continue as its parent")
	}
	if got := draw(j1); slices.Equal(got, third) {
		t.Error("Jumped(1) gives its parent's numbers")
	}
	if got := draw(g.On(array.DefaultDevice())); !slices.Equal(got, draw(g)) {
		t.Error("On gives other numbers than its original")
	}
	spawn := func(g *random.Generator, n, i int) *random.Generator {
		kids, err := g.Spawn(n)
		if err != nil {
			t.Fatal(err)
		}
		return kids[i]
	}
	kids, err := g.Spawn(3)
	if err != nil || len(kids) != 3 {
		t.Fatalf("Spawn(3): %d children, error %v", len(kids), err)
	}
	seen := map[uint64]bool{}
	for _, x := range slices.Concat(first, second, third, draw(kids[0]), draw(kids[1]), draw(kids[2]), draw(spawn(g, 1, 0))) {
		if seen[x] {
			t.Fatalf("the value %d came twice from different streams", x)
		}
		seen[x] = true
	}
	if a, b := draw(spawn(random.New(7).Jumped(1), 1, 0)), draw(spawn(random.New(7), 1, 0)); slices.Equal(a, b) {
		t.Error("the children of a jumped generator are those of its parent")
	}
	if a, b := draw(spawn(random.New(7), 2, 1)), draw(spawn(random.New(7), 2, 1)); !slices.Equal(a, b) {
		t.Error("Spawn is not reproducible")
	}
}

func TestPackageLevelFunctions(t *testing.T) {
	random.Seed(11)
	a := values[float64](t, random.Rand(3, 4))
	b := values[float64](t, random.Randn(5))
	random.Seed(11)
	if got := values[float64](t, random.Rand(3, 4)); !slices.Equal(got, a) {
		t.Error("Seed does not restart the package-level stream")
	}
	if got := values[float64](t, random.Randn(5)); !slices.Equal(got, b) {
		t.Error("Seed does not restart the package-level stream (Randn)")
	}
	if got := values[float64](t, random.New(11).Random(array.Float64, 3, 4)); !slices.Equal(got, a) {
		t.Error("the package-level functions differ from New(seed)'s")
	}
	for name, x := range map[string]*array.Array{
		"Uniform": random.Uniform(0, 1, 3), "Integers": random.Integers(0, 3, false, array.Int64, 3),
		"Normal": random.Normal(0, 1, 3), "Gamma": random.Gamma(2, 1, 3), "Poisson": random.Poisson(3, 3),
		"Binomial": random.Binomial(3, 0.5, 3), "Choice": random.Choice(3, true, nil, 3),
		"Permutation": random.Permutation(3), "Beta": random.Beta(1, 2, 3), "Geometric": random.Geometric(0.5, 3),
		"Exponential": random.Exponential(1, 3), "LogNormal": random.LogNormal(0, 1, 3), "ChiSquare": random.ChiSquare(2, 3),
		"StandardNormal": random.StandardNormal(array.Float32, 3), "Random": random.Random(array.Float32, 3),
	} {
		if err := x.Err(); err != nil || x.Size() != 3 {
			t.Errorf("%s: size %d, error %v", name, x.Size(), err)
		}
	}
}
