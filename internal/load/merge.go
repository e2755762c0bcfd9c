package load

// merge returns over merged onto base as SPEC §2 says: mappings merge key by
// key and over wins; sequences whose items are all mappings with an "id" merge
// item by item on id (base items first, in order, an overridden item keeping
// its place, then new items); any other value of over replaces base. An empty
// sequence in over replaces base, so that a client can say "none".
func merge(base, over *Node) *Node {
	if base == nil {
		return over
	}
	if over == nil {
		return base
	}
	switch {
	case base.Kind == Map && over.Kind == Map:
		out := &Node{Kind: Map, Pos: over.Pos}
		for _, f := range base.Fields {
			if of := over.field(f.Key); of != nil {
				out.Fields = append(out.Fields, Field{Key: f.Key, KeyPos: of.KeyPos, Value: merge(f.Value, of.Value)})
				continue
			}
			out.Fields = append(out.Fields, f)
		}
		for _, f := range over.Fields {
			if base.field(f.Key) == nil {
				out.Fields = append(out.Fields, f)
			}
		}
		return out
	case base.Kind == Seq && over.Kind == Seq && len(over.Items) > 0 && idList(base) && idList(over):
		out := &Node{Kind: Seq, Pos: over.Pos}
		used := make([]bool, len(over.Items))
		for _, b := range base.Items {
			id := b.Get("id").Value
			item := b
			for i, o := range over.Items {
				if !used[i] && o.Get("id").Value == id {
					item = merge(b, o)
					used[i] = true
					break
				}
			}
			out.Items = append(out.Items, item)
		}
		for i, o := range over.Items {
			if !used[i] {
				out.Items = append(out.Items, o)
			}
		}
		return out
	}
	return over
}

// idList reports whether every item of a sequence is a mapping with a scalar id.
func idList(n *Node) bool {
	for _, it := range n.Items {
		if it.Kind != Map || it.Get("id") == nil || it.Get("id").Kind != Scalar {
			return false
		}
	}
	return true
}
