package gold

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"
)

func TestDecodeDocLine(t *testing.T) {
	tests := []struct {
		line     string
		id, text string
	}{
		{`{"id":"a","text":"b"}`, "a", "b"},
		{`{"text":"b","id":"a"}`, "a", "b"},
		{`{"id": "a", "text": "The cat sat on the mat."}`, "a", "The cat sat on the mat."},
		{" \t\r\n{ \"id\"\t:\r\"a\"\n,  \"text\" :\"b\" } \r\n", "a", "b"},
		{`{"id":"","text":""}`, "", ""},
		{`{"id":"x","text":"\" \\ \/ \b \f \n \r \t"}`, "x", "\" \\ / \b \f \n \r \t"},
		{`{"id":"x","text":"\\\\\"\""}`, "x", `\\""`},
		{`{"id":"x","text":"\u0041\u00e9\u00E9\u0915\u0000"}`, "x", "Aééक\x00"},
		{`{"id":"\u0030\u0031","text":"t"}`, "01", "t"},
		// Surrogate pairs, in either case of hex digit.
		{`{"id":"x","text":"\uD83D\uDE00"}`, "x", "\U0001F600"},
		{`{"id":"x","text":"a\ud800\udc00b\udbff\udfff"}`, "x", "a\U00010000b\U0010FFFF"},
		// Lone and mismatched surrogates become U+FFFD; the escape after a
		// high surrogate that does not complete it is decoded on its own.
		{`{"id":"x","text":"\uD800"}`, "x", "\uFFFD"},
		{`{"id":"x","text":"\uD800x"}`, "x", "\uFFFDx"},
		{`{"id":"x","text":"\uDC00"}`, "x", "\uFFFD"},
		{`{"id":"x","text":"\uDC00\uD800"}`, "x", "\uFFFD\uFFFD"},
		{`{"id":"x","text":"\uD800\uD800\uDC00"}`, "x", "\uFFFD\U00010000"},
		{`{"id":"x","text":"\uD800\u0041"}`, "x", "\uFFFDA"},
		{`{"id":"x","text":"\uD800\n"}`, "x", "\uFFFD\n"},
		{`{"id":"x","text":"\uD800\\uDC00"}`, "x", "\uFFFD\\uDC00"},
		{`{"id":"x","text":"\uDBFF\uE000"}`, "x", "\uFFFD\uE000"},
		// Raw text: no escapes needed beyond quote, backslash and controls.
		{"{\"id\":\"x\",\"text\":\"नमस्ते दुनिया \u2028 \x7f 😀 /\"}", "x", "नमस्ते दुनिया \u2028 \x7f 😀 /"},
		{`{"id":"x","text":"` + strings.Repeat("ab", 20) + `\n` + strings.Repeat("क", 20) + `"}`,
			"x", strings.Repeat("ab", 20) + "\n" + strings.Repeat("क", 20)},
		// A key inside a value is just text.
		{`{"id":"text","text":"\"id\": \"y\""}`, "text", `"id": "y"`},
	}
	for _, tt := range tests {
		id, text, ok := decodeDocLine([]byte(tt.line))
		if !ok || id != tt.id || text != tt.text {
			t.Errorf("decodeDocLine(%q) = %q, %q, %v, want %q, %q, true", tt.line, id, text, ok, tt.id, tt.text)
		}
		if msg := agreesWithJSON([]byte(tt.line), tt.id, tt.text); msg != "" {
			t.Errorf("%q: encoding/json: %s", tt.line, msg)
		}
	}
}

