package sanctions

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

var officials = []Official{
	{Case: "t", ID: "k-kasymov", Name: "Kairat Kasymov", Aliases: []string{"Қайрат Қасымов"}, BirthDate: "1965-03-02",
		Countries: []string{"kz"}, Positions: []string{"Minister of Internal Affairs"}},
	{Case: "t", ID: "n-abenov", Name: "Nurlan Abenov", BirthDate: "1970", Countries: []string{"kz"}},
	{Case: "t", ID: "almaty-police", Name: "Almaty City Police Department", Organisation: true},
	{Case: "t", ID: "g-serikova", Name: "Gulnara Serikova"},
}

var stopwords = []string{"of", "the", "in", "and"}

// fixture is the key entities of testdata/key.ftm.json spread through
// 300 filler entities: a few hundred entities in all.
func fixture(t testing.TB) []byte {
	t.Helper()
	key, err := os.ReadFile(filepath.Join("testdata", "key.ftm.json"))
	if err != nil {
		t.Fatal(err)
	}
	var filler bytes.Buffer
	if err := generate(&filler, 300, 7); err != nil {
		t.Fatal(err)
	}
	keys := strings.SplitAfter(string(key), "\n")
	fills := strings.SplitAfter(filler.String(), "\n")
	var out strings.Builder
	for i, f := range fills {
		out.WriteString(f)
		if i%20 == 0 && len(keys) > 0 {
			out.WriteString(keys[0])
			keys = keys[1:]
		}
	}
	for _, k := range keys {
		out.WriteString(k)
	}
	return []byte(out.String())
}

func check(t *testing.T, data []byte, o Options) *Report {
	t.Helper()
	if o.Stopwords == nil {
		o.Stopwords = stopwords
	}
	rep, err := Check(bytes.NewReader(data), officials, o)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func ids(ms []Match) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.EntityID
	}
	return out
}

func TestFixture(t *testing.T) {
	data := fixture(t)
	rep := check(t, data, Options{})
	if rep.Entities < 300 {
		t.Fatalf("%d entities read", rep.Entities)
	}
	byID := map[string]OfficialReport{}
	for _, o := range rep.Officials {
		byID[o.ID] = o
	}
	tests := []struct {
		official string
		want     []string // entity ids, best first
	}{
		// nk-a: every field agrees; nk-b: Cyrillic only, names reversed,
		// birth year agrees; nk-d: Q for K, name alone. Not nk-c (another
		// birth date), nk-e (other names), nk-i (surname alone), nk-k (a
		// company).
		{"k-kasymov", []string{"nk-a", "nk-b", "nk-d"}},
		// nk-h matches by name and birth year, conflicts by nationality;
		// nk-j is Abdenov born another year.
		{"n-abenov", []string{"nk-h"}},
		// a body matches the body, not the person of the same name (nk-g).
		{"almaty-police", []string{"nk-f"}},
		{"g-serikova", []string{}},
	}
	for _, tt := range tests {
		got := byID[tt.official].Matches
		if strings.Join(ids(got), " ") != strings.Join(tt.want, " ") {
			t.Errorf("%s: matches %v, want %v", tt.official, ids(got), tt.want)
			continue
		}
		for i := 1; i < len(got); i++ {
			if got[i].Score >= got[i-1].Score {
				t.Errorf("%s: %s scores %.2f, not below %s's %.2f", tt.official, got[i].EntityID, got[i].Score, got[i-1].EntityID, got[i-1].Score)
			}
		}
	}
	a := byID["k-kasymov"].Matches[0]
	if a.Score != 1 || strings.Join(a.Matched, ",") != "name,birth_date,nationality,position" || len(a.Conflicted) != 0 {
		t.Errorf("nk-a: %+v", a)
	}
	// The Sanction comes before its person in the file, and is found.
	if len(a.Sanctions) != 1 || a.Sanctions[0].Authority != "Office of Foreign Assets Control" || a.Sanctions[0].Program != "Global Magnitsky" || a.Sanctions[0].StartDate != "2021-01-15" {
		t.Errorf("nk-a sanctions: %+v", a.Sanctions)
	}
	b := byID["k-kasymov"].Matches[1]
	if b.Name != "Касымов Кайрат" || len(b.Sanctions) != 1 || b.Sanctions[0].ListingDate != "2022-03-01" {
		t.Errorf("nk-b: %+v", b)
	}
	h := byID["n-abenov"].Matches[0]
	if strings.Join(h.Matched, ",") != "name,birth_date" || strings.Join(h.Conflicted, ",") != "nationality" {
		t.Errorf("nk-h: matched %v, conflicted %v", h.Matched, h.Conflicted)
	}
	// Lowering the threshold shows the near-misses, below the matches,
	// with the field that conflicts.
	low := check(t, data, Options{Threshold: 0.3})
	var c *Match
	for i, m := range low.Officials[0].Matches {
		if m.EntityID == "nk-c" {
			c = &low.Officials[0].Matches[i]
		}
	}
	if c == nil || strings.Join(c.Conflicted, ",") != "birth_date" || c.Score >= b.Score {
		t.Errorf("nk-c at threshold 0.3: %+v", c)
	}
}

