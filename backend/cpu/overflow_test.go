package cpu

import (
	"math"
	"testing"
)

// TestNearOverflow checks exp, sinh, cosh and pow where the result is
// close to MaxFloat64 or beyond it, against glibc's (Python's math):
// infinities exactly, finite results within 1 ulp (pow: 16, as its ln x
// is good to about 2^-59); Go's amd64 math.Exp overflows from 709.44 on.
func TestNearOverflow(t *testing.T) {
	inf := math.Inf(1)
	cases := []struct {
		name      string
		got, want float64
		ulps      uint64
	}{
		{"exp(709.0001)", exp(0x1.62800346dc5d6p+9), 0x1.d42ecedf90557p+1022, 1},
		{"exp(709.4479281823017)", exp(0x1.62b955b5eef8ap+9), 0x1.6e54fb42bf122p+1023, 1},
		{"exp(709.7)", exp(0x1.62d999999999ap+9), 0x1.d75ae7a50ee14p+1023, 1},
		{"exp(709.78)", exp(0x1.62e3d70a3d70ap+9), 0x1.fe9ce5c4c52b4p+1023, 1},
		{"exp(709.782712893384)", exp(0x1.62e42fefa39efp+9), 0x1.fffffffffff2ap+1023, 1},
		{"exp(709.79)", exp(709.79), inf, 1},
		{"exp(1e4)", exp(1e4), inf, 1},
		{"cosh(709.5)", cosh(709.5), 0x1.81e9b4b52d0c9p+1022, 1},
		{"cosh(-710.4)", cosh(-0x1.6333333333333p+9), 0x1.da98a7371610ap+1023, 1},
		{"sinh(710)", sinh(710), 0x1.3e21a464507fap+1023, 1},
		{"sinh(-710.4)", sinh(-0x1.6333333333333p+9), -0x1.da98a7371610ap+1023, 1},
		{"sinh(-711)", sinh(-711), -inf, 1},
		{"cexp(709.5+0i)", real(cexp(complex(0x1.62b955b5eef8ap+9, 0))), 0x1.6e54fb42bf122p+1023, 1},
		// e^re overflows, a part of the product need not (expected values:
		// Python's decimal at 60 digits times the float64 cos or sin).
		{"real cexp(710+0.3i)", real(cexp(complex(710, 0x1.3333333333333p-2))), inf, 1},
		{"imag cexp(710+0.3i)", imag(cexp(complex(710, 0x1.3333333333333p-2))), 0x1.780e9a8af3b15p+1022, 4},
		{"real cexp(712+1.5i)", real(cexp(complex(712, 1.5))), 0x1.4c9005c859425p+1023, 4},
		{"imag cexp(712+1.5i)", imag(cexp(complex(712, 1.5))), inf, 1},
		{"imag cexp(712.5+3.1i)", imag(cexp(complex(712.5, 0x1.8cccccccccccdp+1))), 0x1.424d885153433p+1023, 4},
		{"real cexp(712.5+3.1i)", real(cexp(complex(712.5, 0x1.8cccccccccccdp+1))), -inf, 1},
		{"real cexp(1400+pi i)", real(cexp(complex(1400, 0x1.921fb54442d18p+1))), -inf, 1},
		// A negative base to a huge (even) power: +inf, not -inf.
		{"pow(-0.0061, -MaxFloat32)", pow(-0x1.90269a0abbae8p-8, -0x1.fffffe0000000p+127), inf, 1},
		{"pow(-0.494, -MaxFloat32)", pow(-0x1.fa10300000000p-2, -0x1.fffffe0000000p+127), inf, 1},
		{"pow(-0.494, MaxFloat32)", pow(-0x1.fa10300000000p-2, 0x1.fffffe0000000p+127), 0, 1},
		{"pow(-2, 1023)", pow(-2, 1023), -0x1p1023, 16},
		{"pow(-2, 1025)", pow(-2, 1025), -inf, 1},
		{"pow(2, 1023.99)", pow(2, 0x1.fffeb851eb852p+9), 0x1.fc769e9b9c396p+1023, 16},
		{"pow(-1.5, 1749)", pow(-1.5, 1749), -0x1.124335a45f790p+1023, 16},
		{"pow(1.5, 1750.5)", pow(1.5, 1750.5), 0x1.f7da3a6b133ebp+1023, 16},
	}
	for _, c := range cases {
		if c.got != c.want && (math.IsInf(c.want, 0) || math.IsInf(c.got, 0) || ulps(c.got, c.want) > c.ulps) {
			t.Errorf("%s = %x, want %x", c.name, c.got, c.want)
		}
	}
}
