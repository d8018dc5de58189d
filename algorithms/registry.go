// Package algorithms is simbench's registry of near-duplicate detection
// algorithms: one table with one line per algorithm, and the parsing of the
// command line's -algo NAME[:key=value,...] into a configured algorithm.
//
// To add an algorithm, add a folder under algorithms/ whose package exports
// an algo.Entry, and add that entry to Registry.
package algorithms

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/simbench/simbench/algorithms/algo"
	"github.com/simbench/simbench/algorithms/containment"
	"github.com/simbench/simbench/algorithms/jaccard"
	"github.com/simbench/simbench/algorithms/minhash"
	"github.com/simbench/simbench/algorithms/oph"
	"github.com/simbench/simbench/algorithms/simhash"
	"github.com/simbench/simbench/algorithms/text"
)

// Registry lists every algorithm, in the order they are run and reported.
var Registry = []algo.Entry{
	jaccard.Entry,
	simhash.Entry,
	minhash.LSHEntry,
	oph.Entry,
	containment.Entry,
}

// Common declares the parameters every algorithm takes besides its own.
var Common = []algo.Param{
	{Name: "threshold", Doc: "score at or above which a pair is called a duplicate (default: the algorithm's)"},
	{Name: "shingle", Default: text.DefaultOptions().Unit.String(), Doc: "shingle unit: word, or char (grapheme clusters)"},
	{Name: "k", Default: strconv.Itoa(text.DefaultOptions().K), Doc: "shingle length in units"},
	{Name: "seed", Doc: "seed of the shingle hash and of the algorithm's random choices (default: the run's -seed)"},
	{Name: "verify", Default: "false", Doc: "for an algorithm with an index (LSH): score the pairs it proposes by exact Jaccard"},
	{Name: "floor", Doc: "sparse corpus scope, for an algorithm that searches by score (jaccard's join, simhash's tables): the lowest score searched for; lower scores count as 0 (default: the threshold)"},
}

// A Config is one algorithm configured for a run.
type Config struct {
	// Label names the configuration in the output: the -algo value as
	// given, or the algorithm's name when it was chosen by default.
	Label string
	// Entry is the registry line.
	Entry algo.Entry
	// Algorithm is the configured algorithm.
	Algorithm algo.Algorithm
	// Threshold is the evaluation threshold.
	Threshold float64
	// Text is the shingling the algorithm runs on.
	Text text.Options
	// Params holds every parameter's effective value, the common ones
	// first, then the algorithm's own in declared order.
	Params []KV
	// Notes are remarks on the configuration that are not errors.
	Notes []string
	// Verify asks that the pairs the algorithm's index proposes be scored
	// by exact Jaccard of their shingles rather than by the algorithm.
	Verify bool
	// Floor is, for an algo.Joiner in the sparse corpus scope, the lowest
	// score its index searches for; 0 for other algorithms.
	Floor float64
}

// KV is a parameter and its value.
type KV struct{ Key, Value string }

// ParamString returns the parameters as key=value pairs joined by commas,
// the form -algo takes.
func (c Config) ParamString() string {
	var b strings.Builder
	for i, kv := range c.Params {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(kv.Key + "=" + kv.Value)
	}
	return b.String()
}

// Lookup returns the registry entry called name.
func Lookup(name string) (algo.Entry, bool) {
	i := slices.IndexFunc(Registry, func(e algo.Entry) bool { return e.Name == name })
	if i < 0 {
		return algo.Entry{}, false
	}
	return Registry[i], true
}

// Names returns the names of the registered algorithms.
func Names() []string {
	names := make([]string, len(Registry))
	for i, e := range Registry {
		names[i] = e.Name
	}
	return names
}

// Parse configures one algorithm from an -algo value NAME[:key=value,...];
// seed is the run's seed, used unless seed= is given.
func Parse(spec string, seed uint64) (Config, error) {
	name, rest, _ := strings.Cut(spec, ":")
	e, ok := Lookup(name)
	if !ok {
		return Config{}, fmt.Errorf("-algo %s: unknown algorithm %q (have %s)", spec, name, strings.Join(Names(), ", "))
	}
	values := make(map[string]string)
	if rest != "" {
		for _, f := range strings.Split(rest, ",") {
			k, v, ok := strings.Cut(f, "=")
			k, v = strings.TrimSpace(k), strings.TrimSpace(v)
			if !ok || k == "" || v == "" {
				return Config{}, fmt.Errorf("-algo %s: %q is not key=value", spec, f)
			}
			if !declared(e, k) {
				return Config{}, fmt.Errorf("-algo %s: %s takes no parameter %q (it takes %s)", spec, name, k, strings.Join(paramNames(e), ", "))
			}
			if _, dup := values[k]; dup {
				return Config{}, fmt.Errorf("-algo %s: %s given twice", spec, k)
			}
			values[k] = v
		}
	}
	c, err := configure(e, values, seed)
	if err != nil {
		return Config{}, fmt.Errorf("-algo %s: %v", spec, err)
	}
	c.Label = spec
	return c, nil
}

