package sanctions

import (
	"io"
	"sync"
)

// batch is a run of lines read, handed to a worker.
type batch struct {
	seq   int
	first int    // number of the first line
	data  []byte // the lines, end to end
	ends  []int  // where each line ends in data
	err   error  // a read error after these lines
}

// result is what a worker made of a batch.
type result struct {
	seq      int
	entities int
	found    []found
	err      error
}

// Batches hold about this many bytes: large enough to keep workers busy,
// small enough that the few in flight bound the memory.
const batchBytes = 1 << 20

// scan reads r line by line, has workers handle the lines in parallel,
// and calls collect with each batch's outcome in the order of the file,
// so that the report does not depend on scheduling. It returns the first
// error in file order (a malformed line, a line past maxLine), and stops
// reading once one is found.
func scan(r io.Reader, maxLine, workers int,
	handle func(n int, line []byte) (int, []found, error),
	collect func(entities int, fs []found)) error {
	jobs := make(chan *batch, workers)
	results := make(chan result, workers)
	stop := make(chan struct{})

	go func() {
		defer close(jobs)
		b := &batch{first: 1}
		send := func() bool {
			select {
			case jobs <- b:
				b = &batch{seq: b.seq + 1, first: b.first + len(b.ends), data: make([]byte, 0, batchBytes)}
				return true
			case <-stop:
				return false
			}
		}
		n := 0
		err := eachLine(r, maxLine, func(line int, data []byte) error {
			for n+1 < line { // blank lines eachLine skipped
				b.ends = append(b.ends, len(b.data))
				n++
			}
			b.data = append(b.data, data...)
			b.ends = append(b.ends, len(b.data))
			n = line
			if len(b.data) >= batchBytes {
				if !send() {
					return io.EOF
				}
			}
			return nil
		})
		if err != io.EOF {
			b.err = err
			send()
		}
	}()

	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := range jobs {
				res := result{seq: b.seq}
				start := 0
				for i, end := range b.ends {
					k, fs, err := handle(b.first+i, b.data[start:end])
					start = end
					if err != nil {
						res.err = err
						break
					}
					res.entities += k
					res.found = append(res.found, fs...)
				}
				if res.err == nil {
					res.err = b.err
				}
				results <- res
			}
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()

	pending := map[int]result{}
	next := 0
	var firstErr error
	for res := range results {
		pending[res.seq] = res
		for {
			r, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			if firstErr != nil {
				continue
			}
			if r.err != nil {
				firstErr = r.err
				close(stop)
				continue
			}
			collect(r.entities, r.found)
		}
	}
	return firstErr
}
