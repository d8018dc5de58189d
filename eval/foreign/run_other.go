//go:build !unix

package foreign

import (
	"context"
	"errors"
	"iter"

	"github.com/simbench/simbench/gold"
)

// Run runs command on docs; it needs a Unix system.
func Run(ctx context.Context, command string, docs []gold.Doc, opt Options) (*Result, error) {
	return RunSeq(ctx, command, Docs(docs), opt)
}

// RunSeq runs command on docs; it needs a Unix system.
func RunSeq(ctx context.Context, command string, docs iter.Seq2[string, string], opt Options) (*Result, error) {
	return nil, &Error{Command: command, Msg: "running a program needs a Unix system", Err: errors.ErrUnsupported}
}
