// Package linkedin publishes to a LinkedIn page (or a member's profile)
// through LinkedIn's versioned REST API.
//
// It follows LinkedIn's documentation on learn.microsoft.com
// (linkedin/marketing/community-management/shares/…):
//   - posts-api: POST /rest/posts {author, commentary, visibility,
//     distribution{feedDistribution, targetEntities,
//     thirdPartyDistributionChannels}, content{media{id, altText}} or
//     content{multiImage{images[{id, altText}]}} (2 to 20 images),
//     lifecycleState, isReshareDisabledByAuthor}, answered 201 with the
//     post's URN in the x-restli-id header; GET /rest/posts/{urn};
//     GET /rest/posts?author={urn}&q=author&count&start&sortBy (header
//     X-RestLi-Method: FINDER); DELETE /rest/posts/{urn}. Every call
//     carries LinkedIn-Version: YYYYMM and X-Restli-Protocol-Version: 2.0.0;
//     URNs in paths and queries are URL-encoded;
//   - little-text-format: the commentary is "little" text. The characters
//     \ | { } @ [ ] ( ) < > # * _ ~ are reserved and escaped here with a
//     backslash (unescaped, LinkedIn cuts the post at the first one, French
//     parentheses included); a hashtag #mot becomes the HashtagTemplate
//     {hashtag|\#|mot}. A hashtag is # at the start of a word followed by
//     letters and digits (Unicode), at least one letter, and not followed
//     by _; any other # is escaped and shown as is (C#, #1). An @ is always
//     escaped: crieur makes no mentions. Links are escaped like the rest of
//     the text (the escapes are gone once LinkedIn has read the text, so
//     the link is whole);
//   - images-api: POST /rest/images?action=initializeUpload
//     {initializeUploadRequest{owner}} → value{uploadUrl, image}; the bytes
//     go by PUT to uploadUrl with the token; GET /rest/images/{urn} until
//     its status is AVAILABLE. JPEG, PNG and GIF;
//   - comments-api: POST /rest/socialActions/{urn}/comments
//     {actor, object, message{text}} for the first comment (its text is
//     plain, not little text), GET the same path to list them;
//   - shared/authentication/token-introspection: POST
//     https://www.linkedin.com/oauth/v2/introspectToken (form: client_id,
//     client_secret, token) → {active, status, expires_at};
//   - community-management/organizations/share-statistics: GET
//     /rest/organizationalEntityShareStatistics?q=organizationalEntity&
//     organizationalEntity={org URN}&shares=List({urn:li:share},…) or
//     ugcPosts=List({urn:li:ugcPost},…) → elements[{share | ugcPost,
//     totalShareStatistics{likeCount, shareCount, commentCount,
//     impressionCount, uniqueImpressionsCount, clickCount, engagement}}],
//     lifetime counts of organic activity, for the past 12 months (a
//     rolling window); "Shares with no actions or impressions are not
//     included in the list of elements", and their counts "can be assumed
//     to be 0"; permission rw_organization_admin, for a member with the
//     ADMINISTRATOR role on the page. A member's posts have their own
//     statistics (members/post-statistics, memberCreatorPostAnalytics,
//     r_member_postAnalytics), which crieur does not read;
//   - shared/api-guide/concepts/rate-limits: 429 when an application's or a
//     member's daily limit is reached; the limits reset at midnight UTC;
//   - shared/api-guide/concepts/error-handling: bodies {status,
//     serviceErrorCode, code, message}; 401 for an expired token.
//
// LinkedIn has no threads (the publisher joins the parts into one; if
// several still arrive they are joined by a blank line) and the Posts API
// takes no language. A link in the text is shown as a link, without a
// preview card: the API makes cards only from content.article, which
// crieur does not send.
//
// # Configuration
//
//	channels:
//	  linkedin:
//	    type: linkedin
//	    secrets:
//	      token: LINKEDIN_TOKEN                 # required: an access token (Bearer), w_organization_social and r_organization_social for a page (and rw_organization_admin to read post statistics)
//	      client_id: LINKEDIN_CLIENT_ID         # optional: with client_secret, lets crieur ask LinkedIn when the token expires
//	      client_secret: LINKEDIN_CLIENT_SECRET
//	    options:
//	      organization: urn:li:organization:2414183  # the page to post as (or just 2414183); or instead:
//	      # author: urn:li:person:AbC123             # post as a member (w_member_social)
//	      token_expires: 2027-01-20    # the day the token expires, as LinkedIn showed it when it was made
//	      version: "202609"            # LinkedIn-Version (YYYYMM; default 202609); LinkedIn retires a version after about a year
//	      find_within: 12h             # how far back a look-up for posts already out goes (default 12h)
//	      api: https://api.linkedin.com      # default; tests point it at a local server
//	      oauth: https://www.linkedin.com    # where introspectToken is (default)
//
// # Token expiry
//
// Access tokens last 60 days and there is no refresh token for most apps.
// Expiry (pipeline.Expirer) says when the token expires: with client_id
// and client_secret it asks the introspection endpoint (expires_at);
// without them, or when that fails, it reads the option token_expires
// (the start of that day, UTC). With neither it returns an error asking
// for one, so that every run reminds the user. A refused token (401) is
// reported with what to do: an expired one says so.
//
// # Exactly once
//
// LinkedIn takes no idempotency key. It refuses a post whose commentary
// repeats one the author has out (422, DUPLICATE_POST, naming the URN of
// that post). Publish relies on that: on DUPLICATE_POST it reads that post
// (GET /rest/posts/{urn}) and, when its author and text are the message's,
// takes it as its own and goes on: the first comment, if it is not among
// the post's comments yet, is added. So calling Publish again after a
// first comment failed completes the delivery instead of posting twice.
//
// Find lists the author's posts of the last find_within (newest first, at
// most 4 pages of 50) and matches the commentary (little text read back
// into plain text, white space collapsed) with the message's text; with a
// first comment it also needs that comment among the post's comments. It
// reports a delivery found only when all of it is out, so that the
// publisher sends a partial one again and Publish completes it. Listing a
// member's posts needs r_member_social, which LinkedIn grants to few apps:
// for a person author Find usually fails with 403, and the publisher then
// asks a human.
//
// What this cannot see: a post older than find_within or beyond the 200
// newest of the author; the same text sent again later (a recurring post):
// keep find_within shorter than the shortest recurrence; and a repeated
// text that LinkedIn accepts instead of refusing it (the duplicate check
// is not documented to last any given time): then it goes out twice.
//
// # Engagement
//
// Measure (pipeline.Meter) reads the lifetime statistics of a page's posts
// (the URNs Publish returned): GET /rest/organizationalEntityShareStatistics,
// the share URNs in shares=List(…) and the ugcPost URNs in
// ugcPosts=List(…), 20 a request, in Rest.li 2.0 form (List( , ) as they
// are, each URN URL-encoded), with the LinkedIn-Version the channel uses.
// likeCount is Likes, shareCount Reposts, commentCount Replies,
// impressionCount Impressions and clickCount Clicks (clicks on the post,
// its link, the page's name or logo); LinkedIn has no quotes nor saves
// here.
//
// LinkedIn leaves out of its answer a post with no action nor impression,
// whose counts it says are 0; a deleted post or one older than 12 months
// cannot be in it either. Measure reads each post left out (GET
// /rest/posts/{urn}, which needs r_organization_social): one gone is left
// out; one of the page made within the last 12 months reads 0 for the five
// counts; an older one is left out (not available). The token needs
// rw_organization_admin, from a member with the ADMINISTRATOR role on the
// page (a 403 says so). On a 429 (the daily limit) the readings made
// before come back with a temporary failure that waits until midnight UTC.
//
// A member's posts (option author: urn:li:person:…) are not read: this
// endpoint covers organizations only, and LinkedIn gives a member's post
// statistics only to apps it approved for them (memberCreatorPostAnalytics,
// r_member_postAnalytics). Measure then fails, without asking LinkedIn,
// rather than return readings that are not there.
//
// # Retracting
//
// Retract deletes the post (DELETE /rest/posts/{urn}); its comments go
// with it. A post already gone (404, 410) is not an error.
//
// Rule of the room: imports pipeline and pipeline/channels/internal/...,
// besides the standard library; never another adapter.
// internal/archtest checks the imports.
package linkedin
