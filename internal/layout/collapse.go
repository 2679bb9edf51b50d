package layout

// Collapse simplifies an elementwise loop over shape, in which operand
// k steps through memory by strides[k]: it drops axes of size 1 and merges
// neighbouring axes that every operand walks as one (stride of the outer
// axis = size times stride of the inner), as CuPy's reduce_dims does. The
// result visits the same offsets in the same order with fewer, longer axes.
// An empty shape gives shape (0,); a shape of size 1 gives ().
func Collapse(shape []int, strides ...[]int) ([]int, [][]int) {
	shape, outStrides := CollapseInto(nil, make([][]int, len(strides)), shape, strides)
	if len(shape) == 0 {
		shape = []int{}
		for k := range outStrides {
			outStrides[k] = []int{}
		}
	}
	return shape, outStrides
}

// CollapseInto is Collapse appending to outShape[:0] and
// outStrides[k][:0], so that a launch can reuse their memory.
func CollapseInto(outShape []int, outStrides [][]int, shape []int, strides [][]int) ([]int, [][]int) {
	outShape = outShape[:0]
	for k := range outStrides {
		outStrides[k] = outStrides[k][:0]
	}
	for _, d := range shape {
		if d == 0 {
			for k := range outStrides {
				outStrides[k] = append(outStrides[k], 0)
			}
			return append(outShape, 0), outStrides
		}
	}
	for i, d := range shape {
		if d == 1 {
			continue
		}
		n := len(outShape) - 1
		merge := n >= 0
		for k := range strides {
			merge = merge && outStrides[k][n] == d*strides[k][i]
		}
		if merge {
			outShape[n] *= d
			for k := range strides {
				outStrides[k][n] = strides[k][i]
			}
			continue
		}
		outShape = append(outShape, d)
		for k := range strides {
			outStrides[k] = append(outStrides[k], strides[k][i])
		}
	}
	return outShape, outStrides
}

// ContiguousStrides returns the element strides of a C-ordered array of shape.
func ContiguousStrides(shape []int) []int {
	s := make([]int, len(shape))
	n := 1
	for d := len(shape) - 1; d >= 0; d-- {
		s[d] = n
		n *= shape[d]
	}
	return s
}
