// Package schedule judges the editorial calendar against each brand's
// charter (charte.yml, schedule:): posting hours and days, posts per day
// and per channel, the minimum gap between two posts on a channel, and
// blackout periods. It is a calendar rule: it sees every post at once,
// recurring posts expanded into their occurrences, and the engine keeps
// what it says about the files in scope. A schedule setting it cannot
// read is reported (schedule.config) and skipped, never a panic. Day
// names, limits and severities are data (schedule.yml); what it says is
// in catalogs in English, French and Dutch (messages/*.yaml), in the
// reader's language (rule.Context.Language). Dates stay ISO in every
// language, as publish_at writes them.
//
// schedule.past_due, a post already late, is a per-post rule of
// linters/core.
//
// Rule of the room: a rule kind: imports pipeline, pipeline/content,
// pipeline/render and linters/rule, pipeline/i18n for its messages
// (messages/*.yaml, one catalog per language), and gopkg.in/yaml.v3 to
// read its data, besides the standard library; never net/http, go-git or
// go-github. internal/archtest checks the imports.
package schedule
