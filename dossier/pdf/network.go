package pdf

import (
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/dossier-project/dossier/dossier/model"
	"github.com/go-pdf/fpdf"
)

// The network figure: the people, companies and assets around an
// official, drawn by the program as boxes on an ellipse, and the ties
// between them as arrows, each labelled with what it is and the citation
// numbers of its evidence, which link to the annex like any other.

// node is one box of the figure.
type node struct {
	ref   model.Ref
	shape string // "person", "company", "asset" or "body"
	lines []string
	x, y  float64 // centre
	w, h  float64
}

// edge is one arrow: every tie from one node to another, with its labels.
type edge struct {
	from, to string
	labels   []string
	cites    []int
}

const (
	figureH     = 118.0 // height of the drawing area, mm
	nodeMaxW    = 36.0
	nodeLineH   = 3.6
	nodeSize    = 7.0 // pt
	edgeSize    = 6.5 // pt
	arrowLength = 2.2
)

// figureNodes returns the boxes and arrows of an official's network, or
// nil when there is no tie to draw.
func (dc *doc) figureNodes(o *model.Official, in map[string]bool) ([]*node, []*edge) {
	d := dc.d
	nodes := map[string]*node{}
	add := func(r model.Ref) {
		if _, ok := nodes[r.ID]; ok || r.ID == "" {
			return
		}
		shape := "company"
		switch r.Kind {
		case "asset":
			shape = "asset"
		case "official", "victim":
			shape = "person"
			if r.Kind == "official" {
				for _, x := range d.Officials {
					if x.ID == r.ID && x.Kind.Value == "organisation" {
						shape = "company"
					}
				}
			} else if v := d.Victim(r.ID); v != nil && v.Kind.Value != "person" {
				shape = "body"
			}
		}
		nodes[r.ID] = &node{ref: r, shape: shape}
	}
	edges := map[[2]string]*edge{}
	var order [][2]string
	tie := func(from, to model.Ref, label string, evidence []int) {
		add(from)
		add(to)
		k := [2]string{from.ID, to.ID}
		e, ok := edges[k]
		if !ok {
			e = &edge{from: from.ID, to: to.ID}
			edges[k] = e
			order = append(order, k)
		}
		e.labels = append(e.labels, label)
		e.cites = append(e.cites, evidence...)
	}
	add(model.Ref{ID: o.ID, Name: o.Name, Kind: "official"})
	for _, r := range d.Relationships {
		if r.Subject.ID == o.ID || r.Object.ID == o.ID || (in[r.Subject.ID] && in[r.Object.ID]) {
			label := r.Type.Label
			if r.Share != "" {
				label += " " + r.Share + "%"
			}
			tie(r.Subject, r.Object, label, r.Evidence)
		}
	}
	for _, a := range d.Assets {
		if !in[a.ID] {
			continue
		}
		for _, h := range a.Holders {
			tie(h, model.Ref{ID: a.ID, Name: a.Name, Kind: "asset"}, dc.t.l("figure_holds"), a.Evidence)
		}
	}
	for _, f := range d.Flows {
		if in[f.From.ID] || in[f.To.ID] {
			tie(f.From, f.To, f.Amount.Text()+" ("+strings.ToLower(f.Amount.Kind.Label)+")", f.Evidence)
		}
	}
	if len(order) == 0 {
		return nil, nil
	}
	// People first (the official leading), then each company or body
	// followed by the assets it holds, then the other assets: what is
	// tied sits together on the ellipse, and fewer arrows cross.
	rank := map[string]int{"person": 0, "company": 1, "body": 1, "asset": 2}
	var list []*node
	for _, n := range nodes {
		list = append(list, n)
	}
	sort.Slice(list, func(i, j int) bool {
		a, b := list[i], list[j]
		if (a.ref.ID == o.ID) != (b.ref.ID == o.ID) {
			return a.ref.ID == o.ID
		}
		if rank[a.shape] != rank[b.shape] {
			return rank[a.shape] < rank[b.shape]
		}
		return a.ref.ID < b.ref.ID
	})
	holder := map[string]string{} // asset id → first holder drawn
	for _, a := range d.Assets {
		if len(a.Holders) > 0 && nodes[a.Holders[0].ID] != nil {
			holder[a.ID] = a.Holders[0].ID
		}
	}
	var ordered []*node
	placed := map[string]bool{}
	for _, n := range list {
		if n.shape == "asset" {
			continue
		}
		ordered = append(ordered, n)
		for _, m := range list {
			if m.shape == "asset" && holder[m.ref.ID] == n.ref.ID {
				ordered = append(ordered, m)
				placed[m.ref.ID] = true
			}
		}
	}
	for _, m := range list {
		if m.shape == "asset" && !placed[m.ref.ID] {
			ordered = append(ordered, m)
		}
	}
	list = ordered
	var out []*edge
	for _, k := range order {
		out = append(out, edges[k])
	}
	return list, out
}

