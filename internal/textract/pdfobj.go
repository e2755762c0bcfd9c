package textract

import (
	"bytes"
	"compress/flate"
	"compress/zlib"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/dpa-tool/dpa/internal/lazyre"
)

// A minimal PDF object reader: enough of ISO 32000 to reach the pages, their
// content streams and fonts. Objects are parsed lazily through the
// cross-reference table (classic or stream, with object streams); a file
// whose table is broken is scanned for "N G obj" instead.

type (
	pdfName string
	pdfRef  struct{ num, gen int }
	pdfDict map[pdfName]any
	// pdfStream is a stream object; data is the raw (encoded) bytes.
	pdfStream struct {
		dict pdfDict
		data []byte
	}
	pdfOp string // an operator in a content stream
)

type xrefEntry struct {
	off    int // file offset, or index in the object stream
	stream int // object stream number, 0 for none
}

type pdfFile struct {
	data    []byte
	xref    map[int]xrefEntry
	trailer pdfDict
	cache   map[int]any
	objStm  map[int][]any // parsed object streams
	depth   int
}

var errPDF = errors.New("malformed PDF")

// lexer reads PDF tokens from b.
type lexer struct {
	b   []byte
	pos int
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool {
	return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' || c == '{' || c == '}' || c == '/' || c == '%'
}

func (l *lexer) skip() {
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		if isSpace(c) {
			l.pos++
		} else if c == '%' {
			for l.pos < len(l.b) && l.b[l.pos] != '\n' && l.b[l.pos] != '\r' {
				l.pos++
			}
		} else {
			return
		}
	}
}

// commonOps are the keywords of content streams and object syntax, so that
// reading one allocates nothing.
var commonOps = func() map[string]pdfOp {
	m := map[string]pdfOp{}
	for _, k := range strings.Fields("q Q cm BT ET Tf Tc Tw Tz TL Ts Td TD Tm T* Tj TJ ' \" Do BI ID EI " +
		"re f F f* B B* b b* n S s W W* m l c v y h g G rg RG k K cs CS sc SC scn SCN gs w J j M d ri i " +
		"BMC BDC EMC MP DP sh d0 d1 Tr BX EX obj endobj stream endstream R xref trailer startxref") {
		m[k] = pdfOp(k)
	}
	return m
}()

// token returns the next token: a value (number, string, name, bool, nil)
// or a delimiter/keyword as pdfOp.
func (l *lexer) token() (any, bool) {
	v, x, isNum, ok := l.tok()
	if isNum {
		return x, ok
	}
	return v, ok
}

// tok is token without boxing numbers: a number comes back as x with
// isNum set.
func (l *lexer) tok() (v any, x float64, isNum, ok bool) {
	l.skip()
	if l.pos >= len(l.b) {
		return nil, 0, false, false
	}
	if c := l.b[l.pos]; (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' {
		s := l.pos
		for l.pos < len(l.b) && !isSpace(l.b[l.pos]) && !isDelim(l.b[l.pos]) {
			l.pos++
		}
		if l.pos == s {
			l.pos++
			return pdfOp(string(c)), 0, false, true
		}
		f, err := strconv.ParseFloat(string(l.b[s:l.pos]), 64)
		if err != nil {
			f = 0
		}
		return nil, f, true, true
	}
	t, ok := l.token1()
	return t, 0, false, ok
}

