package assemble

import (
	"slices"
	"sync"

	"github.com/dpa-tool/dpa/internal/doc"
	"github.com/dpa-tool/dpa/internal/mdparse"
)

// The official clauses of an addendum are the same Markdown for every
// agreement with the same module, elections and values (the clause texts
// are data), and they are about half of an agreement. officialBlocks keeps
// their parsed blocks and footnotes by their text, so that a process that
// builds many agreements (a batch) parses each variant once.
var officialBlocks struct {
	sync.Mutex
	m map[string]officialParse
}

type officialParse struct {
	blocks []doc.Block
	notes  map[int][]doc.Inline
}

// maxOfficial bounds the variants kept (a few hundred kilobytes each); a
// batch rarely has more than a handful.
const maxOfficial = 16

// parseOfficial returns the blocks of the official clauses src, and adds
// their footnotes to notes, as mdparse.Blocks does. The blocks are a copy
// the caller may change (anchors, keep flags); their inlines are shared
// and must not be changed.
func parseOfficial(src []byte, notes map[int][]doc.Inline) []doc.Block {
	officialBlocks.Lock()
	p, ok := officialBlocks.m[string(src)]
	officialBlocks.Unlock()
	if !ok {
		p = officialParse{notes: map[int][]doc.Inline{}}
		p.blocks = mdparse.Blocks(src, p.notes)
		officialBlocks.Lock()
		if officialBlocks.m == nil || len(officialBlocks.m) >= maxOfficial {
			officialBlocks.m = map[string]officialParse{}
		}
		officialBlocks.m[string(src)] = p
		officialBlocks.Unlock()
	}
	for n, ins := range p.notes {
		notes[n] = ins
	}
	return slices.Clone(p.blocks)
}
