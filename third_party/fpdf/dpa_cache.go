// Copyright ©2026 The dpa authors. Use of this source code is governed by
// the MIT licence in LICENSE, as the rest of this package.

package fpdf

// dpa patch. fpdf v0.12.0 parses a UTF-8 TrueType face and hashes its
// 65,536-entry width table into the font ID for every document that adds
// the face, cuts the subset of the characters used anew for every document,
// and allocates a zlib compressor (about a megabyte) for every stream it
// compresses. The output does not depend on any of that being fresh, so
// this file keeps, per process: the parsed face with its ID, the last
// subsets cut with their compressed streams, and idle zlib writers. The
// bytes written are the same as without the caches.

import (
	"bytes"
	"compress/zlib"
	"crypto/sha1"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
	"unsafe"
)

// parsedFont is what addFontFromBytes derives from a face: the definition
// without the document's used characters, and the parsed file, which
// GenerateCutFont re-reads from its own reader.
type parsedFont struct {
	def  fontDefType
	file utf8FontFile
}

// faceKey identifies a face by its bytes (the same embedded slice every
// time) and the font key it is added under, which goes into its ID.
type faceKey struct {
	data *byte
	n    int
	key  string
}

var parsedFonts sync.Map // faceKey → *parsedFont

// parsedUTF8Font parses the face in b, added as fontkey, or expands what
// PresetUTF8Face recorded for it, once per process. b must not change
// afterwards.
func parsedUTF8Font(fontkey string, b []byte) (*parsedFont, error) {
	k := faceKey{unsafe.SliceData(b), len(b), fontkey}
	if p, ok := parsedFonts.Load(k); ok {
		return p.(*parsedFont), nil
	}
	var p *parsedFont
	if d, ok := presetFonts.Load(k); ok {
		p = presetFont(fontkey, d.(*UTF8FaceData))
	} else {
		var err error
		if p, err = parseUTF8Font(fontkey, b); err != nil {
			return nil, err
		}
	}
	actual, _ := parsedFonts.LoadOrStore(k, p)
	return actual.(*parsedFont), nil
}

// parseUTF8Font parses the face in b, added as fontkey.
func parseUTF8Font(fontkey string, b []byte) (*parsedFont, error) {
	reader := fileReader{readerPosition: 0, array: b}
	utf8File := newUTF8Font(&reader)
	if err := utf8File.parseFile(); err != nil {
		return nil, err
	}
	desc := FontDescType{
		Ascent:       int(utf8File.Ascent),
		Descent:      int(utf8File.Descent),
		CapHeight:    utf8File.CapHeight,
		Flags:        utf8File.Flags,
		FontBBox:     utf8File.Bbox,
		ItalicAngle:  utf8File.ItalicAngle,
		StemV:        utf8File.StemV,
		MissingWidth: round(utf8File.DefaultWidth),
	}
	def := fontDefType{
		Tp:   "UTF8",
		Name: fontkey,
		Desc: desc,
		Up:   int(round(utf8File.UnderlinePosition)),
		Ut:   round(utf8File.UnderlineThickness),
		Cw:   utf8File.CharWidths,
	}
	def.i, _ = fontID(def)
	p := &parsedFont{def: def, file: *utf8File}
	p.file.fileReader = nil
	return p, nil
}

// UTF8FaceData is what AddUTF8FontFromBytes derives from a UTF-8 TrueType
// face added under a family and style: its metrics, its characters' widths
// and its font ID (a hash of all that, written into the PDF). A program
// can compute it ahead of time (ParseUTF8Face) and hand it back
// (PresetUTF8Face), so that no process parses the face or hashes it: for
// dpa's four faces that was some 13 ms and 3 MB of fresh memory in every
// process.
type UTF8FaceData struct {
	// The font descriptor (FontDescType) and the underline.
	Ascent, Descent, CapHeight, Flags int
	BBox                              [4]int // FontBBox: Xmin, Ymin, Xmax, Ymax
	ItalicAngle, StemV, MissingWidth  int
	Up, Ut                            int
	// Widths holds the non-zero entries of the face's 65,536 character
	// widths as runs: the first character, the number of characters n,
	// and their n widths.
	Widths []uint16
	ID     string
}

