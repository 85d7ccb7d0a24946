// Reads a JSON array of texts on stdin and writes, for each, what
// @atproto/api's RichText says of it: its length in graphemes and its
// facets as detectFacetsWithoutResolution finds them (UTF-8 byte offsets;
// a mention's value is its handle, not yet resolved). Run by
// facets_reference_test.go.
import { RichText } from "@atproto/api";

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (d) => (input += d)).on("end", () => {
  const out = JSON.parse(input).map((text) => {
    const rt = new RichText({ text });
    rt.detectFacetsWithoutResolution();
    const facets = (rt.facets || []).map((f) => {
      const ft = f.features[0];
      const kind = ft.$type.split("#")[1];
      const value = kind === "link" ? ft.uri : kind === "mention" ? ft.did.toLowerCase() : ft.tag;
      return { start: f.index.byteStart, end: f.index.byteEnd, kind, value };
    });
    return { graphemes: rt.graphemeLength, bytes: rt.length, facets };
  });
  process.stdout.write(JSON.stringify(out));
});