func TestDecodeDocLineRejects(t *testing.T) {
	for _, line := range []string{
		"", " ", "null", "[]", `"id"`, "{}", "{", "}",
		`{"id":"a"}`,
		`{"text":"b"}`,
		`{"id":"a","text":"b","x":"c"}`,
		`{"x":"c","id":"a","text":"b"}`,
		`{"id":"a","id":"b"}`,
		`{"text":"a","text":"b"}`,
		`{"id":"a","text":"b","id":"c"}`,
		`{"id":1,"text":"b"}`,
		`{"id":"a","text":null}`,
		`{"id":"a","text":["b"]}`,
		`{"id":"a","text":{"b":"c"}}`,
		`{"id":"a","text":true}`,
		`{"ID":"a","text":"b"}`,
		`{"id ":"a","text":"b"}`,
		`{"\u0069d":"a","text":"b"}`, // valid, but the key is escaped: left to the slow path
		`{'id':'a','text':'b'}`,
		`{id:"a",text:"b"}`,
		// Structure.
		`{"id":"a","text":"b"}x`,
		`{"id":"a","text":"b"}{}`,
		`{"id":"a","text":"b"},`,
		`{"id":"a","text":"b",}`,
		`{,"id":"a","text":"b"}`,
		`{"id":"a" "text":"b"}`,
		`{"id":"a";"text":"b"}`,
		`{"id" "a","text":"b"}`,
		`{"id":"a","text":"b"`,
		`{"id":"a","text":"b`,
		`{"id":"a","text":`,
		`{"id":"a","text"`,
		`{"id":"a",`,
		"\ufeff" + `{"id":"a","text":"b"}`,     // byte order mark
		"\f" + `{"id":"a","text":"b"}`,         // form feed is not JSON whitespace
		"\u00a0" + `{"id":"a","text":"b"}`,     // nor is a no-break space
		`{"id":"a","text":"b"}` + "\x00",       // nor NUL
		`{"id":"a","text":"b"}` + "\u2028",     // nor a line separator
		`{"id":"a","text":"b"} ` + "\v",        // nor a vertical tab
		`{"id":"a","text":"b"}` + "\n\n{}\n\n", // two values
		// Strings.
		"{\"id\":\"a\",\"text\":\"b\tc\"}", // a raw tab
		"{\"id\":\"a\",\"text\":\"b\nc\"}",
		"{\"id\":\"a\",\"text\":\"b\x00c\"}",
		"{\"id\":\"a\",\"text\":\"b\x1fc\"}",
		"{\"id\":\"a\x01\",\"text\":\"bc\"}",
		`{"id":"a","text":"b\xc"}`,
		`{"id":"a","text":"b\'c"}`,
		`{"id":"a","text":"b\U0041"}`,
		`{"id":"a","text":"b\u004"}`,
		`{"id":"a","text":"b\u004G"}`,
		`{"id":"a","text":"b\u"}`,
		`{"id":"a","text":"b\`,
		`{"id":"a","text":"b\"}`,
		`{"id":"a","text":"\uD800\uDC0"}`,
		`{"id":"a","text":"\uD800\u"}`,
		`{"id":"a","text":"\uD800\x"}`,
		// Invalid UTF-8, which encoding/json would turn into U+FFFD.
		"{\"id\":\"a\",\"text\":\"b\xffc\"}",
		"{\"id\":\"a\xc3\",\"text\":\"bc\"}",
		"{\"id\":\"a\",\"text\":\"\xed\xa0\x80\"}", // an encoded surrogate
		"{\"id\":\"a\",\"text\":\"\xc0\xaf\"}",     // an overlong encoding
		"{\"id\":\"a\",\"text\":\"b\"}\xff",
	} {
		if id, text, ok := decodeDocLine([]byte(line)); ok {
			t.Errorf("decodeDocLine(%q) = %q, %q, true, want false", line, id, text)
		}
	}
}

func TestScanLine(t *testing.T) {
	tests := []struct {
		p          string
		valid, ctl bool
	}{
		{"", true, false},
		{"plain ASCII, longer than eight bytes", true, false},
		{"eight bytes then a tab:\t", true, true},
		{"\x00", true, true},
		{"\x1f", true, true},
		{" \x7f", true, false},
		{"क्षत्रज्ञ", true, false},
		{"क्ष\nत्र", true, true},
		{"\u0800\uD7FF\uE000\uFFFF\u00e9\U00010000\U0010FFFF", true, false},
		{"\xe0\xa0", false, false},         // truncated
		{"\xe0\x80\x80", false, false},     // overlong U+0000
		{"\xe0\x9f\xbf", false, false},     // overlong U+07FF
		{"\xed\xa0\x80", false, false},     // U+D800
		{"\xed\xbf\xbf", false, false},     // U+DFFF
		{"\xe4\xb8\x41", false, false},     // bad continuation
		{"\xe4\x41\xad", false, false},     // bad continuation
		{"\t\xc0\x80", false, false},       // overlong, after a control
		{"\xf4\x90\x80\x80", false, false}, // above U+10FFFF
		{"abc\xff", false, false},
	}
	for _, tt := range tests {
		if valid, ctl := scanLine([]byte(tt.p)); valid != tt.valid || ctl != tt.ctl {
			t.Errorf("scanLine(%q) = %v, %v, want %v, %v", tt.p, valid, ctl, tt.valid, tt.ctl)
		}
	}
}

// TestJSONLDocFastPath checks that jsonlDoc gives what the fast path
// decodes, and still reports an empty text.
func TestJSONLDocFastPath(t *testing.T) {
	tests := []struct {
		line         string
		id, text     string
		idOK, textOK bool
		errs         []string
	}{
		{`{"id":"a","text":"b\u00e9"}`, "a", "bé", true, true, nil},
		{`{"text":"b","id":"a"}`, "a", "b", true, true, nil},
		{`{"id":"a","text":""}`, "a", "", true, false, []string{"docs.jsonl:7: empty document"}},
		{`{"id":"a","text":" \u00a0\n"}`, "a", " \u00a0\n", true, false, []string{"docs.jsonl:7: blank document: only white space"}},
		{`{"id":"a","text":"\u200b"}`, "a", "\u200b", true, true, nil},
		{`{"id":"a","text":"b","x":"c"}`, "a", "b", true, false, []string{`docs.jsonl:7: unknown key "x" (the keys are id and text)`}},
		{`{"id":"a","id":"c","text":"b"}`, "c", "b", true, true, nil}, // encoding/json keeps the last
	}
	for _, tt := range tests {
		var l loader
		id, text, idOK, textOK := l.jsonlDoc("docs.jsonl", 7, []byte(tt.line), true)
		if id != tt.id || text != tt.text || idOK != tt.idOK || textOK != tt.textOK {
			t.Errorf("jsonlDoc(%q) = %q, %q, %v, %v, want %q, %q, %v, %v",
				tt.line, id, text, idOK, textOK, tt.id, tt.text, tt.idOK, tt.textOK)
		}
		var got []string
		for _, e := range l.errs.list {
			got = append(got, e.Error())
		}
		if !slices.Equal(got, tt.errs) {
			t.Errorf("jsonlDoc(%q) reports %q, want %q", tt.line, got, tt.errs)
		}
	}
}

// agreesWithJSON returns "" if encoding/json decodes line to an object of
// exactly two strings, "id" and "text", equal to id and text, and otherwise
// what is wrong.
func agreesWithJSON(line []byte, id, text string) string {
	if !json.Valid(line) {
		return "json.Valid is false"
	}
	var m map[string]any
	if err := json.Unmarshal(line, &m); err != nil {
		return err.Error()
	}
	if len(m) != 2 {
		return fmt.Sprintf("%d keys, want 2", len(m))
	}
	if got, ok := m["id"].(string); !ok || got != id {
		return fmt.Sprintf("id = %#v, want %q", m["id"], id)
	}
	if got, ok := m["text"].(string); !ok || got != text {
		return fmt.Sprintf("text = %#v, want %q", m["text"], text)
	}
	return ""
}

// slowLine returns an accepted line of docs.jsonl rewritten so that the fast
// path rejects it but it means the same: every "i" written as "\u0069". An
// accepted line has an "i" in its key "id", and has "i" nowhere but in
// strings, where no escape holds one.
func slowLine(line []byte) []byte {
	return bytes.ReplaceAll(line, []byte("i"), []byte(`\u0069`))
}

// asciiJSON returns s as a JSON string with every character outside
// printable ASCII written as \uXXXX (a surrogate pair above U+FFFF), as
// Python's json.dumps writes it by default.
func asciiJSON(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case ' ' <= r && r < 0x7f:
			b.WriteRune(r)
		default:
			for _, u := range utf16.Encode([]rune{r}) {
				fmt.Fprintf(&b, `\u%04x`, u)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// hindi is a few sentences of Devanagari text, of about 900 bytes.
const hindi = "यह वाक्य देवनागरी लिपि में लिखा गया है और इसका उपयोग केवल परीक्षण के लिए होता है। " +
	"मानक हिंदी में अनेक संयुक्ताक्षर होते हैं, जैसे क्ष, त्र और ज्ञ, तथा मात्राएँ भी। " +
	"समान दस्तावेज़ों की पहचान करने वाली प्रणाली को ऐसे पाठ जल्दी पढ़ने चाहिए। " +
	"दस लाख दस्तावेज़ कुछ ही सेकंड में लोड होने चाहिए।"

// devanagariLine returns a line of docs.jsonl whose text is Devanagari
// sentences, separated by line breaks (written \n), to at least n bytes.
func devanagariLine(n int) []byte {
	var text strings.Builder
	for text.Len() < n {
		if text.Len() > 0 {
			text.WriteByte('\n')
		}
		text.WriteString(hindi)
	}
	line, err := json.Marshal(map[string]string{"id": "hi-000042", "text": text.String()})
	if err != nil {
		panic(err)
	}
	return line
}

// FuzzDecodeDocLine checks that whenever the fast path accepts a line,
// encoding/json accepts it and decodes the same id and text, jsonlDoc gives
// them, and so does the slow path of jsonlDoc on the same document written
// so that the fast path rejects it. For every input, it checks scanLine
// against a byte-at-a-time definition.
func FuzzDecodeDocLine(f *testing.F) {
	for _, line := range bytes.Split(seedsJSONL(f, 300), []byte("\n")) {
		f.Add(line)
	}
	for _, name := range []string{"g0pA_taska.txt", "g0pE_taskc.txt", "orig_taske.txt"} {
		text, err := fs.ReadFile(embedded, "clough/docs/"+name)
		if err != nil {
			f.Fatal(err)
		}
		if len(text) > 600 {
			text = []byte(strings.ToValidUTF8(string(text[:600]), ""))
		}
		line, err := json.Marshal(map[string]string{"text": string(text), "id": name})
		if err != nil {
			f.Fatal(err)
		}
		f.Add(line)
		f.Add(bytes.ReplaceAll(line, []byte(`","`), []byte("\" ,\r\n\t\"")))
	}
	f.Add(devanagariLine(300))
	f.Add([]byte(`{"id":"u","text":` + asciiJSON(hindi[:60]+" 😀 \uD7FF\uE000") + `}`))
	f.Add([]byte(`{"id":"x","text":"\uD800\uD800\uDC00\uDC00\\\"\/\b\f\n\r\t"}`))
	f.Add([]byte(`{"text":"\uDBFF\uDFFF\u0000" , "id":"\"x\""}`))
	f.Add([]byte(`{"id":"a","text":""}`))
	f.Add([]byte(`{"id":"a","text":"b","x":1}`))
	f.Add([]byte("\xe0\xa4\x95\xe0\x80\x80 \xed\xa0\x80\xef\xbf\xbf\xe0\xa4"))
	f.Fuzz(func(t *testing.T, line []byte) {
		valid, ctl := scanLine(line)
		wantCtl := utf8.Valid(line) && bytes.ContainsFunc(line, func(r rune) bool { return r < 0x20 })
		if valid != utf8.Valid(line) || ctl != wantCtl {
			t.Fatalf("scanLine(%q) = %v, %v, want %v, %v", line, valid, ctl, utf8.Valid(line), wantCtl)
		}
		// IndexSpecial is checked in package jsonstr.
		id, text, ok := decodeDocLine(line)
		if !ok {
			return
		}
		if msg := agreesWithJSON(line, id, text); msg != "" {
			t.Fatalf("decodeDocLine(%q) = %q, %q, true, but encoding/json: %s", line, id, text, msg)
		}
		var l loader
		gotID, gotText, idOK, textOK := l.jsonlDoc("docs.jsonl", 1, line, true)
		// An empty or blank document is an error of the loader.
		wantText := text != "" && !IsBlank(text)
		if gotID != id || gotText != text || !idOK || textOK != wantText {
			t.Fatalf("jsonlDoc(%q) = %q, %q, %v, %v, want %q, %q, true, %v",
				line, gotID, gotText, idOK, textOK, id, text, wantText)
		}
		slow := slowLine(line)
		if _, _, ok := decodeDocLine(slow); ok {
			t.Fatalf("decodeDocLine(%q) accepts an escaped key", slow)
		}
		gotID, gotText, idOK, textOK = l.jsonlDoc("docs.jsonl", 2, slow, true)
		if gotID != id || gotText != text || !idOK || textOK != wantText {
			t.Fatalf("slow jsonlDoc(%q) = %q, %q, %v, %v, want %q, %q, true, %v",
				slow, gotID, gotText, idOK, textOK, id, text, wantText)
		}
	})
}

// BenchmarkDecodeDocLine compares the fast path with the slow path of
// jsonlDoc (given the same document with its key "id" escaped, which sends
// it there) on lines of about 3 KB: Devanagari with a few \n escapes, and
// the same text with every character escaped as \uXXXX.
func BenchmarkDecodeDocLine(b *testing.B) {
	raw := devanagariLine(3000)
	var m map[string]string
	if err := json.Unmarshal(raw, &m); err != nil {
		b.Fatal(err)
	}
	escaped := []byte(`{"id":"hi-000042","text":` + asciiJSON(m["text"]) + `}`)
	for _, bm := range []struct {
		name string
		line []byte
	}{{"devanagari", raw}, {"uescaped", escaped}} {
		b.Run(bm.name+"/fast", func(b *testing.B) {
			b.SetBytes(int64(len(bm.line)))
			for b.Loop() {
				if _, _, ok := decodeDocLine(bm.line); !ok {
					b.Fatal("rejected")
				}
			}
		})
		b.Run(bm.name+"/slow", func(b *testing.B) {
			slow := slowLine(bm.line)
			b.SetBytes(int64(len(bm.line)))
			var l loader
			for b.Loop() {
				if _, _, _, ok := l.jsonlDoc("docs.jsonl", 1, slow, true); !ok {
					b.Fatal("rejected")
				}
			}
		})
	}
}
