package backend_test

import (
	"fmt"

	"github.com/cugo/cugo/backend"
	_ "github.com/cugo/cugo/backend/cpu"  // registers "cpu"
	_ "github.com/cugo/cugo/backend/cuda" // registers "cuda"
)

// Open gives one shared backend per device; the CPU is always there.
func ExampleOpen() {
	b, err := backend.Open("cpu", 0)
	if err != nil {
		fmt.Println(err)
		return
	}
	again, _ := backend.Open("cpu", 0)
	fmt.Println(b.Device().Kind, b == again)
	// Output: cpu true
}

// Default picks the first GPU that opens, else the CPU, and Skipped says
// why each GPU kind was passed over (its output depends on the machine).
func ExampleDefault() {
	b, err := backend.Default()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("running on", b.Device().Name)
	for _, why := range backend.Skipped() {
		fmt.Println("skipped:", why)
	}
}
