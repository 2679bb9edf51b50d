package array

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"sync"
	"unsafe"

	"github.com/cugo/cugo/backend"
	_ "github.com/cugo/cugo/backend/cpu"  // the CPU backend always exists
	_ "github.com/cugo/cugo/backend/cuda" // preferred where a CUDA GPU opens
	_ "github.com/cugo/cugo/backend/hip"  // else where an AMD GPU opens
	"github.com/cugo/cugo/dtype"
)

// Device creates arrays on one backend. The package-level creation
// functions are those of DefaultDevice.
type Device struct {
	b   backend.Backend
	err error
}

// On returns the creation functions for arrays on b.
func On(b backend.Backend) *Device {
	if b == nil {
		return &Device{err: fmt.Errorf("array: nil backend")}
	}
	return &Device{b: b}
}

var defaultDevice = sync.OnceValue(func() *Device {
	b, err := backend.Default()
	if err != nil {
		return &Device{err: err}
	}
	return On(b)
})

// DefaultDevice returns the device of backend.Default(): the first GPU
// that opens, else the CPU, unless CUGO_BACKEND says otherwise.
func DefaultDevice() *Device { return defaultDevice() }

// Backend returns the device's backend (nil for a nil Device).
func (d *Device) Backend() backend.Backend {
	if d == nil {
		return nil
	}
	return d.b
}

// ErrNilDevice is the error of any use of a nil *Device.
var ErrNilDevice = errors.New("array: nil *Device (use DefaultDevice or On)")

// Err returns why the device could not be opened, if it could not.
func (d *Device) Err() error {
	if d == nil {
		return ErrNilDevice
	}
	return d.err
}

// alloc checks dt and shape and allocates an uninitialised array.
func (d *Device) alloc(op string, dt DType, shape []int) *Array {
	if err := d.Err(); err != nil {
		return failed(op, err)
	}
	if dt.Size() == 0 {
		return errorf(op, "invalid dtype %v", dt)
	}
	a, err := empty(d.b, dt, shape)
	if err != nil {
		return failed(op, err)
	}
	return a
}

// Empty returns an array of the given dtype and shape whose elements are
// not initialised.
func (d *Device) Empty(dt DType, shape ...int) *Array { return d.alloc("Empty", dt, shape) }

// Zeros returns an array of zeros.
func (d *Device) Zeros(dt DType, shape ...int) *Array { return d.full("Zeros", dt, 0, shape) }

// Ones returns an array of ones.
func (d *Device) Ones(dt DType, shape ...int) *Array { return d.full("Ones", dt, 1, shape) }

// Full returns an array with every element set to value: a Go number or
// bool, or an *Array that broadcasts to shape, cast as Set casts.
func (d *Device) Full(dt DType, value any, shape ...int) *Array {
	return d.full("Full", dt, value, shape)
}

func (d *Device) full(op string, dt DType, value any, shape []int) *Array {
	a := d.alloc(op, dt, shape)
	if a.err != nil {
		return a
	}
	if err := a.set(op, value); err != nil {
		a.Free()
		return &Array{err: err}
	}
	return a
}

// Scalar returns a 0-d array holding v, of the dtype of v's Go type (int
// is int64, float64 is float64, F16 is float16...).
func (d *Device) Scalar(v any) *Array {
	s, ok := scalarOf(v)
	if !ok {
		return errorf("Scalar", "unsupported type %T (want a Go number or bool)", v)
	}
	dt, ok := dtype.OfValue(v)
	if !ok { // int, uint, uintptr
		dt = s.defaultDType()
	}
	return d.full("Scalar", dt, v, nil)
}

// fromHost returns an array of shape whose elements are data (C order).
func (d *Device) fromHost(op string, dt DType, data []byte, shape []int) *Array {
	a := d.alloc(op, dt, shape)
	if a.err != nil || len(data) == 0 {
		return a
	}
	if err := d.b.Write(a.st.buf, 0, data); err != nil {
		a.Free()
		return failed(op, err)
	}
	return a
}

// filled returns an array of shape whose elements fill writes into a
// host buffer (C order). The array is allocated first, so that a shape
// past the memory there is fails with an error rather than the host
// buffer exhausting the process.
func (d *Device) filled(op string, dt DType, shape []int, fill func(data []byte)) *Array {
	a := d.alloc(op, dt, shape)
	if a.err != nil || a.Size() == 0 {
		return a
	}
	data := make([]byte, a.Size()*dt.Size())
	fill(data)
	if err := d.b.Write(a.st.buf, 0, data); err != nil {
		a.Free()
		return failed(op, err)
	}
	return a
}

