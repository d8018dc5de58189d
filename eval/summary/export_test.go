package summary

// Exported for the tests of package summary_test.
var (
	ErrNotSummary = errNotSummary
	ErrDuplicate  = errDuplicate
)
