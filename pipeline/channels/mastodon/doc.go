// Package mastodon publishes to a Mastodon account, or to any server with
// the Mastodon client API (GoToSocial, Pleroma/Akkoma…).
//
// It follows the Mastodon documentation (docs.joinmastodon.org):
//   - methods/statuses: POST /api/v1/statuses (form fields status,
//     media_ids[], visibility, language, in_reply_to_id; header
//     Idempotency-Key), GET /api/v1/statuses/:id (also for the counters of
//     Measure), DELETE /api/v1/statuses/:id;
//   - methods/media: POST /api/v2/media (multipart file and description,
//     the alt text; 200 when processed, 202 while processing) and
//     GET /api/v1/media/:id (206 until processed, then url is set);
//   - methods/accounts: GET /api/v1/accounts/verify_credentials and
//     GET /api/v1/accounts/:id/statuses (limit, exclude_replies, max_id);
//   - api/rate-limits: 429 with X-RateLimit-Reset (an ISO 8601 time);
//   - api/guidelines#pagination: newer-first pages walked with max_id.
//
// # Configuration
//
//	channels:
//	  mastodon:
//	    type: mastodon
//	    secrets:
//	      token: MSTDN_TOKEN  # environment variable holding the access token (scopes read write)
//	    options:
//	      server: https://mastodon.social  # required: the server's base URL (also points tests at a local server)
//	      visibility: public               # public (default), unlisted, private or direct
//	      find_within: 12h                 # how far back Find and Publish look for posts already out (default 12h)
//
// # Publishing
//
// The first part carries the images (at most 4, each uploaded with its alt
// text as description). Each further part of a thread replies to the one
// before it, and the first comment replies to the first part; all use the
// channel's visibility and the message's language (its primary subtag:
// "fr-CA" is sent as "fr", ISO 639-1 as the API asks).
//
// # Exactly once
//
// Every POST /api/v1/statuses carries an Idempotency-Key derived from the
// message's key (the key itself for the first part, key-p<i> for part i,
// key-comment for the first comment): Mastodon keeps it about an hour and
// answers a repeated request with the status it already made. Some servers
// ignore the header (GoToSocial does), so the adapter does not rest on it:
// before sending, Publish looks through the account's own statuses of the
// last find_within (GET verify_credentials, then the account's statuses,
// replies included) for the message's parts, comparing each status's
// content with the part's text by letters and digits only (tags stripped,
// entities unescaped, URL schemes and the @domain of mentions dropped) so
// that the server's link, hashtag and mention markup does not matter. A
// part found there, replying to the part before it, is not sent again:
// calling Publish again after a partial thread sends only the missing
// parts, and after a complete one sends nothing and returns the receipt.
// Find does the same look-up and reports a delivery found only when all of
// it is out, so that the publisher sends a partial one again (and Publish
// completes it).
//
// What this cannot see: a post older than find_within (the same text sent
// again later, as a recurring post does, is a new post: keep find_within
// shorter than the shortest recurrence) or beyond the 200 newest statuses
// of the account, a status whose text the server rewrote beyond markup, a
// status without text (images only), and statuses the server leaves out of
// the account's list (direct messages on some servers). For those, only
// Idempotency-Key protects, where the server honours it.
//
// # Metrics
//
// Measure reads each status's public counters with GET
// /api/v1/statuses/:id: favourites_count (likes), reblogs_count (reposts)
// and replies_count (replies). The API has no impressions or clicks. A
// status deleted since is left out; a rate limit stops the reading and
// returns what was read (see Measure).
//
// Rule of the room: imports pipeline and pipeline/channels/internal/...,
// besides the standard library; never another adapter.
// internal/archtest checks the imports.
package mastodon
