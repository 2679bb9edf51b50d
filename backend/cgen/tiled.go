package cgen

import (
	"fmt"
	"strings"
)

// tileSide is the side of the square tiles of a Tiled layout, and
// tileRows the rows of threads of its blocks (tileSide x tileRows threads).
const (
	tileSide = 32
	tileRows = 8
)

// tiled writes the kernel of a Tiled layout: each block covers one
// 32x32 tile of the 2-D launch. The inputs marked in Layout.Tiled are
// first read with consecutive threads walking down a column (their
// contiguous direction) into shared memory; then consecutive threads walk
// along a row, computing and writing the outputs, reading those inputs
// from shared memory transposed (a 33-element row pitch keeps both
// accesses free of bank conflicts) and the others straight from memory.
func (g *kernelGen) tiled() string {
	var b strings.Builder
	ix, sx := g.ix(), g.sx()
	m := len(g.k.Outputs)
	staged := func(j int) bool { return g.l.Tiled&(1<<j) != 0 }
	fmt.Fprintf(&b, "struct %s_dims { %s shape[2]; %s stride[%d][2]; };\n", g.name, ix, sx, m+len(g.k.Inputs))
	b.WriteString(g.open())
	for _, j := range g.ins {
		if staged(j) {
			fmt.Fprintf(&b, "  __shared__ %s t%d[%d][%d];\n", storage(g.k.Inputs[j]), j, tileSide, tileSide+1)
		}
	}
	fmt.Fprintf(&b, "  const %[1]s rows = d.shape[0], cols = d.shape[1];\n", ix)
	fmt.Fprintf(&b, "  const %[1]s r0 = (%[1]s)blockIdx.y * %[2]d, c0 = (%[1]s)blockIdx.x * %[2]d;\n", ix, tileSide)
	b.WriteString("  const unsigned tx = threadIdx.x, ty = threadIdx.y;\n")
	at := func(p int, r, c string) string {
		return fmt.Sprintf("(%[1]s)%[2]s * d.stride[%[4]d][0] + (%[1]s)%[3]s * d.stride[%[4]d][1]", sx, r, c, p)
	}
	fmt.Fprintf(&b, "  for (unsigned k = ty; k < %d; k += %d) {\n", tileSide, tileRows)
	fmt.Fprintf(&b, "    const %s r = r0 + tx, c = c0 + k;\n    if (r < rows && c < cols) {\n", ix)
	for _, j := range g.ins {
		if staged(j) {
			fmt.Fprintf(&b, "      t%d[k][tx] = in%d[%s];\n", j, j, at(m+j, "r", "c"))
		}
	}
	b.WriteString("    }\n  }\n  __syncthreads();\n")
	fmt.Fprintf(&b, "  for (unsigned k = ty; k < %d; k += %d) {\n", tileSide, tileRows)
	fmt.Fprintf(&b, "    const %s r = r0 + k, c = c0 + tx;\n    if (r < rows && c < cols) ", ix)
	b.WriteString(g.call(
		func(j int) string { return fmt.Sprintf("out%d[%s]", j, at(j, "r", "c")) },
		func(j int) string {
			if staged(j) {
				return fmt.Sprintf("t%d[tx][k]", j)
			}
			return fmt.Sprintf("in%d[%s]", j, at(m+j, "r", "c"))
		}, "(u64)r * cols + c") + "\n  }\n" + g.close())
	return b.String()
}
