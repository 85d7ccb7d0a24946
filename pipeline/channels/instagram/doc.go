// Package instagram publishes to an Instagram professional account through
// the Instagram Platform's content publishing API.
//
// It follows these pages of developers.facebook.com:
//
//   - Instagram Platform, "Content Publishing"
//     (docs/instagram-platform/content-publishing): a post is a container
//     made from a public image URL ("We cURL media used in publishing
//     attempts, so the media must be hosted on a publicly accessible
//     server"), then published; JPEG is the only image format; a carousel
//     holds up to 10 items; alt_text exists for image posts since March 24,
//     2025.
//   - Reference "IG User Media" (…/reference/ig-user/media): POST
//     /{ig-user-id}/media with image_url, caption, alt_text,
//     is_carousel_item, or media_type=CAROUSEL with children; GET
//     /{ig-user-id}/media lists the account's media (caption, timestamp,
//     permalink).
//   - Reference "IG User Media Publish" (…/reference/ig-user/media_publish):
//     POST /{ig-user-id}/media_publish with creation_id answers the media id.
//   - Reference "IG Container" (…/reference/ig-container): GET
//     /{ig-container-id}?fields=status_code, one of EXPIRED, ERROR,
//     FINISHED, IN_PROGRESS, PUBLISHED.
//   - Reference "IG User Content Publishing Limit"
//     (…/reference/ig-user/content_publishing_limit): 50 API-published
//     posts per moving 24 hours, quota_usage and config.quota_total.
//   - Reference "IG Media" (…/reference/ig-media) and "IG Media Comments"
//     (…/reference/ig-media/comments): permalink, timestamp; POST
//     /{ig-media-id}/comments with message. IG Media has no delete
//     operation.
//   - Reference "Instagram Media Insights"
//     (…/reference/instagram-media/insights) and the Graph API changelog
//     v22.0: GET /{ig-media-id}/insights?metric=likes,comments,shares,
//     saved,reach,views; views exists from v22.0, impressions is retired
//     for all versions (April 21, 2025); "If insights data you are
//     requesting does not exist or is currently unavailable, the API
//     returns an empty data set instead of 0 for individual metrics"; code
//     10 "Not enough viewers for the media to show insights"; permissions
//     instagram_basic and instagram_manage_insights
//     (instagram_business_basic and instagram_business_manage_insights
//     with Instagram Login). The IG Media fields like_count and
//     comments_count.
//   - "Error Codes" (…/instagram-graph-api/reference/error-codes) and the
//     Graph API's "Rate Limits" and "Handling Errors" pages: code 9 subcode
//     2207042 is the publishing limit, codes 4, 17, 32, 613 and 80002 are
//     throttling, 190 is an expired token, -1 and -2 are worth trying again;
//     the X-Business-Use-Case-Usage header gives
//     estimated_time_to_regain_access in minutes.
//
// What it does. Instagram fetches images by URL: the option media_base_url
// says where the repository's images are served (GitHub Pages, or
// https://raw.githubusercontent.com/<owner>/<repo>/main/ for a public
// repository); an image's URL is media_base_url followed by its name in
// the repository, each segment path-escaped. Before it creates anything,
// Publish checks that every URL answers 200 with a JPEG content type
// (HEAD, then GET when HEAD is refused), so that a missing or unsupported
// image fails with a clear message rather than an Instagram error code. One image makes an
// image container (image_url, caption, alt_text); two to ten make carousel
// items (is_carousel_item=true, alt_text each) and a CAROUSEL container
// with the caption. Publish waits until the container is FINISHED, publishes
// it, reads the permalink, and comments the first comment.
//
// What it does not do. Instagram has no text-only post: a message without
// an image is refused (a non-temporary failure). Threads are joined by the
// publisher into one caption. There is no idempotency key and the Instagram
// API cannot delete a published post: Client implements no Retracter, and
// a post to take down must be deleted by hand in the app. Find looks through
// the account's 25 most recent media (made within FindWithin) for the same
// caption (ignoring @ signs, which a caption read back may lack); the
// publisher asks it before publishing again after an answer was lost. When
// the first comment fails after the post is out, the failure is temporary
// and MaybeSent, so that the publisher records the post through Find rather
// than publishing it twice (the comment is then to be added by hand). Videos, reels, stories, user and product tags are not
// supported.
//
// Engagement. Measure (pipeline.Meter) reads each media the receipts name,
// one at a time, from its insights: likes as Likes, comments as Replies,
// shares as Reposts, saved as Saves and views as Impressions; when views
// is not there (a version before v22.0, or no data) reach stands for
// Impressions, the accounts that saw the media rather than the times it
// was seen. A metric Instagram has no data for stays out. When insights
// are refused (code 10: not enough viewers, or a token without
// instagram_manage_insights) the media's like_count and comments_count
// are read instead, as Likes and Replies. A media deleted in the app is
// left out. Throttling (codes 4, 17, 32, 613, 80002) stops the reading:
// what was read comes back with a temporary failure that waits what the
// usage headers say.
//
// crieur.yml:
//
//	channels:
//	  instagram:
//	    type: instagram
//	    secrets:
//	      token: INSTAGRAM_TOKEN        # user access token with instagram_content_publish (and instagram_manage_comments for the first comment, instagram_manage_insights to read engagement)
//	    options:
//	      user: "17841400000000000"     # the Instagram professional account's id (required)
//	      media_base_url: https://example.github.io/site/   # where the repository's images are served (required)
//	      api: https://graph.facebook.com   # default; https://graph.instagram.com for a token from Instagram Login
//	      version: v23.0                # default
//
// The token travels in the Authorization header (Bearer), never in a URL,
// and is never sent to the media host.
//
// Rule of the room: imports pipeline and pipeline/channels/internal/...,
// besides the standard library; never another adapter.
// internal/archtest checks the imports.
package instagram
