package array_test

import (
	"fmt"
	"log"

	"github.com/cugo/cugo/array"
)

// Two chains on two streams, one operation across them, and events.
func ExampleDevice_NewStream() {
	dev := array.DefaultDevice()
	s1, err := dev.NewStream()
	if err != nil {
		log.Fatal(err)
	}
	defer s1.Close()
	s2, err := dev.NewStream()
	if err != nil {
		log.Fatal(err)
	}
	defer s2.Close()
	a := s1.Ones(array.Float32, 1<<20).Mul(3) // queued on s1
	b := s2.Ones(array.Float32, 1<<20).Add(1) // queued on s2, concurrently
	start, err := s1.Record()
	if err != nil {
		log.Fatal(err)
	}
	c := b.Add(a) // on s2, after s1's writes of a
	end, err := s1.Record()
	if err != nil {
		log.Fatal(err)
	}
	if err := s2.Wait(end); err != nil {
		log.Fatal(err)
	}
	elapsed, err := start.Elapsed(end)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(c.Index(array.S(0, 3)), elapsed >= 0, s2.Sync())
	// Output: array([5., 5., 5.], dtype=float32) true <nil>
}
