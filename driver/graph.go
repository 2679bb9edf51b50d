package driver

import (
	sym "github.com/cugo/cugo/internal/sym/cuda"
)

// CaptureMode says which calls from other threads may interrupt a stream
// capture (CUstreamCaptureMode). Goroutines move between threads, so the
// thread-local mode gives no guarantee in Go: use CaptureGlobal (calls
// unsafe during a capture fail everywhere) or CaptureRelaxed.
type CaptureMode int32

const (
	CaptureGlobal      CaptureMode = 0
	CaptureThreadLocal CaptureMode = 1
	CaptureRelaxed     CaptureMode = 2
)

// BeginCapture starts recording the work queued on s into a graph instead
// of running it. s must not be the NULL stream.
func (s *Stream) BeginCapture(mode CaptureMode) error {
	return s.do(func() error {
		return check("cuStreamBeginCapture", sym.CuStreamBeginCapture(s.handle, sym.CUstreamCaptureMode(mode)))
	})
}

// EndCapture ends the capture that BeginCapture started and returns the graph.
func (s *Stream) EndCapture() (*Graph, error) {
	g := &Graph{ctx: s.ctx}
	err := s.do(func() error { return check("cuStreamEndCapture", sym.CuStreamEndCapture(s.handle, &g.handle)) })
	if err != nil {
		return nil, err
	}
	return g, nil
}

// Graph is recorded work, to be instantiated and replayed.
type Graph struct {
	ctx       *Context
	handle    sym.CUgraph
	destroyed bool
}

// Instantiate turns the graph into an executable one.
func (g *Graph) Instantiate() (*GraphExec, error) {
	if g.destroyed {
		return nil, errDestroyed
	}
	x := &GraphExec{ctx: g.ctx}
	err := g.ctx.Do(func() error {
		return check("cuGraphInstantiateWithFlags", sym.CuGraphInstantiate(&x.handle, g.handle, 0))
	})
	if err != nil {
		return nil, err
	}
	return x, nil
}

// Destroy releases the graph; executable graphs made from it stay valid.
func (g *Graph) Destroy() error {
	if g.destroyed {
		return errDestroyed
	}
	err := g.ctx.Do(func() error { return check("cuGraphDestroy", sym.CuGraphDestroy(g.handle)) })
	if err == nil {
		g.destroyed = true
	}
	return err
}

// GraphExec is an instantiated graph.
type GraphExec struct {
	ctx       *Context
	handle    sym.CUgraphExec
	destroyed bool
}

// Launch queues one replay of the graph on s (nil: the NULL stream).
func (x *GraphExec) Launch(s *Stream) error {
	if s == nil {
		s = x.ctx.legacy
	}
	if x.destroyed {
		return errDestroyed
	}
	return s.do(func() error { return check("cuGraphLaunch", sym.CuGraphLaunch(x.handle, s.handle)) })
}

// Destroy releases the executable graph.
func (x *GraphExec) Destroy() error {
	if x.destroyed {
		return errDestroyed
	}
	err := x.ctx.Do(func() error { return check("cuGraphExecDestroy", sym.CuGraphExecDestroy(x.handle)) })
	if err == nil {
		x.destroyed = true
	}
	return err
}
