"""Adds the arrows U+2190-U+2195 of Noto Sans Symbols (same licence, same
units per em) to the Noto Serif subsets, which have none. Run by subset.sh."""
import sys
from fontTools.ttLib import TTFont

src_dir, out = sys.argv[1], sys.argv[2]
for style, sym in (('Regular', 'Regular'), ('Italic', 'Regular'), ('Bold', 'Bold'), ('BoldItalic', 'Bold')):
    path = '%s/NotoSerif-%s.ttf' % (out, style)
    dst = TTFont(path)
    src = TTFont('%s/NotoSansSymbols-%s.ttf' % (src_dir, sym))
    assert dst['head'].unitsPerEm == src['head'].unitsPerEm
    order = dst.getGlyphOrder()
    scmap = src.getBestCmap()
    for cp in range(0x2190, 0x2196):
        name = 'uni%04X' % cp
        g = src['glyf'][scmap[cp]]
        assert not g.isComposite()
        order.append(name)
        dst['glyf'].glyphs[name] = g
        dst['hmtx'].metrics[name] = src['hmtx'].metrics[scmap[cp]]
        for t in dst['cmap'].tables:
            if t.isUnicode():
                t.cmap[cp] = name
    dst.setGlyphOrder(order)
    dst['glyf'].glyphOrder = order
    dst['maxp'].numGlyphs = len(order)
    dst.save(path)
