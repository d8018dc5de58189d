package output_test

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/simbench/simbench/eval/output"
)

// The row types of the Parquet files of the tests.
type (
	pqPair struct {
		A     string  `parquet:"a"`
		B     string  `parquet:"b"`
		Score float64 `parquet:"score"`
	}
	pqPairFloat struct {
		Score float32 `parquet:"score"` // columns in another order
		B     string  `parquet:"b"`
		A     string  `parquet:"a"`
	}
	pqPairNoScore struct {
		A string `parquet:"a"`
		B string `parquet:"b"`
	}
	pqScores struct {
		A         string  `parquet:"a"`
		B         string  `parquet:"b"`
		Label     string  `parquet:"label"`
		Algorithm string  `parquet:"algorithm"`
		Score     float64 `parquet:"score"`
	}
	pqDocString struct {
		Doc     string `parquet:"doc"`
		Cluster string `parquet:"cluster"`
	}
	pqIDInt64 struct {
		ID      string `parquet:"id"`
		Cluster int64  `parquet:"cluster"`
	}
	pqIDInt32 struct {
		ID      string `parquet:"id"`
		Cluster int32  `parquet:"cluster"`
	}
	pqIntIDs struct {
		ID      int64 `parquet:"id"`
		Cluster int64 `parquet:"cluster"`
	}
	pqIDUint struct {
		ID      string `parquet:"id"`
		Cluster uint64 `parquet:"cluster"`
	}
	pqClusters struct {
		Algorithm string `parquet:"algorithm"`
		Name      string `parquet:"name"`
		Doc       string `parquet:"doc"`
		Cluster   int64  `parquet:"cluster"`
	}
	pqRemoved struct {
		ID string `parquet:"id"`
	}
	pqRemovedOptional struct {
		ID *string `parquet:"id,optional"`
	}
	pqScoreString struct {
		A     string `parquet:"a"`
		B     string `parquet:"b"`
		Score string `parquet:"score"`
	}
	pqClusterFloat struct {
		ID      string  `parquet:"id"`
		Cluster float64 `parquet:"cluster"`
	}
	pqExtra struct {
		ID      string `parquet:"id"`
		Cluster string `parquet:"cluster"`
		Text    string `parquet:"text"`
	}
	pqNested struct {
		ID    string `parquet:"id"`
		Inner struct {
			Cluster string `parquet:"cluster"`
		} `parquet:"inner"`
	}
	pqRepeated struct {
		ID      string   `parquet:"id"`
		Cluster []string `parquet:"cluster,list"`
	}
)

// writeParquet writes rows to a Parquet file, rowsPerGroup rows a row
// group (0 for parquet-go's default), and returns its bytes.
func writeParquet[T any](t testing.TB, rows []T, rowsPerGroup int64) []byte {
	t.Helper()
	var buf bytes.Buffer
	var opts []parquet.WriterOption
	if rowsPerGroup > 0 {
		opts = append(opts, parquet.MaxRowsPerRowGroup(rowsPerGroup))
	}
	w := parquet.NewGenericWriter[T](&buf, opts...)
	if _, err := w.Write(rows); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// readParquet reads data with ReadFile, from a file called out.parquet,
// and with Read, and checks that both agree.
func readParquet(t *testing.T, data []byte, opt output.Options) (*output.Output, error) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "out.parquet")
	if err := os.WriteFile(path, data, 0o666); err != nil {
		t.Fatal(err)
	}
	o, err := output.ReadFile(path, opt)
	o2, err2 := output.Read(path, bytes.NewReader(data), opt)
	if fmt.Sprint(err) != fmt.Sprint(err2) {
		t.Errorf("ReadFile: %v; Read: %v", err, err2)
	}
	if o != nil {
		o.Name = ""
	}
	if o2 != nil {
		o2.Name = ""
	}
	if !reflect.DeepEqual(o, o2) {
		t.Errorf("ReadFile: %+v; Read: %+v", o, o2)
	}
	return o, err
}

func ptr(s string) *string { return &s }

