package gold

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// Write writes s as a gold set in the new directory dir, in the format Load
// reads: gold.json, the documents, and pairs.tsv. The documents go to docs/,
// one file ID.txt each, when every id is a safe file name (ASCII letters,
// digits, '.', '-' and '_', not starting with '.', distinct ignoring case);
// otherwise to docs.jsonl.
//
// The set is written to a temporary directory beside dir, loaded back with
// LoadDir to check that it is valid and unchanged, and renamed to dir at the
// end, so that dir appears whole or not at all. dir must not exist.
func Write(dir string, s *Set) error {
	if _, err := os.Stat(dir); err == nil {
		return fmt.Errorf("%s already exists", dir)
	}
	tmp, err := TempDir(dir)
	if err != nil {
		return err
	}
	done := false
	defer func() {
		if !done {
			os.RemoveAll(tmp)
		}
	}()
	if err := writeFiles(tmp, s); err != nil {
		return err
	}
	back, err := LoadDir(tmp)
	if err != nil {
		return fmt.Errorf("the written set does not load: %v", err)
	}
	if len(back.Docs) != len(s.Docs) || len(back.Pairs) != len(s.Pairs) {
		return fmt.Errorf("the written set loads back with %d documents and %d pairs, want %d and %d",
			len(back.Docs), len(back.Pairs), len(s.Docs), len(s.Pairs))
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	if err := os.Rename(tmp, dir); err != nil {
		return err
	}
	done = true
	return nil
}

// TempDir creates the parent directories of dir and a new, empty
// temporary directory beside dir, and returns its path: the place for a
// writer to fill and then rename to dir, so that dir appears whole or not at
// all. The caller removes it if it does not rename it.
//
// The temporary directory is named ".tmp-BASE-pidPID-RANDOM", where BASE is
// the base name of dir and PID the id of this process, so that one left
// behind by a process that was killed (by SIGKILL, or by the kernel for
// want of memory) can be told from one still being written: RemoveStale
// removes the first kind and leaves the second.
func TempDir(dir string) (string, error) {
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return "", err
	}
	return os.MkdirTemp(parent, fmt.Sprintf(".tmp-%s-pid%d-", filepath.Base(dir), os.Getpid()))
}

// tempName matches the base name of a directory made by TempDir, giving
// the process id.
var tempName = regexp.MustCompile(`^\.tmp-.+-pid([1-9][0-9]{0,9})-[0-9]+$`)

// TempDirPID returns the id of the process that made the temporary
// directory path with TempDir, read from its name, and false if the name
// is not one TempDir gives.
func TempDirPID(path string) (pid int, ok bool) {
	m := tempName.FindStringSubmatch(filepath.Base(path))
	if m == nil {
		return 0, false
	}
	pid, err := strconv.Atoi(m[1])
	if err != nil || pid <= 0 || pid > math.MaxInt32 { // a pid_t is 32 bits
		return 0, false
	}
	return pid, true
}

// RemoveStale removes the temporary directories that TempDir made in parent
// for processes that no longer exist, and returns their paths. It leaves
// alone the directories of processes that are alive (or that it cannot
// tell are not), everything whose name is not one TempDir gives (such as
// the ".tmp-NAME-RANDOM" of older versions, which carry no process id), and
// anything that is not a directory. A parent that does not exist holds
// nothing to remove. An error removing one directory does not stop the
// others; the errors are joined.
//
// On Unix a process is gone when kill(pid, 0) fails with ESRCH; on other
// systems RemoveStale removes nothing. Process ids are those of this
// machine's pid namespace: do not call RemoveStale on a folder that
// processes of another machine or container write to at the same time, whose
// live processes would look gone. A process id reused by a new process
// keeps the directory until that process is gone too.
//
// Writers call it on the parent of their destination before they start,
// so that the debris of killed runs does not pile up.
func RemoveStale(parent string) (removed []string, err error) {
	entries, err := os.ReadDir(parent)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		return nil, err
	}
	var errs []error
	for _, e := range entries {
		if !e.IsDir() { // not following a symbolic link
			continue
		}
		path := filepath.Join(parent, e.Name())
		pid, ok := TempDirPID(path)
		if !ok || pid == os.Getpid() || !processGone(pid) {
			continue
		}
		if err := os.RemoveAll(path); err != nil {
			errs = append(errs, err)
			continue
		}
		removed = append(removed, path)
	}
	return removed, errors.Join(errs...)
}

func writeFiles(dir string, s *Set) error {
	m := s.Manifest
	if m.Negative == nil {
		m.Negative = []string{}
	}
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "gold.json"), append(b, '\n'), 0o644); err != nil {
		return err
	}

	if safeIDs(s.Docs) {
		if err := os.Mkdir(filepath.Join(dir, "docs"), 0o755); err != nil {
			return err
		}
		for _, d := range s.Docs {
			if err := os.WriteFile(filepath.Join(dir, "docs", d.ID+".txt"), []byte(d.Text), 0o644); err != nil {
				return err
			}
		}
	} else {
		var sb strings.Builder
		for _, d := range s.Docs {
			line, err := json.Marshal(struct {
				ID   string `json:"id"`
				Text string `json:"text"`
			}{d.ID, d.Text})
			if err != nil {
				return err
			}
			sb.Write(line)
			sb.WriteByte('\n')
		}
		if err := os.WriteFile(filepath.Join(dir, "docs.jsonl"), []byte(sb.String()), 0o644); err != nil {
			return err
		}
	}

	var sb strings.Builder
	sb.WriteString("a\tb\tlabel\n")
	for _, p := range s.Pairs {
		if p.A < 0 || p.B < 0 || p.A >= len(s.Docs) || p.B >= len(s.Docs) {
			return fmt.Errorf("pair (%d, %d) names no document", p.A, p.B)
		}
		fmt.Fprintf(&sb, "%s\t%s\t%s\n", s.Docs[p.A].ID, s.Docs[p.B].ID, p.Label)
	}
	return os.WriteFile(filepath.Join(dir, "pairs.tsv"), []byte(sb.String()), 0o644)
}

// safeIDs reports whether every id can be a file name in docs/ on any file
// system.
func safeIDs(docs []Doc) bool {
	seen := make(map[string]bool, len(docs))
	for _, d := range docs {
		if d.ID == "" || d.ID[0] == '.' || len(d.ID) > 200 {
			return false
		}
		for _, r := range d.ID {
			if !(r == '.' || r == '-' || r == '_' || ('0' <= r && r <= '9') || ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z')) {
				return false
			}
		}
		low := strings.ToLower(d.ID)
		if seen[low] {
			return false
		}
		seen[low] = true
	}
	return true
}