func TestOwnExport(t *testing.T) {
	// dossier's own FtM output names the official the same way: an exact
	// match, and nothing else.
	data := []byte(`{"id":"t.official.k-kasymov","schema":"Person","properties":{"name":["Kairat Kasymov"],"alias":["Қайрат Қасымов"],"birthDate":["1965-03-02"],"nationality":["kz"]}}` + "\n")
	rep := check(t, data, Options{})
	if got := ids(rep.Officials[0].Matches); len(got) != 1 || rep.Officials[0].Matches[0].Score != 0.95 {
		t.Errorf("matches %v: %+v", got, rep.Officials[0].Matches)
	}
}

func TestHostileDatasets(t *testing.T) {
	tests := []struct {
		name, data string
		maxLine    int
		want       string
	}{
		{"malformed", `{"id":"a","schema":"Person","properties":{}}` + "\n\n" + `{"id": "b", "schema": "Person", "prop` + "\n", 0, "line 3: not valid JSON"},
		{"not an object", "[1,2]\n", 0, "line 1: the line is a JSON array"},
		{"id a number", `{"id":5,"schema":"Person"}` + "\n", 0, "line 1: id is a JSON number"},
		{"no id", `{"schema":"Person"}` + "\n", 0, `line 1: no "id"`},
		{"no schema", `{"id":"x"}` + "\n", 0, `line 1: entity "x" has no "schema"`},
		{"name a string", `{"id":"x","schema":"Person","properties":{"name":"Kairat Kasymov"}}` + "\n", 0, `line 1: entity "x": property name: a JSON string where FtM has a list of strings`},
		{"name a number", `{"id":"x","schema":"Person","properties":{"name":[5]}}` + "\n", 0, `line 1: entity "x": property name: a JSON number where FtM has a list of strings`},
		{"birth date a number", `{"id":"x","schema":"Person","properties":{"name":["Kairat Kasymov"],"birthDate":[1965]}}` + "\n", 0, `line 1: entity "x": property birthDate: a JSON number where FtM has a list of strings`},
		{"huge line", `{"id":"a","schema":"Person","properties":{}}` + "\n" + `{"id":"` + strings.Repeat("x", 5000) + `"}` + "\n", 1024, "line 2: longer than 1024 bytes"},
		{"sanction entity a map", `{"id":"nk","schema":"Person","properties":{"name":["Kairat Kasymov"]}}` + "\n" + `{"id":"s","schema":"Sanction","properties":{"entity":{"id":"nk"}}}` + "\n", 0, `line 2: entity "s": property entity: a JSON object where FtM has a list of strings`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Check(strings.NewReader(tt.data), officials, Options{MaxLine: tt.maxLine})
			var ie *InputError
			if !errors.As(err, &ie) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want %q", err, tt.want)
			}
		})
	}
}

// endless is a line that never ends, counting what is read of it.
type endless struct{ read int }

