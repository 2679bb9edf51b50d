package array

import (
	"errors"
	"fmt"
	"slices"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/ir"
)

// Set writes v into the elements of a (usually a view made by Index): v is
// a Go number or bool, or an array that broadcasts to a's shape. Values
// are cast to a's dtype with NumPy's unsafe casting, as a[...] = v does,
// except where NumPy 2 raises: a Go integer out of a's range, a NaN or
// infinity into an integer array, a complex Go number into a real array.
// v may share memory with a in any way: overlapping data is copied through
// a temporary.
func (a *Array) Set(v any) error { return a.set("Set", v) }

func (a *Array) set(op string, v any) error {
	if err := a.checkWrite(op); err != nil {
		return err
	}
	if src, ok := v.(*Array); ok {
		if err := src.checkOp(op); err != nil {
			return err
		}
		if err := sameBackend(op, a.st.b, src.st.b); err != nil {
			return err
		}
		if _, err := broadcastStrides(src.shape, src.strides, a.shape); err != nil {
			return fmt.Errorf("%s: could not broadcast input array from shape %s into shape %s", op, formatShape(src.shape), formatShape(a.shape))
		}
		if a.Size() == 0 { // nothing to copy; an empty view's offset may lie past its buffer
			return nil
		}
		if src.dt == a.dt && src.st != a.st && slices.Equal(src.shape, a.shape) && src.contiguous() && a.contiguous() {
			// Same bytes in the same order: the device's own copy.
			if err := hold(a, src); err != nil {
				return wrap(op, err)
			}
			defer release(a, src)
			size := a.dt.Size()
			return wrap(op, a.st.b.Copy(a.st.buf, a.offset*size, src.st.buf, src.offset*size, a.Size()*size))
		}
		return wrap(op, elementwise(copyKernel(src.dt, a.dt), a.shape, a, []*Array{src}, nil))
	}
	s, ok := scalarOf(v)
	if !ok {
		return fmt.Errorf("%s: unsupported value of type %T (want *Array or a Go number or bool)", op, v)
	}
	val, err := s.value(a.dt)
	if err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	l := lookupLoop(uCopy, [3]uint32{scalarCode + uint32(s.kind)}, a.dt)
	return wrap(op, elementwise(l.kernel, a.shape, a, nil, []ir.Value{val}))
}

func wrap(op string, err error) error {
	if err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	return nil
}

// AsType returns a copy of a converted to dt (NumPy's unsafe casting).
func (a *Array) AsType(dt DType) *Array { return a.convert("AsType", dt) }

// Copy returns a C-ordered copy of a.
func (a *Array) Copy() *Array { return a.convert("Copy", a.DType()) }

func (a *Array) convert(op string, dt DType) *Array {
	if err := a.checkOp(op); err != nil {
		return &Array{err: err}
	}
	out := On(a.st.b).alloc(op, dt, a.shape)
	if out.err != nil {
		return out
	}
	if err := out.set(op, a); err != nil {
		out.Free()
		return &Array{err: err}
	}
	return out
}

// cOrder returns a itself if it is C-ordered, else a C-ordered copy;
// free reports whether the caller must free the result.
func (a *Array) cOrder(op string) (c *Array, free bool, err error) {
	if a.contiguous() {
		return a, false, a.st.materialise()
	}
	c = a.convert(op, a.dt)
	return c, true, c.err
}

// hostBytes reads a's elements in C order.
func (a *Array) hostBytes(op string) ([]byte, error) {
	if err := a.checkOp(op); err != nil {
		return nil, err
	}
	var data []byte
	err := a.readInto(op, func() []byte {
		data = make([]byte, a.Size()*a.dt.Size())
		return data
	})
	return data, err
}

// readInto reads a's elements in C order into the host buffer that
// buffer makes, of their size. buffer is called once the backend holds
// them in C order, so that a view too large for memory (a broadcast one)
// fails with the backend's error rather than exhausting the process.
func (a *Array) readInto(op string, buffer func() []byte) error {
	c, free, err := a.cOrder(op)
	if err != nil {
		return err
	}
	if free {
		defer c.Free()
	}
	data := buffer()
	if len(data) == 0 {
		return nil
	}
	if err := hold(c); err != nil {
		return wrap(op, err)
	}
	defer release(c)
	return wrap(op, c.st.b.Read(data, c.st.buf, c.offset*c.dt.Size()))
}

// ToSlice returns a copy of a's elements in C order. T must be the Go type
// of a's dtype exactly (float32 for Float32, F16 for Float16...).
func ToSlice[T Element](a *Array) ([]T, error) {
	if err := a.checkOp("ToSlice"); err != nil {
		return nil, err
	}
	if want := dtype.Of[T](); want != a.dt {
		return nil, fmt.Errorf("ToSlice: array of %v read as []%v: use the Go type of %v, or AsType(%v) first",
			a.dt, goTypeName[T](), a.dt, want)
	}
	var out []T
	var data []byte
	if err := a.readInto("ToSlice", func() []byte {
		out = make([]T, a.Size())
		data = bytesOf(out)
		return data
	}); err != nil {
		return nil, err
	}
	if a.dt == Bool {
		normalizeBools(data) // memory filled from elsewhere may hold other bytes
	}
	return out, nil
}

func goTypeName[T Element]() string {
	var zero T
	return fmt.Sprintf("%T", zero)
}

