// Package facebook publishes to a Facebook Page through the Graph API.
//
// It follows these pages of developers.facebook.com:
//
//   - Pages API, "Posts" (docs/pages-api/posts) and "Posting to a Page"
//     (docs/pages/publishing): POST /{page-id}/feed with message and link,
//     DELETE /{post-id}, GET /{page-id}/posts.
//   - Graph API reference "Page Photos" and "Photo"
//     (docs/graph-api/reference/page/photos, docs/graph-api/reference/photo):
//     POST /{page-id}/photos with a file attachment (source), published=false
//     for a photo to attach later, and alt_text_custom ("Accessible
//     alternative description for an image"); the answer is {id, post_id}.
//     A photo must be under 10 MB; animated photos are not supported.
//   - "Uploading Photos" (docs/graph-api/photo-uploads): a multi-photo post
//     is photos uploaded with published=false, then a feed post with
//     attached_media[N]={"media_fbid":"…"}.
//   - Graph API reference "Object Comments" (POST /{object-id}/comments)
//     and "Page Post" (permalink_url, created_time).
//   - Graph API reference "Page Post" and "Field Expansion"
//     (docs/graph-api/reference/page-post, docs/graph-api/field-expansion):
//     GET /{post-id}?fields=reactions.summary(total_count).limit(0),
//     comments.summary(total_count).limit(0),shares, the edges' totals
//     without their items, and shares {count}, left out when nobody shared.
//   - Graph API reference "Insights" (docs/graph-api/reference/insights)
//     and "Deprecated Facebook Page Insights Metrics"
//     (docs/platforminsights/page/deprecated-metrics): GET
//     /{post-id}/insights?metric=post_media_view,post_clicks; Meta retired
//     post_impressions and the other impressions metrics for all versions
//     (views, post_media_view, replace them); a Page token of someone who
//     can perform the ANALYZE task, with read_insights and
//     pages_read_engagement.
//   - "Rate Limits" (docs/graph-api/overview/rate-limiting): the
//     X-App-Usage, X-Page-Usage and X-Business-Use-Case-Usage headers, whose
//     estimated_time_to_regain_access is in minutes.
//   - "Handling Errors" (docs/graph-api/guides/error-handling): the error
//     body {"error":{"message","type","code","error_subcode","fbtrace_id"}};
//     codes 4, 17, 32, 341 and 613 (and 80001, "too many calls to this Page
//     account", in the Photo reference) are throttling, 190 is an expired or
//     invalid token, 10 and 200–299 are missing permissions, 1 and 2 are
//     temporary, 506 is a duplicate post.
//
// What it does. The post's text (one part: Facebook has no threads, the
// publisher joins them) is the feed post's message. Each image is uploaded
// unpublished with its alt text in alt_text_custom, then attached to the
// feed post with attached_media, so that a post with images is one post.
// A text with exactly one URL and no image also sends that URL as link, so
// that Facebook builds its link preview from it; with several URLs Facebook
// is left to choose, and a post with images shows the images, not a link
// preview (no link is sent). The
// first comment is a comment on the post, made as the Page.
//
// What it does not do. Facebook has no idempotency key: a Publish whose
// answer is lost may have posted. Find then looks through the Page's
// recent posts (the last 25, made within FindWithin) for the same message;
// the publisher asks it before sending again. Facebook itself refuses a
// duplicate of the Page's previous post (error 506): Publish then returns
// the post Find finds. When the first comment fails after the post is out,
// the failure is temporary and MaybeSent, so that the publisher records the
// post through Find rather than posting it twice (the comment is then to
// be added by hand). A post recovered by Find has no first comment id in
// its receipt (deleting the post takes its comments with it). Videos,
// scheduling and targeting are not supported.
//
// Engagement. Measure (pipeline.Meter) reads each post the receipts name,
// one at a time, in two requests: the post's reactions (all kinds) as
// Likes, its comments (top-level ones, the first comment included) as
// Replies and its
// shares as Reposts (0 when Graph leaves shares out, as it does for a post
// nobody shared); then its insights: post_media_view as Impressions and
// post_clicks (clicks anywhere on the post) as Clicks. An insight Graph
// has no data for (a Page under 100 likes, a post too recent) stays out.
// When the insights are refused for want of a permission (code 10,
// 200–299) the counts are kept and views and clicks left out; a post
// deleted by hand (code 100, subcode 33) is left out. Throttling (codes 4,
// 17, 32, 613, 80001) stops the reading: what was read comes back with a
// temporary failure that waits what the usage headers say.
//
// crieur.yml:
//
//	channels:
//	  facebook:
//	    type: facebook
//	    secrets:
//	      page_token: FACEBOOK_PAGE_TOKEN  # a Page access token with pages_manage_posts (and pages_read_engagement to read posts back and their engagement, read_insights for views and clicks)
//	    options:
//	      page: "123456789012345"          # the Page id (required)
//	      api: https://graph.facebook.com  # default
//	      version: v23.0                   # default
//
// The token travels in the Authorization header (Bearer), never in a URL.
//
// Rule of the room: imports pipeline and pipeline/channels/internal/...,
// besides the standard library; never another adapter.
// internal/archtest checks the imports.
package facebook
