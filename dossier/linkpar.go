package dossier

import (
	"runtime"
	"sync"
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
	m         match
	found     bool
	ambiguous bool // found more than once
}

// lookupQuotes looks every quote long enough to be looked for up in its
// source's index, in parallel.
func lookupQuotes(c *Case, byID map[string]*Source) map[*Evidence]lookup {
	type job struct {
		e *Evidence
		s *Source
		q string
	}
	var jobs []job
	c.EachEvidence(func(e *Evidence, _ string) {
		s := byID[e.SourceID]
		if s == nil || s.index == nil || e.Quote == "" {
			return
		}
		if q := normalize(e.Quote); len([]rune(q)) >= MinQuoteLength {
			jobs = append(jobs, job{e, s, q})
		}
	})
	results := make([]lookup, len(jobs))
	eachParallel(len(jobs), func(i int) {
		j := jobs[i]
		m, ok := j.s.index.find(j.e.Quote)
		results[i] = lookup{m: m, found: ok}
		if ok {
			results[i].ambiguous = occursAgain(j.s.index, j.q, m)
		}
	})
	out := make(map[*Evidence]lookup, len(jobs))
	for i, j := range jobs {
		out[j.e] = results[i]
	}
	return out
}
