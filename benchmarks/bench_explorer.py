"""Latency of the static (vector) path explorer in Chromium: input event to redrawn SVG.

For each of the book's path explorers (chapters 3, 4, 6 and 8's calls), a page holding only
that explorer is opened in headless Chromium and the λ slider is moved ``--moves`` times to
random positions (and, for Elastic Net, the L1-ratio slider ``--moves // 10`` times, which
redraws the whole figure). Each move is timed inside the page from just before the ``input``
event is dispatched to the end of the next frame's layout (the SVG is updated, styled and laid
out: ``getBoundingClientRect`` forces it), and also to the next ``requestAnimationFrame``
(the frame the reader sees). Prints the median and 95th percentile in milliseconds; nothing
is asserted (seconds depend on the machine).

    python benchmarks/bench_explorer.py [--moves 300] [--chromium /usr/bin/chromium]
"""
from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import numpy as np

import regbook
from regbook import widgets as W

TIMER = """async ([sel, n, seed]) => {
  const root = document.querySelector('.regbook-vx');
  const inp = root.querySelector(sel);
  const max = +inp.max;
  let s = seed;
  const rand = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const sync = [], frame = [];
  for (let i = 0; i < n; i++) {
    let v = Math.floor(rand() * (max + 1));
    if (String(v) === inp.value) v = (v + 1) % (max + 1);
    await new Promise(r => requestAnimationFrame(r));
    const t0 = performance.now();
    inp.value = v;
    inp.dispatchEvent(new Event('input', {bubbles: true}));
    root.querySelector('.rbv-panels').getBoundingClientRect();
    sync.push(performance.now() - t0);
    await new Promise(r => requestAnimationFrame(r));
    frame.push(performance.now() - t0);
  }
  return [sync, frame];
}"""


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--moves", type=int, default=300)
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    args = ap.parse_args(argv)
    from playwright.sync_api import sync_playwright

    X, y, names = regbook.diabetes_data()
    calls = {
        "ch03 ridge": dict(penalty="l2", feature_names=names, test_size=0.3, random_state=0),
        "ch04 lasso": dict(penalty="l1", feature_names=names),
        "ch06 elastic net": dict(penalty="elasticnet", l1_ratio=0.5, feature_names=names),
        "ch08 lasso": dict(penalty="l1", feature_names=names, test_size=0.3, random_state=0),
    }
    print(f"{'explorer':18s} {'slider':9s} {'width':>5s} {'moves':>5s}  "
          f"{'to layout: median / p95 ms':>28s}  {'to next frame: median / p95 ms':>31s}")
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=args.chromium,
                                    args=["--no-sandbox", "--disable-gpu"])
        for name, kw in calls.items():
            html = W.explore_path(X, y, **kw).to_html()
            page_file = Path(tmp) / "bench.html"
            page_file.write_text("<!doctype html><meta charset='utf-8'><title>bench</title><body>"
                                 + html + "</body>", encoding="utf-8")
            sliders = [("λ", 'input[id$="-alpha"]', args.moves)]
            if kw["penalty"] == "elasticnet":
                sliders.append(("L1 ratio", 'input[id$="-l1_ratio"]', max(args.moves // 10, 5)))
            for width in (1280, 390):
                page = browser.new_page(viewport={"width": width, "height": 900})
                page.goto(page_file.as_uri())
                for label, sel, n in sliders:
                    sync, frame = page.evaluate(TIMER, [sel, n, 12345])
                    print(f"{name:18s} {label:9s} {width:5d} {n:5d}  "
                          f"{np.median(sync):13.2f} / {np.percentile(sync, 95):6.2f}      "
                          f"{np.median(frame):16.2f} / {np.percentile(frame, 95):6.2f}")
                page.close()
        browser.close()


if __name__ == "__main__":
    main()