func TestParquet(t *testing.T) {
	for _, c := range []struct {
		name string
		data func(t *testing.T) []byte
		opt  output.Options
		want *output.Output
	}{
		{"pairs with double scores", func(t *testing.T) []byte {
			return writeParquet(t, []pqPair{{"d1", "d2", 0.5}, {"d3", "d1", 1}}, 0)
		}, output.Options{IDs: known},
			&output.Output{Kind: output.PairList, Scored: true, Pairs: []output.Pair{{"d1", "d2", 0.5}, {"d3", "d1", 1}}}},
		{"pairs with float scores, columns in another order", func(t *testing.T) []byte {
			return writeParquet(t, []pqPairFloat{{0.1, "d2", "d1"}, {0, "d4", "d3"}}, 0)
		}, output.Options{IDs: known},
			&output.Output{Kind: output.PairList, Scored: true, Pairs: []output.Pair{{"d1", "d2", 0.1}, {"d3", "d4", 0}}}},
		{"pairs without scores", func(t *testing.T) []byte {
			return writeParquet(t, []pqPairNoScore{{"d1", "d2"}}, 0)
		}, output.Options{},
			&output.Output{Kind: output.PairList, Pairs: []output.Pair{{"d1", "d2", 1}}}},
		{"no rows", func(t *testing.T) []byte {
			return writeParquet(t, []pqPair{}, 0)
		}, output.Options{},
			&output.Output{Kind: output.PairList, Scored: true}},
		{"scores.csv's columns, one algorithm chosen", func(t *testing.T) []byte {
			return writeParquet(t, []pqScores{{"d1", "d2", "dup", "jaccard", 0.5}, {"d1", "d2", "", "minhash", 0.7}}, 0)
		}, output.Options{Algorithm: "minhash"},
			&output.Output{Kind: output.PairList, Scored: true, Algorithm: "minhash", Pairs: []output.Pair{{"d1", "d2", 0.7}}}},
		{"doc, string cluster", func(t *testing.T) []byte {
			return writeParquet(t, []pqDocString{{"d1", "c"}, {"d2", "c"}, {"d3", "e"}}, 0)
		}, output.Options{IDs: known},
			&output.Output{Kind: output.Membership, Clusters: map[string]string{"d1": "c", "d2": "c", "d3": "e"}}},
		{"id, int64 cluster, several row groups", func(t *testing.T) []byte {
			return writeParquet(t, []pqIDInt64{{"d1", 7}, {"d2", 7}, {"d3", -1}, {"d4", 1 << 40}}, 1)
		}, output.Options{IDs: known},
			&output.Output{Kind: output.Membership, Clusters: map[string]string{"d1": "7", "d2": "7", "d3": "-1", "d4": "1099511627776"}}},
		{"id, int32 cluster", func(t *testing.T) []byte {
			return writeParquet(t, []pqIDInt32{{"d1", 0}, {"d2", 0}}, 0)
		}, output.Options{},
			&output.Output{Kind: output.Membership, Clusters: map[string]string{"d1": "0", "d2": "0"}}},
		{"integer ids", func(t *testing.T) []byte {
			return writeParquet(t, []pqIntIDs{{1, 0}, {2, 0}}, 0)
		}, output.Options{},
			&output.Output{Kind: output.Membership, Clusters: map[string]string{"1": "0", "2": "0"}}},
		{"id, uint64 cluster", func(t *testing.T) []byte {
			return writeParquet(t, []pqIDUint{{"d1", math.MaxUint64}}, 0)
		}, output.Options{},
			&output.Output{Kind: output.Membership, Clusters: map[string]string{"d1": "18446744073709551615"}}},
		{"clusters.csv's columns", func(t *testing.T) []byte {
			return writeParquet(t, []pqClusters{{"oph", "x", "d1", 3}, {"oph", "x", "d2", 3}}, 0)
		}, output.Options{},
			&output.Output{Kind: output.Membership, Algorithm: "oph", Clusters: map[string]string{"d1": "3", "d2": "3"}}},
		{"removed ids", func(t *testing.T) []byte {
			return writeParquet(t, []pqRemoved{{"d7"}, {"d3"}}, 0)
		}, output.Options{},
			&output.Output{Kind: output.RemovedIDs, Removed: []string{"d7", "d3"}}},
		{"removed ids, optional column", func(t *testing.T) []byte {
			return writeParquet(t, []pqRemovedOptional{{ptr("d1")}}, 0)
		}, output.Options{},
			&output.Output{Kind: output.RemovedIDs, Removed: []string{"d1"}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := readParquet(t, c.data(t), c.opt)
			if err != nil {
				t.Fatal(err)
			}
			checkKept(t, got)
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("got %+v\nwant %+v", got, c.want)
			}
		})
	}
}

