package gen

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// The boilerplate of Wrap is made from these lists, written for simbench in
// the manner of Indian news web pages, which mix Hindi and English. The names
// are invented.
var (
	crumbs = []string{"Home > विदेश >", "Home > World >", "होम > दुनिया >", "Home > News > विदेश >", "होम > ख़बरें > अंतरराष्ट्रीय >"}

	bylines = []string{
		"Written by %s | Updated: %s",
		"लेखक: %s | अपडेट: %s",
		"By: %s | Published: %s",
		"Edited By: %s | नई दिल्ली | %s",
		"रिपोर्ट: %s | प्रकाशित: %s",
	}
	authors = []string{"Ananya Mishra", "Rohit Saxena", "Kavita Rawat", "Vikram Chauhan", "नेहा पांडे",
		"सुरेश यादव", "प्रिया अग्रवाल", "News Desk", "डिजिटल डेस्क"}
	monthsEn = []string{"January", "February", "March", "April", "May", "June", "July", "August",
		"September", "October", "November", "December"}
	monthsHi = []string{"जनवरी", "फ़रवरी", "मार्च", "अप्रैल", "मई", "जून", "जुलाई", "अगस्त",
		"सितंबर", "अक्टूबर", "नवंबर", "दिसंबर"}

	teaserHeads = []string{"यह भी पढ़ें:", "ये भी पढ़ें-", "Also Read:", "Read More:", "और पढ़ें:"}
	adverts     = []string{"Advertisement", "विज्ञापन", "ADVERTISEMENT", "Advertisement - Scroll to continue", "विज्ञापन - आगे पढ़ें"}

	// Teasers for a set of one source, which has no other document to
	// tease.
	ownTeasers = []string{
		"मौसम विभाग ने अगले तीन दिन कई राज्यों में भारी बारिश की चेतावनी दी",
		"Stock Market Today: सेंसेक्स और निफ्टी में दिन भर उतार-चढ़ाव",
		"क्रिकेट: आखिरी ओवर में रोमांचक जीत के साथ सीरीज बराबर",
		"Education News: बोर्ड परीक्षा की तारीखों का ऐलान जल्द होगा",
	}
)

// The longest headline and teaser, in words.
const (
	maxHeadline = 16
	maxTeaser   = 20
)

// An item is one line of boilerplate, to go before the text or after it.
type item struct {
	pre   bool
	words []string
}

// boilerplate returns lines of boilerplate for source si, drawn with rng,
// holding at least k words in all: a breadcrumb, the headline and a byline
// to go before the text, then teasers and adverts, alternately, to go after
// it.
func (e *editor) boilerplate(si int, rng *rand.Rand, k int) []item {
	pick := func(l []string) string { return l[rng.IntN(len(l))] }
	headline := firstSentence(e.srcs[si].d, maxHeadline)
	year, month, day := 2024+rng.IntN(2), rng.IntN(12), 1+rng.IntN(28)
	hour, minute := rng.IntN(24), rng.IntN(60)
	var date string
	if rng.IntN(2) == 0 {
		date = fmt.Sprintf("%s %d, %d %02d:%02d IST", monthsEn[month], day, year, hour, minute)
	} else {
		date = fmt.Sprintf("%d %s %d, %02d:%02d IST", day, monthsHi[month], year, hour, minute)
	}
	items := []item{
		{true, append(strings.Fields(pick(crumbs)), headline...)},
		{true, headline},
		{true, strings.Fields(fmt.Sprintf(pick(bylines), pick(authors), date))},
	}
	total := 0
	for _, it := range items {
		total += len(it.words)
	}
	for i := 0; total < k; i++ {
		var ws []string
		if i%2 == 0 {
			var teaser []string
			if n := len(e.srcs); n > 1 {
				j := rng.IntN(n - 1)
				if j >= si {
					j++
				}
				teaser = firstSentence(e.srcs[j].d, maxTeaser)
			} else {
				teaser = strings.Fields(pick(ownTeasers))
			}
			ws = append(strings.Fields(pick(teaserHeads)), teaser...)
		} else {
			ws = strings.Fields(pick(adverts))
		}
		items = append(items, item{false, ws})
		total += len(ws)
	}
	return items
}

// firstSentence returns the words of the first sentence of d, at most max of
// them.
func firstSentence(d *doc, max int) []string {
	ws := d.sents[0].words
	return ws[:min(len(ws), max)]
}

// wrap returns text with the first k words of the boilerplate items around
// it: the lines of the items before the text and after it, each followed by
// a blank line, the last line used cut to make k words.
func wrap(text string, items []item, k int) string {
	var pre, post []string
	for _, it := range items {
		if k == 0 {
			break
		}
		ws := it.words[:min(len(it.words), k)]
		k -= len(ws)
		line := strings.Join(ws, " ")
		if it.pre {
			pre = append(pre, line)
		} else {
			post = append(post, line)
		}
	}
	var b strings.Builder
	for _, line := range pre {
		b.WriteString(line)
		b.WriteString("\n\n")
	}
	b.WriteString(text)
	if len(post) > 0 && !strings.HasSuffix(text, "\n") {
		b.WriteByte('\n')
	}
	for _, line := range post {
		b.WriteByte('\n')
		b.WriteString(line)
		b.WriteByte('\n')
	}
	return b.String()
}
