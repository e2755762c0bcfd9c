package load

import (
	"strconv"
	"strings"
)

// typedPaths names the values that are numbers or booleans in the format;
// "*" stands for a list index. Every other scalar is text and keeps its
// source text, so "0123", "1.10" and 2026-05-01 stay exactly as written.
var typedPaths = map[string]string{
	"/version":                            "number",
	"/transfers/*/module":                 "number",
	"/dpa/subprocessors/notice_days":      "number",
	"/dpa/breach_notice_hours":            "number",
	"/dpa/deletion_days":                  "number",
	"/dpa/audit/notice_days":              "number",
	"/scc/force":                          "bool",
	"/scc/docking_clause":                 "bool",
	"/scc/redress_body":                   "bool",
	"/scc/governing_law/exporter_country": "bool",
	"/parties/*/dpf_certified":            "bool",
	"/parties/*/gdpr_art3_2":              "bool",

	// A period is a number of days or {calendar: N} or {working: N}.
	"/dpa/subprocessors/notice_days/calendar":              "number",
	"/dpa/subprocessors/notice_days/working":               "number",
	"/dpa/subprocessors/controller_decision_days":          "number",
	"/dpa/subprocessors/controller_decision_days/calendar": "number",
	"/dpa/subprocessors/controller_decision_days/working":  "number",
	"/dpa/deletion_days/calendar":                          "number",
	"/dpa/deletion_days/working":                           "number",
	"/dpa/audit/notice_days/calendar":                      "number",
	"/dpa/audit/notice_days/working":                       "number",
	"/dpa/principal_liability_cap":                         "bool",
	"/dpa/audit/reports_first":                             "bool",
	"/dpa/audit/remote":                                    "bool",
	"/dpa/subprocessors/deemed_acceptance":                 "bool",
	"/subprocessors/*/dpf_certified":                       "bool",

	// The UK Addendum and the Swiss supplement.
	"/parties/*/uk_gdpr":            "bool",
	"/parties/*/swiss_fadp":         "bool",
	"/uk_addendum/include":          "bool",
	"/uk_addendum/module4_combined": "bool",
	"/swiss_supplement/include":     "bool",
}

// escapeToken escapes a key for use in a JSON pointer (RFC 6901).
func escapeToken(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// toJSON converts n (at JSON pointer ptr, with pattern pat) to JSON values
// and records positions in the indexes.
func (d *Doc) toJSON(n *Node, ptr string) any {
	return d.walk(n, ptr, "")
}

// count returns the number of nodes under n (n included) and of the
// fields of its mappings: the entries toJSON makes in Index and KeyIndex.
func (n *Node) count() (nodes, keys int) {
	nodes = 1
	for _, f := range n.Fields {
		c, k := f.Value.count()
		nodes, keys = nodes+c, keys+k+1
	}
	for _, it := range n.Items {
		c, k := it.count()
		nodes, keys = nodes+c, keys+k
	}
	return nodes, keys
}

func (d *Doc) walk(n *Node, ptr, pat string) any {
	d.Index[ptr] = n.Pos
	switch n.Kind {
	case Map:
		m := make(map[string]any, len(n.Fields))
		for _, f := range n.Fields {
			p := ptr + "/" + escapeToken(f.Key)
			d.KeyIndex[p] = f.KeyPos
			m[f.Key] = d.walk(f.Value, p, pat+"/"+escapeToken(f.Key))
		}
		return m
	case Seq:
		s := make([]any, len(n.Items))
		for i, it := range n.Items {
			s[i] = d.walk(it, ptr+"/"+strconv.Itoa(i), pat+"/*")
		}
		return s
	case Scalar:
		return scalar(n, typedPaths[pat])
	}
	return nil
}

// scalar converts a scalar to the JSON value the format expects at its place.
func scalar(n *Node, want string) any {
	switch want {
	case "number":
		if n.Tag == "!!int" || n.Tag == "!!float" {
			if f, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64); err == nil {
				return f
			}
			if i, err := strconv.ParseInt(n.Value, 0, 64); err == nil {
				return float64(i)
			}
		}
	case "bool":
		if n.Tag == "!!bool" {
			switch strings.ToLower(n.Value) {
			case "true":
				return true
			case "false":
				return false
			}
		}
	}
	return n.Value
}
