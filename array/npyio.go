package array

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"slices"
)

// Load reads a .npy file into a new array on d. A Fortran-ordered file
// becomes the Fortran-ordered array np.load gives (a view with reversed
// strides), not a copy.
func (d *Device) Load(r io.Reader) *Array {
	if err := d.Err(); err != nil {
		return failed("Load", err)
	}
	data, err := ReadNpy(r)
	if err != nil {
		return failed("Load", err)
	}
	return d.fromNpy("Load", data)
}

// fromNpy returns a new array on d holding data as np.load gives it.
func (d *Device) fromNpy(op string, data *NpyData) *Array {
	a := d.fromHost(op, data.DType, data.Data, slices.Clone(data.Shape))
	if a.err != nil || !data.FortranOrder {
		return a
	}
	a.strides = data.Strides()
	return a
}

// LoadFile reads the .npy file at path into a new array on d.
func (d *Device) LoadFile(path string) *Array {
	f, err := os.Open(path)
	if err != nil {
		return failed("LoadFile", err)
	}
	defer f.Close()
	return d.Load(bufio.NewReader(f))
}

// Load reads a .npy file into a new array on the default device.
func Load(r io.Reader) *Array { return DefaultDevice().Load(r) }

// LoadFile reads the .npy file at path into a new array on the default device.
func LoadFile(path string) *Array { return DefaultDevice().LoadFile(path) }

// Save writes a as a .npy file in C order, byte for byte as np.save does.
func (a *Array) Save(w io.Writer) error {
	data, err := a.hostBytes("Save")
	if err != nil {
		return err
	}
	return wrap("Save", WriteNpy(w, a.dt, a.shape, data))
}

// SaveFile writes a as a .npy file at path.
func (a *Array) SaveFile(path string) (err error) {
	if err := a.checkOp("SaveFile"); err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("SaveFile: %w", err)
	}
	w := bufio.NewWriter(f)
	if err := a.Save(w); err != nil {
		f.Close()
		return err
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("SaveFile: %w", err)
	}
	return wrap("SaveFile", f.Close())
}
