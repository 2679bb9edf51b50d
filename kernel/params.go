package kernel

import (
	"fmt"
	"github.com/cugo/cugo/array"
	"slices"
	"strings"

	"github.com/cugo/cugo/backend/cgen"
	"github.com/cugo/cugo/dtype"
)

// param is one parameter of a list such as "float32 x, raw T y".
type param struct {
	name  string
	raw   bool
	dtype dtype.DType // 0 for a type placeholder
	typ   string      // the placeholder's name
}

// parseParams parses a parameter list: comma-separated "[raw] type name",
// the type a NumPy dtype name or a placeholder (any other identifier).
func parseParams(list string) ([]param, error) {
	var ps []param
	if strings.TrimSpace(list) == "" {
		return nil, nil
	}
	for _, item := range strings.Split(list, ",") {
		f := strings.Fields(item)
		p := param{}
		if len(f) == 3 && f[0] == "raw" {
			p.raw, f = true, f[1:]
		}
		if len(f) != 2 || f[0] == "raw" {
			return nil, fmt.Errorf("parameter %q is not \"[raw] type name\"", strings.TrimSpace(item))
		}
		p.name = f[1]
		if d, err := dtype.Parse(f[0]); err == nil {
			p.dtype = d
		} else if cgen.IsIdent(f[0]) {
			p.typ = f[0]
		} else {
			return nil, fmt.Errorf("parameter %s: type %q is neither a dtype nor a placeholder", p.name, f[0])
		}
		if !cgen.IsIdent(p.name) {
			return nil, fmt.Errorf("parameter name %q is not an identifier", p.name)
		}
		ps = append(ps, p)
	}
	return ps, nil
}

// scalarDType is the dtype of a Go scalar's own type: int and uint are
// 64-bit, as on every platform cugo runs on.
func scalarDType(v any) (dtype.DType, bool) {
	switch v.(type) {
	case int:
		return dtype.Int64, true
	case uint, uintptr:
		return dtype.Uint64, true
	}
	return dtype.OfValue(v)
}

// signature is a kernel's parameter lists, parsed, with its type
// placeholders in order of first use, and its options.
type signature struct {
	in, out []param
	types   []string
	cfg     config
}

// newSignature parses a kernel's name and parameter lists.
func newSignature(name, in, out string, opts []Option) (signature, error) {
	var sig signature
	for _, o := range opts {
		o(&sig.cfg)
	}
	var err error
	if !cgen.IsIdent(name) {
		return sig, fmt.Errorf("kernel: name %q is not a C identifier", name)
	}
	if sig.in, err = parseParams(in); err != nil {
		return sig, fmt.Errorf("kernel %s: inputs: %w", name, err)
	}
	if sig.out, err = parseParams(out); err != nil {
		return sig, fmt.Errorf("kernel %s: outputs: %w", name, err)
	}
	seen := map[string]bool{}
	for _, p := range slices.Concat(sig.in, sig.out) {
		if seen[p.name] { // the generated C function would not compile
			return sig, fmt.Errorf("kernel %s: parameter name %s is used twice", name, p.name)
		}
		seen[p.name] = true
	}
	for _, ps := range [][]param{sig.in, sig.out} {
		for _, p := range ps {
			if p.typ != "" && !slices.Contains(sig.types, p.typ) {
				sig.types = append(sig.types, p.typ)
			}
		}
	}
	return sig, nil
}

// param is the parameter of argument i: the inputs, then the outputs.
func (s *signature) param(i int) param {
	if i < len(s.in) {
		return s.in[i]
	}
	return s.out[i-len(s.in)]
}

// resolve sets dts (one per parameter, inputs then outputs) from the
// declared dtypes and the placeholders' types.
func (s *signature) resolve(dts, types []dtype.DType) error {
	for i := range dts {
		p := s.param(i)
		dts[i] = p.dtype
		if p.typ != "" {
			dts[i] = types[slices.Index(s.types, p.typ)]
		}
		if dts[i] == 0 {
			return fmt.Errorf("cannot tell the type %s of %s from the arguments", p.typ, p.name)
		}
		if !cgen.UserDType(dts[i]) {
			return fmt.Errorf("%s is %v: kernels take bool, integers, float32 and float64", p.name, dts[i])
		}
	}
	return nil
}

// castInput returns input x of parameter p as dtype d: x itself, or a
// copy to free after the launch (a safe cast only).
func castInput(x *array.Array, p param, d dtype.DType) (*array.Array, error) {
	if x.DType() == d {
		return x, nil
	}
	if !dtype.CanCast(x.DType(), d, dtype.CastSafe) {
		return nil, fmt.Errorf("input %s is %v, the kernel takes %v (and casts only safely)", p.name, x.DType(), d)
	}
	return x.AsType(d), nil
}
