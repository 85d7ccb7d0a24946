// Package bluesky publishes to a Bluesky account, or to any AT Protocol
// PDS serving app.bsky.feed.post records.
//
// It follows:
//   - the AT Protocol specs (atproto.com/specs): Record Key (type tid) and
//     TID syntax, AT URI, XRPC (error bodies {"error", "message"});
//   - the lexicons of bluesky-social/atproto: com.atproto.server.createSession
//     and refreshSession, com.atproto.repo.createRecord, getRecord,
//     deleteRecord and uploadBlob, com.atproto.identity.resolveHandle,
//     app.bsky.feed.post, app.bsky.richtext.facet, app.bsky.embed.images,
//     app.bsky.embed.external, app.bsky.embed.defs#aspectRatio;
//     for metrics app.bsky.feed.getPosts and app.bsky.feed.defs#postView,
//     com.atproto.sync.listRepos, com.atproto.repo.listRecords,
//     app.bsky.feed.like, app.bsky.feed.repost, app.bsky.embed.record and
//     app.bsky.embed.recordWithMedia;
//   - atproto.com/specs/xrpc, "Service Proxying": the atproto-proxy header
//     (a service DID, #, a service id) by which the PDS forwards a request;
//   - docs.bsky.app: "Creating a post" and "Links, mentions, and rich text"
//     (facets in UTF-8 byte offsets, end exclusive; link cards built by the
//     client), "Rate limits" (ratelimit-reset, in Unix seconds).
//
// # Configuration
//
//	channels:
//	  bluesky:
//	    type: bluesky
//	    secrets:
//	      app_password: BLUESKY_APP_PASSWORD  # environment variable holding an app password (xxxx-xxxx-xxxx-xxxx)
//	    options:
//	      handle: crieur.bsky.social     # required: the account's handle (or another createSession identifier)
//	      service: https://bsky.social   # the PDS or entryway (default https://bsky.social; tests point it at a local PDS)
//	      link_cards: true               # build an app.bsky.embed.external card for a post's first link (default true)
//	      app_url: https://bsky.app      # where Receipt.URL points (default https://bsky.app)
//	      appview: did:web:api.bsky.app#bsky_appview  # where Measure reads counters: a service the PDS proxies to (the default), or an AppView's URL
//
// # Session
//
// One createSession per Client, on its first request; when the PDS answers
// ExpiredToken the access token is renewed with refreshSession (a new
// createSession only when the refresh token is refused too), never a login
// per post (createSession is rate-limited to 30 per 5 minutes).
//
// # Publishing
//
// Each part, and the first comment, is an app.bsky.feed.post record with
// text, createdAt, langs (the message's language) and facets: links
// (http:// and https:// URLs as written, and bare domains under a common
// top-level domain, given https://), mentions (@handle resolved to a DID
// with resolveHandle; a handle that does not resolve gets no facet) and
// hashtags (#tag after a space or at the start; trailing punctuation is not
// part of the tag, a tag of digits only is none, at most 64 characters).
// The first part carries the images (at most 4, each ≤ 2,000,000 bytes,
// uploaded with uploadBlob, with their alt text and their aspect ratio read
// from the file's header). A record without images whose text has a link
// gets a link card for the first link, built from the page's og:title,
// og:description and og:image (fetched with a short timeout; the URL is the
// title when the page cannot be read: a card never fails a post). Parts of
// a thread reply to the one before (reply.root is the first part), the
// first comment replies to the first part.
//
// # Exactly once
//
// Every record has a record key derived from the message's key and its
// index (0 for the first part, i for part i, len(Parts) for the first
// comment): a TID, 13 characters of the base32-sortable alphabet
// 234567abcdefghijklmnopqrstuvwxyz encoding 64 bits, the top one 0, then a
// 53-bit microsecond timestamp, then a 10-bit clock id. The timestamp is
// 2^50 plus the first 50 bits of SHA-256(key), a time between 2005 and
// 2041, and the clock id is the index. So the same message always gets the
// same record keys, and two messages practically never share one.
// Publish looks each record up (getRecord) before creating it and skips
// the ones already out; a createRecord that fails (@atproto/pds answers a
// record key in use with a bare 500 InternalServerError, "There is already
// a value at key" in its code) is followed by a getRecord that takes the
// record when it is there. A second Publish of a
// message therefore never duplicates a record and completes a partial
// thread. Find reports a message found when all its records exist, so
// that the publisher sends a partial one again and Publish completes it.
// A record already out is kept as it is, even if the message's text has
// changed since.
//
// # Metrics
//
// Measure reads likes, reposts, replies and quotes (and bookmarks, as
// saves, where the AppView gives them) with app.bsky.feed.getPosts, 25
// posts a call, asked of the PDS, which forwards it to the AppView named
// by appview. A PDS without AppView (self-hosted, the test PDS) says so,
// and Measure then counts the likes, reposts, replies and quotes found in
// the PDS's own repositories, at most 1000 of them (see Measure and
// countOnPDS).
//
// Rule of the room: imports pipeline and pipeline/channels/internal/...,
// besides the standard library; never another adapter.
// internal/archtest checks the imports.
package bluesky
