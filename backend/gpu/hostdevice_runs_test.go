//go:build linux && amd64 && !race

package gpu

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/backend/cgen"
	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/ir"
	"github.com/stretchr/testify/require"
)

// The run kernels on the host emulation of a CUDA device find what the
// CPU backend finds in sorted data: the first element of each run and
// its position, and the run of each element, over dtypes with NaN, -0.0 and repeats, lengths within a
// block and over several chunks, an offset input, each output alone,
// and each count of items a thread offered for measurement.
func TestFirstOfRunsOnHostDevice(t *testing.T) {
	b, c, r := hostDeviceAndCPU(t, 9)
	jobs := []struct {
		dt   dtype.DType
		n    int
		dups bool
	}{{dtype.Int32, 3000, true}, {dtype.Float32, 2500, true}, {dtype.Float64, 700, false}, {dtype.Float16, 300, true},
		{dtype.Bool, 1000, false}, {dtype.Uint8, 40, false}, {dtype.Int64, 1, false}, {dtype.Int32, 0, false}}
	for k, j := range jobs {
		off := k % 2
		in := sortInput(r, j.dt, j.n, off, j.dups)
		if j.n > 0 {
			sorted := sortOutputs(t, c, j.dt, 1, j.n, off, in, true, false)[0]
			copy(in[off*j.dt.Size():], sorted)
		}
		for _, items := range []int{1, 2, cgen.DefaultRunsItems, 8} { // item counts besides the default
			if items != cgen.DefaultRunsItems && k > 1 {
				continue
			}
			for _, want := range [][3]bool{{true, true, true}, {true, false, false}, {false, true, false}, {false, false, true}} {
				expected := firstOfRunsOn(t, c, j.dt, j.n, off, in, want)
				var got [3][]byte
				timeout(t, 5*time.Minute, func() {
					defer func(old int) { runsItems = old }(runsItems)
					runsItems = items
					got = firstOfRunsOn(t, b, j.dt, j.n, off, in, want)
				})
				require.Equal(t, expected, got, "%v of %d, %d items a thread (values, starts, ids %v)", j.dt, j.n, items, want)
			}
		}
	}
}

// firstOfRunsOn runs FirstOfRuns on be over the n elements of in from
// element off, asking for the outputs (values, starts, ids) want says,
// and returns them.
func firstOfRunsOn(t *testing.T, be backend.Backend, dt dtype.DType, n, off int, in []byte, want [3]bool) [3][]byte {
	t.Helper()
	var bufs [3]backend.Buffer
	var sizes [3]int
	out := func(count int) (backend.RunsOutputs, error) {
		sizes = [3]int{count * dt.Size(), 8 * count, 8 * n}
		for i, size := range sizes {
			if want[i] {
				bufs[i] = bufferWith(t, be, make([]byte, size))
			}
		}
		return backend.RunsOutputs{Values: bufs[0], Starts: bufs[1], IDs: bufs[2]}, nil
	}
	_, err := be.(backend.RunFinder).FirstOfRuns(dt, n, bufferWith(t, be, in), off, out)
	require.NoError(t, err)
	var got [3][]byte
	for i, buf := range bufs {
		if buf != nil {
			got[i] = make([]byte, sizes[i])
			require.NoError(t, be.Read(got[i], buf, 0))
		}
	}
	return got
}

// The reduction kernels on the host emulation of a CUDA device give the
// CPU backend's results, over three layouts (a whole array, rows of 3,
// transposed axes) and a sample of the folds under test: an arg-max and
// Pre with a scalar (a pending comparison folded in, a where).
func TestReduceOnHostDevice(t *testing.T) {
	var reds []*ir.Reduction
	for _, r := range reductionsUnderTest() {
		switch {
		case len(r.Scalars) > 0, r.Combine == ir.ArgMaxOf && r.Input == dtype.Int8:
			reds = append(reds, r)
		}
	}
	var geos []reduceGeometry
	for _, g := range reduceGeometries() {
		if g.name == "full 1000" || g.name == "rows of 3" || g.name == "two kept, two reduced, transposed" {
			geos = append(geos, g)
		}
	}
	timeout(t, 5*time.Minute, func() { reduceMatchesCPU(t, New(newHostDevice(t)), geos, reds) })
}

