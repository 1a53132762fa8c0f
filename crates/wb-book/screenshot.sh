#!/usr/bin/env bash
# Looks at the built book in headless Chromium, for maintainers who changed
# the theme or a page's layout. (`cargo wb verify` runs the same layout
# check on every page, and more, as its "browser" check:
# `cargo run -p wb-book -- check-browser`. This script is for looking:
# more widths, a dark page, a search.)
#  - a layout check: at 1280px and 400px wide (WIDTHS="1920 700 400" for
#    others), nothing sticks out past the right edge of the window (mdBook
#    hides that overflow: it would be cut off, not scrollable), and
#    side-by-side blocks are two columns at 1280px and up, one at 500px and
#    below;
#  - screenshots at 1280px and 400px, one dark, one search, to look at.
# Needs python3 and chromium (Debian: apt-get install chromium).
#
#   crates/wb-book/screenshot.sh [OUT_DIR] [PAGE...]
#
# OUT_DIR defaults to /tmp/wb-screenshots. PAGEs are paths inside the built
# book (default: the title page, chapter 0's pages, chapter 1's first page).
# BOOK_BUILD=dir uses an already built book instead of building book/ with
# `cargo run -p wb-book -- build`. Exits non-zero if the layout check fails.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
out=${1:-/tmp/wb-screenshots}
shift || true
pages=("$@")
if [ ${#pages[@]} -eq 0 ]; then
    pages=(index.html
        ch00-before-we-start/how-to-use.html
        ch00-before-we-start/multitasking.html
        ch00-before-we-start/concurrency.html
        ch01-yield/functions.html)
fi

if [ -z "${BOOK_BUILD:-}" ]; then
    (cd "$root" && cargo run -q -p wb-book -- build)
    BOOK_BUILD=$root/book/build
fi
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
    echo "error: no chromium found (Debian: apt-get install chromium)" >&2
    exit 1
fi
mkdir -p "$out"
work=$(mktemp -d)
server=
cleanup() {
    if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

# Serve the book on the loopback interface only, plus /__layout.html, a page
# that loads book pages in an iframe and measures them.
cat >"$work/layout.html" <<'HTML'
<!doctype html><meta charset="utf-8"><body><pre id="result"></pre>
<script>
const q = new URLSearchParams(location.search);
const width = Number(q.get("width"));
const out = document.getElementById("result");
async function measure(page) {
  const frame = document.createElement("iframe");
  frame.style.cssText = `width:${width}px;height:1200px;border:0`;
  document.body.appendChild(frame);
  await new Promise(ok => { frame.onload = ok; frame.src = "/" + page; });
  await new Promise(ok => setTimeout(ok, 500));
  const doc = frame.contentDocument, edge = doc.documentElement.clientWidth;
  const bad = [...doc.querySelectorAll("main *")].filter(el =>
    !el.closest("code, .table-wrapper") &&
    el.getBoundingClientRect().width > 0 &&
    el.getBoundingClientRect().right > edge + 0.5);
  for (const el of bad.slice(0, 5)) {
    out.textContent += `FAIL ${width}px ${page}: <${el.tagName.toLowerCase()} class="${el.className}"> ends at ${Math.round(el.getBoundingClientRect().right)}px, past ${edge}px\n`;
  }
  for (const sbs of doc.querySelectorAll(".side-by-side")) {
    const [a, b] = sbs.children;
    const columns = a && b && a.getBoundingClientRect().top === b.getBoundingClientRect().top;
    // Wide windows must show two columns, phones one; in between, either.
    const ok = width >= 1280 ? columns : width <= 500 ? !columns : true;
    out.textContent += `${ok ? "ok  " : "FAIL"} ${width}px ${page}: side-by-side ${columns ? "in two columns" : "stacked"}, ${Math.round(sbs.getBoundingClientRect().width)}px wide\n`;
  }
  if (!bad.length) out.textContent += `ok   ${width}px ${page}: nothing past the right edge\n`;
  frame.remove();
}
(async () => {
  for (const page of q.get("pages").split(",")) await measure(page);
  out.textContent += "DONE\n";
})();
</script>
HTML
python3 - "$BOOK_BUILD" "$work" >/dev/null 2>&1 <<'PY' &
import functools, http.server, pathlib, sys
root, work = sys.argv[1], pathlib.Path(sys.argv[2])
class Handler(http.server.SimpleHTTPRequestHandler):
    def do_GET(self):
        if self.path.startswith("/__layout.html"):
            body = (work / "layout.html").read_bytes()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        else:
            super().do_GET()
httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=root))
(work / "port").write_text(str(httpd.server_address[1]))
httpd.serve_forever()
PY
server=$!
for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.1; done
base=http://127.0.0.1:$(cat "$work/port")

# chrome FLAGS… URL: headless, no network beyond the local server.
chrome() {
    timeout 90 "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$work/profile" --hide-scrollbars "$@" 2>/dev/null
}

status=0
page_list=$(IFS=,; echo "${pages[*]}")
for width in ${WIDTHS:-1280 400}; do
    result=$(chrome --virtual-time-budget=30000 --window-size=1400,1400 --dump-dom \
        "$base/__layout.html?width=$width&pages=$page_list" |
        sed -n '/<pre id="result">/,/<\/pre>/p' | sed 's/<[^>]*>//g; s/&lt;/</g; s/&gt;/>/g; s/&quot;/"/g')
    echo "$result" | grep -v '^DONE$' | grep -v '^$' || true
    if ! grep -q '^DONE$' <<<"$result"; then
        echo "FAIL ${width}px: the layout check did not finish"
        status=1
    fi
    if grep -q '^FAIL' <<<"$result"; then status=1; fi
done

# shot FILE WIDTH URL [chromium flags…]
shot() {
    local file=$1 width=$2 url=$3
    shift 3
    chrome --virtual-time-budget=3000 --window-size="$width,2000" --screenshot="$file" "$@" "$url" >/dev/null
    echo "screenshot: $file"
}
for page in "${pages[@]}"; do
    name=${page%.html}
    name=${name//\//_}
    shot "$out/$name-1280.png" 1280 "$base/$page"
    shot "$out/$name-400.png" 400 "$base/$page"
done
# Dark: no theme chosen yet and the browser prefers dark, so mdBook uses
# book.toml's preferred-dark-theme.
last=${pages[-1]%.html}
shot "$out/${last//\//_}-dark-1280.png" 1280 "$base/${pages[-1]}" --force-dark-mode
shot "$out/search-yield-1280.png" 1280 "$base/index.html?search=yield"
exit $status
