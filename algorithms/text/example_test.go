package text_test

import (
	"fmt"

	"github.com/simbench/simbench/algorithms/jaccard"
	"github.com/simbench/simbench/algorithms/text"
)

func ExampleNormalize() {
	// Upper case, an NBSP, a ZWJ inside the conjunct क्ष, a precomposed
	// nukta letter (U+095B) and '|' for the danda ...
	a := "North\u00a0Korea: रक्\u200dषा \u095bरूरी|"
	// ... and the same text as usually typed.
	b := "north korea: रक्षा ज़रूरी।"
	fmt.Println(text.Normalize(a))
	fmt.Println(text.Normalize(a) == text.Normalize(b))
	fmt.Printf("%+q\n", text.Normalize("\u095b")) // ज़ is consonant + nukta
	// Output:
	// north korea: रक्षा ज़रूरी।
	// true
	// "\u091c\u093c"
}

func ExampleShingles() {
	o := text.Options{Unit: text.Word, K: 3}
	a := text.Shingles("किम जोंग-उन ने रूसी विदेश मंत्री से मुलाकात की।", o)
	b := text.Shingles("किम जोंग उन ने रूसी  विदेश मंत्री सर्गेई लावरोव से मुलाक़ात की|", o)
	// 10 tokens give 8 shingles; 12 tokens give 10. They share the first
	// five, up to "रूसी विदेश मंत्री"; the later ones differ in सर्गेई लावरोव
	// and in मुलाक़ात, which has a nukta where मुलाकात has none.
	fmt.Println(len(a), len(b), jaccard.Intersection(a, b))
	// Output:
	// 8 10 5
}

func ExampleShingleTexts() {
	for _, s := range text.ShingleTexts("Kim Jong-un ने कहा, कहा।", text.Options{Unit: text.Word, K: 2}) {
		fmt.Println(s.Text)
	}
	// Output:
	// kim jong
	// jong un
	// un ने
	// ने कहा
	// कहा कहा
}
