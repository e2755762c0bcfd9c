package textract

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// docxText returns the paragraphs of a Word document, one per line, with
// the labels of numbered paragraphs written out ("(a) ..."), footnote
// references as "[^n]" and the footnote texts at the end as "[^n]: ...".
// Tracked deletions are left out; headers and footers are not read.
func docxText(data []byte) (string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", fmt.Errorf("read DOCX: %w", err)
	}
	part := func(name string) ([]byte, error) {
		for _, f := range zr.File {
			if f.Name == name {
				if f.UncompressedSize64 > 256<<20 {
					return nil, errors.New("read DOCX: part too large")
				}
				rc, err := f.Open()
				if err != nil {
					return nil, err
				}
				defer rc.Close()
				return io.ReadAll(io.LimitReader(rc, 256<<20))
			}
		}
		return nil, nil
	}
	doc, err := part("word/document.xml")
	if err != nil || doc == nil {
		return "", fmt.Errorf("read DOCX: no word/document.xml (%v)", err)
	}
	num := &numbering{counters: map[string][]int{}}
	if b, _ := part("word/numbering.xml"); b != nil {
		num.parse(b)
	}
	notes := map[string]string{}
	if fb, _ := part("word/footnotes.xml"); fb != nil {
		ps, err := paragraphs(fb, num, "footnote")
		if err == nil {
			for _, p := range ps {
				if p.id != "" && strings.TrimSpace(p.text) != "" {
					notes[p.id] = strings.TrimSpace(p.text)
				}
			}
		}
	}
	body, err := paragraphs(doc, num, "body")
	if err != nil {
		return "", fmt.Errorf("read DOCX: %w", err)
	}
	// A footnote's text follows the paragraph that refers to it, so that it
	// stays with its set of clauses.
	var b strings.Builder
	for _, p := range body {
		b.WriteString(p.text)
		b.WriteString("\n\n")
		for _, id := range p.refs {
			if t, ok := notes[id]; ok {
				b.WriteString("[^" + id + "]: " + t + "\n\n")
			}
		}
	}
	return b.String(), nil
}

type para struct {
	id   string // footnote id, for footnotes.xml
	text string
	refs []string // footnotes referred to
}

// paragraphs reads the w:p elements of a part. In footnotes.xml the
// paragraphs of one w:footnote are joined.
func paragraphs(data []byte, num *numbering, kind string) ([]para, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	var out []para
	var cur strings.Builder
	var numID, ilvl string
	var refs []string
	inP, inDel, inInstr := false, 0, false
	fnID := ""
	var fnText strings.Builder
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return out, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "footnote":
				fnID = attr(t, "id")
				fnText.Reset()
			case "p":
				inP = true
				cur.Reset()
				refs = nil
				numID, ilvl = "", "0"
			case "numId":
				numID = attr(t, "val")
			case "ilvl":
				ilvl = attr(t, "val")
			case "del":
				inDel++
			case "instrText":
				inInstr = true
			case "tab":
				if inP {
					cur.WriteByte('\t')
				}
			case "br", "cr":
				if inP {
					cur.WriteByte('\n')
				}
			case "noBreakHyphen":
				cur.WriteByte('-')
			case "footnoteReference":
				if inDel == 0 {
					cur.WriteString("[^" + attr(t, "id") + "]")
					refs = append(refs, attr(t, "id"))
				}
			case "t":
				if inDel > 0 || inInstr {
					d.Skip()
					continue
				}
				var s string
				if err := d.DecodeElement(&s, &t); err != nil {
					return out, err
				}
				cur.WriteString(s)
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "del":
				inDel--
			case "instrText":
				inInstr = false
			case "p":
				inP = false
				text := cur.String()
				if numID != "" {
					if l := num.label(numID, ilvl); l != "" {
						text = l + " " + text
					}
				}
				if kind == "footnote" {
					if fnText.Len() > 0 {
						fnText.WriteByte(' ')
					}
					fnText.WriteString(text)
				} else {
					out = append(out, para{text: text, refs: refs})
				}
			case "footnote":
				if kind == "footnote" {
					out = append(out, para{id: fnID, text: fnText.String()})
				}
			}
		}
	}
	return out, nil
}