// networkFigure draws the figure of an official's network below the
// cursor, on a new page when it does not fit, with its caption.
func (dc *doc) networkFigure(o *model.Official, in map[string]bool) {
	nodes, edges := dc.figureNodes(o, in)
	if len(nodes) < 2 {
		return
	}
	f := dc.f
	dc.ensure(figureH + 16)
	top := f.GetY() + 2
	left, w := marginLeft, dc.contentW()
	// Box sizes, from the names wrapped to at most two lines.
	dc.font(sans, "", nodeSize)
	for _, n := range nodes {
		n.lines = wrapName(f.GetStringWidth, oneLine(n.ref.Name), nodeMaxW-3)
		n.w = 4
		for _, l := range n.lines {
			n.w = math.Max(n.w, f.GetStringWidth(l)+4)
		}
		n.h = float64(len(n.lines))*nodeLineH + 2.4
	}
	// Places on an ellipse, the first at the top.
	cx, cy := left+w/2, top+figureH/2
	rx, ry := w/2-nodeMaxW/2-1, figureH/2-6
	for i, n := range nodes {
		a := -math.Pi/2 + 2*math.Pi*float64(i)/float64(len(nodes))
		n.x, n.y = cx+rx*math.Cos(a), cy+ry*math.Sin(a)
	}
	byID := map[string]*node{}
	for _, n := range nodes {
		byID[n.ref.ID] = n
	}
	// Frame.
	f.SetDrawColor(rule.r, rule.g, rule.b)
	f.SetLineWidth(0.2)
	f.Rect(left, top-1, w, figureH+2, "D")
	// Arrows first, then boxes over their ends, then labels over both.
	f.SetDrawColor(grey.r, grey.g, grey.b)
	f.SetLineWidth(0.3)
	type segment struct {
		x1, y1, x2, y2 float64
		e              *edge
	}
	var segments []segment
	for _, e := range edges {
		a, b := byID[e.from], byID[e.to]
		x1, y1 := clip(a, b.x, b.y)
		x2, y2 := clip(b, a.x, a.y)
		// A tie back the other way is drawn beside this one.
		off := 0.0
		for _, o := range edges {
			if o.from == e.to && o.to == e.from {
				off = 1.6
			}
		}
		dx, dy := x2-x1, y2-y1
		l := math.Hypot(dx, dy)
		if l < 1 {
			continue
		}
		nx, ny := -dy/l*off, dx/l*off
		x1, y1, x2, y2 = x1+nx, y1+ny, x2+nx, y2+ny
		f.Line(x1, y1, x2, y2)
		ux, uy := dx/l, dy/l
		f.SetFillColor(grey.r, grey.g, grey.b)
		f.Polygon([]fpdf.PointType{
			{X: x2, Y: y2},
			{X: x2 - ux*arrowLength - uy*arrowLength*0.45, Y: y2 - uy*arrowLength + ux*arrowLength*0.45},
			{X: x2 - ux*arrowLength + uy*arrowLength*0.45, Y: y2 - uy*arrowLength - ux*arrowLength*0.45},
		}, "F")
		segments = append(segments, segment{x1, y1, x2, y2, e})
	}
	for _, n := range nodes {
		dc.drawNode(n)
	}
	// Each label goes at the first place along its arrow where it covers
	// no box and no label already placed; failing that, where it covers
	// the least.
	var taken []box
	for _, n := range nodes {
		taken = append(taken, box{n.x - n.w/2, n.y - n.h/2, n.w, n.h})
	}
	for _, sg := range segments {
		lb := dc.edgeLabel(sg.e)
		best, bestCover := 0.5, math.Inf(1)
		for _, at := range []float64{0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78} {
			x, y := sg.x1+(sg.x2-sg.x1)*at, sg.y1+(sg.y2-sg.y1)*at
			b := box{x - lb.w/2, y - lb.h/2, lb.w, lb.h}
			cover := 0.0
			for _, t := range taken {
				cover += b.overlap(t)
			}
			if cover < bestCover {
				best, bestCover = at, cover
			}
			if cover == 0 {
				break
			}
		}
		x, y := sg.x1+(sg.x2-sg.x1)*best, sg.y1+(sg.y2-sg.y1)*best
		taken = append(taken, box{x - lb.w/2, y - lb.h/2, lb.w, lb.h})
		dc.drawEdgeLabel(x, y, lb)
	}
	f.SetDrawColor(rule.r, rule.g, rule.b)
	f.SetFillColor(255, 255, 255)
	dc.color(ink)
	f.SetXY(marginLeft, top+figureH+2)
	dc.font(sans, "", tinySize)
	dc.color(grey)
	f.MultiCell(0, 3.8, clean(dc.t.x("figure_caption", "name", dc.nameInText(o))), "", "L", false)
	dc.color(ink)
	f.Ln(2)
}