// Elementwise kernels with scalar parameters on the host emulation give
// the CPU backend's results: a comparison of int8 magnitudes with an int8
// scalar, and a float32 multiply-add of two inputs, over lengths within
// one vector, one block and several blocks, from aligned and misaligned
// starts (the vector and scalar paths) and reversed; and the multiply-add
// over 2-D shapes of a transposed and a broadcast input (the tiled layout,
// blocks of 32x8 threads) into a contiguous or a transposed output.
func TestElementwiseOnHostDevice(t *testing.T) {
	b, c, r := hostDeviceAndCPU(t, 11)
	i8, f32 := dtype.Int8, dtype.Float32
	kernels := []*ir.Kernel{
		{Inputs: []dtype.DType{i8}, Scalars: []dtype.DType{i8},
			Outputs: []*ir.Node{ir.Apply(ir.Greater, dtype.Bool, ir.Apply(ir.Abs, i8, ir.In(0, i8)), ir.Param(0, i8))}},
		{Inputs: []dtype.DType{f32, f32}, Scalars: []dtype.DType{f32},
			Outputs: []*ir.Node{ir.Apply(ir.Add, f32, ir.In(0, f32), ir.Apply(ir.Mul, f32, ir.In(1, f32), ir.Param(0, f32)))}},
	}
	for _, k := range kernels {
		scalars := []ir.Value{scalarOne(k.Scalars[0])}
		for _, n := range []int{1, 17, 1000, 4099} {
			for _, off := range []int{0, 3} {
				for _, step := range []int{1, -1} {
					name := fmt.Sprintf("%s n=%d offset=%d step=%d", k.Key(), n, off, step)
					var ins [][]byte
					for _, dt := range k.Inputs {
						ins = append(ins, smallValues(r, dt, n+off, false))
					}
					var outs [2][]byte
					for i, be := range []backend.Backend{b, c} {
						var in []backend.Operand
						for j, data := range ins {
							o := backend.Operand{Buf: bufferWith(t, be, data), DType: k.Inputs[j], Offset: off, Strides: []int{step}}
							if step < 0 {
								o.Offset = off + n - 1
							}
							in = append(in, o)
						}
						dt := k.Outputs[0].DType
						out := backend.Operand{Buf: bufferWith(t, be, make([]byte, n*dt.Size())), DType: dt, Strides: []int{1}}
						timeout(t, time.Minute, func() {
							require.NoError(t, be.Elementwise(k, []int{n}, []backend.Operand{out}, in, scalars), name)
						})
						outs[i] = make([]byte, n*dt.Size())
						require.NoError(t, be.Read(outs[i], out.Buf, 0), name)
					}
					require.Equal(t, outs[1], outs[0], name)
				}
			}
		}
	}
	// 2-D: the first input transposed (the tiled layout where the output
	// is contiguous), the second a broadcast row; then both strided into a
	// transposed output (the strided layout)
	k := kernels[1]
	scalars := []ir.Value{scalarOne(f32)}
	for _, shape := range [][2]int{{33, 70}, {5, 3}, {300, 257}} {
		rows, cols := shape[0], shape[1]
		a, row := smallValues(r, f32, rows*cols, false), smallValues(r, f32, cols, false)
		for _, transposedOut := range []bool{false, true} {
			name := fmt.Sprintf("%dx%d, output transposed: %v", rows, cols, transposedOut)
			var outs [2][]byte
			for i, be := range []backend.Backend{b, c} {
				in := []backend.Operand{
					{Buf: bufferWith(t, be, a), DType: f32, Strides: []int{1, rows}},
					{Buf: bufferWith(t, be, row), DType: f32, Strides: []int{0, 1}},
				}
				out := backend.Operand{Buf: bufferWith(t, be, make([]byte, rows*cols*4)), DType: f32, Strides: []int{cols, 1}}
				if transposedOut {
					out.Strides = []int{1, rows}
				}
				timeout(t, time.Minute, func() {
					require.NoError(t, be.Elementwise(k, []int{rows, cols}, []backend.Operand{out}, in, scalars), name)
				})
				outs[i] = make([]byte, rows*cols*4)
				require.NoError(t, be.Read(outs[i], out.Buf, 0), name)
			}
			require.Equal(t, outs[1], outs[0], name)
		}
	}
}

