#!/bin/sh
# exec-example.sh is an example of a program simbench runs as an algorithm,
# with -algo "exec:cmd='sh docs/exec-example.sh',name=exact-sh,threshold=0.5"
# (see package eval/foreign). It finds exact duplicates: documents whose texts
# are equal once lower-cased, with runs of white space collapsed to one space
# and white space at the ends dropped.
#
# It reads the documents on standard input as simbench writes them, one JSON
# object a line, {"id":"...","text":"..."}: exactly these two keys, in this
# order, with no space between the tokens. It writes, on standard output, the
# header "a,b,score" and then "a,b,1" for every pair of duplicates, quoting
# an id as CSV when it must be quoted.
#
# It is POSIX sh and awk, so lower-casing is that of the awk at hand (ASCII
# only for mawk), white space is ASCII white space, and the text is compared
# as JSON spells it rather than decoded: simbench's JSON spells every
# character but a control character, "\" and the quote as itself, so only
# those escapes matter, and \n, \r, \t and \f count as white space.
exec awk '
# csv quotes s as a CSV field if it must be.
function csv(s) {
	if (s ~ /[",\r\n]/) {
		gsub(/"/, "\"\"", s)
		return "\"" s "\""
	}
	return s
}

# unjson decodes the escapes of a JSON string but \uXXXX, which it keeps.
function unjson(s,    out, i, c) {
	if (index(s, "\\") == 0)
		return s
	out = ""
	for (i = 1; i <= length(s); i++) {
		c = substr(s, i, 1)
		if (c == "\\") {
			c = substr(s, ++i, 1)
			if (c == "n") c = "\n"
			else if (c == "r") c = "\r"
			else if (c == "t") c = "\t"
			else if (c == "u") c = "\\u"
		}
		out = out c
	}
	return out
}

BEGIN { print "a,b,score" }

{
	if (!match($0, /^\{"id":"([^"\\]|\\.)*","text":"/) || substr($0, length($0) - 1) != "\"}") {
		printf "exec-example.sh: line %d is not {\"id\":...,\"text\":...}\n", NR > "/dev/stderr"
		exit 2
	}
	id = unjson(substr($0, 8, RLENGTH - 17))
	key = tolower(substr($0, RLENGTH + 1, length($0) - RLENGTH - 2))
	gsub(/\\\\/, "\001", key)     # an escaped backslash is not the start of an escape
	gsub(/\\[nrtf]/, " ", key)
	gsub(/[ \t]+/, " ", key)
	sub(/^ /, "", key)
	sub(/ $/, "", key)

	n = count[key]++
	for (i = 0; i < n; i++)
		print csv(member[key, i]) "," csv(id) ",1"
	member[key, n] = id
}
'