// ParseUTF8Face parses the face in b as AddUTF8FontFromBytes(family,
// style, b) does.
func ParseUTF8Face(family, style string, b []byte) (UTF8FaceData, error) {
	p, err := parseUTF8Font(getFontKey(fontFamilyEscape(family), style), b)
	if err != nil {
		return UTF8FaceData{}, err
	}
	desc := p.def.Desc
	d := UTF8FaceData{
		Ascent: desc.Ascent, Descent: desc.Descent, CapHeight: desc.CapHeight, Flags: desc.Flags,
		BBox:        [4]int{desc.FontBBox.Xmin, desc.FontBBox.Ymin, desc.FontBBox.Xmax, desc.FontBBox.Ymax},
		ItalicAngle: desc.ItalicAngle, StemV: desc.StemV, MissingWidth: desc.MissingWidth,
		Up: p.def.Up, Ut: p.def.Ut, ID: p.def.i,
	}
	cw := p.def.Cw
	for i := 0; i < len(cw); {
		if cw[i] == 0 {
			i++
			continue
		}
		j := i
		for j < len(cw) && cw[j] != 0 {
			j++
		}
		d.Widths = append(d.Widths, uint16(i), uint16(j-i))
		d.Widths = append(d.Widths, cw[i:j]...)
		i = j
	}
	return d, nil
}

// PresetUTF8Face records d, computed by ParseUTF8Face(family, style, b)
// for the same bytes, as what AddUTF8FontFromBytes(family, style, b)
// derives from the face for the rest of the process. b must not change
// afterwards. Since d goes into the output unchecked, whoever keeps it must
// check that it is what ParseUTF8Face gives for b.
func PresetUTF8Face(family, style string, b []byte, d UTF8FaceData) {
	fontkey := getFontKey(fontFamilyEscape(family), style)
	k := faceKey{unsafe.SliceData(b), len(b), fontkey}
	parsedFonts.Delete(k)
	presetFonts.Store(k, &d)
}

// presetFonts holds the faces given to PresetUTF8Face; parsedUTF8Font
// expands one into a parsedFont when a document first adds it, so that
// a process pays for the widths of the faces it uses only.
var presetFonts sync.Map // faceKey → *UTF8FaceData

// presetFont returns the parsedFont that d describes.
func presetFont(fontkey string, d *UTF8FaceData) *parsedFont {
	cw := make([]uint16, 256*256)
	for w := d.Widths; len(w) >= 2; {
		at, n := int(w[0]), int(w[1])
		if 2+n > len(w) {
			break
		}
		copy(cw[at:], w[2:2+n])
		w = w[2+n:]
	}
	desc := FontDescType{
		Ascent: d.Ascent, Descent: d.Descent, CapHeight: d.CapHeight, Flags: d.Flags,
		FontBBox:    fontBoxType{d.BBox[0], d.BBox[1], d.BBox[2], d.BBox[3]},
		ItalicAngle: d.ItalicAngle, StemV: d.StemV, MissingWidth: d.MissingWidth,
	}
	def := fontDefType{Tp: "UTF8", Name: fontkey, Desc: desc, Up: d.Up, Ut: d.Ut, Cw: cw, i: d.ID}
	// GenerateCutFont reads everything it needs from the file itself.
	return &parsedFont{def: def}
}

// cutFontData is the subset of a face for a set of characters, as putfonts
// embeds it.
type cutFontData struct {
	size        int    // length of the subset (Length1)
	stream      []byte // the subset, compressed
	cidToGidMap []byte // the CIDToGIDMap, compressed
	lastRune    int
	// widths is the /W entry of the CIDFont (generateCIDFontMap), made
	// with the first document: it depends only on the face and the
	// characters.
	widths     string
	widthsOnce sync.Once
	face       []byte // keeps the face, whose address is in the key, alive
}

var cutFonts struct {
	sync.Mutex
	m map[string]*cutFontData
}

// maxCutFonts bounds the subsets kept; when it is reached the cache starts
// afresh.
const maxCutFonts = 64

// cutFont returns the subset of the face for the used characters, cut and
// compressed once per process for each face and set of characters. The
// result is shared: callers must not change it.
func (utf *utf8FontFile) cutFont(fontkey string, usedRunes map[int]int) *cutFontData {
	key := utf.cutKey(fontkey, usedRunes)
	if c := cachedCut(key); c != nil {
		return c
	}
	return utf.cutFontAs(key, usedRunes)
}

// cachedCut returns the subset cached under key, or nil.
func cachedCut(key string) *cutFontData {
	cutFonts.Lock()
	defer cutFonts.Unlock()
	return cutFonts.m[key]
}

