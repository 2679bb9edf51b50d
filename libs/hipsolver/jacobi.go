package hipsolver

import (
	"github.com/cugo/cugo/internal/cargs"
	sym "github.com/cugo/cugo/internal/sym/hipsolver"
)

// GesvdjInfo holds the settings of the Jacobi SVD (Gesvdj, GesvdjBatched).
type GesvdjInfo struct{ p sym.HipsolverGesvdjInfo_t }

// NewGesvdjInfo returns the default settings (tolerance: machine
// precision, 100 sweeps).
func NewGesvdjInfo() (*GesvdjInfo, error) {
	if _, err := sym.Load(); err != nil {
		return nil, err
	}
	g := &GesvdjInfo{}
	return g, check("hipsolverCreateGesvdjInfo", sym.HipsolverCreateGesvdjInfo(&g.p))
}

// SetTolerance sets the accuracy at which the rotations stop.
func (g *GesvdjInfo) SetTolerance(tol float64) error {
	return check("hipsolverXgesvdjSetTolerance", sym.HipsolverXgesvdjSetTolerance(g.handle(), tol))
}

// SetMaxSweeps sets the most sweeps the solver makes.
func (g *GesvdjInfo) SetMaxSweeps(n int) error {
	v, err := checkArgs("hipsolverXgesvdjSetMaxSweeps", []int{n})
	if err != nil {
		return err
	}
	return check("hipsolverXgesvdjSetMaxSweeps", sym.HipsolverXgesvdjSetMaxSweeps(g.handle(), v[0]))
}

// Close releases the settings; it is safe to call twice.
func (g *GesvdjInfo) Close() error {
	if g == nil || g.p == 0 {
		return nil
	}
	err := check("hipsolverDestroyGesvdjInfo", sym.HipsolverDestroyGesvdjInfo(g.p))
	g.p = 0
	return err
}

func (g *GesvdjInfo) handle() sym.HipsolverGesvdjInfo_t {
	if g == nil {
		return 0
	}
	return g.p
}

// SyevjInfo holds the settings of the Jacobi eigensolver (Syevj,
// SyevjBatched).
type SyevjInfo struct{ p sym.HipsolverSyevjInfo_t }

// NewSyevjInfo returns the default settings (tolerance: machine
// precision, 100 sweeps).
func NewSyevjInfo() (*SyevjInfo, error) {
	if _, err := sym.Load(); err != nil {
		return nil, err
	}
	s := &SyevjInfo{}
	return s, check("hipsolverCreateSyevjInfo", sym.HipsolverCreateSyevjInfo(&s.p))
}

// SetTolerance sets the accuracy at which the rotations stop.
func (s *SyevjInfo) SetTolerance(tol float64) error {
	return check("hipsolverXsyevjSetTolerance", sym.HipsolverXsyevjSetTolerance(s.handle(), tol))
}

// SetMaxSweeps sets the most sweeps the solver makes.
func (s *SyevjInfo) SetMaxSweeps(n int) error {
	v, err := checkArgs("hipsolverXsyevjSetMaxSweeps", []int{n})
	if err != nil {
		return err
	}
	return check("hipsolverXsyevjSetMaxSweeps", sym.HipsolverXsyevjSetMaxSweeps(s.handle(), v[0]))
}

// Close releases the settings; it is safe to call twice.
func (s *SyevjInfo) Close() error {
	if s == nil || s.p == 0 {
		return nil
	}
	err := check("hipsolverDestroySyevjInfo", sym.HipsolverDestroySyevjInfo(s.p))
	s.p = 0
	return err
}

func (s *SyevjInfo) handle() sym.HipsolverSyevjInfo_t {
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
