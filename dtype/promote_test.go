package dtype

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cugo/cugo/internal/fixture"
)

func parseDTypes(t *testing.T, names []string) []DType {
	t.Helper()
	ds := make([]DType, len(names))
	for i, n := range names {
		d, err := Parse(n)
		require.NoError(t, err)
		ds[i] = d
	}
	return ds
}

// TestPromoteMatchesNumPy checks Promote, TrueDivide and CanCast for every
// pair of NumPy's dtypes against testdata/promote.txt (gen_promote.py).
func TestPromoteMatchesNumPy(t *testing.T) {
	lines := fixture.Lines(t, "promote.txt")
	dts := parseDTypes(t, strings.Fields(strings.TrimPrefix(lines[0], "dtypes ")))
	require.Len(t, dts, 14)
	n := len(dts)
	tables := map[string][]string{}
	for i := 1; i < len(lines); i += n + 1 {
		tables[lines[i]] = lines[i+1 : i+1+n]
	}
	require.Len(t, tables, 7)
	for i, a := range dts {
		promoted := parseDTypes(t, strings.Fields(tables["result_type"][i]))
		divided := parseDTypes(t, strings.Fields(tables["true_divide"][i]))
		for j, b := range dts {
			p, err := Promote(a, b)
			require.NoError(t, err)
			require.Equal(t, promoted[j], p, "Promote(%v, %v)", a, b)
			require.Equal(t, divided[j], TrueDivide(p), "TrueDivide(%v / %v)", a, b)
			for rule := CastNo; rule <= CastUnsafe; rule++ {
				want := tables["can_cast "+rule.String()][i][j] == '1'
				require.Equal(t, want, CanCast(a, b, rule), "CanCast(%v, %v, %v)", a, b, rule)
			}
		}
	}
}

// TestPromoteAllMatchesNumPy checks PromoteAll against
// testdata/sequences.txt: np.result_type of every ordered triple of
// NumPy's dtypes and of random lists of four to six (gen_promote.py).
func TestPromoteAllMatchesNumPy(t *testing.T) {
	lines := fixture.Lines(t, "sequences.txt")
	require.Greater(t, len(lines), 14*14*14)
	for _, l := range lines {
		names := strings.Fields(l)
		dts := parseDTypes(t, names)
		got, err := PromoteAll(dts[:len(dts)-1]...)
		require.NoError(t, err, l)
		require.Equal(t, dts[len(dts)-1], got, "PromoteAll(%s)", strings.Join(names[:len(names)-1], ", "))
	}
	_, err := PromoteAll()
	require.Error(t, err)
	_, err = PromoteAll(Float32, DType(0))
	require.Error(t, err)
	_, err = PromoteAll(DType(200), Float32)
	require.Error(t, err)
}

// TestPromoteScalarNEP50 checks PromoteScalar against testdata/weak.txt,
// NEP 50's rules for Python scalars (see gen_promote.py).
func TestPromoteScalarNEP50(t *testing.T) {
	kinds := map[string]ScalarKind{"bool": BoolScalar, "int": IntScalar, "float": FloatScalar, "complex": ComplexScalar}
	lines := fixture.Lines(t, "weak.txt")
	require.Len(t, lines, 14*4)
	for _, l := range lines {
		f := strings.Fields(l)
		require.Len(t, f, 3)
		ds := parseDTypes(t, []string{f[0], f[2]})
		require.Equal(t, ds[1], PromoteScalar(ds[0], kinds[f[1]]), l)
	}
}

