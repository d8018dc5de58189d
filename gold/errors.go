package gold

import (
	"fmt"
	"strings"
)

// maxErrors is the number of problems Load reports before it gives up and
// ends the list with a "too many errors" entry. Past fifty, the rest are
// almost always the same mistake repeated.
const maxErrors = 50

// Error is a problem at a place in a file of a gold set.
//
// File is the file's name as the caller knows it: the path given to LoadDir
// joined with the file's name inside the set, or the path inside the fs.FS
// given to Load. Line is 1-based; it is 0 when the problem belongs to the
// file as a whole (a missing file, an empty one).
type Error struct {
	File string
	Line int
	Msg  string
}

// Error returns "file:line: msg", or "file: msg" when e.Line is 0.
func (e *Error) Error() string {
	switch {
	case e.File == "":
		return e.Msg
	case e.Line <= 0:
		return e.File + ": " + e.Msg
	}
	return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
}

// ErrorList is every problem Load found in a gold set, in the order it found
// them: gold.json first, then the documents, then pairs.tsv and clusters.tsv.
// A list that reached the cap ends with an entry whose Msg is "too many
// errors".
type ErrorList []*Error

// Error returns the problems one a line.
func (l ErrorList) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Unwrap returns the problems as errors, so that errors.As can find an
// *Error in an ErrorList.
func (l ErrorList) Unwrap() []error {
	errs := make([]error, len(l))
	for i, e := range l {
		errs[i] = e
	}
	return errs
}

// collector gathers problems up to maxErrors.
type collector struct {
	list ErrorList
	full bool // the cap was reached; further problems are dropped
}

func (c *collector) add(file string, line int, format string, args ...any) {
	if c.full {
		return
	}
	if len(c.list) == maxErrors {
		c.list = append(c.list, &Error{File: file, Msg: "too many errors"})
		c.full = true
		return
	}
	c.list = append(c.list, &Error{File: file, Line: line, Msg: fmt.Sprintf(format, args...)})
}
