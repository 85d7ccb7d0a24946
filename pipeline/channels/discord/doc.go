// Package discord publishes to a Discord channel through a webhook.
//
// It follows Discord's developer documentation
// (https://discord.com/developers/docs): "Execute Webhook", "Get Webhook
// with Token" and "Delete Webhook Message" (resources/webhook), "Uploading
// Files" and "Error Messages" (reference), the Attachment Request
// Structure and the Allowed Mentions Object (resources/message), "Rate
// Limits" (topics/rate-limits) and the JSON error codes
// (topics/opcodes-and-status-codes).
//
// # Configuration
//
//	channels:
//	  discord:
//	    type: discord
//	    secrets:
//	      webhook_url: DISCORD_WEBHOOK_URL   # https://discord.com/api/webhooks/<id>/<token>
//	    options:
//	      thread_id: ""                      # a thread of the webhook's channel; required for a forum channel
//
// The webhook URL is the secret: whoever has it can post. It never
// appears in an error, a receipt or a URL this package returns. It also
// serves as the API base: a test points it at a local server.
//
// # What is sent
//
// Every request asks ?wait=true, so that Discord confirms the message and
// returns it; without it a message that is not saved fails silently.
//
// The first message carries the first part as content and the images as
// files[n] of a multipart/form-data body, with payload_json; each image's
// alt text is its attachments[n].description (at most 1024 characters).
// Every message sets allowed_mentions to {"parse": []}: an @everyone,
// @here, role or user mention written in a post shows as text and pings
// nobody.
//
// Webhooks cannot reply to a message, so a thread (more than one part; the
// publisher usually joins them, since Discord has no threads of replies)
// goes out as consecutive messages, and the first comment as one more
// message after them. The 2000-character limit of content is checked by
// the lint, not here.
//
// Between two messages the package respects the rate-limit headers: when
// X-RateLimit-Remaining says 0, it waits X-RateLimit-Reset-After seconds
// (at most 30) before the next request.
//
// # Receipt
//
// Receipt.ID is the first message's id; Receipt.Parts the ids of the
// following messages in order. Receipt.URL is the message's link,
// https://discord.com/channels/<guild>/<channel>/<message>, built with the
// guild id that Get Webhook with Token gives (asked once, after the first
// message; left empty when that question fails). The link opens for
// members of the server only. Receipt.At is the message's timestamp.
//
// # Failures
//
// Answers are classified by httpapi.Client. A 429's wait comes from
// the body's retry_after (seconds, with decimals), else Retry-After or
// X-RateLimit-Reset-After. Invalid Form Body errors (50035) name the
// field and Discord's words ("content: Must be 2000 or fewer in length.").
// Unknown Webhook (10015) and Invalid Webhook Token (50027) say to create
// a new webhook; a forum channel without thread_id (220001) says to set
// the option.
//
// Webhooks take no idempotency key and cannot list a channel's messages,
// so this package is no pipeline.Finder: sending the same Key twice posts
// twice. A failure after the first message went out is marked MaybeSent,
// and Temporary whatever the status, so that the publisher asks before
// sending again instead of repeating the first messages on a later run:
// with no Finder, it leaves the post to a human, and the error's hint
// names the messages already out. A run interrupted between the send and
// the record is left for a human to check in the channel, as the
// publisher says.
//
// Retract deletes each message of the receipt with Delete Webhook Message;
// a message already gone (404, Unknown Message) is not an error.
//
// Rule of the room: imports pipeline and pipeline/channels/internal/...,
// besides the standard library; never another adapter.
// internal/archtest checks the imports.
package discord