// TestPromoteBFloat16 pins down the ml_dtypes-like rules chosen for
// bfloat16, which NumPy alone cannot check.
func TestPromoteBFloat16(t *testing.T) {
	want := map[DType]DType{
		Bool: BFloat16, Int8: BFloat16, Uint8: BFloat16,
		Int16: Float32, Uint16: Float32, Int32: Float64, Uint32: Float64,
		Int64: Float64, Uint64: Float64,
		Float16: Float32, BFloat16: BFloat16, Float32: Float32, Float64: Float64,
		Complex64: Complex64, Complex128: Complex128,
	}
	require.Len(t, want, len(allDTypes))
	for d, w := range want {
		p, err := Promote(BFloat16, d)
		require.NoError(t, err)
		require.Equal(t, w, p, "Promote(bfloat16, %v)", d)
	}
	require.Equal(t, BFloat16, PromoteScalar(BFloat16, IntScalar))
	require.Equal(t, BFloat16, PromoteScalar(BFloat16, FloatScalar))
	require.Equal(t, Complex64, PromoteScalar(BFloat16, ComplexScalar))
	require.Equal(t, BFloat16, TrueDivide(BFloat16))
	require.True(t, CanCast(Int8, BFloat16, CastSafe))
	require.True(t, CanCast(BFloat16, Float32, CastSafe))
	require.False(t, CanCast(BFloat16, Float16, CastSafe))
	require.False(t, CanCast(Float16, BFloat16, CastSafe))
	require.True(t, CanCast(Float32, BFloat16, CastSameKind))
	require.False(t, CanCast(BFloat16, Int64, CastSameKind))
}

// TestPromoteLaws checks, over all dtypes with bfloat16, what holds for
// NumPy's promotion: it is symmetric, idempotent, and both operands cast
// safely to the result.
func TestPromoteLaws(t *testing.T) {
	for _, a := range allDTypes {
		for _, b := range allDTypes {
			p, err := Promote(a, b)
			require.NoError(t, err)
			q, _ := Promote(b, a)
			require.Equal(t, p, q, "%v %v", a, b)
			require.True(t, CanCast(a, p, CastSafe) && CanCast(b, p, CastSafe), "%v %v -> %v", a, b, p)
			r, _ := Promote(p, p)
			require.Equal(t, p, r)
		}
		for s := BoolScalar; s <= ComplexScalar; s++ {
			p := PromoteScalar(a, s)
			require.True(t, CanCast(a, p, CastSafe), "%v with scalar %d -> %v", a, s, p)
		}
	}
}

func TestPromoteInvalid(t *testing.T) {
	_, err := Promote(0, Float32)
	require.EqualError(t, err, "cannot promote DType(0) and float32")
	_, err = Promote(Int8, 99)
	require.Error(t, err)
	require.False(t, CanCast(0, Float32, CastUnsafe))
	require.False(t, CanCast(Float32, Float32, 0))
	require.Equal(t, "Casting(9)", Casting(9).String())
}

// TestPromoteOperandsWithWeakScalars checks PromoteOperands against
// testdata/weakpairs.txt: np.result_type of two arrays and a Python
// scalar, every ordered pair of dtypes and each kind of scalar (a Python
// bool is np.bool_, strong).
func TestPromoteOperandsWithWeakScalars(t *testing.T) {
	kinds := map[string]Operand{"bool": {DType: Bool}, "int": {Weak: IntScalar}, "float": {Weak: FloatScalar},
		"complex": {Weak: ComplexScalar}}
	lines := fixture.Lines(t, "weakpairs.txt")
	require.Greater(t, len(lines), 14*14*4-1)
	for _, l := range lines {
		f := strings.Fields(l)
		dts := parseDTypes(t, []string{f[0], f[1], f[3]})
		s, ok := kinds[f[2]]
		require.True(t, ok, l)
		got, err := PromoteOperands(Operand{DType: dts[0]}, Operand{DType: dts[1]}, s)
		require.NoError(t, err, l)
		require.Equal(t, dts[2], got, l)
	}
	for _, ops := range [][]Operand{{}, {{}}, {{DType: Int8, Weak: IntScalar}}, {{Weak: BoolScalar}}, {{DType: 99}}} {
		_, err := PromoteOperands(ops...)
		require.Error(t, err, "%v", ops)
	}
	got, err := PromoteOperands(Operand{Weak: FloatScalar}, Operand{Weak: IntScalar})
	require.NoError(t, err)
	require.Equal(t, Float64, got, "weak scalars alone take NumPy's default dtypes")
}