// drawNode draws one box: a rounded box for a person, a square one for a
// company or organisation, a double-bordered one for a body harmed, a
// grey one for an asset.
func (dc *doc) drawNode(n *node) {
	f := dc.f
	x, y := n.x-n.w/2, n.y-n.h/2
	f.SetLineWidth(0.3)
	f.SetDrawColor(ink.r, ink.g, ink.b)
	switch n.shape {
	case "person":
		f.SetFillColor(0xe8, 0xef, 0xf8)
		f.RoundedRect(x, y, n.w, n.h, 1.8, "1234", "FD")
	case "asset":
		f.SetFillColor(0xee, 0xee, 0xee)
		f.Rect(x, y, n.w, n.h, "FD")
	case "body":
		f.SetFillColor(0xff, 0xff, 0xff)
		f.Rect(x, y, n.w, n.h, "FD")
		f.Rect(x+0.7, y+0.7, n.w-1.4, n.h-1.4, "D")
	default:
		f.SetFillColor(0xfb, 0xf3, 0xe4)
		f.Rect(x, y, n.w, n.h, "FD")
	}
	dc.font(sans, "B", nodeSize)
	dc.color(ink)
	for i, l := range n.lines {
		f.SetXY(x, y+1.2+float64(i)*nodeLineH)
		f.CellFormat(n.w, nodeLineH, l, "", 0, "C", false, 0, "")
	}
}

// label is an arrow's text, measured: its lines, and its citation marks
// with their links.
type label struct {
	lines []string
	marks []string
	links []int
	w, h  float64
}

const labelLine = 2.9

// edgeLabel measures an arrow's labels and citations.
func (dc *doc) edgeLabel(e *edge) label {
	f := dc.f
	dc.font(sans, "", edgeSize)
	var lb label
	seen := map[int]bool{}
	for _, n := range e.cites {
		c := dc.cite(n)
		if c == nil || seen[c.local] {
			continue
		}
		seen[c.local] = true
		lb.marks = append(lb.marks, "["+strconv.Itoa(c.local)+"]")
		lb.links = append(lb.links, c.link)
	}
	lb.lines = wrapName(f.GetStringWidth, oneLine(strings.Join(uniq(e.labels), "; ")), 34)
	lb.w = f.GetStringWidth(strings.Join(lb.marks, " "))
	for _, l := range lb.lines {
		lb.w = math.Max(lb.w, f.GetStringWidth(l))
	}
	lb.w += 2
	lb.h = float64(len(lb.lines)+1) * labelLine
	return lb
}

// drawEdgeLabel writes a label centred at (x, y) on a white ground, the
// citations as links to the annex.
func (dc *doc) drawEdgeLabel(x, y float64, lb label) {
	f := dc.f
	dc.font(sans, "", edgeSize)
	x0, y0 := x-lb.w/2, y-lb.h/2
	f.SetFillColor(255, 255, 255)
	f.Rect(x0, y0, lb.w, lb.h, "F")
	dc.color(ink)
	for i, l := range lb.lines {
		f.SetXY(x0, y0+float64(i)*labelLine)
		f.CellFormat(lb.w, labelLine, l, "", 0, "C", false, 0, "")
	}
	dc.color(linkBlue)
	marks := strings.Join(lb.marks, " ")
	mx := x - f.GetStringWidth(marks)/2
	for i, m := range lb.marks {
		mw := f.GetStringWidth(m)
		f.SetXY(mx, y0+float64(len(lb.lines))*labelLine)
		f.CellFormat(mw, labelLine, m, "", 0, "L", false, lb.links[i], "")
		mx += mw + f.GetStringWidth(" ")
	}
	dc.color(ink)
}

// box is a rectangle of the figure.
type box struct{ x, y, w, h float64 }

// overlap is the area two boxes share.
func (a box) overlap(b box) float64 {
	w := math.Min(a.x+a.w, b.x+b.w) - math.Max(a.x, b.x)
	h := math.Min(a.y+a.h, b.y+b.h) - math.Max(a.y, b.y)
	if w <= 0 || h <= 0 {
		return 0
	}
	return w * h
}

// clip returns where the line from n's centre towards (tx, ty) leaves
// n's box.
func clip(n *node, tx, ty float64) (float64, float64) {
	dx, dy := tx-n.x, ty-n.y
	if dx == 0 && dy == 0 {
		return n.x, n.y
	}
	s := math.Inf(1)
	if dx != 0 {
		s = math.Min(s, (n.w/2+0.4)/math.Abs(dx))
	}
	if dy != 0 {
		s = math.Min(s, (n.h/2+0.4)/math.Abs(dy))
	}
	return n.x + dx*s, n.y + dy*s
}

// wrapName breaks s into lines of at most w millimetres, at spaces, two
// lines at most (the second shortened with an ellipsis).
func wrapName(width func(string) float64, s string, w float64) []string {
	words := strings.Fields(s)
	var lines []string
	cur := ""
	for _, word := range words {
		try := strings.TrimSpace(cur + " " + word)
		if cur != "" && width(try) > w {
			lines = append(lines, cur)
			cur = word
		} else {
			cur = try
		}
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	if len(lines) > 2 {
		rest := strings.Join(lines[1:], " ")
		r := []rune(rest)
		for len(r) > 1 && width(string(r)+"…") > w {
			r = r[:len(r)-1]
		}
		lines = []string{lines[0], string(r) + "…"}
	}
	return lines
}

func uniq(list []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range list {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
