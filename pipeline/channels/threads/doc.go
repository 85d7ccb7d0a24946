// Package threads publishes to a Threads profile through the Threads API.
//
// It follows these pages of developers.facebook.com:
//
//   - Threads, "Posts" (docs/threads/posts): a post is a media container
//     made with POST /{threads-user-id}/threads (media_type TEXT, IMAGE or
//     CAROUSEL; text, image_url, is_carousel_item, children), then published
//     with POST /{threads-user-id}/threads_publish (creation_id); a carousel
//     holds 2 to 20 items; text posts are limited to 500 characters, emojis
//     counted by their UTF-8 bytes (the lint counts, not this adapter).
//     Threads fetches images from their URL, "so it must be on a public
//     server".
//   - "Accessibility" (docs/threads/posts/accessibility): alt_text on image
//     (and video) containers, not on text-only posts.
//   - "Reply Management" and "Create Replies"
//     (docs/threads/reply-management, …/retrieve-and-manage-replies/create-replies):
//     a reply is a container with reply_to_id, published like a post; the
//     owner of the root post may reply. The Reply Management reference: GET
//     /{threads-media-id}/conversation lists all replies, nested ones too,
//     with replied_to and is_reply_owned_by_me.
//   - "Delete Posts" (docs/threads/posts/delete-posts): DELETE
//     /{threads-media-id}, with the threads_delete permission, 100 deletes
//     per day, answers {"success":true,"deleted_id":…}.
//   - "Retrieve User Posts" (docs/threads/retrieve-and-discover-posts/retrieve-posts)
//     and the "User" reference: GET /{threads-user-id}/threads lists the
//     user's posts (not replies) with fields text, timestamp, permalink; GET
//     /{threads-media-id}?fields=permalink,timestamp.
//   - "Troubleshooting" (docs/threads/troubleshooting): GET
//     /{container-id}?fields=status,error_message, one of EXPIRED, ERROR,
//     FINISHED, IN_PROGRESS, PUBLISHED.
//   - "Threads Insights API" (docs/threads/insights), "Media Insights": GET
//     /{threads-media-id}/insights?metric=views,likes,replies,reposts,quotes
//     with threads_basic and threads_manage_insights; replies count all
//     the replies under a root post; views is "in development".
//   - "Overview" (docs/threads/overview): graph.threads.net (or
//     graph.threads.com); 250 API-published posts and 1000 replies per
//     24 hours; the Graph API's error body and throttling codes 4, 17, 32,
//     613 (docs/graph-api/guides/error-handling, …/overview/rate-limiting).
//
// What it does. The first part is the post: a TEXT container, or an IMAGE
// container with the text and the image's alt text, or carousel items
// (alt text each) and a CAROUSEL container with the text. Each further part
// is a TEXT reply to the previous one (reply_to_id), so that the thread
// reads in order; the first comment is a reply to the first part. Every
// container is published once Threads says it is FINISHED. Images are
// fetched by Threads from media_base_url followed by their name in the
// repository (each segment path-escaped); Publish first checks that each
// URL answers 200 with an image content type (HEAD, then GET), so that a
// missing image fails with a clear message. Retract deletes the replies,
// last first, then the post.
//
// What it does not do. Threads has no idempotency key: Find looks through
// the profile's 25 most recent posts (made within FindWithin) for the first
// part's text, then through its conversation for the replies Publish made
// (this needs threads_read_replies; without it the receipt holds only the
// post, and Retract would take down only the first part); the publisher asks
// Find before publishing again after an answer was lost. A failure after
// the first part is out (a reply, the first comment) says so and is marked
// temporary and MaybeSent, so that the publisher records the post through
// Find instead of publishing it twice; the missing replies must then be
// added by hand. Link attachments, quotes, topic tags, reply controls and
// videos are not supported; Threads builds a preview from the first URL of
// a text post itself.
//
// Engagement. Measure (pipeline.Meter) reads each post the receipts name
// (the first part of a thread), one at a time, from its media insights:
// views as Impressions, likes as Likes, replies as Replies, reposts as
// Reposts and quotes as Quotes. A metric Threads has no data for stays
// out. A post deleted by hand is left out. Throttling (codes 4, 17, 32,
// 613) stops the reading: what was read comes back with a temporary
// failure that waits what the usage headers say.
//
// crieur.yml:
//
//	channels:
//	  threads:
//	    type: threads
//	    secrets:
//	      token: THREADS_TOKEN          # threads_basic, threads_content_publish (threads_delete to retract, threads_read_replies for Find to list replies, threads_manage_insights to read engagement)
//	    options:
//	      user: me                      # default: the token's profile
//	      media_base_url: https://example.github.io/site/   # where the repository's images are served (needed for images)
//	      api: https://graph.threads.net    # default
//	      version: v1.0                 # default
//
// The token travels in the Authorization header (Bearer), never in a URL,
// and is never sent to the media host.
//
// Rule of the room: imports pipeline and pipeline/channels/internal/...,
// besides the standard library; never another adapter.
// internal/archtest checks the imports.
package threads
