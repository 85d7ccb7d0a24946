package content

import (
	"bytes"
	"encoding/json"
	"path"
	"sort"
	"strings"

	"github.com/crieur/crieur/pipeline"
)

// The ledger branch's layout (see pipeline.Ledger and gitrepo's
// LedgerBranch): the journal's records in journal/<month>.jsonl, as in
// the repository's journal folder, and the claims in claims/<month>.jsonl,
// one JSON record a line, lines only ever appended.
const (
	LedgerJournalDir = "journal"
	LedgerClaimsDir  = "claims"
	LedgerReadme     = "README.md"
)

// ledgerReadme says what the branch is to whoever opens it on GitHub.
const ledgerReadme = `# crieur's ledger

This branch is written by crieur only. It holds what every run of
crieur publish did, where the next run finds it: claims/ (what a run was
about to send) and journal/ (what went out, failed, was recovered or
taken down), one JSON line per record, lines only ever appended.

Do not edit, rebase or delete this branch, and do not protect it: crieur
could then send a post twice. See docs/protected-main.md.
`

// ReadLedger reads the ledger branch's files. A line that is not a
// record is an error naming the file and line.
func ReadLedger(files map[string][]byte) (*pipeline.Ledger, error) {
	l := &pipeline.Ledger{}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names) // months in order
	for _, name := range names {
		dir, file := path.Split(name)
		if !strings.HasSuffix(file, ".jsonl") {
			continue
		}
		recs, err := scanRecords(bytes.NewReader(files[name]), "ledger "+name)
		if err != nil {
			return nil, err
		}
		switch strings.TrimSuffix(dir, "/") {
		case LedgerJournalDir:
			l.Journal = append(l.Journal, recs...)
		case LedgerClaimsDir:
			l.Claims = append(l.Claims, recs...)
		}
	}
	return l, nil
}

// LedgerLines gives the lines that append records to the ledger, by
// file: claims and releases in claims/, the rest in journal/, each in
// its month's file.
func LedgerLines(recs []pipeline.Record) map[string][]byte {
	out := map[string][]byte{}
	for _, r := range recs {
		dir := LedgerJournalDir
		if r.Action == pipeline.ActionClaimed || r.Action == pipeline.ActionReleased {
			dir = LedgerClaimsDir
		}
		name := dir + "/" + JournalFile(r.Time)
		b, _ := json.Marshal(r)
		out[name] = append(append(out[name], b...), '\n')
	}
	return out
}

// LedgerStart is what a new ledger branch is created with besides its
// first lines.
func LedgerStart() map[string][]byte {
	return map[string][]byte{LedgerReadme: []byte(ledgerReadme)}
}