func (l *lexer) token1() (any, bool) {
	if l.pos >= len(l.b) {
		return nil, false
	}
	c := l.b[l.pos]
	switch {
	case c == '/':
		l.pos++
		s := l.pos
		for l.pos < len(l.b) && !isSpace(l.b[l.pos]) && !isDelim(l.b[l.pos]) {
			l.pos++
		}
		return pdfName(unescapeName(l.b[s:l.pos])), true
	case c == '(':
		return l.literal(), true
	case c == '<':
		if l.pos+1 < len(l.b) && l.b[l.pos+1] == '<' {
			l.pos += 2
			return pdfOp("<<"), true
		}
		l.pos++
		s := l.pos
		for l.pos < len(l.b) && l.b[l.pos] != '>' {
			l.pos++
		}
		h := make([]byte, 0, l.pos-s)
		for _, x := range l.b[s:l.pos] {
			if !isSpace(x) {
				h = append(h, x)
			}
		}
		l.pos++
		if len(h)%2 == 1 {
			h = append(h, '0')
		}
		out := make([]byte, len(h)/2)
		hex.Decode(out, h)
		return string(out), true
	case c == '>':
		if l.pos+1 < len(l.b) && l.b[l.pos+1] == '>' {
			l.pos += 2
			return pdfOp(">>"), true
		}
		l.pos++
		return pdfOp(">"), true
	case c == '[' || c == ']' || c == '{' || c == '}' || c == ')':
		l.pos++
		return pdfOp(string(c)), true
	}
	s := l.pos
	for l.pos < len(l.b) && !isSpace(l.b[l.pos]) && !isDelim(l.b[l.pos]) {
		l.pos++
	}
	w := l.b[s:l.pos]
	if len(w) == 0 {
		l.pos++
		return pdfOp(string(c)), true
	}
	if op, ok := commonOps[string(w)]; ok {
		return op, true
	}
	if (w[0] >= '0' && w[0] <= '9') || w[0] == '-' || w[0] == '+' || w[0] == '.' {
		if f, err := strconv.ParseFloat(string(w), 64); err == nil {
			return f, true
		}
		return 0.0, true
	}
	switch string(w) {
	case "true":
		return true, true
	case "false":
		return false, true
	case "null":
		return nil, true
	}
	return pdfOp(w), true
}

func unescapeName(b []byte) string {
	if bytes.IndexByte(b, '#') < 0 {
		return string(b)
	}
	var out []byte
	for i := 0; i < len(b); i++ {
		if b[i] == '#' && i+2 < len(b) {
			if v, err := strconv.ParseUint(string(b[i+1:i+3]), 16, 8); err == nil {
				out = append(out, byte(v))
				i += 2
				continue
			}
		}
		out = append(out, b[i])
	}
	return string(out)
}

func (l *lexer) literal() string {
	l.pos++ // (
	depth := 1
	var out []byte
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		l.pos++
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return string(out)
			}
		case '\\':
			if l.pos >= len(l.b) {
				return string(out)
			}
			e := l.b[l.pos]
			l.pos++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if l.pos < len(l.b) && l.b[l.pos] == '\n' {
					l.pos++
				}
				continue
			case '\n':
				continue
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for k := 0; k < 2 && l.pos < len(l.b) && l.b[l.pos] >= '0' && l.b[l.pos] <= '7'; k++ {
						v = v*8 + int(l.b[l.pos]-'0')
						l.pos++
					}
					c = byte(v)
				} else {
					c = e
				}
			}
		}
		out = append(out, c)
	}
	return string(out)
}

// object parses one object; refs "N G R" are recognised.
func (l *lexer) object() (any, error) {
	t, ok := l.token()
	if !ok {
		return nil, io.ErrUnexpectedEOF
	}
	return l.value(t, 0)
}

func (l *lexer) value(t any, depth int) (any, error) {
	if depth > 100 {
		return nil, errPDF
	}
	switch v := t.(type) {
	case float64:
		// a reference?
		save := l.pos
		t2, ok2 := l.token()
		if g, isNum := t2.(float64); ok2 && isNum {
			t3, ok3 := l.token()
			if op, isOp := t3.(pdfOp); ok3 && isOp && op == "R" {
				return pdfRef{int(v), int(g)}, nil
			}
		}
		l.pos = save
		return v, nil
	case pdfOp:
		switch v {
		case "[":
			var arr []any
			for {
				t, ok := l.token()
				if !ok {
					return arr, io.ErrUnexpectedEOF
				}
				if op, isOp := t.(pdfOp); isOp && op == "]" {
					return arr, nil
				}
				x, err := l.value(t, depth+1)
				if err != nil {
					return arr, err
				}
				arr = append(arr, x)
			}
		case "<<":
			d := pdfDict{}
			for {
				t, ok := l.token()
				if !ok {
					return d, io.ErrUnexpectedEOF
				}
				if op, isOp := t.(pdfOp); isOp && op == ">>" {
					return d, nil
				}
				k, isName := t.(pdfName)
				if !isName {
					continue
				}
				t, ok = l.token()
				if !ok {
					return d, io.ErrUnexpectedEOF
				}
				x, err := l.value(t, depth+1)
				if err != nil {
					return d, err
				}
				d[k] = x
			}
		}
	}
	return t, nil
}

