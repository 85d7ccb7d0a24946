package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/crieur/crieur/internal/faultproxy"
	"github.com/crieur/crieur/internal/services"
	"github.com/crieur/crieur/linters/spelling"
)

// The real servers (scripts/services.sh) for the scripts that publish to
// them: GoToSocial for Mastodon, a PDS for Bluesky. Each script gets the
// addresses, credentials and a fault-injection proxy in front of each
// server; [services] is false when they are not running, and an error
// when CRIEUR_REQUIRE_SERVICES=1 (CI), so that these scripts never pass
// by not running.

const proxiesKey = "proxies"

func servicesEnv() (services.Env, error) {
	path := os.Getenv("CRIEUR_SERVICES")
	if path == "" {
		return nil, fmt.Errorf("CRIEUR_SERVICES is not set")
	}
	return services.Read(path)
}

func servicesCondition(cond string) (bool, error) {
	if cond == "libhunspell" {
		// The build checks spelling with libhunspell (-tags hunspell,
		// as scripts/test.sh and the Linux release build): a script
		// whose expectations are Hunspell's answers says [libhunspell].
		return strings.HasPrefix(spelling.Engine, "libhunspell"), nil
	}
	if cond != "services" {
		return false, fmt.Errorf("unknown condition %q", cond)
	}
	_, err := servicesEnv()
	if err != nil && os.Getenv("CRIEUR_REQUIRE_SERVICES") == "1" {
		return false, fmt.Errorf("the real servers are required (CRIEUR_REQUIRE_SERVICES=1) and not running: %v", err)
	}
	return err == nil, nil
}

// setupServices gives a script the servers' env and starts its proxies.
func setupServices(env *testscript.Env) error {
	se, err := servicesEnv()
	if err != nil {
		return nil // the [services] condition says it
	}
	proxies := map[string]*faultproxy.Proxy{}
	for name, upstream := range map[string]string{"gts": se["GTS_URL"], "pds": se["PDS_URL"]} {
		p, err := faultproxy.Start(upstream)
		if err != nil {
			return err
		}
		env.Defer(p.Close)
		proxies[name] = p
	}
	env.Values[proxiesKey] = proxies
	for k, v := range map[string]string{
		"GTS_URL": se["GTS_URL"], "GTS_PROXY": proxies["gts"].URL, "GTS_TOKEN": se["GTS_ALICE_TOKEN"], "GTS_BOB_TOKEN": se["GTS_BOB_TOKEN"],
		"PDS_URL": se["PDS_URL"], "PDS_PROXY": proxies["pds"].URL, "PDS_HANDLE": se["PDS_ALICE_HANDLE"],
		"PDS_PASSWORD": se["PDS_ALICE_PASSWORD"], "PDS_DID": se["PDS_ALICE_DID"],
		// A word unique to this script run, to find its posts on servers shared by every script.
		"RUN": strconv.FormatInt(time.Now().UnixNano(), 36),
	} {
		env.Setenv(k, v)
	}
	return nil
}

var serviceCmds = map[string]func(ts *testscript.TestScript, neg bool, args []string){
	// fault gts|pds METHOD PATH KIND [ARGS] TIMES: break the next requests;
	// fault gts|pds reset: stop breaking them.
	"fault": func(ts *testscript.TestScript, neg bool, args []string) {
		p := proxy(ts, args)
		if len(args) == 2 && args[1] == "reset" {
			p.Reset()
			return
		}
		r, err := faultproxy.ParseRule(args[1:])
		ts.Check(err)
		p.Add(r)
	},
	// seen gts|pds METHOD PATH N: the proxy saw N such requests.
	"seen": func(ts *testscript.TestScript, neg bool, args []string) {
		if len(args) != 4 {
			ts.Fatalf("usage: seen gts|pds METHOD PATH N")
		}
		n, err := strconv.Atoi(args[3])
		ts.Check(err)
		if got := proxy(ts, args).Seen(args[1], args[2]); (got == n) == neg {
			ts.Fatalf("%s %s %s: seen %d, want %d", args[0], args[1], args[2], got, n)
		}
	},
	// engage gts|pds TEXT: bob likes, reposts, replies to (and on the PDS
	// quotes) alice's post holding TEXT.
	"engage": func(ts *testscript.TestScript, neg bool, args []string) {
		if len(args) != 2 {
			ts.Fatalf("usage: engage gts|pds TEXT")
		}
		engage(ts, args[0], args[1])
	},
	// posts gts|gts-bob|pds TEXT N: the account has N posts whose text holds TEXT.
	"posts": func(ts *testscript.TestScript, neg bool, args []string) {
		if len(args) != 3 {
			ts.Fatalf("usage: posts gts|gts-bob|pds TEXT N")
		}
		n, err := strconv.Atoi(args[2])
		ts.Check(err)
		texts := remoteTexts(ts, args[0])
		got := 0
		for _, t := range texts {
			if strings.Contains(t, args[1]) {
				got++
			}
		}
		if (got == n) == neg {
			ts.Fatalf("%s: %d posts hold %q, want %d (of %d)", args[0], got, args[1], n, len(texts))
		}
	},
}

