// Package metrics keeps the engagement readings of the publications in the
// content repository, one CSV file per month of reading time (UTC),
// metrics/YYYY-MM.csv, so that git shows each run's readings as added
// lines:
//
//	time,post,channel,network,id,likes,reposts,replies,quotes,impressions,clicks,saves
//	2026-12-02T08:00:00Z,posts/2026/12/lancement-saison.md,mastodon,mastodon,1133,14,3,2,,,,1
//
// The metric columns follow pipeline.Metrics. An empty cell is a metric the
// network does not report ("not available"), never zero. Rows are
// appended and never rewritten; a file is read by the names of its header,
// so a month written with an older layout (fewer columns) stays readable
// and is appended to in its own layout.
//
// Recorder is the use case of crieur metrics: which publications to read
// (Targets, from the journal's pipeline.Records, read through
// content.Journal), which channels can tell and why the others cannot, the
// collection (Collector), the summary it prints, the readings appended to
// the Store and the commit message. It receives the channels as an Open
// function and git as a Commit function: it knows neither the registry of
// channels nor git. MergeCSV merges a metrics file two runs appended to.
//
// What it prints is in the reader's language (Recorder.Language,
// messages/*.yaml), a network's reason for no numbers included: its
// English is pipeline's table of networks, translated here by channel
// type (why.*). Errors and the commit message stay English.
//
// Rule of the room: imports pipeline, pipeline/content,
// pipeline/render and pipeline/i18n, besides the standard library; other rooms come in as
// interfaces and functions of its own. Of the file system it reads and
// writes the metrics folder only; the journal it reads through content.
// internal/archtest checks the imports.
package metrics
