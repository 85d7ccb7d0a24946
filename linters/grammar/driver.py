# crieur's Grammalecte driver (linters/grammar, process.go): it loads
# Grammalecte's French checker once, then answers requests, one JSON line
# each on stdin, with one JSON line each on stdout, until stdin ends
# (crieur closed it, or crieur is gone).
#
# Request:  {"id": 7, "paragraphs": ["…\n", …], "options": {"html": true}}
# Answer:   {"id": 7, "data": [{"iParagraph": 1, "lGrammarErrors": […],
#            "lSpellingErrors": […]}, …]}
# or        {"id": 7, "error": "…"}
#
# data is what grammalecte-cli -j -owe writes for the same paragraphs
# (GrammarChecker.getParagraphErrors, paragraphs from 1, only those with
# errors): nStart and nEnd count Unicode code points of the paragraph.
import io
import json
import sys

import grammalecte

stdin = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", newline="\n")
stdout = sys.stdout


def say(obj):
    # ASCII JSON: no encoding can garble it on the way.
    stdout.write(json.dumps(obj, ensure_ascii=True) + "\n")
    stdout.flush()


checker = grammalecte.GrammarChecker("fr")
checker.gce.setOptions({"html": True, "latex": True})  # as grammalecte-cli
say({"ready": checker.gce.version})

for request in stdin:
    if not request.strip():
        continue
    rid = None
    try:
        req = json.loads(request)
        rid = req.get("id")
        options = req.get("options") or None
        data = []
        for i, text in enumerate(req["paragraphs"], 1):
            grammar, spelling = checker.getParagraphErrors(text, options)
            grammar = list(grammar)
            if grammar or spelling:
                data.append({"iParagraph": i, "lGrammarErrors": grammar, "lSpellingErrors": spelling})
        say({"id": rid, "data": data})
    except Exception as e:  # one bad request is not the end of the driver
        say({"id": rid, "error": "%s: %s" % (type(e).__name__, e)})