var (
	startxrefRE = lazyre.New(`startxref\s+(\d+)`)
	objRE       = lazyre.New(`(?m)(?:^|[\r\n\s])(\d+)\s+(\d+)\s+obj\b`)
)

func openPDF(data []byte) (*pdfFile, error) {
	f := &pdfFile{data: data, xref: map[int]xrefEntry{}, cache: map[int]any{}, objStm: map[int][]any{}}
	ms := startxrefRE().FindAllSubmatch(data[max(0, len(data)-2048):], -1)
	ok := false
	if len(ms) > 0 {
		off, _ := strconv.Atoi(string(ms[len(ms)-1][1]))
		ok = f.readXref(off, 0) == nil && f.trailer != nil
	}
	if !ok || f.trailer["Root"] == nil {
		f.scan()
	}
	if f.trailer == nil || f.trailer["Root"] == nil {
		return nil, fmt.Errorf("%w: no document catalog", errPDF)
	}
	if f.trailer["Encrypt"] != nil {
		return nil, errors.New("the PDF is encrypted")
	}
	return f, nil
}

func (f *pdfFile) readXref(off, depth int) error {
	if off <= 0 || off >= len(f.data) || depth > 50 {
		return errPDF
	}
	l := &lexer{b: f.data, pos: off}
	t, _ := l.token()
	var trailer pdfDict
	if op, isOp := t.(pdfOp); isOp && op == "xref" {
		for {
			t, ok := l.token()
			if !ok {
				return errPDF
			}
			if op, isOp := t.(pdfOp); isOp && op == "trailer" {
				break
			}
			start, isNum := t.(float64)
			t2, _ := l.token()
			n, isNum2 := t2.(float64)
			if !isNum || !isNum2 {
				return errPDF
			}
			for i := 0; i < int(n); i++ {
				l.skip()
				if l.pos+18 > len(f.data) {
					return errPDF
				}
				line := f.data[l.pos : l.pos+18]
				l.pos += 18
				o, _ := strconv.Atoi(string(bytes.TrimSpace(line[0:10])))
				num := int(start) + i
				if line[17] == 'n' {
					if _, seen := f.xref[num]; !seen {
						f.xref[num] = xrefEntry{off: o}
					}
				}
			}
		}
		d, err := l.object()
		if err != nil {
			return err
		}
		trailer, _ = d.(pdfDict)
		if x, ok := trailer["XRefStm"].(float64); ok {
			f.readXref(int(x), depth+1)
		}
	} else {
		// an xref stream: "N G obj << ... >> stream"
		l.pos = off
		obj, err := f.parseAt(off)
		if err != nil {
			return err
		}
		s, isStream := obj.(*pdfStream)
		if !isStream {
			return errPDF
		}
		trailer = s.dict
		data, err := f.decode(s)
		if err != nil {
			return err
		}
		w := f.ints(s.dict["W"])
		if len(w) != 3 {
			return errPDF
		}
		index := f.ints(s.dict["Index"])
		if len(index) == 0 {
			index = []int{0, f.int(s.dict["Size"])}
		}
		row := w[0] + w[1] + w[2]
		p := 0
		for k := 0; k+1 < len(index); k += 2 {
			for i := 0; i < index[k+1]; i++ {
				if p+row > len(data) {
					break
				}
				field := func(a, n int) int {
					v := 0
					for _, c := range data[p+a : p+a+n] {
						v = v<<8 | int(c)
					}
					return v
				}
				typ := 1
				if w[0] > 0 {
					typ = field(0, w[0])
				}
				a, b := field(w[0], w[1]), field(w[0]+w[1], w[2])
				num := index[k] + i
				if _, seen := f.xref[num]; !seen {
					switch typ {
					case 1:
						f.xref[num] = xrefEntry{off: a}
					case 2:
						f.xref[num] = xrefEntry{off: b, stream: a}
					}
				}
				p += row
			}
		}
	}
	if f.trailer == nil {
		f.trailer = trailer
	} else {
		for k, v := range trailer {
			if _, ok := f.trailer[k]; !ok {
				f.trailer[k] = v
			}
		}
	}
	if prev, ok := trailer["Prev"].(float64); ok {
		return f.readXref(int(prev), depth+1)
	}
	return nil
}

