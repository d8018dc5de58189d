package output

import (
	"strings"
	"testing"
)

// jsonlCases are lines of JSON Lines with the id, cluster or error
// decodeLine must give for them, which are those of encoding/json (the
// errors are those decodeMember gave before memberFast was written), and
// whether memberFast decodes them itself.
var jsonlCases = []struct {
	name, line  string
	id, cluster string
	err         string // the error, if any, after "f:1: "
	fast        bool   // memberFast decodes the line
}{
	{"plain", `{"id": "d1", "cluster": 0}`, "d1", "0", "", true},
	{"compact", `{"id":"d1","cluster":"c"}`, "d1", "c", "", true},
	{"keys in other order", `{"cluster": 12, "id": "d1"}`, "d1", "12", "", true},
	{"string cluster", `{"id": "d1", "cluster": "7"}`, "d1", "7", "", true},
	{"integer cluster", `{"id": "d1", "cluster": 7}`, "d1", "7", "", true},
	{"negative cluster", `{"id": "d1", "cluster": -12}`, "d1", "-12", "", true},
	{"minus zero", `{"id": "d1", "cluster": -0}`, "d1", "-0", "", true},
	{"long integer", `{"id": "d1", "cluster": 123456789012345678901234567890}`, "d1", "123456789012345678901234567890", "", true},
	{"cluster 7.0", `{"id": "d1", "cluster": 7.0}`, "", "", `"cluster" is neither a string nor an integer: 7.0`, false},
	{"cluster 1e2", `{"id": "d1", "cluster": 1e2}`, "", "", `"cluster" is neither a string nor an integer: 1e2`, false},
	{"cluster 1E+2", `{"id": "d1", "cluster": 1E+2}`, "", "", `"cluster" is neither a string nor an integer: 1E+2`, false},
	{"cluster -0.0", `{"id": "d1", "cluster": -0.0}`, "", "", `"cluster" is neither a string nor an integer: -0.0`, false},
	{"cluster 01", `{"id": "d1", "cluster": 01}`, "", "", `bad JSON: invalid character '1' after object key:value pair`, false},
	{"cluster +1", `{"id": "d1", "cluster": +1}`, "", "", `bad JSON: invalid character '+' looking for beginning of value`, false},
	{"cluster true", `{"id": "d1", "cluster": true}`, "", "", `"cluster" is neither a string nor an integer: true`, false},
	{"cluster null", `{"id": "d1", "cluster": null}`, "", "", `"cluster" is neither a string nor an integer: null`, false},
	{"cluster an object", `{"id": "d1", "cluster": {"a": 1}}`, "", "", `"cluster" is neither a string nor an integer: {"a": 1}`, false},
	{"id a number", `{"id": 1, "cluster": 0}`, "", "", `"id" is not a string: 1`, false},
	{"id null", `{"id": null, "cluster": 0}`, "", "", `"id" is not a string: null`, false},
	{"empty id", `{"id": "", "cluster": 0}`, "", "0", "", true},
	{"empty cluster", `{"id": "d1", "cluster": ""}`, "d1", "", "", true},

	{"escaped key", `{"\u0069d": "d1", "cluster": 0}`, "d1", "0", "", true},
	{"key all escaped", `{"id": "d1", "\u0063\u006c\u0075\u0073\u0074\u0065\u0072": 3}`, "d1", "3", "", true},
	{"key ID", `{"ID": "d1", "cluster": 0}`, "", "", `no key "id"`, false},
	{"key ID and id", `{"ID": "x", "Id": "y", "id": "d1", "CLUSTER": 9, "cluster": 0}`, "d1", "0", "", true},
	{"key with a space", `{"id ": "d1", "cluster": 0}`, "", "", `no key "id"`, false},
	{"id twice", `{"id": "d1", "id": "d2", "cluster": 0}`, "", "", `key "id" twice`, false},
	{"id twice escaped", `{"id": "d1", "\u0069d": "d1", "cluster": 0}`, "", "", `key "id" twice`, false},
	{"cluster twice", `{"id": "d1", "cluster": 0, "cluster": 0}`, "", "", `key "cluster" twice`, false},
	{"other key twice", `{"text": 1, "id": "d1", "text": "a", "cluster": 0}`, "d1", "0", "", true},
	{"no id", `{"cluster": 0}`, "", "", `no key "id"`, false},
	{"no cluster", `{"id": "d1"}`, "", "", `no key "cluster"`, false},
	{"empty object", `{}`, "", "", `no key "id"`, false},

	{"escaped quote", `{"id": "a\"b", "cluster": "c\""}`, `a"b`, `c"`, "", true},
	{"escaped backslash", `{"id": "a\\", "cluster": "\\\""}`, `a\`, `\"`, "", true},
	{"simple escapes", `{"id": "\/\b\f\n\r\t", "cluster": 0}`, "/\b\f\n\r\t", "0", "", true},
	{"unicode escape", `{"id": "caf\u00e9\u00E9", "cluster": "\u0000"}`, "café\u00e9", "\x00", "", true},
	{"surrogate pair", `{"id": "\ud83d\ude00", "cluster": 0}`, "😀", "0", "", false},
	{"lone surrogate", `{"id": "a\ud800b", "cluster": 0}`, "a\ufffdb", "0", "", false},
	{"bad escape", `{"id": "a\x", "cluster": 0}`, "", "", `bad JSON: invalid character 'x' in string escape code`, false},
	{"short unicode escape", `{"id": "a\u12", "cluster": 0}`, "", "", `bad JSON: invalid character '"' in \u hexadecimal character escape`, false},
	{"escapes skipped", `{"text": "say \"hi\"\n\u00e9\\", "id": "d1", "cluster": 0}`, "d1", "0", "", true},
	{"bad escape skipped", `{"text": "\a", "id": "d1", "cluster": 0}`, "", "", `bad JSON: invalid character 'a' in string escape code`, false},
	{"control character", "{\"id\": \"a\tb\", \"cluster\": 0}", "", "", `bad JSON: invalid character '\t' in string literal`, false},
	{"control character skipped", "{\"text\": \"\x01\", \"id\": \"d1\", \"cluster\": 0}", "", "", `bad JSON: invalid character '\x01' in string literal`, false},
	{"DEL", "{\"id\": \"a\x7f\", \"cluster\": 0}", "a\x7f", "0", "", true},

	{"UTF-8", `{"id": "naïve 文", "cluster": "ü"}`, "naïve 文", "ü", "", true},
	{"invalid UTF-8 id", "{\"id\": \"d\xff1\", \"cluster\": 0}", "d\ufffd1", "0", "", false},
	{"invalid UTF-8 cluster", "{\"id\": \"d1\", \"cluster\": \"\xc3\"}", "d1", "\ufffd", "", false},
	{"invalid UTF-8 and escape", "{\"id\": \"\xc3\\u00a9\", \"cluster\": 0}", "\ufffd©", "0", "", false},
	{"encoded surrogate", "{\"id\": \"\xed\xa0\x80\", \"cluster\": 0}", "\ufffd\ufffd\ufffd", "0", "", false},
	{"invalid UTF-8 skipped", "{\"text\": \"\xff\xfe\", \"id\": \"d1\", \"cluster\": 0}", "d1", "0", "", true},
	{"invalid UTF-8 key", "{\"i\xffd\": \"d1\", \"cluster\": 0}", "", "", `no key "id"`, false},

	{"white space", "\t { \"id\"\t:\r\"d1\" \n,\"cluster\" : 0 } \t", "d1", "0", "", true},
	{"form feed", "{\"id\": \"d1\",\f\"cluster\": 0}", "", "", `bad JSON: invalid character '\f' looking for beginning of object key string`, false},
	{"no-break space", "{\"id\": \"d1\",\u00a0\"cluster\": 0}", "", "", `bad JSON: invalid character 'Â' looking for beginning of object key string`, false},
	{"trailing comma", `{"id": "d1", "cluster": 0,}`, "", "", `bad JSON: invalid character '}' looking for beginning of object key string`, false},
	{"missing comma", `{"id": "d1" "cluster": 0}`, "", "", `bad JSON: invalid character '"' after object key:value pair`, false},
	{"missing colon", `{"id" "d1", "cluster": 0}`, "", "", `bad JSON: expected colon after object key`, false},
	{"not closed", `{"id": "d1", "cluster": 0`, "", "", `bad JSON: unexpected EOF`, false},
	{"string not closed", `{"id": "d1`, "", "", `bad JSON: unexpected EOF`, false},
	{"two values", `{"id": "d1", "cluster": 0} {}`, "", "", `bad JSON: more than one value on the line`, false},
	{"trailing junk", `{"id": "d1", "cluster": 0} x`, "", "", `bad JSON: invalid character 'x' looking for beginning of value`, false},
	{"an array", `[{"id": "d1", "cluster": 0}]`, "", "", `want a JSON object {"id": ..., "cluster": ...}`, false},

	{"values skipped", `{"a": -0.5e+10, "b": 0, "c": true, "d": false, "e": null, "f": [], "g": {}, "id": "d1", "cluster": 0}`, "d1", "0", "", true},
	{"nested skipped", `{"meta": {"a": [1, 2.5E-3, "x", {"b": [[]]}], "c": {"d": null}}, "id": "d1", "cluster": 0}`, "d1", "0", "", true},
	{"deep nesting", `{"a": ` + strings.Repeat("[", 40) + strings.Repeat("]", 40) + `, "id": "d1", "cluster": 0}`, "d1", "0", "", false},
	{"bad number skipped", `{"a": 1., "id": "d1", "cluster": 0}`, "", "", `bad JSON: invalid character ',' after decimal point in numeric literal`, false},
	{"bad literal skipped", `{"a": tru, "id": "d1", "cluster": 0}`, "", "", `bad JSON: invalid character ',' in literal true (expecting 'e')`, false},
	{"literal run on", `{"a": truex, "id": "d1", "cluster": 0}`, "", "", `bad JSON: invalid character 'x' after object key:value pair`, false},
	{"bad nested", `{"a": {"b" 1}, "id": "d1", "cluster": 0}`, "", "", `bad JSON: invalid character '1' after object key`, false},
	{"trailing comma nested", `{"a": [1,], "id": "d1", "cluster": 0}`, "", "", `bad JSON: invalid character ']' looking for beginning of value`, false},
}

// TestDecodeLine checks the id, cluster and error of each of jsonlCases,
// and which lines memberFast decodes itself rather than leaving them to
// encoding/json.
func TestDecodeLine(t *testing.T) {
	for _, c := range jsonlCases {
		rd := &reader{name: "f", line: 1}
		id, cluster, err := rd.decodeLine([]byte(c.line))
		gotErr := ""
		if err != nil {
			gotErr = err.Error()
		}
		wantErr := ""
		if c.err != "" {
			wantErr = "f:1: " + c.err
		}
		if string(id) != c.id || string(cluster) != c.cluster || gotErr != wantErr {
			t.Errorf("%s: decodeLine(%q) = %q, %q, %q; want %q, %q, %q", c.name, c.line, id, cluster, gotErr, c.id, c.cluster, wantErr)
		}
		if _, _, fast := rd.memberFast([]byte(c.line)); fast != c.fast {
			t.Errorf("%s: memberFast(%q) decodes it: %v, want %v", c.name, c.line, fast, c.fast)
		}
	}
}

// FuzzDecodeLine checks decodeLine, which tries memberFast first, against
// decodeMember, which decodes every line with encoding/json: both must
// give the same id, cluster and error for any line.
func FuzzDecodeLine(f *testing.F) {
	for _, c := range jsonlCases {
		f.Add([]byte(c.line))
	}
	f.Fuzz(checkDecodeLine)
}

// checkDecodeLine checks that decodeLine, which tries memberFast first,
// gives the id, cluster and error that decodeMember gives with
// encoding/json alone.
func checkDecodeLine(t *testing.T, line []byte) {
	rd := &reader{name: "f", line: 1}
	id, cluster, err := rd.decodeLine(line)
	wantID, wantCluster, wantErr := rd.decodeMember(line)
	if (err == nil) != (wantErr == nil) || err != nil && err.Error() != wantErr.Error() ||
		string(id) != wantID || string(cluster) != wantCluster {
		t.Fatalf("decodeLine(%q) = %q, %q, %v; encoding/json gives %q, %q, %v", line, id, cluster, err, wantID, wantCluster, wantErr)
	}
}

// BenchmarkDecodeLine decodes a short line and a line with a 3 KB "text"
// key, with decodeLine and with encoding/json alone (decodeMember).
//
//	go test ./eval/output -run NONE -bench DecodeLine
func BenchmarkDecodeLine(b *testing.B) {
	text := strings.Repeat(`Members raised \"questions\" about the budget.\n `, 3000/50)
	for _, l := range []struct{ name, line string }{
		{"short", `{"id": "xdoc123456", "cluster": 41152}`},
		{"text3KB", `{"id": "xdoc123456", "cluster": 41152, "text": "` + text + `"}`},
	} {
		line := []byte(l.line)
		rd := &reader{name: "f", line: 1}
		b.Run(l.name+"/decodeLine", func(b *testing.B) {
			b.SetBytes(int64(len(line)))
			b.ReportAllocs()
			for range b.N {
				if _, _, err := rd.decodeLine(line); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(l.name+"/encoding-json", func(b *testing.B) {
			b.SetBytes(int64(len(line)))
			b.ReportAllocs()
			for range b.N {
				if _, _, err := rd.decodeMember(line); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// jsonlKeys, jsonlValues and jsonlSpaces are the pieces from which
// FuzzDecodeLineParts builds lines: most of them are what memberFast
// decodes, some what it leaves to encoding/json.
var (
	jsonlKeys   = []string{`"id"`, `"cluster"`, `"\u0069d"`, `"ID"`, `"text"`, `"clus\u0074er"`, "\"i\xffd\"", `"Cluster"`}
	jsonlValues = []string{`"d1"`, `"d2"`, `"a\"b"`, `"\\"`, `"\ud83d\ude00"`, `"\u00e9\/"`, "\"\xff\"", `""`,
		`0`, `-0`, `7`, `-12`, `7.0`, `1e2`, `01`, `-`, `true`, `null`, `fals`, `[1, {"a": []}]`, `{}`, `{"b": "c"`,
		"\"\x1f\"", "\"\x7f\"", `"\u12"`, `"\a"`, `"naïve"`, `[[[]]]`, `"x"`, `5`, `"é\u00e9"`, `"d1`}
	jsonlSpaces = []string{"", " ", "\t", "\r\n", "\f", "\u00a0", ",", "  "}
)

// FuzzDecodeLineParts checks decodeLine against decodeMember as
// FuzzDecodeLine does, on lines built of the keys, values and white space
// above, chosen by the bytes of the input: a line {k: v, k: v, ...} of
// len(parts)/2 keys, whose two bytes choose a key and white space, and a
// value. Random bytes make few lines that memberFast decodes; these make
// many.
func FuzzDecodeLineParts(f *testing.F) {
	f.Add([]byte{0, 0, 1, 8})
	f.Add([]byte{2, 2, 0x11, 9, 4, 30})
	f.Add([]byte{0x30, 4, 0x21, 10, 4, 19, 0x40, 27})
	f.Fuzz(func(t *testing.T, parts []byte) { checkDecodeLine(t, partsLine(parts)) })
}

// partsLine builds the line of FuzzDecodeLineParts chosen by parts.
func partsLine(parts []byte) []byte {
	var b strings.Builder
	b.WriteString("{")
	for i := 0; i+1 < len(parts); i += 2 {
		if i > 0 {
			b.WriteString(",")
		}
		space := jsonlSpaces[parts[i]>>3%8]
		b.WriteString(space)
		b.WriteString(jsonlKeys[parts[i]%8])
		b.WriteString(space + ":")
		b.WriteString(jsonlValues[int(parts[i+1])%len(jsonlValues)])
	}
	b.WriteString("}")
	if len(parts)%2 == 1 {
		b.WriteString(jsonlSpaces[parts[len(parts)-1]%8])
	}
	return []byte(b.String())
}