func attr(e xml.StartElement, local string) string {
	for _, a := range e.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// numbering holds the list definitions of numbering.xml and the counters
// of the lists met so far.
type numbering struct {
	abstract map[string]map[int]level // abstractNumId -> levels
	nums     map[string]string        // numId -> abstractNumId
	starts   map[string]map[int]int   // numId -> level overrides
	counters map[string][]int
}

type level struct {
	start     int
	fmt, text string
}

func (n *numbering) parse(data []byte) {
	n.abstract, n.nums, n.starts = map[string]map[int]level{}, map[string]string{}, map[string]map[int]int{}
	d := xml.NewDecoder(bytes.NewReader(data))
	var abs, numID string
	var lv int
	var cur level
	inLvl, inNum := false, false
	override := -1
	for {
		tok, err := d.Token()
		if err != nil {
			return
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "abstractNum":
				abs = attr(t, "abstractNumId")
				n.abstract[abs] = map[int]level{}
			case "lvl":
				if !inNum {
					inLvl = true
					lv, _ = strconv.Atoi(attr(t, "ilvl"))
					cur = level{start: 1, fmt: "decimal"}
				}
			case "start":
				v, _ := strconv.Atoi(attr(t, "val"))
				if inLvl {
					cur.start = v
				}
			case "startOverride":
				v, _ := strconv.Atoi(attr(t, "val"))
				if inNum && override >= 0 {
					if n.starts[numID] == nil {
						n.starts[numID] = map[int]int{}
					}
					n.starts[numID][override] = v
				}
			case "numFmt":
				if inLvl {
					cur.fmt = attr(t, "val")
				}
			case "lvlText":
				if inLvl {
					cur.text = attr(t, "val")
				}
			case "num":
				inNum = true
				numID = attr(t, "numId")
			case "abstractNumId":
				if inNum {
					n.nums[numID] = attr(t, "val")
				}
			case "lvlOverride":
				override, _ = strconv.Atoi(attr(t, "ilvl"))
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "lvl":
				if inLvl {
					n.abstract[abs][lv] = cur
					inLvl = false
				}
			case "num":
				inNum = false
			case "lvlOverride":
				override = -1
			}
		}
	}
}

// label advances the counter of list numID at level ilvl and returns the
// label text, e.g. "(a)".
func (n *numbering) label(numID, ilvl string) string {
	if n.abstract == nil || numID == "0" {
		return ""
	}
	lv, _ := strconv.Atoi(ilvl)
	if lv < 0 || lv > 8 {
		return ""
	}
	levels := n.abstract[n.nums[numID]]
	if levels == nil {
		return ""
	}
	c := n.counters[numID]
	if c == nil {
		c = make([]int, 9)
		for i := range c {
			c[i] = -1
		}
	}
	start := func(i int) int {
		if s, ok := n.starts[numID][i]; ok {
			return s
		}
		return levels[i].start
	}
	if c[lv] < 0 {
		c[lv] = start(lv)
	} else {
		c[lv]++
	}
	for i := lv + 1; i < 9; i++ {
		c[i] = -1
	}
	n.counters[numID] = c
	l := levels[lv]
	if l.fmt == "bullet" || l.fmt == "none" {
		return ""
	}
	text := l.text
	for i := 0; i <= lv; i++ {
		v := c[i]
		if v < 0 {
			v = start(i)
		}
		text = strings.ReplaceAll(text, "%"+strconv.Itoa(i+1), formatNum(v, levels[i].fmt))
	}
	return text
}

func formatNum(v int, f string) string {
	switch f {
	case "lowerLetter", "upperLetter":
		if v < 1 {
			return strconv.Itoa(v)
		}
		s := strings.Repeat(string(rune('a'+(v-1)%26)), (v-1)/26+1)
		if f == "upperLetter" {
			s = strings.ToUpper(s)
		}
		return s
	case "lowerRoman", "upperRoman":
		s := roman(v)
		if f == "upperRoman" {
			s = strings.ToUpper(s)
		}
		return s
	}
	return strconv.Itoa(v)
}

func roman(v int) string {
	if v <= 0 || v >= 4000 {
		return strconv.Itoa(v)
	}
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v", "iv", "i"}
	var b strings.Builder
	for i, x := range vals {
		for v >= x {
			b.WriteString(syms[i])
			v -= x
		}
	}
	return b.String()
}
