"""A stand-in for the GitHub CLI (gh) in tests/project/test_action.py: records its arguments, keeps comments.

It answers the three calls `armsdeal ci comment` makes, as GitHub's REST API would through `gh api`:
list a pull request's comments (--paginate), add one (POST) and edit one (PATCH), with ``-F body=@FILE``
read as gh reads it. The comments live in the JSON file $GH_STUB_STATE; each call is a JSON line in
$GH_STUB_LOG. Anything else fails, so a call the test does not expect is seen.
"""

import json
import os
import re
import sys
from pathlib import Path

args = sys.argv[1:]
with Path(os.environ["GH_STUB_LOG"]).open("a", encoding="utf-8") as log:
    log.write(json.dumps(args) + "\n")
state = Path(os.environ["GH_STUB_STATE"])
comments = json.loads(state.read_text(encoding="utf-8"))


def body() -> str:
    field = args[args.index("-F") + 1]
    name, _, value = field.partition("=")
    assert name == "body" and value.startswith("@"), field
    return Path(value[1:]).read_text(encoding="utf-8")


if args[:2] == ["api", "--paginate"] and re.fullmatch(r"repos/[^/]+/[^/]+/issues/\d+/comments", args[2]):
    # Two pages, as `gh api --paginate` prints them: one JSON array after the other.
    print(json.dumps(comments[:1]) + json.dumps(comments[1:]))
elif args[:3] == ["api", "--method", "POST"] and re.fullmatch(r"repos/[^/]+/[^/]+/issues/\d+/comments", args[3]):
    comment = {"id": 1000 + len(comments), "body": body(), "user": {"login": "github-actions[bot]"}}
    comments.append(comment)
    print(json.dumps(comment))
elif args[:3] == ["api", "--method", "PATCH"] and (
    found := re.fullmatch(r"repos/[^/]+/[^/]+/issues/comments/(\d+)", args[3])
):
    (comment,) = [comment for comment in comments if comment["id"] == int(found.group(1))]
    comment["body"] = body()
    print(json.dumps(comment))
else:
    print(f"gh stand-in: unexpected call {args}", file=sys.stderr)
    sys.exit(1)
state.write_text(json.dumps(comments), encoding="utf-8")