// Complex exp on the host emulation keeps a finite result finite where
// exp of the real part alone overflows (NumPy's scaled cexp), as the CPU
// backend does, for complex128 and complex64, and still overflows where
// the result does.
func TestComplexExpOfLargeRealPartOnHostDevice(t *testing.T) {
	b, c, _ := hostDeviceAndCPU(t, 12)
	for _, dt := range []dtype.DType{dtype.Complex128, dtype.Complex64} {
		res := []float64{709.5, 710, 750, 1000, 1400, 1415, 1500}
		if dt == dtype.Complex64 {
			res = []float64{88.5, 89, 100, 150, 176, 178, 200}
		}
		var zs []complex128
		for _, re := range res {
			for _, im := range []float64{0.3, 1.5, 3, -2, 1e-300} {
				zs = append(zs, complex(re, im))
			}
		}
		size, part := dt.Size(), dt.Size()/2
		data := make([]byte, len(zs)*size)
		for i, z := range zs {
			putFloat(dt, data[i*size:], real(z))
			putFloat(dt, data[i*size+part:], imag(z))
		}
		k := &ir.Kernel{Inputs: []dtype.DType{dt}, Outputs: []*ir.Node{ir.Apply(ir.Exp, dt, ir.In(0, dt))}}
		var outs [2][]complex128
		for i, be := range []backend.Backend{b, c} {
			in := backend.Operand{Buf: bufferWith(t, be, data), DType: dt, Strides: []int{1}}
			out := backend.Operand{Buf: bufferWith(t, be, make([]byte, len(data))), DType: dt, Strides: []int{1}}
			timeout(t, time.Minute, func() {
				require.NoError(t, be.Elementwise(k, []int{len(zs)}, []backend.Operand{out}, []backend.Operand{in}, nil))
			})
			raw := make([]byte, len(data))
			require.NoError(t, be.Read(raw, out.Buf, 0))
			for j := range zs {
				outs[i] = append(outs[i], complex(getFloat(dt, raw[j*size:]), getFloat(dt, raw[j*size+part:])))
			}
		}
		tol := 1e-14
		if dt == dtype.Complex64 {
			tol = 1e-6
		}
		finite := 0
		for j, z := range zs {
			got, want := outs[0][j], outs[1][j]
			for _, p := range [][2]float64{{real(got), real(want)}, {imag(got), imag(want)}} {
				if math.IsInf(p[1], 0) || p[1] == 0 {
					require.Equal(t, p[1], p[0], "%v exp(%v): %v, want %v", dt, z, got, want)
					continue
				}
				finite++
				require.InEpsilon(t, p[1], p[0], tol, "%v exp(%v): %v, want %v", dt, z, got, want)
			}
		}
		require.Greater(t, finite, 10, "%v: finite parts checked", dt)
	}
}

// Scans on the host emulation give the CPU backend's running sums and
// products, each row's first element as it is, on rows of two tiles (the
// carry between them) from a misaligned start.
func TestScanOnHostDevice(t *testing.T) {
	geos := []reduceGeometry{layoutOf("rows of 300", []int{5, 300}, 1, identity(2), -1, 1)}
	timeout(t, 5*time.Minute, func() { scanMatchesCPU(t, New(newHostDevice(t)), geos) })
}

