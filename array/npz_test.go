package array

import (
	"archive/zip"
	"bytes"
	"os"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cugo/cugo/backend/cpu"
	"github.com/cugo/cugo/internal/fixture"
)

var npzNames = []string{"big_endian", "counts", "empty", "fortran", "half", "mask", "scalar", "x", "z"}

// TestLoadNpzMatchesNpy reads the archives np.savez and
// np.savez_compressed wrote and compares each array with the same array
// saved alone by np.save.
func TestLoadNpzMatchesNpy(t *testing.T) {
	forEachBackend(t, func(t *testing.T, d *Device) {
		for _, file := range []string{"arrays.npz", "arrays_compressed.npz"} {
			arrays, err := d.LoadNpzFile(fixture.Path("npz/" + file))
			require.NoError(t, err, file)
			names := make([]string, 0, len(arrays))
			for name := range arrays {
				names = append(names, name)
			}
			slices.Sort(names)
			require.Equal(t, npzNames, names)
			for name, got := range arrays {
				want := d.LoadFile(fixture.Path("npz/" + name + ".npy"))
				require.NoError(t, want.Err())
				require.Equal(t, want.DType(), got.DType(), name)
				require.Equal(t, want.Shape(), got.Shape(), name)
				require.Equal(t, want.Strides(), got.Strides(), name)
				require.Equal(t, hostData(t, want), hostData(t, got), name)
			}
		}
	})
}

// TestSaveNpzAsNumPy saves the arrays of the NumPy archive again: each
// member must be the bytes np.save wrote for it (those in C order and
// little-endian, as cugo writes), and both archives read back the same.
func TestSaveNpzAsNumPy(t *testing.T) {
	arrays, err := LoadNpzFile(fixture.Path("npz/arrays.npz"))
	require.NoError(t, err)
	for _, save := range []func(*bytes.Buffer, map[string]*Array) error{
		func(b *bytes.Buffer, m map[string]*Array) error { return SaveNpz(b, m) },
		func(b *bytes.Buffer, m map[string]*Array) error { return SaveNpzCompressed(b, m) },
	} {
		var buf bytes.Buffer
		require.NoError(t, save(&buf, arrays))
		z, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
		require.NoError(t, err)
		var members []string
		for _, f := range z.File {
			members = append(members, f.Name)
			name := f.Name[:len(f.Name)-len(".npy")]
			if name == "fortran" || name == "big_endian" {
				continue
			}
			want, err := os.ReadFile(fixture.Path("npz/" + f.Name))
			require.NoError(t, err)
			rc, err := f.Open()
			require.NoError(t, err)
			var got bytes.Buffer
			_, err = got.ReadFrom(rc)
			require.NoError(t, err)
			require.Equal(t, want, got.Bytes(), f.Name)
		}
		require.Len(t, members, len(npzNames))
		require.True(t, slices.IsSorted(members))

		back, err := LoadNpz(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
		require.NoError(t, err)
		for name, a := range arrays {
			require.Equal(t, a.Shape(), back[name].Shape(), name)
			require.Equal(t, hostData(t, a), hostData(t, back[name]), name)
		}
	}
}

func TestSaveNpzViews(t *testing.T) {
	m := Arange(0, 24, 1, Float32).Reshape(2, 3, 4)
	arrays := map[string]*Array{
		"transposed": m.Transpose(2, 0, 1),
		"strided":    m.Index(All, S(0, 3).Step(2), I(1)),
		"broadcast":  FromSlice([]int8{1, -2, 3}).BroadcastTo(4, 3),
	}
	var buf bytes.Buffer
	require.NoError(t, SaveNpzCompressed(&buf, arrays))
	back, err := LoadNpz(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	require.NoError(t, err)
	for name, a := range arrays {
		require.Equal(t, a.Shape(), back[name].Shape(), name)
		require.Equal(t, hostData(t, a.Copy()), hostData(t, back[name]), name)
	}
}

func TestNpzErrors(t *testing.T) {
	npz, err := os.ReadFile(fixture.Path("npz/arrays.npz"))
	require.NoError(t, err)
	require.ErrorContains(t, Load(bytes.NewReader(npz)).Err(), "read it with LoadNpz")

	_, err = LoadNpz(bytes.NewReader([]byte("not a zip")), 9)
	require.ErrorContains(t, err, "LoadNpz: not an .npz archive")

	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	w, err := z.Create("notes.txt")
	require.NoError(t, err)
	w.Write([]byte("hello, these are notes"))
	require.NoError(t, z.Close())
	_, err = LoadNpz(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	require.ErrorContains(t, err, `LoadNpz: member "notes.txt": npy: not a .npy file`)

	buf.Reset()
	z = zip.NewWriter(&buf)
	for _, name := range []string{"a.npy", "a"} {
		w, err := z.Create(name)
		require.NoError(t, err)
		require.NoError(t, WriteNpy(w, Int8, []int{1}, []byte{1}))
	}
	require.NoError(t, z.Close())
	_, err = LoadNpz(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	require.ErrorContains(t, err, `LoadNpz: two members named "a"`)

	// Truncated: the central directory is gone.
	_, err = LoadNpz(bytes.NewReader(npz[:len(npz)/2]), int64(len(npz)/2))
	require.Error(t, err)

	bad := FromSlice([]float32{1, 2}).Add(FromSlice([]float32{1, 2, 3}))
	err = SaveNpz(&buf, map[string]*Array{"ok": FromSlice([]int8{1}), "bad": bad})
	require.ErrorContains(t, err, `SaveNpz: array "bad": Add: operands could not be broadcast`)
	require.ErrorContains(t, SaveNpz(&buf, map[string]*Array{"": FromSlice([]int8{1})}), "empty name")
	require.ErrorContains(t, SaveNpz(&buf, map[string]*Array{"nil": nil}), `array "nil": SaveNpz: array: nil array`)
}

// FuzzLoadNpz feeds arbitrary bytes to LoadNpz: an error or arrays, never
// a panic or a hang.
func FuzzLoadNpz(f *testing.F) {
	for _, name := range []string{"arrays.npz", "arrays_compressed.npz"} {
		b, err := os.ReadFile(fixture.Path("npz/" + name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	d := On(cpu.New(1))
	f.Fuzz(func(t *testing.T, b []byte) {
		arrays, err := d.LoadNpz(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			return
		}
		for _, a := range arrays {
			if a.Err() != nil {
				t.Fatalf("LoadNpz returned an array carrying %v", a.Err())
			}
			_ = a.String()
			a.Free()
		}
	})
}
