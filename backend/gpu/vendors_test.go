package gpu_test

// The vendor adapters register their kinds ("cuda", "hip") with package
// gpu, so that its tests run on whichever GPU this machine has.
import (
	_ "github.com/cugo/cugo/backend/cuda"
	_ "github.com/cugo/cugo/backend/hip"
)
