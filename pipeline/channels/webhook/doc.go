// Package webhook publishes to your own automation: it POSTs each
// publication as JSON to a URL you choose (a Zapier or Make "catch hook",
// an n8n Webhook node, an internal service), which does what it wants
// with it. This comment is the whole contract: read it to write a
// receiver.
//
// The signature scheme follows GitHub's "Validating webhook deliveries"
// (docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries);
// the Idempotency-Key header follows the IETF draft "The Idempotency-Key
// HTTP Header Field" (draft-ietf-httpapi-idempotency-key-header).
//
// # Configuration
//
//	channels:
//	  automation:
//	    type: webhook
//	    secrets:
//	      url: AUTOMATION_URL                 # where to POST; a secret, since such URLs often hold a token
//	      signing_secret: AUTOMATION_SECRET   # optional: sign every request (X-Crieur-Signature)
//	    options:
//	      url: ""                             # or here, when the URL is no secret; the secret wins
//	      media_base_url: ""                  # optional: public address of the repository's images
//	      retract_url: ""                     # optional: where to ask for a retraction
//	      find_url: ""                        # optional: where to ask whether a key went out
//
// retract_url and find_url may also be secrets of the same name; a secret
// wins over the option. None of these URLs nor the signing secret ever
// appears in an error or a receipt.
//
// # Publish: POST <url>
//
// Headers:
//
//	Content-Type: application/json
//	Idempotency-Key: <key>
//	X-Crieur-Signature: sha256=<hex>          (only with a signing_secret)
//	User-Agent: crieur
//
// Body (every field is always present; media is [] when there is none):
//
//	{
//	  "action": "publish",
//	  "key": "3f1c…",                          // the delivery's id: 64 hex characters, the same on every retry
//	  "post": "posts/2026/12/saison.md",       // the post's path in the repository
//	  "channel": "automation",                 // the channel's name in crieur.yml
//	  "lang": "fr",                            // the post's language (BCP 47), "" when unknown
//	  "parts": ["La saison commence…"],        // the text, as plain text; more than one for a thread
//	  "first_comment": "",                     // "" when none
//	  "media": [{
//	    "name": "media/affiche.jpg",           // the image's path in the repository
//	    "alt": "Affiche de la saison",         // its alt text
//	    "url": "https://…/media/affiche.jpg",  // media_base_url + "/" + name; absent without media_base_url
//	    "sha256": "9f86d0…",                   // hex SHA-256 of the file
//	    "bytes": 183204                        // its size
//	  }],
//	  "published_at": "2026-12-01T08:30:00Z"   // when crieur sent it (UTC, to the second)
//	}
//
// The images themselves are not sent: serve the repository's media
// somewhere public and set media_base_url, or fetch them by name.
//
// Answer with a 2xx status. The body may be JSON {"id": "…", "url": "…"}:
// the id (a string or a number) and address of what your automation
// created. They become the publication's id and URL in the post's front
// matter. Any other body (empty, "OK", HTML) is fine: the id is then the
// key. A 409 Conflict is read as "already received" and handled like a
// 2xx.
//
// The same key may arrive more than once: after a timeout or a 5xx, the
// publisher sends the delivery again, with the same key and body except
// published_at. Keep the keys you have handled and answer a repeated one
// with the same 2xx (or 409) and the same {"id", "url"}, without acting
// twice. A 429 or 5xx is retried on a later run (Retry-After is honoured);
// any other 4xx is final and shown to the user with your body's "error"
// or "message" field, or its text.
//
// # Signature
//
// With a signing_secret, every request carries X-Crieur-Signature:
// "sha256=" followed by the lowercase hex HMAC-SHA256 of the raw request
// body, keyed with the secret; for the find request, which has no body,
// of its raw query string ("key=3f1c…"). Compute it over the bytes you
// received, before parsing them, and compare in constant time:
//
//	mac := hmac.New(sha256.New, []byte(secret))
//	mac.Write(body)
//	want := "sha256=" + hex.EncodeToString(mac.Sum(nil))
//	ok := hmac.Equal([]byte(want), []byte(r.Header.Get("X-Crieur-Signature")))
//
// # Retract: POST <retract_url>
//
// When retract_url is set, taking a publication down POSTs, with the same
// headers but no Idempotency-Key:
//
//	{"action": "retract", "key": "3f1c…", "id": "<the id you answered>"}
//
// Answer 2xx when done; 404 or 410 when it is already gone (not an error
// for crieur). Without retract_url, retracting fails with a message that
// names the option. crieur keeps the key in the publication's parts
// (Receipt.Parts) when your id differs from it, so that the retraction can
// send both.
//
// # Find: GET <find_url>?key=<key>
//
// When find_url is set, a run that was interrupted between sending and
// recording asks whether the key went out: answer 200 with {"id", "url"}
// (or an empty body: the id is then the key) when you have it, 404 when
// you do not. Other answers stop the recovery and are shown to the user.
// Without find_url the publisher cannot ask: CanFind reports it, so that
// cmd/crieur hands out the client as a pipeline.Finder only when it can
// answer; Find then fails with a message naming the option.
//
// Rule of the room: imports pipeline and pipeline/channels/internal/...,
// besides the standard library; never another adapter.
// internal/archtest checks the imports.
package webhook