// Gather, Scatter and Compact on the host emulation give the CPU
// backend's results: a column of a strided (transposed) input picked by
// indices counting from either end, for 1-, 2- and 8-byte elements and
// more elements than a block; the converse scatter of distinct indices;
// an index out of range (the same IndexError); and the positions of the
// true elements of masks shorter and longer than a block, from an offset.
func TestGatherOnHostDevice(t *testing.T) {
	b, c, r := hostDeviceAndCPU(t, 13)
	for _, dt := range []dtype.DType{dtype.Int8, dtype.Float16, dtype.Float64} {
		for _, rows := range []int{7, 1000} {
			const cols = 5
			size := dt.Size()
			in := make([]byte, rows*cols*size)
			for i := range in {
				in[i] = byte(r.IntN(256))
			}
			idx := make([]byte, 8*rows)
			perm := r.Perm(rows)
			for i := range rows {
				v := int64(perm[i])
				if i%3 == 0 {
					v -= int64(rows) // from the end
				}
				binary.LittleEndian.PutUint64(idx[8*i:], uint64(v))
			}
			// the scatter's indices repeat: the last element bound for a row wins
			dup := make([]byte, 8*rows)
			for i := range rows {
				v := int64(r.IntN(rows/4 + 1))
				if i%2 == 0 {
					v -= int64(rows)
				}
				binary.LittleEndian.PutUint64(dup[8*i:], uint64(v))
			}
			name := fmt.Sprintf("%v, %d rows", dt, rows)
			var got [2][]byte
			var scattered [2][]byte
			for k, be := range []backend.Backend{b, c} {
				timeout(t, 5*time.Minute, func() {
					// in read as its transpose (cols x rows): column 3 of rows idx[p]
					inBuf, idxBuf := bufferWith(t, be, in), bufferWith(t, be, idx)
					out := bufferWith(t, be, make([]byte, rows*size))
					ax := backend.IndexedAxis{Len: rows, Stride: cols}
					src := backend.Operand{Buf: inBuf, DType: dt, Offset: 3, Strides: []int{0}}
					require.NoError(t, be.Gather([]int{rows}, backend.Operand{Buf: out, DType: dt, Strides: []int{1}}, src,
						backend.Operand{Buf: idxBuf, DType: dtype.Int64, Strides: []int{1}}, ax), name)
					got[k] = make([]byte, rows*size)
					require.NoError(t, be.Read(got[k], out, 0), name)
					// and back: out scattered to column 1 of rows dup[p]
					dst := backend.Operand{Buf: inBuf, DType: dt, Offset: 1, Strides: []int{0}}
					require.NoError(t, be.Scatter([]int{rows}, dst, backend.Operand{Buf: out, DType: dt, Strides: []int{1}},
						backend.Operand{Buf: bufferWith(t, be, dup), DType: dtype.Int64, Strides: []int{1}}, ax), name)
					scattered[k] = make([]byte, len(in))
					require.NoError(t, be.Read(scattered[k], inBuf, 0), name)
					// an index past the end
					bad := slices.Clone(idx)
					binary.LittleEndian.PutUint64(bad[8*(rows/2):], uint64(rows))
					err := be.Gather([]int{rows}, backend.Operand{Buf: out, DType: dt, Strides: []int{1}}, src,
						backend.Operand{Buf: bufferWith(t, be, bad), DType: dtype.Int64, Strides: []int{1}}, ax)
					var ie *backend.IndexError
					require.True(t, errors.As(err, &ie), "%s: %v", name, err)
					require.Equal(t, backend.IndexError{Index: int64(rows), Len: rows}, *ie, name)
				})
			}
			require.Equal(t, got[1], got[0], name)
			require.Equal(t, scattered[1], scattered[0], name)
		}
	}
	for _, n := range []int{1, 200, 3000} {
		mask := make([]byte, n+1)
		for i := range mask {
			mask[i] = byte(r.IntN(2))
		}
		var pos [2][]byte
		var count [2]int
		for k, be := range []backend.Backend{b, c} {
			timeout(t, 5*time.Minute, func() {
				out := bufferWith(t, be, make([]byte, 8*n))
				var err error
				count[k], err = be.Compact(out, bufferWith(t, be, mask), 1, n)
				require.NoError(t, err)
				pos[k] = make([]byte, 8*count[k])
				require.NoError(t, be.Read(pos[k], out, 0))
			})
		}
		require.Equal(t, count[1], count[0], "mask of %d", n)
		require.Equal(t, pos[1], pos[0], "mask of %d", n)
	}
}

// Reductions of two inputs on the host emulation give the CPU backend's
// results on two layouts: one row, and misaligned columns (the second
// input read at the first's offsets).
func TestReduceManyOnHostDevice(t *testing.T) {
	var geos []reduceGeometry
	for _, g := range reduceGeometries() {
		switch g.name {
		case "full 1000", "columns, misaligned":
			geos = append(geos, g)
		}
	}
	timeout(t, 5*time.Minute, func() { reduceManyMatchesCPU(t, New(newHostDevice(t)), geos) })
}
