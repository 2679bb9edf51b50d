package array

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cugo/cugo/backend/cpu"
	"github.com/cugo/cugo/internal/fixture"
	"github.com/stretchr/testify/require"
)

// FuzzLoadtxt feeds Loadtxt and Genfromtxt arbitrary text under options
// picked by the fuzzer, starting from the NumPy fixtures' inputs: they
// must never panic, must report errors under their own name, and what
// Loadtxt reads must be a consistent array that survives Savetxt with
// "%.18e" (every value of the dtypes read this way) and a second read.
func FuzzLoadtxt(f *testing.F) {
	inputs, err := filepath.Glob(fixture.Path("textio/*.txt"))
	if err != nil || len(inputs) == 0 {
		f.Fatalf("no seed inputs: %v", err)
	}
	for i, name := range inputs {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, byte(i), byte(i*7))
	}
	f.Add([]byte("\"1\n2\" 3\n\"\"\"\" 4"), byte(3), byte(0x40))
	f.Add([]byte("1,2\r3,4\r\n5,\xff"), byte(1), byte(0))
	d := On(cpu.New(2))
	dtypes := []DType{Float64, Float32, Int64, Int8, Uint16, Bool, Complex128, Float16}
	f.Fuzz(func(t *testing.T, in []byte, delim, flags byte) {
		dt := dtypes[int(flags)%len(dtypes)]
		opts := []TextOption{TextDType(dt), NDMin(int(flags>>3) % 3)}
		switch delim % 4 {
		case 1:
			opts = append(opts, Delimiter(","))
		case 2:
			opts = append(opts, Delimiter("\t"), Comments("#", "//"))
		case 3:
			opts = append(opts, QuoteChar('"'))
		}
		if flags&0x20 != 0 {
			opts = append(opts, UseCols(int(delim>>2)%4-2))
		}
		if flags&0x40 != 0 {
			opts = append(opts, SkipRows(int(delim>>4)), MaxRows(int(flags>>5)))
		}
		a := d.Loadtxt(bytes.NewReader(in), opts...)
		if err := a.Err(); err != nil {
			require.True(t, strings.HasPrefix(err.Error(), "Loadtxt: "), err.Error())
		} else {
			require.Equal(t, dt, a.DType())
			require.LessOrEqual(t, int(flags>>3)%3, a.NDim())
			n := 1
			for _, s := range a.Shape() {
				n *= s
			}
			data := hostData(t, a)
			require.Len(t, data, n*dt.Size())
			if a.NDim() > 0 && dt != Bool && dt.Kind() != Complex128.Kind() {
				var buf bytes.Buffer
				require.NoError(t, a.Savetxt(&buf, Fmt("%.18e")))
				if dt.Kind() == Int64.Kind() || dt.Kind() == Uint16.Kind() {
					buf.Reset()
					require.NoError(t, a.Savetxt(&buf, Fmt("%d")))
				}
				back := d.Loadtxt(&buf, TextDType(dt), NDMin(a.NDim()))
				require.NoError(t, back.Err(), buf.String())
				requireClose(t, dt, data, hostData(t, back), 0, "round trip")
			}
		}
		var gopts []TextOption
		switch delim % 3 {
		case 1:
			gopts = append(gopts, Delimiter(","))
		case 2:
			gopts = append(gopts, Delimiter("::"), Comments("//"))
		}
		if flags&0x80 != 0 {
			gopts = append(gopts, SkipHeader(int(delim>>5)), SkipFooter(int(flags>>6)), FillingValues(7))
		}
		g := d.Genfromtxt(bytes.NewReader(in), append(gopts, TextDType(dt))...)
		if err := g.Err(); err != nil {
			require.True(t, strings.HasPrefix(err.Error(), "Genfromtxt: "), err.Error())
		}
		sep := ","
		if delim%2 == 1 {
			sep = " "
		}
		r := d.FromReader(bytes.NewReader(in), dt, int(flags>>4)-1, sep)
		if err := r.Err(); err != nil {
			require.True(t, strings.HasPrefix(err.Error(), "FromReader: "), err.Error())
		}
	})
}