// cutKey identifies the subset of the face for the used characters: the
// face's address and length, the font key and the characters.
func (utf *utf8FontFile) cutKey(fontkey string, usedRunes map[int]int) string {
	runes := make([]int, 0, len(usedRunes))
	for _, r := range usedRunes {
		runes = append(runes, r)
	}
	slices.Sort(runes)
	kb := make([]byte, 0, 16+len(fontkey)+4*len(runes))
	kb = strconv.AppendUint(kb, uint64(uintptr(unsafe.Pointer(unsafe.SliceData(utf.fileReader.array)))), 16)
	kb = append(kb, ' ')
	kb = strconv.AppendInt(kb, int64(len(utf.fileReader.array)), 10)
	kb = append(kb, ' ')
	kb = append(kb, fontkey...)
	for _, r := range runes {
		kb = append(kb, ' ')
		kb = strconv.AppendInt(kb, int64(r), 16)
	}
	return string(kb)
}

// cutFontAs cuts and compresses the subset of the face for the used
// characters and caches it under key (cutKey).
func (utf *utf8FontFile) cutFontAs(key string, usedRunes map[int]int) *cutFontData {
	stream := utf.GenerateCutFont(usedRunes)
	codeSign := utf.CodeSymbolDictionary
	delete(codeSign, 0)
	// The map is 128 KB, almost all zeros, and compresses to a few
	// hundred bytes: it is built in a buffer kept for the next subset.
	cidToGidMap := getScratch(256 * 256 * 2)
	clear(cidToGidMap)
	for cc, glyph := range codeSign {
		cidToGidMap[cc*2] = byte(glyph >> 8)
		cidToGidMap[cc*2+1] = byte(glyph & 0xFF)
	}
	c := &cutFontData{size: len(stream), stream: deflate(stream), cidToGidMap: deflate(cidToGidMap), lastRune: utf.LastRune, face: utf.fileReader.array}
	putScratch(cidToGidMap)
	cutFonts.Lock()
	if cutFonts.m == nil || len(cutFonts.m) >= maxCutFonts {
		cutFonts.m = map[string]*cutFontData{}
	}
	cutFonts.m[key] = c
	cutFonts.Unlock()
	return c
}

// zlibWriters are idle compressors at fpdf's level. A sync.Pool would lose
// them at every garbage collection, and a document allocates enough to
// cause several.
var zlibWriters struct {
	sync.Mutex
	idle []*zlib.Writer
}

// getZlib returns an idle writer reset to w, or a new one.
func getZlib(w *bytes.Buffer) *zlib.Writer {
	zlibWriters.Lock()
	n := len(zlibWriters.idle)
	if n > 0 {
		zw := zlibWriters.idle[n-1]
		zlibWriters.idle = zlibWriters.idle[:n-1]
		zlibWriters.Unlock()
		zw.Reset(w)
		return zw
	}
	zlibWriters.Unlock()
	zw, _ := zlib.NewWriterLevel(w, zlib.BestSpeed)
	return zw
}

// putZlib keeps zw for reuse; a few are enough for the goroutines that
// compress at the same time.
func putZlib(zw *zlib.Writer) {
	zlibWriters.Lock()
	if len(zlibWriters.idle) < 8 {
		zlibWriters.idle = append(zlibWriters.idle, zw)
	}
	zlibWriters.Unlock()
}

// deflate returns data compressed as xmem.compress does it, in a slice of
// its own and of its length (the cache of subsets keeps it): it is
// compressed into a scratch buffer and copied out.
func deflate(data []byte) []byte {
	buf := bytes.NewBuffer(getScratch(len(data)/2 + 64)[:0])
	zw := getZlib(buf)
	zw.Write(data)
	zw.Close()
	putZlib(zw)
	out := bytes.Clone(buf.Bytes())
	putScratch(buf.Bytes())
	return out
}

// scratch holds idle buffers for cutFont and deflate.
var scratch struct {
	sync.Mutex
	idle [][]byte
}

// getScratch returns a buffer of length n, of an idle one if it is large
// enough; its contents are undefined.
func getScratch(n int) []byte {
	scratch.Lock()
	defer scratch.Unlock()
	for i, b := range scratch.idle {
		if cap(b) >= n {
			scratch.idle = slices.Delete(scratch.idle, i, i+1)
			return b[:n]
		}
	}
	return make([]byte, n)
}

