// Floating-point kernel: the n-body simulation of the Sun and the four outer planets.
// argv: steps, and the energy they end at (suites/perf/nbody.yaml).
package main

import (
	"math"
	"os"
	"strconv"

	"wasimatrix/guests/check"
)

const (
	solarMass = 4 * math.Pi * math.Pi
	days      = 365.24
)

type body struct{ x, y, z, vx, vy, vz, m float64 }

var bodies = [5]body{
	{0, 0, 0, 0, 0, 0, solarMass},
	{4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01, 1.66007664274403694e-03 * days,
		7.69901118419740425e-03 * days, -6.90460016972063023e-05 * days, 9.54791938424326609e-04 * solarMass},
	{8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01, -2.76742510726862411e-03 * days,
		4.99852801234917238e-03 * days, 2.30417297573763929e-05 * days, 2.85885980666130812e-04 * solarMass},
	{1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01, 2.96460137564761618e-03 * days,
		2.37847173959480950e-03 * days, -2.96589568540237556e-05 * days, 4.36624404335156298e-05 * solarMass},
	{1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01, 2.68067772490389322e-03 * days,
		1.62824170038242295e-03 * days, -9.51592254519715870e-05 * days, 5.15138902046611451e-05 * solarMass},
}

func advance(dt float64) {
	for i := 0; i < 5; i++ {
		a := &bodies[i]
		for j := i + 1; j < 5; j++ {
			b := &bodies[j]
			dx, dy, dz := a.x-b.x, a.y-b.y, a.z-b.z
			d2 := dx*dx + dy*dy + dz*dz
			mag := dt / (d2 * math.Sqrt(d2))
			a.vx -= dx * b.m * mag
			a.vy -= dy * b.m * mag
			a.vz -= dz * b.m * mag
			b.vx += dx * a.m * mag
			b.vy += dy * a.m * mag
			b.vz += dz * a.m * mag
		}
	}
	for i := range bodies {
		b := &bodies[i]
		b.x += dt * b.vx
		b.y += dt * b.vy
		b.z += dt * b.vz
	}
}

func energy() float64 {
	e := 0.0
	for i := 0; i < 5; i++ {
		a := &bodies[i]
		e += 0.5 * a.m * (a.vx*a.vx + a.vy*a.vy + a.vz*a.vz)
		for j := i + 1; j < 5; j++ {
			b := &bodies[j]
			dx, dy, dz := a.x-b.x, a.y-b.y, a.z-b.z
			e -= a.m * b.m / math.Sqrt(dx*dx+dy*dy+dz*dz)
		}
	}
	return e
}

func main() {
	if len(os.Args) != 3 {
		check.That(false, "checksum", "usage: perf-nbody STEPS EXPECTED")
		os.Exit(1)
	}
	steps, _ := strconv.Atoi(os.Args[1])
	expected, _ := strconv.ParseFloat(os.Args[2], 64)
	var px, py, pz float64
	for _, b := range bodies {
		px += b.vx * b.m
		py += b.vy * b.m
		pz += b.vz * b.m
	}
	bodies[0].vx, bodies[0].vy, bodies[0].vz = -px/solarMass, -py/solarMass, -pz/solarMass
	for n := 0; n < steps; n++ {
		advance(0.01)
	}
	e := energy()
	check.That(math.Abs(e-expected) < 1e-9, "checksum", "got %.9f", e)
	os.Exit(check.Status())
}
