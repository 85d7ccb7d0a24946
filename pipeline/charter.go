package pipeline

// Charter is the brand charter (charte.yml): the rules the linter enforces,
// all data. Rule kinds are code in linters/; their instances are here.
type Charter struct {
	Extends    string            `yaml:"extends"` // another charter file this one builds on
	Languages  []string          `yaml:"languages"`
	Severities map[string]string `yaml:"severity"` // rule id (or prefix.) -> error|warning|suggestion|off

	Spelling   SpellingRules   `yaml:"spelling"`
	Tone       ToneRules       `yaml:"tone"`
	Hashtags   HashtagRules    `yaml:"hashtags"`
	Emojis     EmojiRules      `yaml:"emojis"`
	Links      LinkRules       `yaml:"links"`
	Sponsored  SponsoredRules  `yaml:"sponsored"`
	Media      MediaRules      `yaml:"media"`
	Inclusive  string          `yaml:"inclusive"` // forbid | require | allow
	Typography TypographyRules `yaml:"typography"`
	Schedule   ScheduleRules   `yaml:"schedule"`
	Forbidden  []TermRule      `yaml:"forbidden"`
	Substitute []Substitution  `yaml:"substitutions"`
	Rules      []CustomRule    `yaml:"rules"`
}

// SpellingRules configure the spell checker.
type SpellingRules struct {
	Enabled  *bool    `yaml:"enabled"`
	Accept   []string `yaml:"accept"`
	Reject   []string `yaml:"reject"`
	Hashtags string   `yaml:"hashtags"` // split | skip
	Grammar  *bool    `yaml:"grammar"`  // run Grammalecte on French posts; unset: when it is installed
}

// GrammarOn says whether the charter asks for Grammalecte on French posts
// (on unless it says grammar: false) and whether it said so (an explicit
// true wants to hear that Grammalecte is missing; the default does too,
// once, at a lower voice).
func (s SpellingRules) GrammarOn() (on, explicit bool) {
	if s.Grammar == nil {
		return true, false
	}
	return *s.Grammar, true
}

// ToneRules configure the tone checks.
type ToneRules struct {
	Address string `yaml:"address"` // vous | tu | any: French
	// Addresses: the address in other languages, by lang: {nl: u}
	// (u | je | any); a language not named is not checked.
	Addresses   map[string]string `yaml:"addresses"`
	Profanity   *bool             `yaml:"profanity"`
	Shouting    *bool             `yaml:"shouting"`
	Punctuation *bool             `yaml:"punctuation"` // runs of !!! ???
	Aggressive  *bool             `yaml:"aggressive"`
	Words       []string          `yaml:"words"` // more words to flag
}

// HashtagRules limit and require hashtags.
type HashtagRules struct {
	Max        int            `yaml:"max"`
	Required   []string       `yaml:"required"`
	PerChannel map[string]int `yaml:"per_channel"`
}

// EmojiRules limit emojis.
type EmojiRules struct {
	Max int `yaml:"max"`
}

// LinkRules require campaign parameters on links.
type LinkRules struct {
	UTM     bool     `yaml:"utm"`
	Source  string   `yaml:"utm_source"` // default: the channel's network
	Medium  string   `yaml:"utm_medium"` // default: social
	Domains []string `yaml:"domains"`    // only links to these domains need UTM
}

// SponsoredRules require the legal mention on paid posts.
type SponsoredRules struct {
	Mention  bool     `yaml:"mention"`
	Accepted []string `yaml:"accepted"` // default: Publicité, Collaboration commerciale
}

// MediaRules require alt text.
type MediaRules struct {
	AltRequired *bool `yaml:"alt_required"` // default true; false makes a missing alt a warning
	AltMin      int   `yaml:"alt_min"`      // minimum alt length in characters
}

// TypographyRules choose the French typography to enforce.
type TypographyRules struct {
	French bool   `yaml:"french"`
	Space  string `yaml:"space"` // narrow (U+202F) | nbsp (U+00A0) before ; ! ? and inside « »
	Quebec bool   `yaml:"quebec"`
}

// ScheduleRules constrain the calendar.
type ScheduleRules struct {
	Hours string   `yaml:"hours"` // "08:00-21:00"
	Days  []string `yaml:"days"`  // mon, tue…; empty: every day
	// Slots are the times of day the publish workflow runs ("09:00",
	// "12:30"): a post goes out at the first slot at or after its
	// publish_at. Empty: every half hour inside the posting hours.
	Slots     []string   `yaml:"slots"`
	MaxPerDay int        `yaml:"max_per_day"`
	MinGap    string     `yaml:"min_gap"` // "2h", "90m"
	Blackouts []Blackout `yaml:"blackouts"`
}

// Blackout is a period when nothing goes out.
type Blackout struct {
	From   string `yaml:"from"`
	To     string `yaml:"to"`
	Reason string `yaml:"reason"`
}

// TermRule flags a word or phrase.
type TermRule struct {
	Term     string `yaml:"term"`
	Message  string `yaml:"message"`
	Severity string `yaml:"severity"`
}

// Substitution replaces a term with the brand's wording.
type Substitution struct {
	Term     string `yaml:"term"`
	Replace  string `yaml:"replace"`
	Message  string `yaml:"message"`
	Severity string `yaml:"severity"`
}

// CustomRule is a rule written in the charter: kind existence (pattern
// must not appear), occurrence (count within bounds), capitalization (brand
// name spelled exactly) or substitution.
type CustomRule struct {
	ID       string   `yaml:"id"`
	Kind     string   `yaml:"kind"`
	Pattern  string   `yaml:"pattern"`
	Tokens   []string `yaml:"tokens"`
	Replace  string   `yaml:"replace"`
	Min      int      `yaml:"min"`
	Max      int      `yaml:"max"`
	Message  string   `yaml:"message"`
	Severity string   `yaml:"severity"`
}
