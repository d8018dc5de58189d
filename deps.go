package deps
import (
	_ "gonum.org/v1/gonum/stat"
	_ "gonum.org/v1/gonum/integrate/quad"
	_ "github.com/olekukonko/tablewriter"
	_ "golang.org/x/sync/errgroup"
	_ "golang.org/x/text/unicode/norm"
	_ "golang.org/x/text/cases"
	_ "github.com/clipperhouse/uax29/v2/graphemes"
	_ "github.com/mattn/go-isatty"
)
