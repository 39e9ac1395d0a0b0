package synth

import (
	"fmt"
	"strings"
)

// A person's name is built from their number so that any two people's
// names differ in at least two letters once folded: the surname spells the
// number in base 14, one consonant per digit, and the first name is chosen
// by a checksum of the digits, so two numbers one digit apart also differ
// in their first names. No two people are probable duplicates.

// consonants are letters that name folding leaves alone (no "h", "w", "x",
// "y", "q", "c", "j", which transliteration merges).
var consonants = []string{"b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z"}

// cyrConsonants are their Cyrillic letters, in the same order.
var cyrConsonants = []string{"б", "д", "ф", "г", "к", "л", "м", "н", "п", "р", "с", "т", "в", "з"}

var vowels = []string{"a", "e", "i", "o"}
var cyrVowels = []string{"а", "е", "и", "о"}

// firstNames differ pairwise by at least two letters after folding; the
// Cyrillic spelling follows each.
var firstNames = [][2]string{
	{"Aigerim", "Айгерим"}, {"Bolat", "Болат"}, {"Dinara", "Динара"}, {"Yerzhan", "Ержан"},
	{"Gulnar", "Гульнар"}, {"Marat", "Марат"}, {"Nurlan", "Нурлан"}, {"Saule", "Сауле"},
	{"Timur", "Тимур"}, {"Zhanar", "Жанар"}, {"Aliya", "Алия"}, {"Serik", "Серик"},
	{"Ainur", "Айнур"}, {"Kairat", "Кайрат"}, {"Bożena", "Божена"}, {"Ólafur", "Олафур"},
}

// maxPeople is how many distinct names the scheme makes.
const maxPeople = 14 * 14 * 14 * 14

type person struct {
	id, name, surname, cyrillic string
}

func newPerson(n int) person {
	d := [4]int{n / (14 * 14 * 14) % 14, n / (14 * 14) % 14, n / 14 % 14, n % 14}
	var lat, cyr strings.Builder
	for i, x := range d {
		lat.WriteString(consonants[x])
		lat.WriteString(vowels[i])
		cyr.WriteString(cyrConsonants[x])
		cyr.WriteString(cyrVowels[i])
	}
	// Odd weights are invertible modulo 16, so changing any one digit
	// changes the checksum, and with it the first name.
	sum := 0
	for i, x := range d {
		sum += x * (2*i + 1)
	}
	first := firstNames[sum%len(firstNames)]
	surname := strings.ToUpper(lat.String()[:1]) + lat.String()[1:] + "v"
	cyrSurname := cyr.String() + "в"
	r := []rune(cyrSurname)
	cyrSurname = strings.ToUpper(string(r[0])) + string(r[1:])
	return person{
		id:       fmt.Sprintf("p%05d-%s", n, strings.ToLower(surname)),
		name:     first[0] + " " + surname,
		surname:  surname,
		cyrillic: first[1] + " " + cyrSurname,
	}
}