// scan rebuilds the cross-reference table from "N G obj" markers.
func (f *pdfFile) scan() {
	f.xref = map[int]xrefEntry{}
	for _, m := range objRE().FindAllSubmatchIndex(f.data, -1) {
		num, _ := strconv.Atoi(string(f.data[m[2]:m[3]]))
		f.xref[num] = xrefEntry{off: m[2]}
	}
	if f.trailer == nil {
		f.trailer = pdfDict{}
	}
	if f.trailer["Root"] == nil {
		for num := range f.xref {
			if d, ok := f.get(pdfRef{num, 0}).(pdfDict); ok && d["Type"] == pdfName("Catalog") {
				f.trailer["Root"] = pdfRef{num, 0}
				break
			}
		}
	}
}

// parseAt parses "N G obj value [stream ...]" at off.
func (f *pdfFile) parseAt(off int) (any, error) {
	l := &lexer{b: f.data, pos: off}
	l.token()
	l.token()
	if t, _ := l.token(); t != pdfOp("obj") {
		return nil, errPDF
	}
	v, err := l.object()
	if err != nil {
		return nil, err
	}
	d, isDict := v.(pdfDict)
	if !isDict {
		return v, nil
	}
	save := l.pos
	if t, _ := l.token(); t != pdfOp("stream") {
		l.pos = save
		return d, nil
	}
	p := l.pos
	if p < len(f.data) && f.data[p] == '\r' {
		p++
	}
	if p < len(f.data) && f.data[p] == '\n' {
		p++
	}
	n := -1
	switch x := d["Length"].(type) {
	case float64:
		n = int(x)
	case pdfRef:
		if f.depth < 10 {
			f.depth++
			if v, ok := f.get(x).(float64); ok {
				n = int(v)
			}
			f.depth--
		}
	}
	if n < 0 || p+n > len(f.data) || !bytes.Contains(f.data[p+n:min(len(f.data), p+n+20)], []byte("endstream")) {
		e := bytes.Index(f.data[p:], []byte("endstream"))
		if e < 0 {
			return nil, errPDF
		}
		n = e
		for n > 0 && (f.data[p+n-1] == '\n' || f.data[p+n-1] == '\r') {
			n--
		}
	}
	return &pdfStream{dict: d, data: f.data[p : p+n]}, nil
}

// get resolves a reference (other values are returned as they are).
func (f *pdfFile) get(v any) any {
	r, isRef := v.(pdfRef)
	if !isRef {
		return v
	}
	if o, ok := f.cache[r.num]; ok {
		return o
	}
	e, ok := f.xref[r.num]
	if !ok {
		return nil
	}
	f.cache[r.num] = nil // cycles resolve to nil
	var obj any
	if e.stream != 0 {
		objs := f.objectStream(e.stream)
		if e.off < len(objs) {
			obj = objs[e.off]
		}
	} else {
		obj, _ = f.parseAt(e.off)
	}
	f.cache[r.num] = obj
	return obj
}

func (f *pdfFile) objectStream(num int) []any {
	if objs, ok := f.objStm[num]; ok {
		return objs
	}
	f.objStm[num] = nil
	s, ok := f.get(pdfRef{num, 0}).(*pdfStream)
	if !ok {
		return nil
	}
	data, err := f.decode(s)
	if err != nil {
		return nil
	}
	n, first := f.int(s.dict["N"]), f.int(s.dict["First"])
	l := &lexer{b: data}
	offs := make([]int, 0, n)
	for i := 0; i < n; i++ {
		l.token()
		o, _ := l.token()
		x, _ := o.(float64)
		offs = append(offs, int(x))
	}
	objs := make([]any, n)
	for i, o := range offs {
		if first+o >= len(data) {
			continue
		}
		ol := &lexer{b: data, pos: first + o}
		objs[i], _ = ol.object()
	}
	f.objStm[num] = objs
	return objs
}

func (f *pdfFile) dict(v any) pdfDict {
	switch x := f.get(v).(type) {
	case pdfDict:
		return x
	case *pdfStream:
		return x.dict
	}
	return nil
}

func (f *pdfFile) array(v any) []any {
	a, _ := f.get(v).([]any)
	return a
}

func (f *pdfFile) num(v any) (float64, bool) {
	x, ok := f.get(v).(float64)
	return x, ok
}

func (f *pdfFile) int(v any) int {
	x, _ := f.num(v)
	return int(x)
}

func (f *pdfFile) ints(v any) []int {
	var out []int
	for _, x := range f.array(v) {
		out = append(out, f.int(x))
	}
	return out
}