// engage likes, reposts and replies to (on the PDS also quotes) alice's
// post holding TEXT, as bob, straight through the server's API: the
// engagement crieur metrics must then read.
func engage(ts *testscript.TestScript, server, text string) {
	se, err := servicesEnv()
	ts.Check(err)
	call := func(method, u, auth string, body any, out any) {
		var rd io.Reader
		if body != nil {
			b, _ := json.Marshal(body)
			rd = strings.NewReader(string(b))
		}
		req, _ := http.NewRequest(method, u, rd)
		if auth != "" {
			req.Header.Set("Authorization", "Bearer "+auth)
		}
		if body != nil {
			req.Header.Set("Content-Type", "application/json")
		}
		res, err := http.DefaultClient.Do(req)
		ts.Check(err)
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		if res.StatusCode != 200 {
			ts.Fatalf("%s %s: %d %s", method, u, res.StatusCode, b)
		}
		if out != nil {
			ts.Check(json.Unmarshal(b, out))
		}
	}
	switch server {
	case "gts":
		base, alice, bob := se["GTS_URL"], se["GTS_ALICE_TOKEN"], se["GTS_BOB_TOKEN"]
		var me struct{ ID string }
		call("GET", base+"/api/v1/accounts/verify_credentials", alice, nil, &me)
		var sts []struct{ ID, Content string }
		call("GET", base+"/api/v1/accounts/"+me.ID+"/statuses?limit=40", alice, nil, &sts)
		for _, st := range sts {
			if !strings.Contains(st.Content, text) {
				continue
			}
			call("POST", base+"/api/v1/statuses/"+st.ID+"/favourite", bob, nil, nil)
			call("POST", base+"/api/v1/statuses/"+st.ID+"/reblog", bob, nil, nil)
			call("POST", base+"/api/v1/statuses", bob, map[string]string{"status": "Bravo !", "in_reply_to_id": st.ID}, nil)
			return
		}
	case "pds":
		base := se["PDS_URL"] + "/xrpc/"
		// Record keys come from the delivery, not the clock: the post
		// can be anywhere in the list, read it all.
		var records []struct {
			URI, CID string
			Value    struct{ Text string }
		}
		for cursor := ""; ; {
			var page struct {
				Cursor  string
				Records []struct {
					URI, CID string
					Value    struct{ Text string }
				}
			}
			call("GET", base+"com.atproto.repo.listRecords?collection=app.bsky.feed.post&limit=100&repo="+url.QueryEscape(se["PDS_ALICE_DID"])+"&cursor="+url.QueryEscape(cursor), "", nil, &page)
			for _, r := range page.Records {
				records = append(records, struct {
					URI, CID string
					Value    struct{ Text string }
				}(r))
			}
			if page.Cursor == "" || len(page.Records) == 0 {
				break
			}
			cursor = page.Cursor
		}
		var s struct{ AccessJwt, Did string }
		call("POST", base+"com.atproto.server.createSession", "", map[string]string{"identifier": se["PDS_BOB_HANDLE"], "password": se["PDS_BOB_PASSWORD"]}, &s)
		for _, r := range records {
			if !strings.Contains(r.Value.Text, text) {
				continue
			}
			now := time.Now().UTC().Format(time.RFC3339)
			ref := map[string]string{"uri": r.URI, "cid": r.CID}
			for coll, rec := range map[string]map[string]any{
				"app.bsky.feed.like":   {"$type": "app.bsky.feed.like", "subject": ref, "createdAt": now},
				"app.bsky.feed.repost": {"$type": "app.bsky.feed.repost", "subject": ref, "createdAt": now},
			} {
				call("POST", base+"com.atproto.repo.createRecord", s.AccessJwt, map[string]any{"repo": s.Did, "collection": coll, "record": rec}, nil)
			}
			call("POST", base+"com.atproto.repo.createRecord", s.AccessJwt, map[string]any{"repo": s.Did, "collection": "app.bsky.feed.post",
				"record": map[string]any{"$type": "app.bsky.feed.post", "text": "Bravo !", "createdAt": now, "reply": map[string]any{"root": ref, "parent": ref}}}, nil)
			call("POST", base+"com.atproto.repo.createRecord", s.AccessJwt, map[string]any{"repo": s.Did, "collection": "app.bsky.feed.post",
				"record": map[string]any{"$type": "app.bsky.feed.post", "text": "À lire", "createdAt": now, "embed": map[string]any{"$type": "app.bsky.embed.record", "record": ref}}}, nil)
			return
		}
	default:
		ts.Fatalf("usage: engage gts|pds TEXT")
	}
	ts.Fatalf("%s: no post of alice holds %q", server, text)
}

