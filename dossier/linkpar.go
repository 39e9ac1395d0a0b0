package dossier

import (
	"runtime"
	"sync"
	"unicode/utf8"
)

// The linker's work is independent per source and per quote: indexing a
// source's text, and looking a quote up in it. Both are spread over the
// available cores; diagnostics are still made in file order, afterwards.

// eachParallel calls fn(i) for every i in [0, n) on GOMAXPROCS workers.
func eachParallel(n int, fn func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := range n {
			fn(i)
		}
		return
	}
	var wg sync.WaitGroup
	next := make(chan int, workers)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				fn(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

// indexSources builds the text index of every source whose text was read.
func indexSources(sources []*Source) {
	eachParallel(len(sources), func(i int) {
		if s := sources[i]; s.Text != nil {
			s.index = newTextIndex(s.Text)
		}
	})
}

// lookup is the result of looking one quote up in its source.
type lookup struct {
	q         string // the quote normalised
	m         match
	found     bool
	ambiguous bool // found more than once
}

// lookupQuotes normalises every quote whose source has a text, and looks
// those long enough to be looked for up in their source's index: all the
// quotes of a source in one pass over its text, sources in parallel.
func lookupQuotes(c *Case, byID map[string]*Source) map[*Evidence]lookup {
	type group struct {
		s      *Source
		ev     []*Evidence
		quotes []string
		first  []int
		again  []bool
	}
	groups := map[*Source]*group{}
	var order []*group
	out := map[*Evidence]lookup{}
	c.EachEvidence(func(e *Evidence, _ string) {
		s := byID[e.SourceID]
		if s == nil || s.index == nil || e.Quote == "" {
			return
		}
		q := normalize(e.Quote)
		out[e] = lookup{q: q}
		if utf8.RuneCountInString(q) < MinQuoteLength {
			return
		}
		g := groups[s]
		if g == nil {
			g = &group{s: s}
			groups[s] = g
			order = append(order, g)
		}
		g.ev = append(g.ev, e)
		g.quotes = append(g.quotes, q)
	})
	eachParallel(len(order), func(i int) {
		g := order[i]
		g.first, g.again, _ = g.s.index.occurrences(g.quotes)
	})
	for _, g := range order {
		for k, e := range g.ev {
			l := out[e]
			if at := g.first[k]; at >= 0 {
				l.m, l.found, l.ambiguous = g.s.index.matchAt(at, len(l.q)), true, g.again[k]
			}
			out[e] = l
		}
	}
	return out
}