// decode returns the decoded data of a stream.
func (f *pdfFile) decode(s *pdfStream) ([]byte, error) {
	data := s.data
	filters := []any{}
	switch x := f.get(s.dict["Filter"]).(type) {
	case pdfName:
		filters = append(filters, x)
	case []any:
		filters = x
	}
	parms := f.get(s.dict["DecodeParms"])
	for i, fl := range filters {
		name, _ := f.get(fl).(pdfName)
		var p pdfDict
		if a, ok := parms.([]any); ok && i < len(a) {
			p = f.dict(a[i])
		} else if d, ok := parms.(pdfDict); ok {
			p = d
		}
		var err error
		switch name {
		case "FlateDecode", "Fl":
			data, err = inflate(data)
			if err == nil && p != nil {
				data, err = f.predict(data, p)
			}
		case "ASCIIHexDecode", "AHx":
			data = asciiHex(data)
		case "ASCII85Decode", "A85":
			data = ascii85(data)
		default:
			return nil, fmt.Errorf("unsupported filter %s", name)
		}
		if err != nil {
			return nil, err
		}
	}
	return data, nil
}

func inflate(b []byte) ([]byte, error) {
	r, err := zlib.NewReader(bytes.NewReader(b))
	if err != nil {
		out, err2 := io.ReadAll(flate.NewReader(bytes.NewReader(b)))
		if len(out) > 0 {
			return out, nil
		}
		return nil, err2
	}
	out, err := io.ReadAll(r)
	if len(out) > 0 {
		return out, nil // a truncated stream still gives its text
	}
	return out, err
}

func (f *pdfFile) predict(b []byte, p pdfDict) ([]byte, error) {
	pred := f.int(p["Predictor"])
	if pred < 10 {
		return b, nil
	}
	cols := f.int(p["Columns"])
	if cols == 0 {
		cols = 1
	}
	colors := max(1, f.int(p["Colors"]))
	bpc := f.int(p["BitsPerComponent"])
	if bpc == 0 {
		bpc = 8
	}
	bpp := max(1, colors*bpc/8)
	row := (cols*colors*bpc + 7) / 8
	var out []byte
	prev := make([]byte, row)
	for p := 0; p+row+1 <= len(b); p += row + 1 {
		typ := b[p]
		cur := append([]byte(nil), b[p+1:p+1+row]...)
		for i := range cur {
			var left, up, ul byte
			if i >= bpp {
				left = cur[i-bpp]
				ul = prev[i-bpp]
			}
			up = prev[i]
			switch typ {
			case 1:
				cur[i] += left
			case 2:
				cur[i] += up
			case 3:
				cur[i] += byte((int(left) + int(up)) / 2)
			case 4:
				cur[i] += paeth(left, up, ul)
			}
		}
		out = append(out, cur...)
		prev = cur
	}
	return out, nil
}

func paeth(a, b, c byte) byte {
	p := int(a) + int(b) - int(c)
	pa, pb, pc := absInt(p-int(a)), absInt(p-int(b)), absInt(p-int(c))
	if pa <= pb && pa <= pc {
		return a
	}
	if pb <= pc {
		return b
	}
	return c
}

func absInt(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func asciiHex(b []byte) []byte {
	var h []byte
	for _, c := range b {
		if c == '>' {
			break
		}
		if !isSpace(c) {
			h = append(h, c)
		}
	}
	if len(h)%2 == 1 {
		h = append(h, '0')
	}
	out := make([]byte, len(h)/2)
	hex.Decode(out, h)
	return out
}

func ascii85(b []byte) []byte {
	var out []byte
	var tuple uint32
	n := 0
	for _, c := range b {
		switch {
		case c == '~':
			goto done
		case c == 'z' && n == 0:
			out = append(out, 0, 0, 0, 0)
		case c >= '!' && c <= 'u':
			tuple = tuple*85 + uint32(c-'!')
			n++
			if n == 5 {
				out = append(out, byte(tuple>>24), byte(tuple>>16), byte(tuple>>8), byte(tuple))
				tuple, n = 0, 0
			}
		}
	}
done:
	if n > 1 {
		for i := n; i < 5; i++ {
			tuple = tuple*85 + 84
		}
		for i := 0; i < n-1; i++ {
			out = append(out, byte(tuple>>(24-8*i)))
		}
	}
	return out
}
