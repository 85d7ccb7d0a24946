// Reads a JSON array of texts on stdin and writes, for each, the length
// @atproto/api's RichText gives it: graphemes (graphemeLength, held to 300
// by app.bsky.feed.post) and UTF-8 bytes (length, held to 3000). Run by
// reference_test.go.
import { RichText } from "@atproto/api";

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (d) => (input += d)).on("end", () => {
  const out = JSON.parse(input).map((text) => {
    const rt = new RichText({ text });
    return { graphemes: rt.graphemeLength, bytes: rt.length };
  });
  process.stdout.write(JSON.stringify(out));
});