// putScratch keeps b for reuse; a few are enough.
func putScratch(b []byte) {
	scratch.Lock()
	defer scratch.Unlock()
	if len(scratch.idle) < 4 {
		scratch.idle = append(scratch.idle, b[:0])
	}
}

// textUTF8 is Text for a UTF-8 font, left to right, without underline or
// strike-out, on a page: it writes the same bytes as Text, without the
// intermediate strings of utf8toutf16, escape and Sprintf.
func (f *Fpdf) textUTF8(x, y float64, s string) {
	page := f.pages[f.page]
	b := page.AvailableBuffer()
	if f.colorFlag {
		b = append(b, "q "...)
		b = append(b, f.color.text.str...)
		b = append(b, ' ')
	}
	b = append(b, "BT "...)
	b = strconv.AppendFloat(b, x*f.k, 'f', 2, 64)
	b = append(b, ' ')
	b = strconv.AppendFloat(b, (f.h-y)*f.k, 'f', 2, 64)
	b = append(b, " Td ("...)
	used, seen := f.currentFont.usedRunes, f.currentFont.seenRunes
	for _, r := range s {
		if seen == nil || r > 0xffff {
			used[int(r)] = int(r)
		} else if bit := uint64(1) << (r % 64); seen[r/64]&bit == 0 {
			// Characters are never removed from usedRunes but 0, which
			// putfonts removes when the document is done.
			used[int(r)] = int(r)
			seen[r/64] |= bit
		}
		// utf8toutf16 without a BOM: the 16 bits of the character as
		// utf8toutf16 computes them from its UTF-8 bytes (runes beyond
		// the BMP and invalid bytes come out as it gives them).
		var hi, lo byte
		switch n := utf8.RuneLen(r); {
		case r == utf8.RuneError || n == 4:
			f.textUTF8Slow(x, y, s)
			return
		default:
			hi, lo = byte(r>>8), byte(r)
		}
		for _, c := range [2]byte{hi, lo} {
			switch c {
			case '\\', '(', ')':
				b = append(b, '\\', c)
			case '\r':
				b = append(b, '\\', 'r')
			default:
				b = append(b, c)
			}
		}
	}
	b = append(b, ") Tj ET"...)
	if f.colorFlag {
		b = append(b, " Q"...)
	}
	b = append(b, '\n')
	page.Write(b)
}

// textUTF8Slow falls back to Text's own way for text that is not plain
// characters of the Basic Multilingual Plane.
func (f *Fpdf) textUTF8Slow(x, y float64, s string) {
	for _, r := range s {
		f.currentFont.usedRunes[int(r)] = int(r)
	}
	txt2 := f.escape(utf8toutf16(s, false))
	out := sprintf("BT %.2f %.2f Td (%s) Tj ET", x*f.k, (f.h-y)*f.k, txt2)
	if f.colorFlag {
		out = sprintf("q %s %s Q", f.color.text.str, out)
	}
	f.out(out)
}

// fontID is generateFontID without reflection: the SHA-1 of the same JSON,
// written by hand for a definition whose strings need no escaping (the
// 65,536 widths of a UTF-8 face took json.Marshal milliseconds).
func fontID(d fontDefType) (string, error) {
	for _, s := range []string{d.Tp, d.Name, d.Enc, d.Diff} {
		for _, c := range []byte(s) {
			if c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
				return generateFontID(d)
			}
		}
	}
	b := make([]byte, 0, 64*1024+8*len(d.Cw))
	str := func(key, v string) {
		b = append(b, '"')
		b = append(b, key...)
		b = append(b, `":"`...)
		b = append(b, v...)
		b = append(b, `",`...)
	}
	num := func(key string, v int) {
		b = append(b, '"')
		b = append(b, key...)
		b = append(b, `":`...)
		b = strconv.AppendInt(b, int64(v), 10)
		b = append(b, ',')
	}
	b = append(b, '{')
	str("Tp", d.Tp)
	str("Name", d.Name)
	b = append(b, `"Desc":{`...)
	num("Ascent", d.Desc.Ascent)
	num("Descent", d.Desc.Descent)
	num("CapHeight", d.Desc.CapHeight)
	num("Flags", d.Desc.Flags)
	b = append(b, `"FontBBox":{`...)
	num("Xmin", d.Desc.FontBBox.Xmin)
	num("Ymin", d.Desc.FontBBox.Ymin)
	num("Xmax", d.Desc.FontBBox.Xmax)
	num("Ymax", d.Desc.FontBBox.Ymax)
	b[len(b)-1] = '}'
	b = append(b, ',')
	num("ItalicAngle", d.Desc.ItalicAngle)
	num("StemV", d.Desc.StemV)
	num("MissingWidth", d.Desc.MissingWidth)
	b[len(b)-1] = '}'
	b = append(b, ',')
	num("Up", d.Up)
	num("Ut", d.Ut)
	b = append(b, `"Cw":`...)
	if d.Cw == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i, w := range d.Cw {
			if i > 0 {
				b = append(b, ',')
			}
			b = strconv.AppendInt(b, int64(w), 10)
		}
		b = append(b, ']')
	}
	b = append(b, ',')
	str("Enc", d.Enc)
	str("Diff", d.Diff)
	str("File", "") // generateFontID clears File
	num("Size1", d.Size1)
	num("Size2", d.Size2)
	num("OriginalSize", d.OriginalSize)
	num("N", d.N)
	num("DiffN", d.DiffN)
	b[len(b)-1] = '}'
	return fmt.Sprintf("%x", sha1.Sum(b)), nil
}

