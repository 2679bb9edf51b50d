package ir

import (
	"fmt"
	"strings"

	"github.com/cugo/cugo/dtype"
)

// CKernel is an elementwise kernel whose per-element code is C source
// written by a user (package kernel's Elementwise, CuPy's
// ElementwiseKernel). The GPU backends render it around the loops of a
// Kernel (cgen.RenderC); the CPU backend, which compiles no C, refuses it.
type CKernel struct {
	Name    string   // a C identifier, part of the entry's name
	Outputs []CParam // arrays walked element by element and written
	Inputs  []CParam // arrays walked element by element and read
	Raw     []CParam // whole C-contiguous arrays, by pointer, indexed by the body
	Scalars []CParam // values of the launch
	// Types are the type placeholders of the parameter lists ("T"),
	// resolved: each becomes a typedef the body can use.
	Types    []CParam
	Body     string   // C statements for element i (C order) of _ind.size()
	Preamble string   // C at file scope, before the kernel
	Options  []string // compiler options (NVRTC's or hiprtc's)
	// LoopPrep and AfterLoop are C statements each thread runs once,
	// before its first element and after its last (CuPy's loop_prep and
	// after_loop); the body sees LoopPrep's variables.
	LoopPrep, AfterLoop string
}

// CParam is a named, typed parameter of a CKernel. Out marks a raw array
// the body may write.
type CParam struct {
	Name  string
	DType dtype.DType
	Out   bool
}

// Key is a canonical text of the kernel, equal for equal kernels: the
// compile-cache key of the GPU backends.
func (k *CKernel) Key() string {
	var b strings.Builder
	fmt.Fprintf(&b, "ckernel %q", k.Name)
	for _, ps := range []struct {
		name string
		ps   []CParam
	}{{"out", k.Outputs}, {"in", k.Inputs}, {"raw", k.Raw}, {"scalar", k.Scalars}, {"type", k.Types}} {
		fmt.Fprintf(&b, " %s[", ps.name)
		for _, p := range ps.ps {
			fmt.Fprintf(&b, "%s %s %t;", p.DType, p.Name, p.Out)
		}
		b.WriteByte(']')
	}
	fmt.Fprintf(&b, " body %q preamble %q options %q", k.Body, k.Preamble, k.Options)
	if k.LoopPrep != "" || k.AfterLoop != "" { // absent otherwise: earlier keys stay as they were
		fmt.Fprintf(&b, " loop_prep %q after_loop %q", k.LoopPrep, k.AfterLoop)
	}
	return b.String()
}

// CReduction is the C of a user's reduction (package kernel's Reduction,
// CuPy's ReductionKernel), carried by a Reduction whose Pre is nil: Map
// is an expression of the input element (named In.Name) and the scalars
// giving the accumulator, Reduce an expression of two accumulators a and
// b, Identity the accumulator of nothing, and Post statements that set
// the output (Out.Name) from the folded a (empty: the output is a, cast).
type CReduction struct {
	Name     string
	In       CParam
	More     []CParam // names of the Reduction's More inputs
	Scalars  []CParam // names of the Reduction's Scalars
	Out      CParam
	Types    []CParam // resolved placeholders, as typedefs
	Map      string
	Reduce   string
	Post     string
	Identity string
	Preamble string
	Options  []string
}

// Key is a canonical text of the user's reduction.
func (c *CReduction) Key() string {
	return fmt.Sprintf("creduce %q in=%v more=%v scalars=%v out=%v types=%v map %q reduce %q post %q identity %q preamble %q options %q",
		c.Name, c.In, c.More, c.Scalars, c.Out, c.Types, c.Map, c.Reduce, c.Post, c.Identity, c.Preamble, c.Options)
}