// Arange returns evenly spaced values in [start, stop): start, start+step,
// ..., ceil((stop-start)/step) of them, computed as NumPy's arange does:
// the first two values are converted to dt and the rest are
// first + i*(second-first) in dt's arithmetic.
func (d *Device) Arange(start, stop, step float64, dt DType) *Array {
	if step == 0 {
		return errorf("Arange", "step must not be zero")
	}
	if dt.Size() == 0 {
		return errorf("Arange", "invalid dtype %v", dt)
	}
	f := math.Ceil((stop - start) / step)
	if math.IsNaN(f) || f > math.MaxInt32*float64(1<<20) {
		return errorf("Arange", "cannot compute length of arange(%v, %v, %v)", start, stop, step)
	}
	n := max(int(f), 0)
	if dt == Bool && n > 2 {
		return errorf("Arange", "no fill-function for data-type bool (length %d > 2)", n)
	}
	first, second := hostValue(dt, complex(start, 0)), hostValue(dt, complex(start+step, 0))
	return d.filled("Arange", dt, []int{n}, func(data []byte) {
		for i := range n {
			v := first
			switch {
			case i == 1:
				v = second
			case i > 1:
				v = arangeValue(dt, first, second, i)
			}
			putValue(data[i*dt.Size():], dt, v)
		}
	})
}

// arangeValue is first + i*(second-first) in dt's arithmetic (float32 for
// the 16-bit floats, as NumPy's fill functions compute).
func arangeValue(dt DType, first, second [2]uint64, i int) [2]uint64 {
	switch dt {
	case Float64, Complex128:
		a, b := math.Float64frombits(first[0]), math.Float64frombits(second[0])
		return floatValue(dt, complex(a+float64(i)*(b-a), 0))
	case Float32, Complex64, Float16, BFloat16:
		a, b := f32Value(dt, first), f32Value(dt, second)
		return floatValue(dt, complex(float64(a+float32(i)*(b-a)), 0))
	}
	mask := sizeMask(dt)
	return [2]uint64{(first[0] + uint64(i)*(second[0]-first[0])) & mask}
}

func f32Value(dt DType, v [2]uint64) float32 {
	switch dt {
	case Float16:
		return F16(v[0]).Float32()
	case BFloat16:
		return BF16(v[0]).Float32()
	}
	return math.Float32frombits(uint32(v[0]))
}

// SpaceOption is an argument of Linspace, Logspace and Geomspace.
type SpaceOption func(*spaceConfig)

type spaceConfig struct{ open bool }

// Endpoint says whether stop is the last value (true, NumPy's default) or
// left out (endpoint=False: num values spaced (stop-start)/num apart, as
// the sample times np.linspace(0, T, n, endpoint=False) of a signal).
func Endpoint(include bool) SpaceOption { return func(c *spaceConfig) { c.open = !include } }

func spaceOptions(opts []SpaceOption) spaceConfig {
	var c spaceConfig
	for _, o := range opts {
		o(&c)
	}
	return c
}

// Linspace returns num evenly spaced values from start to stop, both
// included (or stop left out: Endpoint(false)), with NumPy's formula:
// start + i*step in float64 with step = (stop-start)/(num-1) (/num
// without the endpoint), the last value exactly stop, floored for integer
// dtypes, then converted to dt.
func (d *Device) Linspace(start, stop float64, num int, dt DType, opts ...SpaceOption) *Array {
	if num < 0 {
		return errorf("Linspace", "Number of samples, %d, must be non-negative.", num)
	}
	if dt.Size() == 0 {
		return errorf("Linspace", "invalid dtype %v", dt)
	}
	open := spaceOptions(opts).open
	div := float64(num - 1)
	if open {
		div = float64(num)
	}
	delta := stop - start
	step := delta / div
	return d.filled("Linspace", dt, []int{num}, func(data []byte) {
		for i := range num {
			y := float64(i)
			switch {
			case div > 0 && step == 0:
				y = y / div * delta
			case div > 0:
				y *= step
			default:
				y *= delta
			}
			y += start
			if i == num-1 && num > 1 && !open {
				y = stop
			}
			if isInt(dt) {
				y = math.Floor(y)
			}
			putValue(data[i*dt.Size():], dt, hostValue(dt, complex(y, 0)))
		}
	})
}

// Eye returns an n×m array with ones on diagonal k (0 the main diagonal,
// k > 0 above it, k < 0 below) and zeros elsewhere.
func (d *Device) Eye(n, m, k int, dt DType) *Array {
	if n < 0 || m < 0 {
		return errorf("Eye", "negative dimensions are not allowed")
	}
	if dt.Size() == 0 {
		return errorf("Eye", "invalid dtype %v", dt)
	}
	one := hostValue(dt, 1)
	return d.filled("Eye", dt, []int{n, m}, func(data []byte) {
		for i := range n {
			if j := i + k; j >= 0 && j < m {
				putValue(data[(i*m+j)*dt.Size():], dt, one)
			}
		}
	})
}

// Identity returns the n×n identity matrix.
func (d *Device) Identity(n int, dt DType) *Array { return d.Eye(n, n, 0, dt) }