func TestParquetErrors(t *testing.T) {
	for _, c := range []struct {
		name string
		data func(t *testing.T) []byte
		opt  output.Options
		want string // the error, after the file name
		row  int
	}{
		{"unknown id", func(t *testing.T) []byte {
			return writeParquet(t, []pqPair{{"d1", "d2", 0.5}, {"d1", "x", 0.5}}, 0)
		}, output.Options{IDs: known}, `row 2: document "x" is not in the gold set`, 2},
		{"unknown id in a cluster", func(t *testing.T) []byte {
			return writeParquet(t, []pqIDInt64{{"d1", 1}, {"d2", 1}, {"zz", 1}}, 1)
		}, output.Options{IDs: known}, `row 3: document "zz" is not in the gold set`, 3},
		{"unknown removed id", func(t *testing.T) []byte {
			return writeParquet(t, []pqRemoved{{"zz"}}, 0)
		}, output.Options{IDs: known}, `row 1: document "zz" is not in the gold set`, 1},
		{"pair with itself", func(t *testing.T) []byte {
			return writeParquet(t, []pqPairNoScore{{"d1", "d2"}, {"d3", "d3"}}, 0)
		}, output.Options{}, `row 2: a pair of document "d3" with itself`, 2},
		{"pair repeated", func(t *testing.T) []byte {
			return writeParquet(t, []pqPair{{"d1", "d2", 0.5}, {"d1", "d3", 0.5}, {"d2", "d1", 0.4}}, 2)
		}, output.Options{}, `row 3: pair d2–d1 listed again (first on row 1)`, 3},
		{"score above 1", func(t *testing.T) []byte {
			return writeParquet(t, []pqPair{{"d1", "d2", 1.5}}, 0)
		}, output.Options{}, `row 1: score "1.5" is not a number from 0 to 1`, 1},
		{"score below 0", func(t *testing.T) []byte {
			return writeParquet(t, []pqPairFloat{{-0.25, "d2", "d1"}}, 0)
		}, output.Options{}, `row 1: score "-0.25" is not a number from 0 to 1`, 1},
		{"score NaN", func(t *testing.T) []byte {
			return writeParquet(t, []pqPair{{"d1", "d2", math.NaN()}}, 0)
		}, output.Options{}, `row 1: score "NaN" is not a number from 0 to 1`, 1},
		{"empty id", func(t *testing.T) []byte {
			return writeParquet(t, []pqPair{{"d1", "", 0.5}}, 0)
		}, output.Options{}, `row 1: empty document id`, 1},
		{"document in two clusters", func(t *testing.T) []byte {
			return writeParquet(t, []pqDocString{{"d1", "c"}, {"d2", "c"}, {"d1", "e"}}, 0)
		}, output.Options{}, `row 3: document "d1" in cluster "e" here and in cluster "c" before`, 3},
		{"document twice in one cluster", func(t *testing.T) []byte {
			return writeParquet(t, []pqIDInt32{{"d1", 4}, {"d1", 4}}, 0)
		}, output.Options{}, `row 2: document "d1" listed twice in cluster "4"`, 2},
		{"empty cluster", func(t *testing.T) []byte {
			return writeParquet(t, []pqDocString{{"d1", ""}}, 0)
		}, output.Options{}, `row 1: empty cluster`, 1},
		{"id removed twice", func(t *testing.T) []byte {
			return writeParquet(t, []pqRemoved{{"d1"}, {"d2"}, {"d1"}}, 0)
		}, output.Options{}, `row 3: id "d1" removed again (first on row 1)`, 3},
		{"null id", func(t *testing.T) []byte {
			return writeParquet(t, []pqRemovedOptional{{ptr("d1")}, {nil}}, 0)
		}, output.Options{}, `row 2: null id`, 2},
		{"two algorithms, none chosen", func(t *testing.T) []byte {
			return writeParquet(t, []pqScores{{"d1", "d2", "", "jaccard", 0.5}, {"d1", "d2", "", "minhash", 0.7}}, 0)
		}, output.Options{}, `row 2: algorithm "minhash" here and "jaccard" on row 1; choose one`, 2},
		{"algorithm chosen absent", func(t *testing.T) []byte {
			return writeParquet(t, []pqClusters{{"oph", "x", "d1", 3}}, 0)
		}, output.Options{Algorithm: "lsh"}, `no row of algorithm "lsh" (the file has "oph")`, 0},
		{"unknown columns", func(t *testing.T) []byte {
			return writeParquet(t, []pqExtra{{"d1", "c", "text"}}, 0)
		}, output.Options{}, `unknown Parquet columns ["id" "cluster" "text"]; want the Parquet columns "a,b", `, 0},
		{"score a string", func(t *testing.T) []byte {
			return writeParquet(t, []pqScoreString{{"d1", "d2", "0.5"}}, 0)
		}, output.Options{}, `Parquet column "score" is BYTE_ARRAY; want FLOAT or DOUBLE`, 0},
		{"cluster a double", func(t *testing.T) []byte {
			return writeParquet(t, []pqClusterFloat{{"d1", 1}}, 0)
		}, output.Options{}, `Parquet column "cluster" is DOUBLE; want a string or an integer`, 0},
		{"nested column", func(t *testing.T) []byte {
			return writeParquet(t, []pqNested{{ID: "d1"}}, 0)
		}, output.Options{}, `nested Parquet column "inner.cluster"`, 0},
		{"repeated column", func(t *testing.T) []byte {
			return writeParquet(t, []pqRepeated{{ID: "d1"}}, 0)
		}, output.Options{}, `nested Parquet column "cluster.list.element"`, 0},
		{"truncated", func(t *testing.T) []byte {
			b := writeParquet(t, []pqRemoved{{"d1"}}, 0)
			return b[:len(b)-10]
		}, output.Options{}, `parquet: `, 0},
		{"magic only", func(t *testing.T) []byte {
			return []byte("PAR1")
		}, output.Options{}, `parquet: `, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			o, err := readParquet(t, c.data(t), c.opt)
			if err == nil {
				t.Fatalf("no error; got %+v", o)
			}
			if o != nil {
				t.Errorf("an Output with the error: %+v", o)
			}
			var e *output.Error
			if !errors.As(err, &e) {
				t.Fatalf("%T, not *output.Error: %v", err, err)
			}
			msg := err.Error()
			i := strings.Index(msg, "out.parquet: ")
			if i < 0 || !strings.HasPrefix(msg[i+len("out.parquet: "):], c.want) {
				t.Errorf("got %q, want FILE: %s...", msg, c.want)
			}
			if e.Row != c.row || e.Line != 0 {
				t.Errorf("Row %d, Line %d; want Row %d, Line 0", e.Row, e.Line, c.row)
			}
		})
	}
}

