package charte

import (
	"net/url"
	"strings"

	"github.com/crieur/crieur/linters/rule"
	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/render"
)

var utmKeys = []string{"utm_source", "utm_medium", "utm_campaign"}

// links checks that the links of the post carry utm_source, utm_medium
// and utm_campaign (links.utm), those to links.domains only when the
// charter names some. Any non-empty value is accepted, except a
// utm_campaign that is not the post's campaign. The fix fills in what is
// missing: utm_source is links.utm_source, else the network when the text
// goes to one network only (a variant, a one-channel post), else
// « crieur »; utm_medium is links.utm_medium, else « social »;
// utm_campaign is the post's campaign, and without one no fix is offered.
func (k *check) links() {
	if !k.ch.Links.UTM {
		return
	}
	receivers := map[[2]int][]string{}
	for _, ch := range k.p.Channels {
		for _, part := range allParts(k.p.TextFor(ch)) {
			receivers[partKey(part)] = append(receivers[partKey(part)], ch)
		}
	}
	for _, part := range rule.Parts(k.p) {
		for _, sp := range linkSpans(part.Source) {
			k.link(part, sp, receivers[partKey(part)])
		}
	}
}

func (k *check) link(part pipeline.Part, sp rule.Span, channels []string) {
	raw := part.Source[sp.Start:sp.End]
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || !k.wantsUTM(strings.ToLower(u.Hostname())) {
		return
	}
	host := u.Hostname()
	base, frag, hasFrag := strings.Cut(raw, "#")
	path, query, _ := strings.Cut(base, "?")
	var pairs []string
	for _, p := range strings.Split(query, "&") {
		if p != "" {
			pairs = append(pairs, p)
		}
	}
	value := func(key string) (string, int) {
		for i, p := range pairs {
			name, val, _ := strings.Cut(p, "=")
			if un, err := url.QueryUnescape(name); err == nil && un == key {
				uv, err := url.QueryUnescape(val)
				if err != nil {
					uv = val
				}
				return uv, i
			}
		}
		return "", -1
	}
	want := map[string]string{"utm_source": k.utmSource(channels), "utm_medium": k.ch.Links.Medium, "utm_campaign": k.p.Campaign}
	if want["utm_medium"] == "" {
		want["utm_medium"] = data.UTM.Medium
	}
	rebuild := func() string {
		s := path + "?" + strings.Join(pairs, "&")
		if hasFrag {
			s += "#" + frag
		}
		return s
	}
	var missing, params []string
	for _, key := range utmKeys {
		v, i := value(key)
		if v != "" {
			continue
		}
		missing = append(missing, key)
		w := want[key]
		if w == "" {
			w = "…"
		}
		param := key + "=" + url.QueryEscape(w)
		if w == "…" {
			param = key + "=…"
		}
		params = append(params, param)
		if i >= 0 {
			pairs[i] = param
		} else {
			pairs = append(pairs, param)
		}
	}
	if len(missing) > 0 {
		msg, hint := k.say("charte.links.utm", "host", host, "missing", strings.Join(missing, ", "), "params", strings.Join(params, "&"))
		var fix *string
		if k.p.Campaign == "" && contains(missing, "utm_campaign") {
			_, hint = k.say("charte.links.utm.nocampaign", "params", strings.Join(params, "&"))
		} else {
			fixed := rebuild()
			fix = &fixed
		}
		k.at(part, sp, "charte.links.utm", pipeline.Warning, msg, hint, fix)
		return
	}
	if have, i := value("utm_campaign"); k.p.Campaign != "" && have != k.p.Campaign {
		pairs[i] = "utm_campaign=" + url.QueryEscape(k.p.Campaign)
		fixed := rebuild()
		msg, hint := k.say("charte.links.utm.campaign", "host", host, "have", have, "campaign", k.p.Campaign)
		k.at(part, sp, "charte.links.utm", pipeline.Warning, msg, hint, &fixed)
	}
}

// wantsUTM reports whether links to host need UTM parameters: every link
// when links.domains is empty, else links to those domains and their
// subdomains.
func (k *check) wantsUTM(host string) bool {
	if len(k.ch.Links.Domains) == 0 {
		return true
	}
	for _, d := range k.ch.Links.Domains {
		d = strings.TrimPrefix(strings.ToLower(strings.TrimSpace(d)), "*.")
		if d != "" && (host == d || strings.HasSuffix(host, "."+d)) {
			return true
		}
	}
	return false
}

// utmSource is the utm_source the fix writes for a part that channels
// receive.
func (k *check) utmSource(channels []string) string {
	if s := k.ch.Links.Source; s != "" {
		return s
	}
	nets := map[string]bool{}
	for _, ch := range channels {
		nets[k.network(ch)] = true
	}
	if len(nets) == 1 {
		for n := range nets {
			return n
		}
	}
	return data.UTM.Source
}

// linkSpans finds the http(s) links of a Markdown source: bare URLs,
// autolinks <…> and the targets of [text](url), but not those in code or
// in an HTML comment. rule.Mask blanks every URL, so it cannot tell them
// apart; instead each URL is replaced with letters and the result masked:
// a URL whose letters survive is prose.
func linkSpans(src string) []rule.Span {
	var spans []rule.Span
	for _, u := range render.URLs(src) {
		st, en := u.Start, u.End
		if i := strings.IndexByte(src[st:en], '`'); i >= 0 {
			en = st + i // a backtick ends a code span, it is no part of a URL
		}
		// [https://a](https://b) is one run for render.URLs: cut it.
		for {
			i := strings.Index(src[st:en], "](")
			if i < 0 {
				break
			}
			spans = append(spans, rule.Span{Start: st, End: st + i})
			st += i + 2
		}
		if seg := src[st:en]; strings.HasSuffix(seg, ")") && strings.Count(seg, ")") > strings.Count(seg, "(") {
			en--
		}
		if en > st {
			spans = append(spans, rule.Span{Start: st, End: en})
		}
	}
	if len(spans) == 0 {
		return nil
	}
	if !strings.ContainsAny(src, "`<~") {
		return spans // no code, no comment, no HTML: every URL is prose
	}
	b := []byte(src)
	for _, sp := range spans {
		for i := sp.Start; i < sp.End; i++ {
			b[i] = 'a'
		}
		if sp.Start >= 2 && src[sp.Start-2:sp.Start] == "](" || sp.Start >= 1 && src[sp.Start-1] == '<' {
			b[sp.Start-1] = 'a' // a link target or an autolink, not HTML
		}
	}
	m := rule.Mask(string(b))
	out := spans[:0]
	for _, sp := range spans {
		if m[sp.Start] != ' ' {
			out = append(out, sp)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
