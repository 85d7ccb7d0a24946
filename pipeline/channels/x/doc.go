// Package x publishes to an X (Twitter) account through the X API v2.
//
// It follows the X developer documentation (docs.x.com, the
// xdevplatform/docs repository and its openapi.json):
//   - x-api/posts/create-post: POST /2/tweets {text, media{media_ids},
//     reply{in_reply_to_tweet_id}}, answered 201 {data{id, text}};
//   - x-api/posts/delete-post: DELETE /2/tweets/:id → {data{deleted}};
//   - x-api/media/upload-media: POST /2/media/upload, the simple
//     (non-chunked) upload, multipart fields media (the bytes) and
//     media_category (tweet_image, tweet_gif) → {data{id, media_key}};
//     images up to 5 MB, animated GIFs up to 15 MB, 4 photos a post
//     (x-api/media/introduction, quickstart/best-practices);
//   - x-api/media/create-media-metadata: POST /2/media/metadata
//     {id, metadata{alt_text{text}}}, alt text of at most 1000 characters;
//   - x-api/users/get-my-user: GET /2/users/me → {data{id, username}};
//   - x-api/users/get-posts (timelines): GET /2/users/:id/tweets with
//     max_results, start_time, pagination_token, exclude, tweet.fields;
//     fundamentals/data-dictionary and conversation-id: the fields
//     created_at, referenced_tweets (type replied_to) and note_tweet (the
//     whole text of a long post);
//   - x-api/posts/get-posts-by-ids (openapi.json getPostsByIds) and
//     posts/lookup/integrate: GET /2/tweets?ids= (1 to 100 ids, comma
//     separated) with tweet.fields; a deleted post is left out of data and
//     named in the errors array (resource-not-found), with status 200; an
//     edited post answers with its latest version and its
//     edit_history_tweet_ids; fundamentals/metrics and data-dictionary:
//     public_metrics {retweet_count, reply_count, like_count, quote_count,
//     bookmark_count, impression_count}, for any post and any
//     authentication (non_public_metrics, with link clicks, only for the
//     last 30 days: not read);
//   - x-api/fundamentals/rate-limits and response-codes-and-errors:
//     x-rate-limit-limit, -remaining, -reset (Unix seconds), problem
//     bodies {title, detail, type, status}; 403 "You are not allowed to
//     create a Tweet with duplicate content." for a repeated text;
//   - fundamentals/authentication/oauth-1-0a (creating-a-signature,
//     authorizing-a-request, percent-encoding-parameters) and RFC 5849:
//     every request is signed with OAuth 1.0a HMAC-SHA1 in user context.
//     The signature base string takes the method, the base URI and the
//     query parameters (and the body's, for a form-encoded body only: a
//     JSON or multipart body is not signed). The signing is written here
//     (oauth.go) and tested against the documentation's worked examples.
//
// # Configuration
//
//	channels:
//	  x:
//	    type: x
//	    secrets:   # the app's keys and the account's access token, from the developer console
//	      consumer_key: X_CONSUMER_KEY               # "API Key"
//	      consumer_secret: X_CONSUMER_SECRET         # "API Key Secret"
//	      access_token: X_ACCESS_TOKEN
//	      access_token_secret: X_ACCESS_TOKEN_SECRET
//	    options:
//	      username: crieur_app      # optional: the account's @name for receipt URLs; looked up with GET /2/users/me when empty
//	      user_id: "1234567890"     # optional: the account's id; looked up with GET /2/users/me when empty
//	      find_within: 12h          # how far back a look-up for posts already out goes (default 12h)
//	      api: https://api.x.com    # the API's base URL (default; tests point it at a local server)
//
// The app needs "Read and write" permission; an access token generated
// before that permission was set stays read-only: generate it again.
//
// # Publishing
//
// The first part carries the images (at most 4; each uploaded, then given
// its alt text). Each further part replies to the part before it
// (reply.in_reply_to_tweet_id), and the first comment replies to the
// first part. X expands links itself (t.co) and needs no facets; a URL in
// the text is shown with X's own card. The message's language is not
// sent: POST /2/tweets has no language field (X detects it).
//
// A receipt's URL is https://x.com/<username>/status/<id>; its time is
// the one X wrote into the post's id (a Snowflake id holds its creation
// time in milliseconds since 2010-11-04 01:42:54.657 UTC).
//
// # Exactly once
//
// X takes no idempotency key. What it does is refuse a post whose text
// repeats a recent post of the account (403 duplicate content). Publish
// relies on that: when a part is refused as a duplicate, it looks through
// the account's posts of the last find_within (GET /2/users/:id/tweets,
// replies included, at most 5 pages of 100) for the parts of the message
// and goes on from there: a part found there, replying to the part before
// it, is not sent again. So calling Publish again after a thread that
// stopped half-way sends only the missing parts, and after a complete one
// sends nothing and returns its receipt.
//
// Find does the same look-up and reports a delivery found only when all
// of it is out (every part in its reply chain, and the first comment), so
// that the publisher sends a partial one again and Publish completes it.
// A post matches a part when their texts are equal once HTML entities are
// unescaped (the API returns & < > as &amp; &lt; &gt;), white space is
// collapsed and links are removed from both (X replaces each URL with a
// t.co link): the words around the links must be the same.
//
// What this cannot see: a post older than find_within or beyond the 500
// newest posts of the account; a part made of links only (nothing is left
// to compare); the same text sent again later (a
// recurring post): keep find_within shorter than the shortest
// recurrence; and a repeated text that X accepts instead of refusing it
// (its duplicate check is not documented to last any given time): then
// the post goes out twice.
//
// Reads cost money on pay-per-use plans: the look-up only happens when X
// refuses a duplicate or when the publisher asks Find after a run that
// may have sent the post.
//
// # Engagement
//
// Measure (pipeline.Meter) reads the public metrics of the posts whose
// ids Publish returned, 100 a request: GET
// /2/tweets?ids=…&tweet.fields=public_metrics, signed with OAuth 1.0a like
// every call (the query is part of the signature base string). like_count
// is Likes, retweet_count Reposts, reply_count Replies, quote_count
// Quotes, bookmark_count Saves and impression_count Impressions; a count
// the answer leaves out stays out. Clicks are not read: they are
// non-public metrics, kept 30 days only. A post deleted on x.com is left
// out. The limit is 5,000 requests per 15 minutes per user; on a 429 the
// readings made before come back with a temporary failure that waits for
// x-rate-limit-reset. The access token needs read permission only (any
// app permission reads); reads cost money on pay-per-use plans.
//
// # Retracting
//
// Retract deletes the first comment and the thread's parts, last first,
// then the first part (DELETE /2/tweets/:id, 50 per 15 minutes). A post
// already gone (404) is not an error.
//
// Rule of the room: imports pipeline and pipeline/channels/internal/...,
// besides the standard library; never another adapter.
// internal/archtest checks the imports.
package x
