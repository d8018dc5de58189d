package main

// usage is the text of 'simbench help': the package documentation, which a
// test keeps equal to it.
const usage = `Simbench tells which near-duplicate detection algorithm to use, at which
threshold, and whether a change made it worse.

Usage:

	simbench run [flags]                     run algorithms on a gold set; print a table, write results/
	simbench sweep [flags]                   the same, reporting every threshold: AP, ROC AUC, best cuts
	simbench tune [flags]                    search a grid of parameters: quality against cost
	simbench explain [flags] A B             why each algorithm scores documents A and B as it does
	simbench compare [flags] OLD NEW         compare two runs; exit 1 when quality fell
	simbench score [flags] FILE...           score another system's output (pairs, clusters,
	                                         removed ids) against a gold set, like a run
	simbench list                            list the algorithms, their parameters and defaults
	simbench gold stats [flags] SET          describe a gold set: sizes, lengths, Jaccard per label
	simbench gold validate SET               check a gold set; list every problem with file and line
	simbench import FORMAT SOURCE DEST       make a gold set from a published corpus (clough, dpil, msrp)
	simbench gen [flags] DEST                make a gold set of near-duplicates: controlled edits of a
	                                         set, or -docs N synthetic documents
	simbench help                            print this text

Run loads a gold set (documents plus hand labels; the default is the
embedded set "seeds"), shingles every document once per distinct
shingling, runs the algorithms concurrently, and scores every pair in
scope once per algorithm. From those scores it reports, per algorithm,
precision, recall, F1 and the confusion counts at the algorithm's
threshold with bootstrap confidence intervals, the average precision,
the best F1 and its threshold, and, measured afterwards with each
algorithm alone, its throughput. When the set has graded labels it
reports the recall of each positive label and the false positive rate of
each negative one.

The scope is the labelled pairs, or for an exhaustive gold set (the
default there) every pair of the corpus, unlabelled pairs counting as
negatives. A pair an algorithm's index never proposes scores 0.

A corpus of more than 2,000,000 pairs (about 2,000 documents), or any with
-sparse, is scored sparsely: only the pairs some algorithm finds, by its
index (MinHash LSH) or by searching for the scores at or above its floor
(jaccard's exact similarity join, simhash's permuted tables; parameter
floor, default the threshold), and the labelled pairs are scored; every
other pair is a negative scoring 0. An algorithm that can do neither
(containment) cannot run there. A gold set directory with more than 256
MiB of documents is streamed (-stream): each document is shingled and
signed as it is read and its text dropped, and the run reports the time of
each phase and the peak memory instead of each algorithm's throughput.

In the corpus scope of a set whose clusters label more pairs than can be
held (20,000 copies of one page label 199,990,000), or with -counted, the
pairs found are counted by score and none is kept: documents with the
same signature are grouped and each algorithm runs once per group, with
the same figures; scores.csv then holds a sample of 1,000,000 of the
pairs found or labelled, and there is no interval and no error analysis.

Run writes results/<UTC time>-<set>/ holding summary.json, scores.csv,
curves.csv, table.txt, errors.md, charts (PNG) and report.md; the folder
appears whole or not at all. Run's flags:

	-algo NAME[:key=value,...]   algorithm to run, repeatable (default: all); or
	                             exec:cmd=COMMAND,name=NAME to run a program on the documents
	-gold NAME|DIR               gold set (default seeds; embedded: seeds, clough)
	-scope labelled|corpus       pairs to score
	-positive LABEL,...          labels counted as duplicates for this run
	-seed N                      seed of hashing and random choices (default 1)
	-seeds N                     rerun randomised algorithms over N seeds; report the spread
	-bootstrap N                 bootstrap resamples for the intervals (default 1000; 0: none)
	-out DIR                     parent of the results folder (default results; empty: none)
	-format FORMAT               stdout: table, json, md, csv or bench (default table)
	-wide                        every figure in the table, not only the key ones
	-timing=false                skip the throughput measurement
	-passes N                    timed passes, median reported (default 5)
	-j N                         goroutines at once (default GOMAXPROCS)
	-sparse                      score the corpus scope sparsely, whatever its size
	-counted                     count the pairs by score, keeping none (default: when too many)
	-stream on|off|auto          stream the documents (default auto: above 256 MiB)
	-mem SIZE                    memory budget such as 4GiB (default half the machine's)
	-scores auto|csv|gzip|sample how the results folder holds the scores (default auto)

For example:

	simbench run -algo jaccard -algo minhash-lsh:perm=256,threshold=0.7
	simbench run -gold clough -positive cut -format md
	simbench sweep -gold clough -min-precision 0.99
	simbench tune -gold clough -grid 'minhash-lsh:k=3|5,perm=64|128'
	simbench gen -gold seeds /tmp/edits && simbench run -gold /tmp/edits
	simbench gen -docs 1000000 /tmp/m && simbench run -gold /tmp/m -algo jaccard \
	    -algo simhash:threshold=0.9 -algo minhash-lsh
	simbench compare -tolerance 0.02 results/baseline/clough results/<run>

Each subcommand prints its own flags with -help. Exit status is 0 on
success, 1 when the command failed (a bad gold set, an interrupted run, a
quality regression found by compare) and 2 for a bad command line.
`
