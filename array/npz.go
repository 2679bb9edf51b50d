package array

import (
	"archive/zip"
	"bufio"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
)

// zipMagic starts every zip archive, so every .npz file.
const zipMagic = "PK\x03\x04"

// LoadNpz reads an .npz archive, as np.savez and np.savez_compressed
// write it, from r of size bytes, into new arrays on d: one per member,
// named as np.load names them (the member's name less ".npy"). Stored and
// deflated members are read alike. On an error no array is returned.
func (d *Device) LoadNpz(r io.ReaderAt, size int64) (map[string]*Array, error) {
	if err := d.Err(); err != nil {
		return nil, fmt.Errorf("LoadNpz: %w", err)
	}
	if r == nil {
		return nil, fmt.Errorf("LoadNpz: nil reader")
	}
	z, err := zip.NewReader(r, size)
	if err != nil {
		return nil, fmt.Errorf("LoadNpz: not an .npz archive: %w", err)
	}
	arrays := map[string]*Array{}
	fail := func(err error) (map[string]*Array, error) {
		for _, a := range arrays {
			a.Free()
		}
		return nil, err
	}
	for _, f := range z.File {
		name := strings.TrimSuffix(f.Name, ".npy")
		if _, dup := arrays[name]; dup {
			return fail(fmt.Errorf("LoadNpz: two members named %q", name))
		}
		a, err := d.loadMember(f)
		if err != nil {
			return fail(fmt.Errorf("LoadNpz: member %q: %w", f.Name, err))
		}
		arrays[name] = a
	}
	return arrays, nil
}

func (d *Device) loadMember(f *zip.File) (*Array, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	data, err := ReadNpy(bufio.NewReader(rc))
	if err != nil {
		return nil, err
	}
	a := d.fromNpy("LoadNpz", data)
	return a, a.Err()
}

// LoadNpzFile reads the .npz file at path into new arrays on d.
func (d *Device) LoadNpzFile(path string) (map[string]*Array, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("LoadNpzFile: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("LoadNpzFile: %w", err)
	}
	return d.LoadNpz(f, st.Size())
}

// LoadNpz reads an .npz archive into new arrays on the default device.
func LoadNpz(r io.ReaderAt, size int64) (map[string]*Array, error) {
	return DefaultDevice().LoadNpz(r, size)
}

// LoadNpzFile reads the .npz file at path into new arrays on the default device.
func LoadNpzFile(path string) (map[string]*Array, error) { return DefaultDevice().LoadNpzFile(path) }

// SaveNpz writes arrays as an uncompressed .npz archive, as np.savez does:
// one .npy member per array, "name.npy", in the order of the names.
func SaveNpz(w io.Writer, arrays map[string]*Array) error {
	return saveNpz("SaveNpz", w, arrays, zip.Store)
}

// SaveNpzCompressed writes arrays as a deflated .npz archive, as
// np.savez_compressed does.
func SaveNpzCompressed(w io.Writer, arrays map[string]*Array) error {
	return saveNpz("SaveNpzCompressed", w, arrays, zip.Deflate)
}

func saveNpz(op string, w io.Writer, arrays map[string]*Array, method uint16) error {
	if w == nil {
		return fmt.Errorf("%s: nil writer", op)
	}
	names := make([]string, 0, len(arrays))
	for name, a := range arrays {
		if name == "" {
			return fmt.Errorf("%s: an array has an empty name", op)
		}
		if err := a.checkOp(op); err != nil {
			return fmt.Errorf("%s: array %q: %w", op, name, err)
		}
		names = append(names, name)
	}
	slices.Sort(names)
	z := zip.NewWriter(w)
	for _, name := range names {
		mw, err := z.CreateHeader(&zip.FileHeader{Name: name + ".npy", Method: method})
		if err != nil {
			return fmt.Errorf("%s: %w", op, err)
		}
		if err := arrays[name].Save(mw); err != nil {
			return fmt.Errorf("%s: array %q: %w", op, name, err)
		}
	}
	return wrap(op, z.Close())
}
