// Package overlay adds to the EU Standard Contractual Clauses what UK and
// Swiss transfers need. For a UK restricted transfer it fills in the UK
// Information Commissioner's International Data Transfer Addendum (B1.0):
// Part 1 (Tables 1 to 4) from the description, Part 2 incorporated by
// reference with the Addendum's own "Alternative Part 2" wording. For a
// transfer subject to the Swiss Federal Act on Data Protection (FADP) it
// writes a supplement that adapts the Clauses on the points the Swiss
// Federal Data Protection and Information Commissioner (FDPIC) asked for.
// It decides where each applies, and why, and writes both as Markdown.
package overlay

import (
	"bytes"
	"fmt"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/dpa-tool/dpa/clauses"
)

// Texts are the fixed texts of the UK Addendum (B1.0) that the agreement
// prints, word for word as in the ICO's template.
type Texts struct {
	Header    string `yaml:"header"`
	Title     string `yaml:"title"`
	Version   string `yaml:"version"`
	Statement string `yaml:"statement"`
	Part1     string `yaml:"part1"`
	Table1    struct {
		Title          string `yaml:"title"`
		StartDate      string `yaml:"start_date"`
		Parties        string `yaml:"parties"`
		Exporter       string `yaml:"exporter"`
		Importer       string `yaml:"importer"`
		Details        string `yaml:"details"`
		FullLegalName  string `yaml:"full_legal_name"`
		TradingName    string `yaml:"trading_name"`
		MainAddress    string `yaml:"main_address"`
		Registration   string `yaml:"registration"`
		KeyContact     string `yaml:"key_contact"`
		FullName       string `yaml:"full_name"`
		JobTitle       string `yaml:"job_title"`
		ContactDetails string `yaml:"contact_details"`
		Signature      string `yaml:"signature"`
	} `yaml:"table1"`
	Table2 struct {
		Title           string `yaml:"title"`
		AddendumEUSCCs  string `yaml:"addendum_eu_sccs"`
		Appended        string `yaml:"appended"`
		Date            string `yaml:"date"`
		Reference       string `yaml:"reference"`
		OtherIdentifier string `yaml:"other_identifier"`
		Module          string `yaml:"module"`
		InOperation     string `yaml:"in_operation"`
		Clause7         string `yaml:"clause7"`
		Clause11        string `yaml:"clause11"`
		Clause9Option   string `yaml:"clause9_option"`
		Clause9Period   string `yaml:"clause9_period"`
		Combined        string `yaml:"combined"`
	} `yaml:"table2"`
	Table3 struct {
		Title   string `yaml:"title"`
		Intro   string `yaml:"intro"`
		Annex1A string `yaml:"annex_1a"`
		Annex1B string `yaml:"annex_1b"`
		Annex2  string `yaml:"annex_2"`
		Annex3  string `yaml:"annex_3"`
	} `yaml:"table3"`
	Table4 struct {
		Title    string `yaml:"title"`
		Row      string `yaml:"row"`
		Which    string `yaml:"which"`
		Importer string `yaml:"importer"`
		Exporter string `yaml:"exporter"`
		Neither  string `yaml:"neither"`
	} `yaml:"table4"`
	Part2            string `yaml:"part2"`
	MandatoryClauses string `yaml:"mandatory_clauses"`
	AlternativePart2 string `yaml:"alternative_part2"`
}

var texts struct {
	once sync.Once
	t    *Texts
	err  error
}

// FixedTexts returns the fixed texts of the UK Addendum, parsed once from
// the embedded data file.
func FixedTexts() (*Texts, error) {
	texts.once.Do(func() {
		b, err := clauses.FS.ReadFile(clauses.UKAddendumPath)
		if err != nil {
			texts.err = fmt.Errorf("uk addendum texts: %w", err)
			return
		}
		var t Texts
		dec := yaml.NewDecoder(bytes.NewReader(b))
		dec.KnownFields(true)
		if err := dec.Decode(&t); err != nil {
			texts.err = fmt.Errorf("uk addendum texts: %w", err)
			return
		}
		texts.t = &t
	})
	return texts.t, texts.err
}
