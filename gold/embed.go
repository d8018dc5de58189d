package gold

import (
	"embed"
	"io/fs"
)

// embedded holds the gold sets shipped inside the program, one directory
// each; Open loads them by name.
//
//go:embed all:seeds all:clough
var embedded embed.FS

// EmbeddedNames returns the names of the gold sets embedded in the program,
// sorted.
func EmbeddedNames() []string {
	// The root of an embed.FS is always a readable directory.
	entries, _ := fs.ReadDir(embedded, ".")
	var names []string
	for _, e := range entries {
		if e.IsDir() {
			names = append(names, e.Name())
		}
	}
	return names
}

// OpenEmbedded loads the gold set called name that is embedded in the
// program (see EmbeddedNames), whatever the current directory holds. Its
// Set.Path is "embedded:NAME".
func OpenEmbedded(name string) (*Set, error) { return LoadOptions{}.openEmbedded(name) }

// openEmbedded is OpenEmbedded with the options o.
func (o LoadOptions) openEmbedded(name string) (*Set, error) {
	s, err := o.Load(embedded, name)
	if s != nil {
		s.Path = "embedded:" + name
	}
	return s, err
}
