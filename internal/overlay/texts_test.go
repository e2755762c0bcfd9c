package overlay

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// reference is the copy of the ICO template kept with the tests.
const reference = "../../testdata/uk/uk-addendum-b1.0.md"

// TestReferenceCopyCurrent fails when the test copy of the UK Addendum
// differs from ../shared/reference/uk (where that exists).
func TestReferenceCopyCurrent(t *testing.T) {
	shared := filepath.Join("..", "..", "..", "shared", "reference", "uk", "uk-addendum-b1.0.md")
	want, err := os.ReadFile(shared)
	if err != nil {
		t.Skipf("%s not present; the test copy is used as it is", shared)
	}
	got, err := os.ReadFile(reference)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from %s: copy the reference again", reference, shared)
	}
}

var (
	commentRE = regexp.MustCompile(`(?s)<!--.*?-->`)
	spaceRE   = regexp.MustCompile(`\s+`)
)

// normalise makes quotes and white space uniform, as the reference's
// comparison rules do.
func normalise(s string) string {
	s = strings.NewReplacer("’", "'", "‘", "'", "“", `"`, "”", `"`).Replace(s)
	return strings.TrimSpace(spaceRE.ReplaceAllString(s, " "))
}

// referenceUnits splits the template text of the reference copy into its
// smallest units: each heading, paragraph, table cell and line of a cell.
func referenceUnits(t *testing.T) map[string]bool {
	t.Helper()
	b, err := os.ReadFile(reference)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	begin, end := strings.Index(s, "===== BEGIN TEMPLATE TEXT"), strings.Index(s, "===== END TEMPLATE TEXT")
	if begin < 0 || end < begin {
		t.Fatal("reference copy lacks its template markers")
	}
	s = commentRE.ReplaceAllString(s[begin:end], "")
	units := map[string]bool{}
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(strings.TrimLeft(line, "#"))
		if strings.HasPrefix(line, "|") {
			for _, cell := range strings.Split(strings.Trim(line, "|"), "|") {
				for _, part := range strings.Split(cell, "<br>") {
					units[normalise(part)] = true
				}
			}
			continue
		}
		units[normalise(line)] = true
	}
	return units
}

// TestFixedTextsMatchReference compares every fixed text the agreement
// prints with the reference copy of the ICO template, word for word after
// normalisation: the title block, every label of Tables 1 to 4 and the
// Alternative Part 2 row.
func TestFixedTextsMatchReference(t *testing.T) {
	tx, err := FixedTexts()
	if err != nil {
		t.Fatal(err)
	}
	units := referenceUnits(t)
	n := 0
	var walk func(v reflect.Value, path string)
	walk = func(v reflect.Value, path string) {
		switch v.Kind() {
		case reflect.Struct:
			for i := 0; i < v.NumField(); i++ {
				walk(v.Field(i), path+"."+v.Type().Field(i).Name)
			}
		case reflect.String:
			n++
			if v.String() == "" {
				t.Errorf("%s is empty", path)
			} else if !units[normalise(v.String())] {
				t.Errorf("%s = %q is not in the reference copy", path, v.String())
			}
		}
	}
	walk(reflect.ValueOf(*tx), "Texts")
	if n < 48 {
		t.Errorf("only %d fixed texts compared", n)
	}
	// The row that incorporates Part 2 by reference, in full.
	if want := "Part 2: Mandatory Clauses of the Approved Addendum, being the template Addendum B.1.0 issued by the ICO and laid before Parliament in accordance with s119A of the Data Protection Act 2018 on 2 February 2022, as it is revised under Section 18 of those Mandatory Clauses."; tx.AlternativePart2 != want {
		t.Errorf("Alternative Part 2 = %q", tx.AlternativePart2)
	}
}

// TestReferenceUnitsDiscriminate guards the comparison itself: a text that
// differs by one letter or one word is not found.
func TestReferenceUnitsDiscriminate(t *testing.T) {
	units := referenceUnits(t)
	for _, s := range []string{"Full legal names:", "Trading name:", "Part 2: Mandatory Clause", "VERSION B1.0, in force 21 March 2021"} {
		if units[normalise(s)] {
			t.Errorf("%q should not match the reference", s)
		}
	}
	if !units[normalise("Parties' details")] {
		t.Error("quotes are not normalised")
	}
}
