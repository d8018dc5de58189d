package output

import (
	"errors"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"
)

// parquetMagic starts (and ends) every Parquet file.
const parquetMagic = "PAR1"

// parquetBatch is the number of rows read at a time from a row group.
const parquetBatch = 256

// parquetColumns lists the column sets of a Parquet file, in the order of
// the fields its rows are given to the readers of the text formats.
var parquetColumns = [][]string{
	{"a", "b"}, {"a", "b", "score"}, {"a", "b", "label", "algorithm", "score"},
	{"doc", "cluster"}, {"id", "cluster"}, {"algorithm", "name", "doc", "cluster"},
	{"id"},
}

// parquetFields describes the accepted column sets for an error.
var parquetFields = func() string {
	q := make([]string, len(parquetColumns))
	for i, h := range parquetColumns {
		q[i] = strconv.Quote(strings.Join(h, ","))
	}
	return "want the Parquet columns " + strings.Join(q, ", ")
}()

// pqRows reads the rows of a Parquet file as the fields of a text line.
type pqRows struct {
	file   *parquet.File
	cols   []pqColumn // the columns, in the order of the header matched
	group  int        // the next row group
	rows   parquet.Rows
	buf    []parquet.Row
	n, i   int // rows in buf, next row in buf
	byCol  []int
	vals   []parquet.Value
	fields [][]byte
	text   []byte // the fields of the row, as a CSV line, for errors
	scr    []byte // numbers formatted as text
}

type pqColumn struct {
	name   string
	index  int // the column index in the file
	kind   parquet.Kind
	uint   bool // an unsigned integer
	number bool // a float or double is expected (score)
}

