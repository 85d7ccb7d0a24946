// Package slack publishes to a Slack channel through an incoming webhook.
//
// It follows Slack's documentation: "Sending messages using incoming
// webhooks" (https://api.slack.com/messaging/webhooks, and its section
// "Handling errors"), "Improving error conditions for Incoming Webhooks"
// (api.slack.com/changelog/2016-05-17-changes-to-errors-for-incoming-webhooks:
// plain-text errors with 400, 403, 404, 410 and 500), "Formatting text
// for app surfaces" (api.slack.com/reference/surfaces/formatting, section
// "Escaping text": only &, < and >), the Block Kit reference of the image
// and section blocks (api.slack.com/reference/block-kit/blocks), and
// "Rate limits" (api.slack.com/docs/rate-limits: 429 with Retry-After).
//
// # Configuration
//
//	channels:
//	  slack:
//	    type: slack
//	    secrets:
//	      webhook_url: SLACK_WEBHOOK_URL   # https://hooks.slack.com/services/T…/B…/…
//	    options:
//	      media_base_url: ""               # where the repository's images are served, for image blocks
//
// The webhook URL is the secret: whoever has it can post. It never
// appears in an error, a receipt or a URL this package returns. It also
// serves as the API base: a test points it at a local server.
//
// # What is sent
//
// Each message is {"text": …} in mrkdwn. The text is escaped as "Escaping
// text" says, & < > to &amp; &lt; &gt;, and nothing else: Slack has no
// escape for * _ ~ `, so a post's asterisks may show as bold. Slack turns
// bare URLs into links itself. Escaping < also keeps a post from writing
// <!channel> or <!here>: nobody is notified by accident.
//
// An incoming webhook cannot upload a file. When the post has images and
// the option media_base_url is set, the first message carries blocks: the
// text in section blocks (3000 characters each) followed by one image
// block per image, image_url = media_base_url + "/" + the image's path in
// the repository, alt_text = its alt text (an image without one gets its
// file name, since Slack requires alt_text). Slack fetches the images from
// those URLs: they must be public when the post goes out. The text also
// stays in "text", which Slack shows in notifications. Without
// media_base_url, a post with images is refused before anything is sent
// (a permanent failure whose hint names the option). pipeline's table of
// networks gives Slack up to 10 images (image blocks): the publisher
// passes a post's images on to this package.
//
// Webhooks cannot reply in a thread, so more than one part (the publisher
// usually joins them) goes out as consecutive messages, and the first
// comment as one more message.
//
// # Receipt
//
// Slack answers "ok" and nothing else: no id, no address, no time.
// Receipt.ID is derived from the delivery's key, "slack-" and its first 16
// characters, stable across retries; Receipt.URL is empty and Receipt.At
// is left for the publisher to fill.
//
// # Failures
//
// Answers are classified by httpapi.Client; the error is Slack's own
// word (invalid_payload, no_text, channel_is_archived…), with a hint for
// the ones a user can fix: a revoked webhook (invalid_token, no_service,
// no_team, team_disabled), an archived channel, a posting restriction.
//
// This package is neither a pipeline.Finder nor a pipeline.Retracter: an
// incoming webhook cannot read a channel nor delete a message. A webhook
// takes no idempotency key, so sending the same Key twice posts twice; a
// failure after a first message went out is marked MaybeSent, and
// Temporary whatever the status, so that the publisher leaves the post to
// a human instead of repeating the first messages on a later run; a run
// interrupted between the send and the record is left for a human to
// check in the channel too, as the publisher says.
//
// Rule of the room: imports pipeline and pipeline/channels/internal/...,
// besides the standard library; never another adapter.
// internal/archtest checks the imports.
package slack
