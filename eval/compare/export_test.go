package compare

// Exported for the tests of package compare_test.
var (
	Parse         = parse
	ErrNotSummary = errNotSummary
	ErrDuplicate  = errDuplicate
)