// replaceAlias replaces every alias in page by replacement, as
// strings.Replace does (left to right, not overlapping). fpdf converted
// every page to a string and back for each alias, a copy of the whole
// document twice; this touches only pages that hold the alias, and
// rewrites them in place when the replacement has the alias's length, as
// the page count alias of a document under 100 pages does.
func replaceAlias(page *bytes.Buffer, alias, replacement string) {
	if alias == "" { // fpdf's way: a replacement between every two bytes
		s := strings.Replace(page.String(), alias, replacement, -1)
		page.Reset()
		page.WriteString(s)
		return
	}
	b := page.Bytes()
	i := bytes.Index(b, []byte(alias))
	if i < 0 {
		return
	}
	if len(alias) == len(replacement) {
		for i >= 0 {
			copy(b[i:], replacement)
			i += len(alias)
			j := bytes.Index(b[i:], []byte(alias))
			if j < 0 {
				break
			}
			i += j
		}
		return
	}
	out := make([]byte, 0, len(b)+(len(replacement)-len(alias))*bytes.Count(b, []byte(alias)))
	for i >= 0 {
		out = append(out, b[:i]...)
		out = append(out, replacement...)
		b = b[i+len(alias):]
		i = bytes.Index(b, []byte(alias))
	}
	out = append(out, b...)
	page.Reset()
	page.Write(out)
}

// SetCompressToUnicode makes the document compress the ToUnicode CMap of
// its UTF-8 fonts when compression is on (SetCompression; fpdf writes it
// uncompressed). dpa compressed it after the fact, together with the pages,
// in a second pass over the whole PDF; this writes the same bytes in one.
func (f *Fpdf) SetCompressToUnicode(on bool) {
	f.zToUnicode = on
}

// compressedToUnicode is the ToUnicode CMap compressed, the same for every
// UTF-8 font.
var compressedToUnicode = sync.OnceValue(func() []byte { return deflate([]byte(toUnicode)) })

// outBytes is out for a line in bytes.
func (f *Fpdf) outBytes(b []byte) {
	if f.state == 2 {
		must(f.pages[f.page].Write(b))
		must(f.pages[f.page].WriteString("\n"))
	} else {
		must(f.buffer.Write(b))
		must(f.buffer.WriteString("\n"))
	}
}

// OutputBytes closes the document if need be and returns the PDF: the
// document's own buffer, not a copy (Output copies it to a writer). The
// document must not be used afterwards.
func (f *Fpdf) OutputBytes() ([]byte, error) {
	if f.err != nil {
		return nil, f.err
	}
	if f.state < 3 {
		f.Close()
	}
	if f.err != nil {
		return nil, f.err
	}
	return f.buffer.Bytes(), nil
}

// charWidth is a character width as fontDefType.Cw holds it (dpa patch: in
// 16 bits rather than an int, a quarter of the memory for the 65,536
// widths of a UTF-8 face): 65,535 stands for zero, and a width beyond 65
// em, which no real face has, is cut to 65,534.
func charWidth(w int) uint16 {
	if w == 0xffff {
		return 0xffff
	}
	return uint16(min(w, 0xfffe))
}

