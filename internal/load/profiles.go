package load

import (
	"sync"

	"github.com/dpa-tool/dpa/internal/diag"
)

// profiles keeps the parsed profiles of a process. In a batch, every client
// of a vendor extends the same profile, and parsing it again for each one
// was a tenth of the time of a client's build.
var profiles = &parseCache{max: 16}

// parseCache holds the trees of recently parsed files by name and content
// digest, so that a file is parsed again only when it changed. The trees
// are shared: nothing modifies a Node after Parse (merge and without build
// new nodes), so one tree can serve every description that extends it.
type parseCache struct {
	mu      sync.Mutex
	max     int // entries kept; the oldest goes first
	entries []parsed
}

type parsed struct {
	name, sum string
	root      *Node
	diags     diag.List
}

// parse returns Parse(name, data), from the cache when a file of the same
// name and digest sum was parsed before. The diagnostics are a copy.
func (c *parseCache) parse(name, sum string, data []byte) (*Node, diag.List) {
	c.mu.Lock()
	for _, e := range c.entries {
		if e.name == name && e.sum == sum {
			c.mu.Unlock()
			return e.root, append(diag.List(nil), e.diags...)
		}
	}
	c.mu.Unlock()
	root, ds := Parse(name, data)
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.entries) >= c.max {
		c.entries = append(c.entries[:0], c.entries[1:]...)
	}
	c.entries = append(c.entries, parsed{name: name, sum: sum, root: root, diags: append(diag.List(nil), ds...)})
	return root, ds
}
