package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"sync"
)

// fpdf creates a new zlib writer, about a megabyte of state, for every page
// it compresses; for a 35-page agreement that is most of the rendering time.
// So fpdf writes the pages uncompressed and compressPages deflates them
// afterwards with writers kept for reuse, then rebuilds the cross-reference table.

// zwriters are idle writers. A sync.Pool would drop them at every garbage
// collection, and typesetting a document causes several.
var zwriters struct {
	sync.Mutex
	idle []*zlib.Writer
}

// getZ returns an idle writer or a new one.
func getZ() *zlib.Writer {
	zwriters.Lock()
	defer zwriters.Unlock()
	if n := len(zwriters.idle); n > 0 {
		w := zwriters.idle[n-1]
		zwriters.idle = zwriters.idle[:n-1]
		return w
	}
	w, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed)
	return w
}

// putZ keeps w for the next document; a few suffice for the documents
// typeset at the same time.
func putZ(w *zlib.Writer) {
	zwriters.Lock()
	defer zwriters.Unlock()
	if len(zwriters.idle) < 8 {
		zwriters.idle = append(zwriters.idle, w)
	}
}

var (
	plainRE  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\d+ 0 obj\n<</Length (\d+)>>\nstream\n`) })
	trailRE  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?s)trailer\n(<<.*?>>)\n`) })
	errPDFIn = fmt.Errorf("pdf: unexpected structure in fpdf output")
)

type object struct{ num, off int }

// compressPages returns pdf with every unfiltered stream deflated. It finds
// the objects through fpdf's cross-reference table, so the font data is
// never scanned.
func compressPages(pdf []byte) ([]byte, error) {
	xrefAt := bytes.LastIndex(pdf, []byte("\nxref\n")) + 1
	if xrefAt <= 0 {
		return nil, errPDFIn
	}
	trailer := trailRE().FindSubmatch(pdf[xrefAt:])
	if trailer == nil {
		return nil, errPDFIn
	}
	lines := bytes.Split(pdf[xrefAt:], []byte("\n"))
	if len(lines) < 3 {
		return nil, errPDFIn
	}
	var first, count int
	if _, err := fmt.Sscanf(string(lines[1]), "%d %d", &first, &count); err != nil || first != 0 || len(lines) < 2+count {
		return nil, errPDFIn
	}
	var objs []object
	for n := 1; n < count; n++ {
		l := lines[2+n]
		if len(l) < 18 || l[17] != 'n' {
			return nil, errPDFIn
		}
		off, err := strconv.Atoi(string(l[:10]))
		if err != nil || off >= xrefAt {
			return nil, errPDFIn
		}
		objs = append(objs, object{n, off})
	}
	sort.Slice(objs, func(i, j int) bool { return objs[i].off < objs[j].off })
	out := bytes.NewBuffer(make([]byte, 0, len(pdf)/2))
	out.Write(pdf[:objs[0].off])
	offsets := make([]int, count)
	w := getZ()
	defer putZ(w)
	var z bytes.Buffer
	for i, o := range objs {
		end := xrefAt
		if i+1 < len(objs) {
			end = objs[i+1].off
		}
		offsets[o.num] = out.Len()
		obj := pdf[o.off:end]
		m := plainRE().FindSubmatchIndex(obj[:min(len(obj), 64)])
		if m == nil {
			out.Write(obj)
			continue
		}
		length, _ := strconv.Atoi(string(obj[m[2]:m[3]]))
		data := obj[m[1]:]
		if length > len(data) {
			return nil, errPDFIn
		}
		z.Reset()
		w.Reset(&z)
		w.Write(data[:length])
		if err := w.Close(); err != nil {
			return nil, err
		}
		head := obj[:bytes.IndexByte(obj, '\n')+1]
		out.Write(head)
		fmt.Fprintf(out, "<</Filter /FlateDecode /Length %d>>\nstream\n", z.Len())
		out.Write(z.Bytes())
		out.Write(data[length:])
	}
	maxObj := count - 1
	start := out.Len()
	fmt.Fprintf(out, "xref\n0 %d\n0000000000 65535 f \n", maxObj+1)
	for n := 1; n <= maxObj; n++ {
		fmt.Fprintf(out, "%010d 00000 n \n", offsets[n])
	}
	fmt.Fprintf(out, "trailer\n%s\nstartxref\n%d\n%%%%EOF\n", trailer[1], start)
	return out.Bytes(), nil
}