func (e *endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	e.read += len(p)
	if e.read > 1<<30 {
		return 0, io.ErrUnexpectedEOF
	}
	return len(p), nil
}

func (e *endless) Seek(int64, int) (int64, error) { return 0, nil }

// TestHugeLineBoundedMemory: a line without end is refused once past the
// limit, without reading (or holding) the rest.
func TestHugeLineBoundedMemory(t *testing.T) {
	r := &endless{}
	_, err := Check(r, officials, Options{MaxLine: 4 << 20})
	if err == nil || !strings.Contains(err.Error(), "line 1: longer than 4194304 bytes") {
		t.Fatalf("err = %v", err)
	}
	if r.read > 8<<20 {
		t.Errorf("read %d bytes of a line limited to 4 MiB", r.read)
	}
}

func BenchmarkCheck1M(b *testing.B) {
	path := filepath.Join(b.TempDir(), "1m.ftm.json")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	if err := generate(f, 1_000_000, 1); err != nil {
		b.Fatal(err)
	}
	f.Close()
	info, _ := os.Stat(path)
	b.SetBytes(info.Size())
	cpu := func() float64 {
		var ru syscall.Rusage
		syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
		return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
	}
	before := cpu()
	b.ResetTimer()
	for range b.N {
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		rep, err := Check(f, officials, Options{Stopwords: stopwords})
		f.Close()
		if err != nil {
			b.Fatal(err)
		}
		if rep.Entities != 1_000_000 {
			b.Fatalf("%d entities", rep.Entities)
		}
	}
	b.ReportMetric(float64(b.N)*1e6/b.Elapsed().Seconds(), "entities/s")
	// CPU time, which a busy machine does not inflate: entities per
	// second of one core's work.
	b.ReportMetric(float64(b.N)*1e6/(cpu()-before), "entities/cpu-s")
}

// TestManyBatches: a dataset of many batches, handled in parallel, gives
// the report a sequential read gives, and the first bad line in file
// order is the one reported.
func TestManyBatches(t *testing.T) {
	var buf bytes.Buffer
	if err := generate(&buf, 30000, 3); err != nil {
		t.Fatal(err)
	}
	if buf.Len() < 4*batchBytes {
		t.Fatalf("only %d bytes: too few batches", buf.Len())
	}
	key, _ := os.ReadFile(filepath.Join("testdata", "key.ftm.json"))
	data := append(append([]byte{}, key...), buf.Bytes()...)
	rep := check(t, data, Options{})
	if got := ids(rep.Officials[0].Matches); strings.Join(got, " ") != "nk-a nk-b nk-d" || rep.Entities != 30000+14 {
		t.Errorf("matches %v, %d entities", got, rep.Entities)
	}
	lines := strings.SplitAfter(string(data), "\n")
	lines[20000] = "{broken\n"
	lines[28000] = "{broken too\n"
	_, err := Check(strings.NewReader(strings.Join(lines, "")), officials, Options{})
	if err == nil || !strings.HasPrefix(err.Error(), "line 20001: not valid JSON") {
		t.Errorf("err = %v, want line 20001", err)
	}
}

// TestNestedSanctions: OpenSanctions' nested exports put the Sanction
// entities inside the person.
func TestNestedSanctions(t *testing.T) {
	data := []byte(`{"id":"nk-n","schema":"Person","caption":"Kairat Kasymov","properties":{"name":["Kairat Kasymov"],"birthDate":["1965-03-02"],"sanctions":[{"id":"s-n","schema":"Sanction","properties":{"authority":["Council of the European Union"],"program":["EU GHRSR"],"entity":["nk-n"]}}]},"datasets":["eu_fsf"]}` + "\n")
	rep := check(t, data, Options{})
	m := rep.Officials[0].Matches
	if len(m) != 1 || len(m[0].Sanctions) != 1 || m[0].Sanctions[0].Authority != "Council of the European Union" || m[0].Sanctions[0].ID != "s-n" {
		t.Errorf("%+v", m)
	}
}
