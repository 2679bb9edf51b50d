package array

import (
	"fmt"
	"sync"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/backend/cgen"
	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/ir"
)

// correlateKernels holds the *ir.CKernel of each dtype, so that a GPU
// backend finds its compiled module by pointer on every later call.
var correlateKernels sync.Map // DType -> *ir.CKernel

// correlateKernel is the direct correlation on a device that compiles C:
// one thread per output, out[i] = Σ_k x[i+k]·y[k] over the padded signal
// x (pad zeros, then the signal's n values) and the filter y of m
// values, for the k where x[i+k] is the signal's: NumPy's sums leave the
// padding out, which matters for a NaN or infinite y (0·inf is NaN).
// Neighbouring threads read overlapping windows, which the caches serve. Integers and bool multiply and add as
// 64-bit unsigned numbers, which wrap as NumPy's integer dot does (bool:
// any product); float32 sums in float, as NumPy's float32 dot.
func correlateKernel(dt DType) *ir.CKernel {
	if k, ok := correlateKernels.Load(dt); ok {
		return k.(*ir.CKernel)
	}
	acc, result := "T", "s"
	switch dt.Kind() {
	case dtype.BoolKind:
		acc, result = "unsigned long long", "s != 0"
	case dtype.IntKind, dtype.UintKind:
		acc, result = "unsigned long long", "(T)s"
	}
	k := &ir.CKernel{
		Name:    "correlate_direct",
		Outputs: []ir.CParam{{Name: "out", DType: dt}},
		Raw:     []ir.CParam{{Name: "x", DType: dt}, {Name: "y", DType: dt}},
		Scalars: []ir.CParam{{Name: "m", DType: Int64}, {Name: "pad", DType: Int64}, {Name: "n", DType: Int64}},
		Types:   []ir.CParam{{Name: "T", DType: dt}},
		Body: fmt.Sprintf(`%[1]s s = 0;
const T *w = x + (long long)i;
long long k0 = pad > (long long)i ? pad - (long long)i : 0;
long long k1 = pad + n - (long long)i < m ? pad + n - (long long)i : m;
for (long long k = k0; k < k1; ++k) s += (%[1]s)w[k] * (%[1]s)y[k];
out = %[2]s`, acc, result),
	}
	actual, _ := correlateKernels.LoadOrStore(dt, k)
	return actual.(*ir.CKernel)
}

// correlateOnDevice is correlateSorted's direct kernel where x's backend
// compiles C and the dtype is one C kernels take (bool, integers,
// float32, float64); ok is false elsewhere.
func correlateOnDevice(x, y *Array, start, length int) (out *Array, ok bool) {
	if _, compiles := x.st.b.(backend.CKerneler); !compiles || !cgen.UserDType(x.dt) {
		return nil, false
	}
	m := y.shape[0]
	xp := paddedSignal(x, m, start, length)
	if xp.err != nil {
		return xp, true
	}
	outs := []*Array{nil}
	if err := RunCKernel("Correlate", correlateKernel(x.dt), length, outs, nil, []*Array{xp, y}, []ir.Value{{uint64(m)}, {uint64(m - 1 - start)}, {uint64(x.shape[0])}}); err != nil {
		return &Array{err: err}, true
	}
	return outs[0], true
}
