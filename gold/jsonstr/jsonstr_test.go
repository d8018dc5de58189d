package jsonstr_test

import (
	"bytes"
	"fmt"
	"strconv"
	"testing"

	"github.com/simbench/simbench/gold/jsonstr"
)

// FuzzIndexSpecial checks IndexSpecial against the byte-at-a-time
// definition, and Hex4 against strconv.ParseUint.
func FuzzIndexSpecial(f *testing.F) {
	f.Add([]byte(`abcdefgh"`))
	f.Add([]byte("0123456789abcdef\x1f"))
	f.Add([]byte(`\u00e9`))
	f.Add([]byte("देवनागरी\\n"))
	f.Add([]byte("00aF"))
	f.Add([]byte("0g00"))
	f.Fuzz(func(t *testing.T, s []byte) {
		want := bytes.IndexFunc(s, func(r rune) bool { return r == '"' || r == '\\' || r < 0x20 })
		if want < 0 {
			want = len(s)
		}
		// IndexFunc decodes runes, and a special byte is never part of
		// a longer one, so its index is the index of the first byte.
		if got := jsonstr.IndexSpecial(s); got != want {
			t.Fatalf("IndexSpecial(%q) = %d, want %d", s, got, want)
		}
		got, ok := jsonstr.Hex4(s)
		var want4 uint64
		var err error = fmt.Errorf("short")
		if len(s) >= 4 && !bytes.ContainsAny(s[:4], "+-_xX") {
			want4, err = strconv.ParseUint(string(s[:4]), 16, 32)
		}
		if ok != (err == nil) || ok && got != rune(want4) {
			t.Fatalf("Hex4(%q) = %#x, %v; strconv.ParseUint gives %#x, %v", s, got, ok, want4, err)
		}
	})
}

func ExampleIndexSpecial() {
	fmt.Println(jsonstr.IndexSpecial([]byte(`plain text, then "quoted"`)))
	// Output: 17
}
