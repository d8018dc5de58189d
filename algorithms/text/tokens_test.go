package text

import (
	"slices"
	"testing"
)

// TestTokensWholeWords checks that Devanagari words with vowel signs (Mc,
// Mn), virama, anusvara, chandrabindu and nukta are one token each.
func TestTokensWholeWords(t *testing.T) {
	for _, tt := range []struct {
		word string // as typed
		want string // its one token, by hand
	}{
		{"किम", "किम"},
		{"मुलाकात", "मुलाकात"},
		{"प्रति", "प्रति"},                                                               // virama inside a conjunct
		{"\u0958\u093e\u0928\u0942\u0928", "\u0915\u093c\u093e\u0928\u0942\u0928"},       // क़ानून, precomposed qa
		{"\u0915\u093c\u093e\u0928\u0942\u0928", "\u0915\u093c\u093e\u0928\u0942\u0928"}, // क़ानून, consonant + nukta
		{"उन्होंने", "उन्होंने"},                                                         // virama, anusvara after a vowel sign
		{"द्वितीय", "द्वितीय"},
		{"मज़बूत", "मज़बूत"},
		{"अंतर्राष्ट्रीय", "अंतर्राष्ट्रीय"},
		{"चाँद", "चाँद"},                                               // chandrabindu
		{"\u0915\u094d\u200d\u0937", "\u0915\u094d\u0937"},             // क्‍ष with ZWJ, dropped
		{"\u0915\u094d\u200c\u0937\u093e", "\u0915\u094d\u0937\u093e"}, // ZWNJ, dropped
		{"२०२५", "२०२५"},                                               // Devanagari digits
		{"Relations", "relations"},
	} {
		got := AppendTokens(nil, Normalize(tt.word))
		if want := []string{tt.want}; !slices.Equal(got, want) {
			t.Errorf("AppendTokens(Normalize(%+q)) = %+q, want %+q", tt.word, got, want)
		}
	}
}

// TestTokensSentence checks a sentence of seed article 000 against tokens
// written out by hand: hyphen, colon, comma, parentheses and danda separate.
func TestTokensSentence(t *testing.T) {
	const s = "North Korea-Russia Relations: किम जोंग-उन ने रूसी विदेश मंत्री सर्गेई लावरोव से मुलाकात की, " +
		"कोरियन सेंट्रल न्यूज एजेंसी (केसीएनए) के हवाले से।"
	want := []string{
		"north", "korea", "russia", "relations",
		"किम", "जोंग", "उन", "ने", "रूसी", "विदेश", "मंत्री", "सर्गेई", "लावरोव", "से", "मुलाकात", "की",
		"कोरियन", "सेंट्रल", "न्यूज", "एजेंसी", "केसीएनए", "के", "हवाले", "से",
	}
	if got := AppendTokens(nil, Normalize(s)); !slices.Equal(got, want) {
		t.Errorf("AppendTokens(Normalize(%q)) =\n%q\nwant\n%q", s, got, want)
	}
}

func TestTokensSeparators(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"   ", nil},
		{"।।", nil},
		{"---", nil},
		{"a", []string{"a"}},
		{"don't", []string{"don", "t"}},
		{"x2 y_3", []string{"x2", "y", "3"}},
		{"a\xffb", []string{"a", "b"}},     // invalid UTF-8 separates
		{"a\u200db", []string{"a", "b"}},   // not normalised: Cf separates
		{"\u0301a", []string{"\u0301a"}},   // a leading mark is part of the token
		{"2.5", []string{"2", "5"}},        // punctuation separates digits too
		{"ⅻ ½", []string{"ⅻ", "½"}},        // Nl and No are numbers
		{"a।b॥c", []string{"a", "b", "c"}}, // dandas separate
	} {
		got := AppendTokens(nil, tt.in)
		if !slices.Equal(got, tt.want) {
			t.Errorf("AppendTokens(nil, %+q) = %+q, want %+q", tt.in, got, tt.want)
		}
	}
	// dst's contents are kept.
	got := AppendTokens([]string{"x"}, "a b")
	if want := []string{"x", "a", "b"}; !slices.Equal(got, want) {
		t.Errorf("AppendTokens([x], %q) = %q, want %q", "a b", got, want)
	}
}

// TestTokenTable checks the fast table against the unicode package for every
// rune it covers.
func TestTokenTable(t *testing.T) {
	for r := rune(0); r < tokenTableSize; r++ {
		if got, want := isTokenRune(r), isTokenRuneSlow(r); got != want {
			t.Errorf("isTokenRune(%U) = %v, want %v", r, got, want)
		}
	}
}
