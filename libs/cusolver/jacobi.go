package cusolver

import (
	"github.com/cugo/cugo/internal/cargs"
	sym "github.com/cugo/cugo/internal/sym/cusolver"
)

// GesvdjInfo holds the settings of the Jacobi SVD (Gesvdj, GesvdjBatched).
type GesvdjInfo struct{ p sym.GesvdjInfo_t }

// NewGesvdjInfo returns the default settings (tolerance: machine
// precision, 100 sweeps).
func NewGesvdjInfo() (*GesvdjInfo, error) {
	if _, err := sym.Load(); err != nil {
		return nil, err
	}
	g := &GesvdjInfo{}
	return g, check("cusolverDnCreateGesvdjInfo", sym.CusolverDnCreateGesvdjInfo(&g.p))
}

// SetTolerance sets the accuracy at which the rotations stop.
func (g *GesvdjInfo) SetTolerance(tol float64) error {
	return check("cusolverDnXgesvdjSetTolerance", sym.CusolverDnXgesvdjSetTolerance(g.handle(), tol))
}

// SetMaxSweeps sets the most sweeps the solver makes.
func (g *GesvdjInfo) SetMaxSweeps(n int) error {
	v, err := checkArgs("cusolverDnXgesvdjSetMaxSweeps", []int{n})
	if err != nil {
		return err
	}
	return check("cusolverDnXgesvdjSetMaxSweeps", sym.CusolverDnXgesvdjSetMaxSweeps(g.handle(), v[0]))
}

// Close releases the settings; it is safe to call twice.
func (g *GesvdjInfo) Close() error {
	if g == nil || g.p == 0 {
		return nil
	}
	err := check("cusolverDnDestroyGesvdjInfo", sym.CusolverDnDestroyGesvdjInfo(g.p))
	g.p = 0
	return err
}

func (g *GesvdjInfo) handle() sym.GesvdjInfo_t {
	if g == nil {
		return 0
	}
	return g.p
}

// SyevjInfo holds the settings of the Jacobi eigensolver (Syevj,
// SyevjBatched).
type SyevjInfo struct{ p sym.SyevjInfo_t }

// NewSyevjInfo returns the default settings (tolerance: machine
// precision, 100 sweeps).
func NewSyevjInfo() (*SyevjInfo, error) {
	if _, err := sym.Load(); err != nil {
		return nil, err
	}
	s := &SyevjInfo{}
	return s, check("cusolverDnCreateSyevjInfo", sym.CusolverDnCreateSyevjInfo(&s.p))
}

// SetTolerance sets the accuracy at which the rotations stop.
func (s *SyevjInfo) SetTolerance(tol float64) error {
	return check("cusolverDnXsyevjSetTolerance", sym.CusolverDnXsyevjSetTolerance(s.handle(), tol))
}

// SetMaxSweeps sets the most sweeps the solver makes.
func (s *SyevjInfo) SetMaxSweeps(n int) error {
	v, err := checkArgs("cusolverDnXsyevjSetMaxSweeps", []int{n})
	if err != nil {
		return err
	}
	return check("cusolverDnXsyevjSetMaxSweeps", sym.CusolverDnXsyevjSetMaxSweeps(s.handle(), v[0]))
}

// Close releases the settings; it is safe to call twice.
func (s *SyevjInfo) Close() error {
	if s == nil || s.p == 0 {
		return nil
	}
	err := check("cusolverDnDestroySyevjInfo", sym.CusolverDnDestroySyevjInfo(s.p))
	s.p = 0
	return err
}

func (s *SyevjInfo) handle() sym.SyevjInfo_t {
	if s == nil {
		return 0
	}
	return s.p
}

// cbool is a C int flag.
func cbool(b bool) int32 {
	if b {
		return 1
	}
	return 0
}

// pick is the routine name of T's kind: real for S and D, complex for C
// and Z ("orgqr" against "ungqr").
func pick[T Elem](real, complex string) string {
	if p := cargs.Prefix[T](); p == "S" || p == "D" {
		return real
	}
	return complex
}
