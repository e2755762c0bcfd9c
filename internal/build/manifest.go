package build

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"sort"
	"sync"

	"github.com/dpa-tool/dpa/clauses"
	"github.com/dpa-tool/dpa/internal/fonts"
	"github.com/dpa-tool/dpa/internal/load"
	"github.com/dpa-tool/dpa/internal/regfile"
	"github.com/dpa-tool/dpa/legaldata"
	"github.com/dpa-tool/dpa/schemas"
	"github.com/dpa-tool/dpa/templates"
)

// Manifest records what went into each agreement of a build and what came
// out, with SHA-256 digests, so that a reviewer can see what changed.
type Manifest struct {
	// Version is the version of dpa that built the agreements.
	Version string `json:"dpa_version"`
	// Data is the digest of the embedded clause texts, templates, schemas,
	// legal data and fonts.
	Data       string          `json:"data_sha256"`
	Agreements []ManifestEntry `json:"agreements"`
}

// ManifestEntry is one description of the build.
type ManifestEntry struct {
	Description string     `json:"description"`
	Status      string     `json:"status"`
	Inputs      []FileHash `json:"inputs"`
	// Templates lists every template the agreement was assembled from,
	// built-in or the user's, with its SHA-256.
	Templates []TemplateHash `json:"templates,omitempty"`
	Outputs   []FileHash     `json:"outputs"`
}

// TemplateHash is one template of an agreement: its name, where it came
// from ("built-in" or the user's path) and the SHA-256 of its content.
type TemplateHash struct {
	Name   string `json:"name"`
	Origin string `json:"origin"`
	SHA256 string `json:"sha256"`
}

// FileHash is a file and the SHA-256 of its content.
type FileHash struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
}

// Hash returns the hex SHA-256 of data.
func Hash(data []byte) string {
	s := sha256.Sum256(data)
	return hex.EncodeToString(s[:])
}

// HashFile returns the path with the SHA-256 of its content ("" when it
// is not a regular file of at most load.MaxFileSize bytes).
func HashFile(path string) FileHash {
	b, err := regfile.ReadFile(path, load.MaxFileSize)
	if err != nil {
		return FileHash{Path: path}
	}
	return FileHash{Path: path, SHA256: Hash(b)}
}

var dataHash struct {
	once sync.Once
	sum  string
}

// DataHash returns the digest of every embedded file that shapes an
// agreement, in a fixed order.
func DataHash() string {
	dataHash.once.Do(func() {
		h := sha256.New()
		for _, set := range []struct {
			name string
			fsys fs.FS
		}{{"clauses", clauses.FS}, {"templates", templates.FS}, {"schemas", schemas.FS}, {"legaldata", legaldata.FS}} {
			var paths []string
			fs.WalkDir(set.fsys, ".", func(p string, d fs.DirEntry, err error) error {
				if err == nil && !d.IsDir() {
					paths = append(paths, p)
				}
				return nil
			})
			sort.Strings(paths)
			for _, p := range paths {
				b, _ := fs.ReadFile(set.fsys, p)
				h.Write([]byte(set.name + "/" + p + "\x00"))
				h.Write([]byte(Hash(b)))
			}
		}
		for _, f := range fonts.Faces() {
			h.Write([]byte("font\x00" + f.SHA256)) // Hash(f.TTF), generated ahead
		}
		dataHash.sum = hex.EncodeToString(h.Sum(nil))
	})
	return dataHash.sum
}

// Sort orders the entries by description path.
func (m *Manifest) Sort() {
	sort.SliceStable(m.Agreements, func(i, j int) bool { return m.Agreements[i].Description < m.Agreements[j].Description })
}

// JSON returns the manifest as indented JSON with a final newline.
func (m *Manifest) JSON() ([]byte, error) {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
