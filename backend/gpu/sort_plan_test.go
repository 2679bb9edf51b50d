package gpu

import (
	"testing"

	"github.com/cugo/cugo/backend/cgen"
	"github.com/stretchr/testify/require"
)

// sortLaunch is what a launch of a plan does: the pass, whether it
// carries positions, whether it writes the outputs and whether through
// positions.
type sortLaunch struct {
	pass                   int
	withVals, last, gather bool
}

func (p sortPlan) launchAt(j int, out bool) (sortLaunch, bool) {
	if j >= len(p.run) {
		return sortLaunch{}, false
	}
	last := j == len(p.run)-1
	return sortLaunch{p.run[j], p.withVals, last, last && p.withVals && !p.lossless && out}, true
}

// For every plan word of up to 6 passes, with and without positions and
// elements asked for, the guess's launches before the first that returns
// at once are the plan's own, and that first one is where they differ:
// the host launches exactly what the plan needs from there, and every
// launch of the guess after it returns at once too.
func TestSortGuessAbortsWhereThePlanDiffers(t *testing.T) {
	for passes := 1; passes <= 6; passes++ {
		for _, withVals := range []bool{false, true} {
			for _, out := range []bool{false, true} {
				guess := sortPlan{withVals: withVals, lossless: true}
				for i := range passes {
					guess.run = append(guess.run, i)
				}
				for constant := range uint64(1) << passes {
					for _, lossy := range []uint64{0, cgen.SortPlanLossy} {
						word := cgen.SortPlanValid | constant | lossy
						plan := planOf(word, passes, withVals)
						k := guess.firstAbort(word, passes, out)
						for j := range k {
							g, _ := guess.launchAt(j, out)
							p, ok := plan.launchAt(j, out)
							require.True(t, ok && g == p, "passes %d, word %#x, positions %v, out %v: launch %d of the guess %+v, of the plan %+v",
								passes, word, withVals, out, j, g, p)
						}
						for j := k; j < passes; j++ {
							abortAny, abortAll := guess.abortMasks(j, out)
							require.True(t, aborts(word, abortAny, abortAll), "passes %d, word %#x, positions %v, out %v: launch %d runs after launch %d returned",
								passes, word, withVals, out, j, k)
						}
						g, _ := guess.launchAt(k, out)
						p, ok := plan.launchAt(k, out)
						require.True(t, k == passes && !ok || k < passes && g != p, "passes %d, word %#x, positions %v, out %v: the guess stops at %d",
							passes, word, withVals, out, k)
					}
				}
			}
		}
	}
}
