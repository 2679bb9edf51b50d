package array

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/backend/cpu"
	"github.com/cugo/cugo/backend/gpu"
	"github.com/cugo/cugo/driver"
	"github.com/cugo/cugo/internal/gputest"
	"github.com/stretchr/testify/require"
)

// twoCUDA returns the shared backends of CUDA devices 0 and 1. Without a
// CUDA device it skips, or fails under CUGO_REQUIRE=cuda; with one device
// it skips even then (one GPU is how the machine is, not a fault).
func twoCUDA(t *testing.T) (*Device, *Device) {
	t.Helper()
	b0, err := backend.Open("cuda", 0)
	gputest.Need(t, "cuda", err)
	n, err := driver.DeviceCount()
	require.NoError(t, err)
	if n < 2 {
		t.Skipf("needs two GPUs: found %d", n)
	}
	b1, err := backend.Open("cuda", 1)
	require.NoError(t, err)
	return On(b0), On(b1)
}

func randomF32(r *rand.Rand, n int) []float32 {
	s := make([]float32, n)
	for i := range s {
		s[i] = r.Float32()*2 - 1
	}
	return s
}

// sameDeviceModel reports whether two GPUs are of one model, so that the
// same kernels and cuBLAS calls give the same bits on both.
func sameDeviceModel(a, b backend.DeviceInfo) bool {
	return a.Name == b.Name && a.Arch == b.Arch && a.Units == b.Units && a.Memory == b.Memory
}

// stagedCPU is a CPU backend that To takes for a GPU: it gives "pinned"
// memory (recording the sizes asked and the releases) and copies from
// other backends as peer says.
type stagedCPU struct {
	backend.Backend
	pinned   []int
	released int
	peer     func() (bool, error)
}

func (s *stagedCPU) AllocPinned(n int) ([]byte, func() error, error) {
	s.pinned = append(s.pinned, n)
	return make([]byte, n), func() error { s.released++; return nil }, nil
}

func (s *stagedCPU) CopyPeer(backend.Buffer, int, backend.Backend, backend.Buffer, int, int) (bool, error) {
	return s.peer()
}

// Between two backends that give pinned memory and make no peer copy, To
// stages through one chunk of pinned memory of the source's, released
// after; a peer copy's error is To's.
func TestToStagesThroughPinnedChunks(t *testing.T) {
	decline := func() (bool, error) { return false, nil }
	src := &stagedCPU{Backend: cpu.New(0), peer: decline}
	dst := &stagedCPU{Backend: cpu.New(0), peer: decline}
	r := rand.New(rand.NewPCG(38, 39))
	const rows, cols = 5, stagingChunk/4/2 + 3 // two and a half chunks of float32
	data := randomF32(r, rows*cols)
	a := On(src).fromHost("test", Float32, bytesOf(data), []int{rows, cols})
	require.NoError(t, a.Err())

	moved := a.To(dst)
	require.NoError(t, moved.Err())
	require.Same(t, backend.Backend(dst), moved.Backend())
	got, err := ToSlice[float32](moved)
	require.NoError(t, err)
	require.Equal(t, data, got)
	require.Equal(t, []int{stagingChunk}, src.pinned)
	require.Equal(t, 1, src.released)
	require.Empty(t, dst.pinned)

	col := a.Index(All, I(7)) // a strided view of 5 elements
	got, err = ToSlice[float32](col.To(dst))
	require.NoError(t, err)
	require.Equal(t, []float32{data[7], data[cols+7], data[2*cols+7], data[3*cols+7], data[4*cols+7]}, got)
	require.Equal(t, []int{stagingChunk, 5 * 4}, src.pinned)

	boom := errors.New("boom")
	dst.peer = func() (bool, error) { return false, boom }
	failed := a.To(dst)
	require.ErrorIs(t, failed.Err(), boom)
	require.ErrorContains(t, failed.Err(), "To: boom")
}