// cmapCharCount returns the number of characters the format 4 cmap
// subtable at pos maps, which generateSCCSDictionaries puts in its map
// (dpa patch: to size the map at once). It leaves the reader where it was.
func (utf *utf8FontFile) cmapCharCount(pos int) int {
	at := utf.fileReader.readerPosition
	defer func() { utf.fileReader.readerPosition = at }()
	utf.seek(pos + 6)
	segments := utf.readUint16() / 2
	ends := pos + 14
	starts := ends + 2*segments + 2
	n := 0
	for i := range segments {
		end, start := utf.getUint16(ends+2*i), utf.getUint16(starts+2*i)
		n += max(0, end+1-start)
	}
	return n
}

// nextIntKey returns the least non-negative int that is not a key of pa,
// the key put(nil, v) gives v, as PHP does. put looked for it by calling
// getIndex for 0, 1, 2..., quadratic in the length of pa; cidFontWidths
// puts every width of a subset, which made it a third of the font work of
// a document. The least missing key is at most len(keySet).
func (pa *untypedKeyMap) nextIntKey() int {
	n := len(pa.keySet)
	var small [4]uint64
	bits := small[:]
	if n >= 64*len(small) {
		bits = make([]uint64, n/64+1)
	}
	for _, k := range pa.keySet {
		if i, ok := k.(int); ok && i >= 0 && i <= n {
			bits[i/64] |= 1 << (i % 64)
		}
	}
	for i := 0; ; i++ {
		if bits[i/64]&(1<<(i%64)) == 0 {
			return i
		}
	}
}

// pendingCuts are the subsets of a document's UTF-8 fonts being cut.
type pendingCuts struct {
	wg sync.WaitGroup
	mu sync.Mutex
	m  map[string]*cutFontData // by font key
}

// startCuts cuts the subsets of the document's UTF-8 fonts that are not
// cached, and makes their widths, in a goroutine, while enddoc writes and
// compresses the pages: on a first document that is about as much work as
// the pages, and there is a second core. (Cached subsets, the rule in a
// batch, are taken at once, without a goroutine.) One goroutine for all
// fonts, not one each: each compresses with a zlib writer of its own, a
// few hundred kilobytes of fresh memory in a new process. The characters
// used are final by then: enddoc writes no text before putfonts, which
// takes the subsets (cut) and removes character 0 from the used ones as
// it always did, here before the goroutine reads them, and waits for it
// (waitCuts) before it touches a font.
func (f *Fpdf) startCuts() {
	type todo struct {
		key, cutKey string
		font        fontDefType
	}
	var keys []string
	for key, font := range f.fonts {
		if font.Tp == "UTF8" && font.utf8File != nil {
			keys = append(keys, key)
			delete(font.usedRunes, 0)
		}
	}
	if len(keys) == 0 {
		return
	}
	slices.Sort(keys)
	cuts := &pendingCuts{m: make(map[string]*cutFontData, len(keys))}
	f.cuts = cuts
	var cut []todo
	for _, key := range keys {
		font := f.fonts[key]
		ck := font.utf8File.cutKey(font.Name, font.usedRunes)
		if c := cachedCut(ck); c != nil {
			cuts.m[key] = c
		} else {
			cut = append(cut, todo{key, ck, font})
		}
	}
	if len(cut) == 0 {
		return
	}
	cuts.wg.Go(func() {
		// A panic here would end the process; left unrecovered, the
		// subset is cut again by putfonts, in the caller's goroutine,
		// where it can be recovered.
		defer func() { _ = recover() }()
		for i := range cut {
			font := &cut[i].font
			c := font.utf8File.cutFontAs(cut[i].cutKey, font.usedRunes)
			c.widthsOnce.Do(func() { c.widths = cidFontWidths(font, c.lastRune) })
			cuts.mu.Lock()
			cuts.m[cut[i].key] = c
			cuts.mu.Unlock()
		}
	})
}

// waitCuts waits for the goroutines of startCuts, if any.
func (f *Fpdf) waitCuts() {
	if f.cuts != nil {
		f.cuts.wg.Wait()
	}
}

// cut returns the subset of the UTF-8 font under key: the one startCuts
// cut (after waitCuts), or one cut now.
func (f *Fpdf) cut(key string, font *fontDefType) *cutFontData {
	if f.cuts != nil {
		f.cuts.mu.Lock()
		c := f.cuts.m[key]
		f.cuts.mu.Unlock()
		if c != nil {
			return c
		}
	}
	return font.utf8File.cutFont(font.Name, font.usedRunes)
}