// readParquet reads the Parquet file r of size bytes.
func readParquet(name string, r io.ReaderAt, size int64, opt Options) (o *Output, err error) {
	rd := &reader{name: name, opt: opt, intern: make(map[string]string), rows: true}
	defer func() {
		// parquet-go may panic on a corrupt file.
		if p := recover(); p != nil {
			o, err = nil, rd.errorf(0, nil, "parquet: corrupt file: %v", p)
		}
	}()
	if size < 2*int64(len(parquetMagic))+4 {
		return nil, rd.errorf(0, nil, "parquet: file of %d bytes, too short for a Parquet file", size)
	}
	f, err := parquet.OpenFile(r, size, parquet.SkipPageIndex(true), parquet.SkipBloomFilters(true))
	if err != nil {
		return nil, rd.errorf(0, nil, "parquet: %v", err)
	}
	schema := f.Schema()
	var names []string
	for _, path := range schema.Columns() {
		if len(path) != 1 {
			return nil, rd.errorf(0, nil, "nested Parquet column %q; %s", strings.Join(path, "."), parquetFields)
		}
		names = append(names, path[0])
	}
	var head []string
	for _, h := range parquetColumns {
		if len(h) == len(names) && sameSet(h, names) {
			head = h
			break
		}
	}
	if head == nil {
		return nil, rd.errorf(0, nil, "unknown Parquet columns %q; %s", names, parquetFields)
	}
	p := &pqRows{file: f, buf: make([]parquet.Row, parquetBatch), byCol: make([]int, len(names))}
	for i, h := range head {
		leaf, _ := schema.Lookup(h)
		if leaf.MaxRepetitionLevel > 0 {
			return nil, rd.errorf(0, nil, "Parquet column %q is repeated; want one value a row", h)
		}
		c := pqColumn{name: h, index: leaf.ColumnIndex, kind: leaf.Node.Type().Kind(), number: h == "score"}
		if lt := leaf.Node.Type().LogicalType(); lt != nil {
			if it, ok := lt.Value.(*format.IntType); ok && !it.IsSigned {
				c.uint = true
			}
		}
		switch {
		case c.number && c.kind != parquet.Float && c.kind != parquet.Double:
			return nil, rd.errorf(0, nil, "Parquet column %q is %s; want FLOAT or DOUBLE", h, c.kind)
		case h == "label":
			// ignored, whatever its type
		case !c.number && c.kind != parquet.ByteArray && c.kind != parquet.FixedLenByteArray &&
			c.kind != parquet.Int32 && c.kind != parquet.Int64:
			return nil, rd.errorf(0, nil, "Parquet column %q is %s; want a string or an integer", h, c.kind)
		}
		p.cols = append(p.cols, c)
		p.byCol[leaf.ColumnIndex] = i
	}
	p.vals = make([]parquet.Value, len(p.cols))
	p.fields = make([][]byte, len(p.cols))
	rd.pq = p
	defer p.close()
	switch {
	case isPairHeader(head):
		return rd.readPairs(',', head, nil)
	case len(head) == 1:
		return rd.readRemoved(nil)
	}
	return rd.readClusters(',', head)
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

func (p *pqRows) close() {
	if p.rows != nil {
		p.rows.Close()
		p.rows = nil
	}
}

// next returns the fields of the next row, in the order of the header, and
// the row as a CSV line; io.EOF after the last row.
func (p *pqRows) next(rd *reader) ([][]byte, []byte, error) {
	for p.i == p.n {
		if p.rows == nil {
			groups := p.file.RowGroups()
			if p.group == len(groups) {
				return nil, nil, io.EOF
			}
			p.rows = groups[p.group].Rows()
			p.group++
		}
		n, err := p.rows.ReadRows(p.buf)
		p.n, p.i = n, 0
		if err == io.EOF {
			p.close()
		} else if err != nil {
			return nil, nil, rd.errorf(rd.line+1, nil, "parquet: %v", err)
		}
	}
	row := p.buf[p.i]
	p.i++
	rd.line++
	for i := range p.vals {
		p.vals[i] = parquet.Value{}
	}
	for _, v := range row {
		p.vals[p.byCol[v.Column()]] = v
	}
	p.text, p.scr = p.text[:0], p.scr[:0]
	// First the numbers, in p.scr, which must not grow once sliced.
	for i, c := range p.cols {
		v := p.vals[i]
		if v.IsNull() {
			continue
		}
		start := len(p.scr)
		switch c.kind {
		case parquet.Int32, parquet.Int64:
			if c.uint {
				p.scr = strconv.AppendUint(p.scr, uint64(v.Int64())&mask(c.kind), 10)
			} else {
				p.scr = strconv.AppendInt(p.scr, v.Int64(), 10)
			}
		case parquet.Float:
			p.scr = strconv.AppendFloat(p.scr, float64(v.Float()), 'g', -1, 32)
		case parquet.Double:
			p.scr = strconv.AppendFloat(p.scr, v.Double(), 'g', -1, 64)
		default:
			p.fields[i] = nil
			continue
		}
		p.fields[i] = p.scr[start:len(p.scr):len(p.scr)]
	}
	for i, c := range p.cols {
		v := p.vals[i]
		if !v.IsNull() && (c.kind == parquet.ByteArray || c.kind == parquet.FixedLenByteArray) {
			p.fields[i] = v.ByteArray()
		}
		if i > 0 {
			p.text = append(p.text, ',')
		}
		if v.IsNull() {
			p.text = append(p.text, "null"...)
		} else {
			p.text = append(p.text, p.fields[i]...)
		}
	}
	for i, c := range p.cols {
		if p.vals[i].IsNull() && c.name != "label" {
			return nil, nil, rd.errorf(rd.line, p.text, "null %s", c.name)
		}
	}
	return p.fields, p.text, nil
}

// mask keeps the bits of an unsigned integer of kind k.
func mask(k parquet.Kind) uint64 {
	if k == parquet.Int32 {
		return 1<<32 - 1
	}
	return 1<<64 - 1
}

// isParquet reports whether b starts with the Parquet magic bytes.
func isParquet(b []byte) bool { return string(b) == parquetMagic }

// readParquetStream reads a Parquet file from r, which it copies to a
// temporary file first, since Parquet needs random access.
func readParquetStream(name string, r io.Reader, opt Options) (*Output, error) {
	tmp, err := os.CreateTemp("", "simbench-parquet-*")
	if err != nil {
		return nil, &Error{File: name, Msg: "parquet needs a file: " + err.Error(), Err: err}
	}
	defer os.Remove(tmp.Name())
	defer tmp.Close()
	size, err := io.Copy(tmp, r)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, &Error{File: name, Msg: err.Error(), Err: err}
	}
	return readParquet(name, tmp, size, opt)
}
