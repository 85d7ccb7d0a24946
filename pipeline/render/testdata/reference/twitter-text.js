// Reads a JSON array of texts on stdin and writes, for each, what
// twitter-text's parseTweet (default configuration, v3) says of it, and
// the URLs extractUrlsWithIndices finds in its NFC form (indices in UTF-16
// code units). Run by reference_test.go.
const tt = require("twitter-text");
let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (d) => (input += d)).on("end", () => {
  const out = JSON.parse(input).map((text) => {
    const p = tt.parseTweet(text);
    const urls = tt.extractUrlsWithIndices(text.normalize()).map((u) => u.indices);
    return { weight: p.weightedLength, valid: p.valid, urls };
  });
  process.stdout.write(JSON.stringify(out));
});
