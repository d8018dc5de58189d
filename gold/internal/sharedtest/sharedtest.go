// Package sharedtest finds, for tests, the files of ../shared: the folder
// beside the repository that holds the published corpora and the seeds'
// originals (see ../shared/README.md), which the repository does not ship.
//
// A test that needs such a file calls Path. The folder is ../shared, or
// the one the environment variable SIMBENCH_SHARED names (a clone made
// elsewhere, as CI's is). Where it is absent the test is skipped, saying
// what is missing, unless the environment variable SIMBENCH_REQUIRE_SHARED
// is 1: then the test fails, naming the path it needs. CI sets it (.ci/run)
// whenever it finds the folder, so that a test cannot pass there by
// skipping.
package sharedtest

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// Env is the environment variable that turns a skip for want of ../shared
// into a failure when it is "1".
const Env = "SIMBENCH_REQUIRE_SHARED"

// DirEnv is the environment variable that names the shared folder when it
// is not ../shared beside the repository.
const DirEnv = "SIMBENCH_SHARED"

// Required reports whether Env is "1".
func Required() bool { return os.Getenv(Env) == "1" }

// Root returns the folder DirEnv names, if it is set, or else ../shared
// beside the root of the module that holds the current directory (the
// folder with go.mod), whether or not it exists.
func Root() (string, error) {
	if dir := os.Getenv(DirEnv); dir != "" {
		return dir, nil
	}
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(filepath.Dir(dir), "shared"), nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod in %s or above", dir)
		}
		dir = parent
	}
}

// Find returns the path of rel (slash-separated) in ../shared and whether
// it exists. It never skips: if rel is missing and Required, it fails tb
// with a message naming the path; otherwise it returns false.
func Find(tb testing.TB, rel string) (string, bool) {
	tb.Helper()
	root, err := Root()
	if err != nil {
		if Required() {
			tb.Fatalf("%s=1, but ../shared cannot be found: %v", Env, err)
		}
		return "", false
	}
	path := filepath.Join(root, filepath.FromSlash(rel))
	if _, err := os.Stat(path); err != nil {
		if Required() {
			tb.Fatalf("%s=1, but %s is missing: %v", Env, path, err)
		}
		return path, false
	}
	return path, true
}

// Path returns the path of rel (slash-separated) in ../shared. If it is
// missing, Path skips the test, naming the path, or, if Required, fails it.
func Path(tb testing.TB, rel string) string {
	tb.Helper()
	path, ok := Find(tb, rel)
	if !ok {
		if path == "" {
			path = filepath.Join("..", "shared", filepath.FromSlash(rel))
		}
		tb.Skipf("%s is missing (a clone without ../shared beside it); set %s=1 to fail instead", path, Env)
	}
	return path
}