// To between two devices copies random data exactly, contiguous or
// through a strided view, directly (peer copy) and through pinned host
// memory (backends opened WithoutPeerCopy), in both directions. The
// float32 array is over 8 MiB, so that staging takes several chunks.
func TestToBetweenDevices(t *testing.T) {
	d0, d1 := twoCUDA(t)
	staged0, err := gpu.Open("cuda", 0, gpu.WithoutPeerCopy())
	require.NoError(t, err)
	staged1, err := gpu.Open("cuda", 1, gpu.WithoutPeerCopy())
	require.NoError(t, err)
	r := rand.New(rand.NewPCG(40, 41))
	const rows, cols = 1031, 2053
	data := randomF32(r, rows*cols)
	require.Greater(t, 4*len(data), stagingChunk)
	ints := make([]int16, 1001)
	for i := range ints {
		ints[i] = int16(r.Uint32())
	}
	// The view a[1::3, ::-2].T, element (j, i) = data[(1+3i)*cols + cols-1-2j].
	var viewWant []float32
	vrows, vcols := (rows-1+2)/3, (cols+1)/2
	for j := range vcols {
		for i := range vrows {
			viewWant = append(viewWant, data[(1+3*i)*cols+cols-1-2*j])
		}
	}

	for _, path := range []struct {
		name   string
		d0, d1 *Device
	}{{"peer", d0, d1}, {"staged", On(staged0), On(staged1)}} {
		for _, dir := range [][2]*Device{{path.d0, path.d1}, {path.d1, path.d0}} {
			src, dst := dir[0], dir[1]
			name := fmt.Sprintf("%s/%d->%d", path.name, src.Backend().Device().Ordinal, dst.Backend().Device().Ordinal)
			t.Run(name, func(t *testing.T) {
				a := FromSliceOn(src, data, rows, cols)
				defer a.Free()
				moved := a.To(dst.Backend())
				defer moved.Free()
				require.NoError(t, moved.Err())
				require.Same(t, dst.Backend(), moved.Backend())
				require.Equal(t, []int{rows, cols}, moved.Shape())
				got, err := ToSlice[float32](moved)
				require.NoError(t, err)
				require.Equal(t, data, got, "contiguous")

				view := a.Index(From(1).Step(3), All.Step(-2)).T()
				vmoved := view.To(dst.Backend())
				defer vmoved.Free()
				require.Equal(t, []int{vcols, vrows}, vmoved.Shape())
				got, err = ToSlice[float32](vmoved)
				require.NoError(t, err)
				require.Equal(t, viewWant, got, "strided view")

				i := FromSliceOn(src, ints)
				defer i.Free()
				imoved := i.To(dst.Backend())
				defer imoved.Free()
				gotInts, err := ToSlice[int16](imoved)
				require.NoError(t, err)
				require.Equal(t, ints, gotInts, "int16, an odd number of bytes")

				// The source is intact and still usable where it lives.
				back, err := ToSlice[float32](a)
				require.NoError(t, err)
				require.Equal(t, data, back, "source after the copy")
			})
		}
	}
}

// Operations never move data between devices on their own: operands on
// two devices give an error naming both.
func TestMixedDevicesError(t *testing.T) {
	d0, d1 := twoCUDA(t)
	r := rand.New(rand.NewPCG(42, 43))
	a := FromSliceOn(d0, randomF32(r, 12), 3, 4)
	b := FromSliceOn(d1, randomF32(r, 12), 3, 4)
	m := FromSliceOn(d1, randomF32(r, 20), 4, 5)
	defer a.Free()
	defer b.Free()
	defer m.Free()
	require.ErrorContains(t, Add(a, b).Err(), "Add: operands live on different devices cuda:0 and cuda:1")
	require.ErrorContains(t, Add(b, a).Err(), "Add: operands live on different devices cuda:1 and cuda:0")
	require.ErrorContains(t, Matmul(a, m).Err(), "operands live on different devices cuda:0 and cuda:1")
	require.ErrorContains(t, a.Set(b), "Set: operands live on different devices cuda:0 and cuda:1")
	require.ErrorContains(t, Sum(a, Axis(0), Out(d1.Zeros(Float32, 4))).Err(), "different devices cuda:0 and cuda:1")
}