// HostElement is the set of Go element types FromSlice takes: every
// Element, int and uint (int64 and uint64 on 64-bit platforms, as NumPy's
// default integer), and types defined on them (type Celsius float64).
type HostElement interface {
	~bool | ~int | ~int8 | ~int16 | ~int32 | ~int64 | ~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 |
		~float32 | ~float64 | ~complex64 | ~complex128
}

// hostDType is the dtype whose elements have the layout of a Go T.
func hostDType[T HostElement]() DType {
	var zero T
	if d, ok := dtype.OfValue(any(zero)); ok { // exact types, F16 and BF16 among them
		return d
	}
	size := int(unsafe.Sizeof(zero))
	switch reflect.TypeFor[T]().Kind() {
	case reflect.Bool:
		return Bool
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return map[int]DType{1: Int8, 2: Int16, 4: Int32, 8: Int64}[size]
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return map[int]DType{1: Uint8, 2: Uint16, 4: Uint32, 8: Uint64}[size]
	case reflect.Float32:
		return Float32
	case reflect.Float64:
		return Float64
	case reflect.Complex64:
		return Complex64
	}
	return Complex128
}

// FromSliceOn returns an array on d holding a copy of data, laid out in C
// order as shape (len(data) elements in one axis if no shape is given;
// one axis may be -1, inferred).
func FromSliceOn[T HostElement](d *Device, data []T, shape ...int) *Array {
	if shape == nil {
		shape = []int{len(data)}
	}
	full, err := inferShape(len(data), shape)
	if err != nil {
		return errorf("FromSlice", "%d elements do not fill shape %s", len(data), formatShape(shape))
	}
	return d.fromHost("FromSlice", hostDType[T](), bytesOf(data), full)
}

// FromSlice is FromSliceOn the default device.
func FromSlice[T HostElement](data []T, shape ...int) *Array {
	return FromSliceOn(DefaultDevice(), data, shape...)
}

// bytesOf views a slice of elements as its bytes, which are the array
// element layout on the little-endian machines Go runs cugo on.
func bytesOf[T HostElement](s []T) []byte {
	if len(s) == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(s))), len(s)*int(unsafe.Sizeof(s[0])))
}

// like returns the device that a lives on, or an error array for a.
func like(op string, a *Array) (*Device, *Array) {
	if err := a.checkOp(op); err != nil {
		return nil, &Array{err: err}
	}
	return On(a.st.b), nil
}

// EmptyLike returns an uninitialised array of a's dtype and shape on a's backend.
func EmptyLike(a *Array) *Array {
	d, bad := like("EmptyLike", a)
	if bad != nil {
		return bad
	}
	return d.alloc("EmptyLike", a.dt, a.shape)
}

// ZerosLike returns zeros of a's dtype and shape on a's backend.
func ZerosLike(a *Array) *Array { return FullLike(a, 0) }

// OnesLike returns ones of a's dtype and shape on a's backend.
func OnesLike(a *Array) *Array { return FullLike(a, 1) }

// FullLike returns an array of a's dtype and shape on a's backend, filled
// with value.
func FullLike(a *Array, value any) *Array {
	d, bad := like("FullLike", a)
	if bad != nil {
		return bad
	}
	return d.full("FullLike", a.dt, value, slices.Clone(a.shape))
}

// The creation functions on the default device.

// Empty returns an uninitialised array on the default device.
func Empty(dt DType, shape ...int) *Array { return DefaultDevice().Empty(dt, shape...) }

// Zeros returns an array of zeros on the default device.
func Zeros(dt DType, shape ...int) *Array { return DefaultDevice().Zeros(dt, shape...) }

// Ones returns an array of ones on the default device.
func Ones(dt DType, shape ...int) *Array { return DefaultDevice().Ones(dt, shape...) }

// Full returns an array filled with value on the default device.
func Full(dt DType, value any, shape ...int) *Array { return DefaultDevice().Full(dt, value, shape...) }

// Scalar returns a 0-d array holding v on the default device.
func Scalar(v any) *Array { return DefaultDevice().Scalar(v) }

// Arange returns evenly spaced values in [start, stop) on the default device.
func Arange(start, stop, step float64, dt DType) *Array {
	return DefaultDevice().Arange(start, stop, step, dt)
}

// Linspace returns num evenly spaced values in [start, stop] (or [start,
// stop) with Endpoint(false)) on the default device.
func Linspace(start, stop float64, num int, dt DType, opts ...SpaceOption) *Array {
	return DefaultDevice().Linspace(start, stop, num, dt, opts...)
}

// Eye returns an n×m array with ones on diagonal k on the default device.
func Eye(n, m, k int, dt DType) *Array { return DefaultDevice().Eye(n, m, k, dt) }

// Identity returns the n×n identity matrix on the default device.
func Identity(n int, dt DType) *Array { return DefaultDevice().Identity(n, dt) }