// Item returns the only element of a size-1 array as a T, converting as
// NumPy's item() and Python's conversions would: to T's dtype where the
// array's casts to it under same_kind casting (a float32 to float64, an
// int8 to int64, a float64 to float32 rounded); other conversions (float
// to integer, complex to real) are errors.
func Item[T Element](a *Array) (T, error) {
	var zero T
	if err := a.checkOp("Item"); err != nil {
		return zero, err
	}
	if n := a.Size(); n != 1 {
		return zero, fmt.Errorf("Item: can only convert an array of size 1 to a Go scalar, not of size %d", n)
	}
	if want := dtype.Of[T](); want != a.dt {
		if !dtype.CanCast(a.dt, want, dtype.CastSameKind) {
			return zero, fmt.Errorf("Item: cannot convert a %v element to %T (use AsType)", a.dt, zero)
		}
		a = a.AsType(want)
		defer a.Free()
	}
	s, err := ToSlice[T](a)
	if err != nil {
		return zero, fmt.Errorf("Item: %w", err)
	}
	return s[0], nil
}

// CopyFromSlice overwrites the elements of the C-ordered array a with src,
// which must have a's dtype and size.
func CopyFromSlice[T Element](a *Array, src []T) error {
	if err := checkHostCopy("CopyFromSlice", a, dtype.Of[T](), len(src)); err != nil {
		return err
	}
	if len(src) == 0 {
		return nil
	}
	a.st.beforeWrite()
	if err := hold(a); err != nil {
		return wrap("CopyFromSlice", err)
	}
	defer release(a)
	return wrap("CopyFromSlice", a.st.b.Write(a.st.buf, a.offset*a.dt.Size(), bytesOf(src)))
}

// CopyToSlice copies the elements of the C-ordered array a into dst, which
// must have a's dtype and size.
func CopyToSlice[T Element](dst []T, a *Array) error {
	if err := checkHostCopy("CopyToSlice", a, dtype.Of[T](), len(dst)); err != nil {
		return err
	}
	if len(dst) == 0 {
		return nil
	}
	if err := hold(a); err != nil {
		return wrap("CopyToSlice", err)
	}
	defer release(a)
	return wrap("CopyToSlice", a.st.b.Read(bytesOf(dst), a.st.buf, a.offset*a.dt.Size()))
}

func checkHostCopy(op string, a *Array, dt DType, n int) error {
	if err := a.checkOp(op); err != nil {
		return err
	}
	switch {
	case dt != a.dt:
		return fmt.Errorf("%s: slice of %v for an array of %v", op, dt, a.dt)
	case n != a.Size():
		return fmt.Errorf("%s: slice of %d elements for an array of size %d", op, n, a.Size())
	case !a.contiguous():
		return fmt.Errorf("%s: array is not C-contiguous; use Copy first", op)
	}
	return nil
}

// To returns a C-ordered copy of a on backend b. Between two GPUs it
// copies device to device where b can (backend.PeerCopier: GPUs of one
// vendor that reach each other's memory), else through pinned host memory
// in chunks; to or from the CPU it copies through host memory.
func (a *Array) To(b backend.Backend) *Array {
	if err := a.checkOp("To"); err != nil {
		return &Array{err: err}
	}
	c, free, err := a.cOrder("To")
	if err != nil {
		return &Array{err: err}
	}
	if free {
		defer c.Free()
	}
	out := On(b).alloc("To", a.dt, slices.Clone(a.shape))
	if out.err != nil {
		return out
	}
	if err := copyAcross(out, c); err != nil {
		out.Free()
		return &Array{err: fmt.Errorf("To: %w", err)}
	}
	return out
}

// stagingChunk is the most pinned host memory a copy between two GPUs
// without a device path holds at once.
const stagingChunk = 8 << 20

// copyAcross copies the elements of the C-ordered src into the C-ordered
// dst of the same dtype and size, which may live on another backend.
func copyAcross(dst, src *Array) error {
	n := src.Size() * src.dt.Size()
	if n == 0 {
		return nil
	}
	if err := hold(dst, src); err != nil {
		return err
	}
	defer release(dst, src)
	from, to := src.st.b, dst.st.b
	dstOff, srcOff := dst.offset*dst.dt.Size(), src.offset*src.dt.Size()
	if p, ok := to.(backend.PeerCopier); ok {
		done, err := p.CopyPeer(dst.st.buf, dstOff, from, src.st.buf, srcOff, n)
		if done || err != nil {
			return err
		}
	}
	pf, fromGPU := from.(backend.PinnedAllocator)
	_, toGPU := to.(backend.PinnedAllocator)
	if !fromGPU || !toGPU {
		data := make([]byte, n)
		if err := from.Read(data, src.st.buf, srcOff); err != nil {
			return err
		}
		return to.Write(dst.st.buf, dstOff, data)
	}
	stage, unstage, err := pf.AllocPinned(min(n, stagingChunk))
	if err != nil {
		return err
	}
	for done := 0; done < n && err == nil; done += len(stage) {
		part := stage[:min(len(stage), n-done)]
		err = from.Read(part, src.st.buf, srcOff+done)
		if err == nil {
			err = to.Write(dst.st.buf, dstOff+done, part)
		}
	}
	return errors.Join(err, unstage())
}