// ParseAll configures the algorithms of the -algo values specs, or every
// registered algorithm with its defaults when specs is empty.
func ParseAll(specs []string, seed uint64) ([]Config, error) {
	if len(specs) == 0 {
		specs = Names()
	}
	var cs []Config
	seen := make(map[string]bool)
	for _, s := range specs {
		c, err := Parse(s, seed)
		if err != nil {
			return nil, err
		}
		if seen[c.Label] {
			return nil, fmt.Errorf("-algo %s given twice", s)
		}
		seen[c.Label] = true
		cs = append(cs, c)
	}
	return cs, nil
}

// joinerNames returns the names of the algorithms that search by score
// (algo.Joiner).
func joinerNames() []string {
	var names []string
	for _, e := range Registry {
		if a, err := e.New(algo.NewParams(e.Params, nil)); err == nil {
			if _, ok := a.(algo.Joiner); ok {
				names = append(names, e.Name)
			}
		}
	}
	return names
}

func declared(e algo.Entry, key string) bool {
	return slices.Contains(paramNames(e), key)
}

func paramNames(e algo.Entry) []string {
	var names []string
	for _, p := range slices.Concat(Common, e.Params) {
		names = append(names, p.Name)
	}
	return names
}

func configure(e algo.Entry, values map[string]string, seed uint64) (Config, error) {
	common := algo.NewParams(Common, values)
	unit, err := text.ParseUnit(common.String("shingle"))
	if err != nil {
		return Config{}, err
	}
	opts := text.Options{Unit: unit, K: common.Int("k"), Seed: seed}
	if common.Given("seed") {
		s, err := strconv.ParseUint(common.String("seed"), 10, 64)
		if err != nil {
			return Config{}, fmt.Errorf("seed=%s: not an unsigned integer", common.String("seed"))
		}
		opts.Seed = s
	}
	threshold := e.DefaultThreshold
	if common.Given("threshold") {
		threshold = common.Float("threshold")
	}
	verify := common.Bool("verify")
	var floor float64
	if common.Given("floor") {
		floor = common.Float("floor")
	}
	if err := common.Err(); err != nil {
		return Config{}, err
	}
	if err := opts.Validate(); err != nil {
		return Config{}, err
	}
	if !(threshold >= 0 && threshold <= 1) {
		return Config{}, fmt.Errorf("threshold=%v: want a number from 0 to 1", threshold)
	}

	own := make(map[string]string)
	for _, p := range e.Params {
		if v, ok := values[p.Name]; ok {
			own[p.Name] = v
		}
	}
	p := algo.NewParams(e.Params, own)
	p.Seed = opts.Seed
	p.Threshold = threshold
	p.ThresholdGiven = common.Given("threshold")
	a, err := e.New(p)
	if err != nil {
		return Config{}, err
	}
	if err := p.Err(); err != nil {
		return Config{}, err
	}
	if _, ok := a.(algo.Indexer); verify && !ok {
		return Config{}, fmt.Errorf("verify=true: %s has no index; it scores every pair itself", e.Name)
	}
	_, joiner := a.(algo.Joiner)
	if !common.Given("floor") {
		floor = p.Threshold
	}
	switch {
	case common.Given("floor") && !joiner:
		return Config{}, fmt.Errorf("floor=%s: %s does not search by score; only %s do", common.String("floor"), e.Name, strings.Join(joinerNames(), " and "))
	case !joiner:
		floor = 0
	case common.Given("floor") && !(floor > 0 && floor <= p.Threshold):
		return Config{}, fmt.Errorf("floor=%v: want a number above 0 and at most the threshold %v", floor, p.Threshold)
	}
	c := Config{
		Verify:    verify,
		Floor:     floor,
		Entry:     e,
		Algorithm: a,
		Threshold: p.Threshold,
		Text:      opts,
		Notes:     p.Notes(),
		Params: []KV{
			{"threshold", strconv.FormatFloat(p.Threshold, 'g', -1, 64)},
			{"shingle", opts.Unit.String()},
			{"k", strconv.Itoa(opts.K)},
			{"seed", strconv.FormatUint(opts.Seed, 10)},
		},
	}
	if verify {
		c.Params = append(c.Params, KV{"verify", "true"})
	}
	if common.Given("floor") {
		c.Params = append(c.Params, KV{"floor", strconv.FormatFloat(floor, 'g', -1, 64)})
	}
	for _, d := range e.Params {
		if v := p.String(d.Name); v != "" {
			c.Params = append(c.Params, KV{d.Name, v})
		}
	}
	return c, nil
}
