package hip

import (
	sym "github.com/cugo/cugo/internal/sym/hip"
)

// hipStreamCaptureModeGlobal: other threads may not make unsafe calls
// while this stream captures.
const captureModeGlobal = 0

// BeginCapture starts recording s's work into a graph instead of running
// it. The error wraps loader.ErrNotSupported where the runtime lacks graphs.
func (s *Stream) BeginCapture() error {
	return s.ctx.Do(func() error {
		r, err := sym.HipStreamBeginCapture(s.handle, captureModeGlobal)
		if err != nil {
			return err
		}
		return check("hipStreamBeginCapture", r)
	})
}

// EndCapture stops recording and returns the graph, instantiated.
func (s *Stream) EndCapture() (*Graph, error) {
	g := &Graph{ctx: s.ctx}
	err := s.ctx.Do(func() error {
		r, err := sym.HipStreamEndCapture(s.handle, &g.graph)
		if err != nil {
			return err
		}
		if err := check("hipStreamEndCapture", r); err != nil {
			return err
		}
		r, err = sym.HipGraphInstantiate(&g.exec, g.graph, nil, nil, 0)
		if err != nil {
			return err
		}
		return check("hipGraphInstantiate", r)
	})
	if err != nil {
		g.Destroy()
		return nil, err
	}
	return g, nil
}

// Graph is captured stream work, instantiated and ready to replay.
type Graph struct {
	ctx   *Context
	graph sym.HipGraph_t
	exec  sym.HipGraphExec_t
}

// Launch replays the graph on s.
func (g *Graph) Launch(s *Stream) error {
	return g.ctx.Do(func() error {
		r, err := sym.HipGraphLaunch(g.exec, s.handle)
		if err != nil {
			return err
		}
		return check("hipGraphLaunch", r)
	})
}

// Destroy releases the graph.
func (g *Graph) Destroy() error {
	return g.ctx.Do(func() error {
		if g.exec != 0 {
			r, err := sym.HipGraphExecDestroy(g.exec)
			if err == nil {
				err = check("hipGraphExecDestroy", r)
			}
			if err != nil {
				return err
			}
			g.exec = 0
		}
		if g.graph != 0 {
			r, err := sym.HipGraphDestroy(g.graph)
			if err == nil {
				err = check("hipGraphDestroy", r)
			}
			if err != nil {
				return err
			}
			g.graph = 0
		}
		return nil
	})
}