func proxy(ts *testscript.TestScript, args []string) *faultproxy.Proxy {
	ps, _ := ts.Value(proxiesKey).(map[string]*faultproxy.Proxy)
	if len(args) == 0 || ps[args[0]] == nil {
		ts.Fatalf("no proxy %q (gts or pds; are the servers running?)", strings.Join(args, " "))
	}
	return ps[args[0]]
}

// remoteTexts reads the test account's recent posts straight from the
// server, not through crieur: what is really there.
func remoteTexts(ts *testscript.TestScript, server string) []string {
	get := func(u, auth string, out any) {
		req, _ := http.NewRequest("GET", u, nil)
		if auth != "" {
			req.Header.Set("Authorization", "Bearer "+auth)
		}
		res, err := http.DefaultClient.Do(req)
		ts.Check(err)
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		if res.StatusCode != 200 {
			ts.Fatalf("GET %s: %d %s", u, res.StatusCode, b)
		}
		ts.Check(json.Unmarshal(b, out))
	}
	var texts []string
	switch server {
	case "gts", "gts-bob":
		base, tok := ts.Getenv("GTS_URL"), ts.Getenv("GTS_TOKEN")
		if server == "gts-bob" {
			tok = ts.Getenv("GTS_BOB_TOKEN")
		}
		var me struct{ ID string }
		get(base+"/api/v1/accounts/verify_credentials", tok, &me)
		var sts []struct{ Content string }
		get(base+"/api/v1/accounts/"+me.ID+"/statuses?limit=40", tok, &sts)
		for _, s := range sts {
			texts = append(texts, s.Content)
		}
	case "pds":
		// Record keys come from the deliveries, not the clock: read the
		// whole list, page by page.
		for cursor := ""; ; {
			var page struct {
				Cursor  string
				Records []struct {
					Value struct{ Text string }
				}
			}
			get(ts.Getenv("PDS_URL")+"/xrpc/com.atproto.repo.listRecords?collection=app.bsky.feed.post&limit=100&repo="+url.QueryEscape(ts.Getenv("PDS_DID"))+"&cursor="+url.QueryEscape(cursor), "", &page)
			for _, r := range page.Records {
				texts = append(texts, r.Value.Text)
			}
			if page.Cursor == "" || len(page.Records) == 0 {
				break
			}
			cursor = page.Cursor
		}
	default:
		ts.Fatalf("unknown server %q", server)
	}
	return texts
}