// A reduction and a matmul on device 1 give what they give on device 0:
// the same bits where the two GPUs are of one model (the same kernels and
// cuBLAS, which is deterministic on one architecture and multiprocessor
// count), and on any pair within the float32 error bound of the sum
// against a float64 host result.
func TestSameResultsOnBothDevices(t *testing.T) {
	d0, d1 := twoCUDA(t)
	r := rand.New(rand.NewPCG(44, 45))
	const rows, cols, k, n = 777, 515, 200, 130
	x := randomF32(r, rows*cols)
	am, bm := randomF32(r, rows*k), randomF32(r, k*n)

	// want and bound: the float64 sums and, for each, (terms-1)·2⁻²⁴·Σ|term|,
	// the worst error of float32 summation in any order.
	sumWant, sumBound := make([]float64, cols), make([]float64, cols)
	for j := range cols {
		var s, abs float64
		for i := range rows {
			v := float64(x[i*cols+j])
			s, abs = s+v, abs+math.Abs(v)
		}
		sumWant[j], sumBound[j] = s, rows*abs/(1<<24)
	}
	mmWant, mmBound := make([]float64, rows*n), make([]float64, rows*n)
	for i := range rows {
		for j := range n {
			var s, abs float64
			for l := range k {
				p := float64(am[i*k+l]) * float64(bm[l*n+j])
				s, abs = s+p, abs+math.Abs(p)
			}
			mmWant[i*n+j], mmBound[i*n+j] = s, 2*k*abs/(1<<24)
		}
	}

	results := func(d *Device) (sum, mm []float32) {
		xa, a, b := FromSliceOn(d, x, rows, cols), FromSliceOn(d, am, rows, k), FromSliceOn(d, bm, k, n)
		defer xa.Free()
		defer a.Free()
		defer b.Free()
		s, p := xa.Sum(Axis(0)), Matmul(a, b)
		defer s.Free()
		defer p.Free()
		sum, err := ToSlice[float32](s)
		require.NoError(t, err)
		mm, err = ToSlice[float32](p)
		require.NoError(t, err)
		return sum, mm
	}
	sum0, mm0 := results(d0)
	sum1, mm1 := results(d1)
	for ord, got := range [][2][]float32{{sum0, mm0}, {sum1, mm1}} {
		for j, v := range got[0] {
			require.InDelta(t, sumWant[j], float64(v), sumBound[j], "device %d: sum over axis 0, column %d", ord, j)
		}
		for i, v := range got[1] {
			require.InDelta(t, mmWant[i], float64(v), mmBound[i], "device %d: matmul element %d", ord, i)
		}
	}
	dev0, dev1 := d0.Backend().Device(), d1.Backend().Device()
	if !sameDeviceModel(dev0, dev1) {
		t.Logf("devices of two models (%s, %s): compared within the error bound only", dev0.Name, dev1.Name)
		return
	}
	require.Equal(t, sum0, sum1, "sum over axis 0: device 1 differs from device 0")
	require.Equal(t, mm0, mm1, "matmul: device 1 differs from device 0")
}

// Eight goroutines at once each compute on device 0, move the result to
// device 1 (whole and as a strided view), compute there and move it back:
// every result is exact (one rounding per float32 operation on the host,
// as on the GPU).
func TestBothDevicesConcurrently(t *testing.T) {
	d0, d1 := twoCUDA(t)
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for g := range errs {
		wg.Go(func() { errs[g] = bothDevices(d0, d1, uint64(g)) })
	}
	wg.Wait()
	for g, err := range errs {
		require.NoError(t, err, "goroutine %d", g)
	}
}

func bothDevices(d0, d1 *Device, seed uint64) error {
	r := rand.New(rand.NewPCG(46, seed))
	for round := range 5 {
		n := 4099 + 2*int(seed) + round
		x := randomF32(r, n)
		want := make([]float32, n)
		for i, v := range x {
			y := float32(v*2) + 1
			want[i] = float32(y * y)
		}
		a := FromSliceOn(d0, x)
		y0 := a.Mul(2).Add(1)
		y1 := y0.To(d1.Backend())
		z1 := y1.Mul(y1)
		odd1 := y0.Index(From(1).Step(2)).To(d1.Backend()) // y[1::2]
		oz1 := odd1.Mul(odd1)
		z0, oz0 := z1.To(d0.Backend()), oz1.To(d0.Backend())
		got, err := ToSlice[float32](z0)
		gotOdd, oerr := ToSlice[float32](oz0)
		for _, v := range []*Array{a, y0, y1, z1, odd1, oz1, z0, oz0} {
			v.Free()
		}
		if err != nil || oerr != nil {
			return fmt.Errorf("round %d: %v, %v", round, err, oerr)
		}
		if z0.Backend() != d0.Backend() || len(got) != n || len(gotOdd) != n/2 {
			return fmt.Errorf("round %d: result on %v with %d and %d elements", round, z0.Backend().Device(), len(got), len(gotOdd))
		}
		for i := range n {
			if got[i] != want[i] || (i%2 == 1 && gotOdd[i/2] != want[i]) {
				return fmt.Errorf("round %d: element %d = %v (strided %v), want %v", round, i, got[i], gotOdd[min(i/2, n/2-1)], want[i])
			}
		}
	}
	return nil
}