// TestParquetText checks the text of an error, the values of the row.
func TestParquetText(t *testing.T) {
	_, err := readParquet(t, writeParquet(t, []pqPair{{"d1", "d1", 0.25}}, 0), output.Options{})
	var e *output.Error
	if !errors.As(err, &e) || e.Text != "d1,d1,0.25" {
		t.Errorf("got %#v, want the text d1,d1,0.25", err)
	}
}

// bigParquet is a pair list of n rows, in row groups of 10,000 rows.
func bigParquet(t testing.TB, n int) []byte {
	rows := make([]pqPair, n)
	for i := range rows {
		rows[i] = pqPair{fmt.Sprintf("doc%d", i), fmt.Sprintf("doc%d", i+1), float64(i%100) / 100}
	}
	return writeParquet(t, rows, 10_000)
}

// TestParquetLarge reads 100,000 rows and checks that reading allocates
// little beyond the Output itself.
func TestParquetLarge(t *testing.T) {
	const n = 100_000
	path := filepath.Join(t.TempDir(), "big.parquet")
	if err := os.WriteFile(path, bigParquet(t, n), 0o666); err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	o, err := output.ReadFile(path, output.Options{})
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	if len(o.Pairs) != n || o.Pairs[n-1] != (output.Pair{A: "doc99999", B: "doc100000", Score: 0.99}) {
		t.Fatalf("%d pairs, the last %+v", len(o.Pairs), o.Pairs[len(o.Pairs)-1])
	}
	// The Output holds n pairs (40 bytes each, in a slice grown by
	// appending), n+1 ids and the map that interns them; allow 1 KiB a row
	// in all, far less than reading every row at once as parquet.Rows would.
	perRow := float64(after.TotalAlloc-before.TotalAlloc) / n
	t.Logf("%.0f bytes allocated a row", perRow)
	if perRow > 1024 {
		t.Errorf("%.0f bytes allocated a row, want at most 1024", perRow)
	}
}

func BenchmarkParquet100k(b *testing.B) {
	path := filepath.Join(b.TempDir(), "big.parquet")
	if err := os.WriteFile(path, bigParquet(b, 100_000), 0o666); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := output.ReadFile(path, output.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
