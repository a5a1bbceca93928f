"""The static HTML fallback of an explorer: precomputed frames swapped by inline JavaScript.

No kernel and no external script: the frames are ``data:`` URLs, the controls are
``<input type=range>`` elements with a ``<label for=...>``, an ``aria-label`` and an
``<output>`` readout, and the image's ``alt`` (plus an ``aria-live`` status line)
says what the current frame shows.
"""
from __future__ import annotations

import json
import uuid
from html import escape

import numpy as np


def render(explorer, sparams, urls, texts):
    """HTML for ``explorer`` from its static frames.

    Parameters
    ----------
    explorer : Explorer
        Supplies the start values (``values``) and the figure size.
    sparams : list of _Param
        The static parameters, the first one varying fastest in ``urls``.
    urls : list of str
        ``data:`` URLs of the frames.
    texts : list of str
        :meth:`Explorer.describe` of each frame (its ``alt`` text).

    Returns
    -------
    str
        A ``<div>`` with the controls, the image and the status line. Each range
        input has a ``<label for=...>`` and an ``aria-label``; its ``<output>``
        says e.g. ``λ = 0.0312``. The image's ``alt`` is the frame's text and the
        inline script changes it with the frame; the same text sits in an
        ``aria-live`` status line under the image. No colour is set on any text
        (it inherits the page's, so the page theme's contrast holds).
    """
    uid = "rbx-" + uuid.uuid4().hex[:12]
    start = []
    for p in sparams:
        cur = explorer.values[p.name]
        start.append(int(np.argmin([abs(np.log(max(v, 1e-300)) - np.log(max(cur, 1e-300)))
                                    if p.kind == "log" else abs(v - cur) for v in p.static])))
    k0, mult = 0, 1
    for p, i in zip(sparams, start):
        k0 += i * mult
        mult *= len(p.static)
    controls = []
    for p, i in zip(sparams, start):
        sid = f"{uid}-{p.name}"
        controls.append(
            # the name ("λ (more penalty →)") and the readout never break inside; on a narrow
            # screen the readout wraps under the slider instead
            f'<label for="{sid}" style="display:inline-flex;flex-wrap:wrap;align-items:center;'
            f'gap:.4em;margin-right:1.2em;font-size:.9em">'
            f'<span style="white-space:nowrap">{escape(p.label)}</span>'
            f'<input type="range" id="{sid}" min="0" max="{len(p.static) - 1}" step="1" '
            f'value="{i}" aria-label="{escape(p.aria)}" '
            f'aria-valuetext="{escape(p.readout(p.static[i]))}" style="width:180px">'
            f'<output id="{sid}-value" for="{sid}" style="min-width:6em;white-space:nowrap;'
            f'font-family:monospace">{escape(p.readout(p.static[i]))}</output></label>'
        )
    labels = [[p.readout(v) for v in p.static] for p in sparams]
    sizes = [len(p.static) for p in sparams]
    frames_js = ",".join('""' if k == k0 else f'"{u}"' for k, u in enumerate(urls))
    script = (
        "(function(){"
        f'var root=document.getElementById("{uid}");if(!root)return;'
        f'var img=document.getElementById("{uid}-img");'
        f'var desc=document.getElementById("{uid}-desc");'
        f"var F=[{frames_js}];F[{k0}]=img.src;"
        f"var A={json.dumps(texts, ensure_ascii=False)};"
        f"var N={json.dumps(sizes)};var L={json.dumps(labels, ensure_ascii=False)};"
        f"var names={json.dumps([p.name for p in sparams])};"
        "function show(){var k=0,m=1;for(var i=0;i<names.length;i++){"
        f'var inp=document.getElementById("{uid}-"+names[i]);var v=parseInt(inp.value,10);'
        f'document.getElementById("{uid}-"+names[i]+"-value").textContent=L[i][v];'
        'inp.setAttribute("aria-valuetext",L[i][v]);'
        "k+=v*m;m*=N[i];}img.src=F[k];img.alt=A[k];desc.textContent=A[k];}"
        "for(var i=0;i<names.length;i++){"
        f'var inp=document.getElementById("{uid}-"+names[i]);'
        'inp.addEventListener("input",show);inp.addEventListener("change",show);}'
        "})();"
    )
    return (
        f'<div class="regbook-explorer" id="{uid}" data-frames="{len(urls)}" '
        f'style="max-width:{int(explorer.figsize[0] * explorer.dpi)}px">'
        f'<div class="regbook-explorer-controls" style="margin:.3em 0">{"".join(controls)}</div>'
        f'<img id="{uid}-img" src="{urls[k0]}" alt="{escape(texts[k0])}" '
        f'style="max-width:100%;height:auto;display:block">'
        f'<p id="{uid}-desc" role="status" aria-live="polite" '
        f'style="font-size:.85em;margin:.3em 0">{escape(texts[k0])}</p>'
        f"<script>{script}</script></div>"
    )
