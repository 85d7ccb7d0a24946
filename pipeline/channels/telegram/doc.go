// Package telegram publishes to a Telegram channel, group or chat with a
// bot, through the Telegram Bot API.
//
// It follows these pages of https://core.telegram.org/bots/api:
// "Making requests" (the {"ok", "result"} / {"ok": false, "error_code",
// "description", "parameters"} envelope), "Formatting options" (HTML
// style), "sendMessage", "sendPhoto", "sendMediaGroup", "InputMediaPhoto",
// "ReplyParameters", "LinkPreviewOptions", "deleteMessage",
// "ResponseParameters" and "Sending files" (multipart/form-data,
// attach://<name>), and the Bots FAQ on broadcasting limits ("avoid
// sending more than one message per second in a particular chat").
//
// # Configuration
//
//	channels:
//	  telegram:
//	    type: telegram
//	    secrets:
//	      bot_token: TELEGRAM_BOT_TOKEN   # the variable holding the token @BotFather gave
//	    options:
//	      chat: "@mychannel"              # required: a channel's @username or a chat id (-100…)
//	      api: https://api.telegram.org   # default; a local Bot API server or a test server
//	      disable_link_preview: "false"   # default false: Telegram shows a preview of the first link
//
// The bot must be a member of the chat; in a channel, an administrator
// allowed to post messages (and to delete them, for a retraction).
//
// The token is part of every request's path (/bot<token>/<method>): it
// never appears in an error, a receipt or a URL this package returns.
//
// # What is sent
//
// Text goes out with parse_mode "HTML". The parts arrive as plain text, so
// only &, < and > are replaced by &amp;, &lt; and &gt;, as "HTML style"
// asks for every such character that is not part of a tag or entity; the
// text shows exactly as written. Links are not wrapped in <a> tags:
// Telegram recognises bare URLs itself and makes them links (and a
// "text (url)" rendering keeps the URL visible anyway).
//
//   - No image: sendMessage with the first part.
//   - One image: sendPhoto, the first part as its caption.
//   - Two to ten images: one album, sendMediaGroup, the first part as the
//     caption of the first photo (Telegram shows it under the album).
//   - A caption is at most 1024 characters (counted, as Telegram does, in
//     UTF-16 code units). When the first part is longer, the photo or album
//     goes out without a caption and the text follows as a message that
//     replies to the (first) photo.
//   - More than ten images are refused before anything is sent.
//
// Telegram has no alt text: neither InputMediaPhoto nor sendPhoto has a
// field for a description of the image, so the images' alt texts are not
// sent. A post that needs its descriptions read on Telegram has to carry
// them in its text.
//
// A thread (more than one part; the publisher usually joins them, since
// Telegram has no threads) goes out as a chain: each part a message that
// replies to the previous one (reply_parameters.message_id). The first
// comment is a message that replies to the first message. Messages after
// the first are spaced by a second, the pace the Bots FAQ asks for in one
// chat.
//
// # Receipt
//
// Receipt.ID is the first message's message_id; Receipt.Parts holds the
// ids of every other message sent, in order: the album's other photos, the
// text when it could not be the caption, the thread's parts and the first
// comment. Receipt.URL is https://t.me/<username>/<message_id> when the
// chat is public (a channel or supergroup with a username, as the answer
// says or as the option chat names it), else empty: private chats have no
// public address. Receipt.At is the message's date.
//
// # Failures
//
// Answers are classified by httpapi.Client; on 429 the number of
// seconds to wait comes from the body's parameters.retry_after, which this
// package reads into Failure.RetryAfter. A group that became a supergroup
// (parameters.migrate_to_chat_id) gets a hint naming the new chat id.
//
// The Bot API has no idempotency key and a bot cannot read a chat's
// history, so this package is no pipeline.Finder: sending the same Key
// twice sends two messages. A failure after the first message went out
// (a thread cut half-way) is marked MaybeSent, and Temporary whatever the
// status, so that the publisher asks before sending again instead of
// repeating the first messages on a later run: with no Finder, it leaves
// the post to a human, and the error's hint names the message ids already
// out. A run interrupted between the send and the record is left for a
// human to check in the chat, as the publisher says.
//
// Retract deletes every message of the receipt with deleteMessage; a
// message already gone ("message to delete not found") is not an error.
// deleteMessage says a message can only be deleted if it was sent less
// than 48 hours ago: an older one answers "message can't be deleted", and
// the error's hint says to delete it by hand.
//
// Rule of the room: imports pipeline and pipeline/channels/internal/...,
// besides the standard library; never another adapter.
// internal/archtest checks the imports.
package telegram
