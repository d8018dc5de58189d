package algo

import (
	"fmt"
	"strconv"
)

// A Param declares one parameter of an algorithm, as it is written on the
// command line (-algo name:key=value,...) and listed by "simbench list".
type Param struct {
	Name    string
	Default string // the value used when none is given; "" when it is derived from others
	Doc     string // one line
}

// An Entry is one line of the algorithm registry.
type Entry struct {
	// Name is the algorithm's name on the command line.
	Name string
	// Doc is one line saying what the algorithm is, with its paper.
	Doc string
	// DefaultThreshold is the threshold used when none is given, and Why
	// says where it comes from.
	DefaultThreshold float64
	Why              string
	// Randomized reports whether the algorithm's scores depend on its seed
	// (beyond shingle-hash collisions), so that a run over several seeds
	// shows their spread.
	Randomized bool
	// Params declares the algorithm's own parameters, in the order they
	// are listed; the parameters every algorithm takes (threshold, the
	// shingling and the seed) are declared by the registry.
	Params []Param
	// New builds the algorithm from p. It reads its parameters with p's
	// getters and returns p.Err() when any of them was malformed.
	New func(p *Params) (Algorithm, error)
}

// Params holds the values of an algorithm's parameters for one run: those
// given on the command line and the declared defaults of the rest.
//
// The getters parse a value on first use; a malformed value is recorded and
// returned by Err, so that a constructor can read all its parameters and
// check once.
type Params struct {
	// Seed seeds every random choice of the algorithm.
	Seed uint64
	// Threshold is the evaluation threshold. New may set it, for
	// algorithms whose threshold can be given in another unit (SimHash's
	// Hamming distance).
	Threshold float64
	// ThresholdGiven reports whether threshold= was given explicitly.
	ThresholdGiven bool

	decl   []Param
	values map[string]string
	err    error
	notes  []string
}

// NewParams returns the parameters declared by decl with the given values,
// which must name declared parameters only (the registry checks).
func NewParams(decl []Param, values map[string]string) *Params {
	return &Params{decl: decl, values: values}
}

func (p *Params) lookup(name string) (string, bool) {
	if v, ok := p.values[name]; ok {
		return v, true
	}
	for _, d := range p.decl {
		if d.Name == name {
			return d.Default, false
		}
	}
	panic("algo: parameter " + strconv.Quote(name) + " is not declared")
}

// Given reports whether the parameter name was given explicitly.
func (p *Params) Given(name string) bool {
	_, ok := p.lookup(name)
	return ok
}

// String returns the value of the parameter name as written.
func (p *Params) String(name string) string {
	v, _ := p.lookup(name)
	return v
}

// Int returns the parameter name as an integer, or 0 after recording an
// error when it is not one or is empty.
func (p *Params) Int(name string) int {
	v, _ := p.lookup(name)
	n, err := strconv.Atoi(v)
	if err != nil {
		p.Errorf("%s=%s: not an integer", name, v)
		return 0
	}
	return n
}

// Float returns the parameter name as a float64, or 0 after recording an
// error.
func (p *Params) Float(name string) float64 {
	v, _ := p.lookup(name)
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		p.Errorf("%s=%s: not a number", name, v)
		return 0
	}
	return f
}

// Bool returns the parameter name as a bool (true, false, 1, 0), or false
// after recording an error.
func (p *Params) Bool(name string) bool {
	v, _ := p.lookup(name)
	b, err := strconv.ParseBool(v)
	if err != nil {
		p.Errorf("%s=%s: not true or false", name, v)
		return false
	}
	return b
}

// Errorf records an error about the parameters; only the first is kept.
func (p *Params) Errorf(format string, args ...any) {
	if p.err == nil {
		p.err = fmt.Errorf(format, args...)
	}
}

// Err returns the first error recorded, or nil.
func (p *Params) Err() error { return p.err }

// Notef records a remark about the configuration that is not an error, such
// as permutations that LSH banding leaves unused. It is shown with the
// results.
func (p *Params) Notef(format string, args ...any) {
	p.notes = append(p.notes, fmt.Sprintf(format, args...))
}

// Notes returns the remarks recorded by Notef.
func (p *Params) Notes() []string { return p.notes }

// Set records the effective value of a derived parameter (one declared with
// an empty default, such as LSH bands derived from the threshold) so that it
// is reported with the results.
func (p *Params) Set(name, value string) {
	p.lookup(name) // panics if undeclared
	if p.values == nil {
		p.values = make(map[string]string)
	}
	p.values[name] = value
}
