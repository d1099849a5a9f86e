"""The portfolio as one self-contained HTML file: opens offline in any browser, prints well.

Why our own small template code: the page carries text written by strangers (issuers), so
every value goes through `html.escape` and nothing else reaches the markup. The file has no
script, and a Content-Security-Policy that lets it load nothing but its own inline style and
data: images: a remote image address in a credential is never used (a neutral placeholder is
drawn instead), so opening the page tells nobody it was opened.

Each credential carries its signed original inside the page (its text, and a download link
holding the exact bytes as a data: URI), so a reader can save it and verify it anywhere.

`render_print_html` gives the simpler HTML Qt's text engine understands (tables, no CSS
layout), with images as named resources, for the PDF writer in `wallet/ui/pdf_export.py`.
"""

from __future__ import annotations

import base64
from html import escape

from wallet.credential import Credential
from wallet.export.portfolio import (
    NOT_CHECKED,
    UNVERIFIED,
    Portfolio,
    PortfolioItem,
    StackProgress,
    facts,
    file_name,
    progress_line,
    short_date,
    status_line,
    unconfirmed_line,
    verdict_words,
)
from wallet.formats.ob2 import shown_description
from wallet.messages import M, Msg, available_languages, current_language, render

APP = "Learner Wallet"
_MARKS = {
    "verified": "\u2713",
    "warning": "!",
    "failed": "\u2717",
    "unknown": "?",
    NOT_CHECKED: "\u2013",
}
_PRINT_COLOURS = {
    "verified": "#0f5323",
    "warning": "#6a4a00",
    "failed": "#8b1a1a",
    "unknown": "#3d444d",
    NOT_CHECKED: "#3d444d",
}

_CSP = (
    "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
    "base-uri 'none'; form-action 'none'"
)

_CSS = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #f4f5f7; color: #1f2328; line-height: 1.5;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans",
  sans-serif; }
a { color: #0b57d0; }
a:focus-visible, summary:focus-visible { outline: 3px solid #0b57d0; outline-offset: 2px; }
.skip { position: absolute; left: -9999px; }
.skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem 1rem; }
header.top { background: #1d3557; color: #fff; padding: 2.5rem 0 2rem; }
header.top .wrap, main, footer { max-width: 60rem; margin: 0 auto; padding: 0 1.5rem; }
header.top h1 { margin: 0 0 .5rem; font-size: 2.1rem; line-height: 1.2; }
header.top p { margin: .25rem 0; max-width: 46rem; }
header.top .meta { color: #d7e3f4; font-size: .95rem; }
.demo { background: #fff3c4; color: #4d3800; border: 2px solid #b58900; border-radius: 8px;
  padding: .75rem 1rem; margin: 1.5rem 0 0; font-weight: 600; }
main { padding-bottom: 2rem; }
h2 { font-size: 1.5rem; margin: 2.25rem 0 1rem; color: #1d3557; }
nav ol { padding-left: 1.5rem; margin: 0; }
nav ol.many { columns: 2 18rem; }
nav li { margin: .15rem 0; break-inside: avoid; }
.card { background: #fff; border: 1px solid #d0d7de; border-radius: 10px; padding: 1.25rem;
  margin: 0 0 1.25rem; break-inside: avoid; }
.credential { display: grid; grid-template-columns: 96px 1fr; gap: 1.25rem; }
.credential > img, .placeholder { width: 96px; height: 96px; border-radius: 12px;
  object-fit: contain; background: #f6f8fa; }
.placeholder { display: flex; align-items: center; justify-content: center;
  border: 2px dashed #8c959f; color: #57606a; font-size: 2.25rem; font-weight: 700; }
.credential h3 { margin: 0 0 .25rem; font-size: 1.3rem; line-height: 1.3; }
.issuer { margin: 0 0 .5rem; color: #57606a; }
.status { display: inline-block; border-radius: 999px; padding: .15rem .75rem;
  font-weight: 600; font-size: .95rem; margin: 0 0 .5rem; }
.status.verified { background: #dafbe1; color: #0f5323; }
.status.warning { background: #fff3c4; color: #6a4a00; }
.status.failed { background: #ffe0e0; color: #8b1a1a; }
.status.unknown, .status.not-checked { background: #eaeef2; color: #3d444d; }
.banner { border: 2px solid #8b1a1a; background: #ffe0e0; color: #8b1a1a; font-weight: 700;
  border-radius: 6px; padding: .35rem .75rem; margin: 0 0 .5rem; }
.banner.not-checked { border-color: #3d444d; background: #eaeef2; color: #1f2328; }
ul.notes { margin: 0 0 .75rem; padding-left: 1.25rem; color: #57606a; font-size: .95rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: .5rem 0; }
dt { font-weight: 600; color: #3d444d; }
dd { margin: 0; overflow-wrap: anywhere; }
h4 { margin: 1rem 0 .25rem; font-size: 1rem; color: #1d3557; }
.credential p { margin: .25rem 0 .5rem; }
.part-of { font-size: .95rem; color: #57606a; }
details { margin-top: 1rem; border-top: 1px solid #d0d7de; padding-top: .75rem; }
summary { cursor: pointer; font-weight: 600; color: #0b57d0; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f6f8fa; border-radius: 6px;
  padding: .75rem; font-size: .8rem; max-height: 24rem; overflow: auto; }
.bar { height: .75rem; background: #eaeef2; border-radius: 999px; overflow: hidden;
  margin: .5rem 0; border: 1px solid #8c959f; }
.bar span { display: block; height: 100%; background: #2f6f3e; }
.stack h3 { margin: 0; font-size: 1.15rem; }
.stack p { margin: .25rem 0; }
.stack .unconfirmed { color: #6a4a00; font-weight: 600; }
footer { padding-top: 1rem; padding-bottom: 3rem; color: #3d444d; font-size: .95rem; }
footer h2 { font-size: 1.2rem; }
.print-only { display: none; }
@media print {
  @page { margin: 16mm 14mm; }
  body { background: #fff; font-size: 11pt; }
  header.top { background: #fff; color: #000; padding: 0 0 1rem; border-bottom: 2px solid #000; }
  header.top .meta { color: #333; }
  .card { border-color: #999; }
  details, .skip, nav { display: none; }
  .print-only { display: block; }
  a { color: #000; text-decoration: none; }
  h2 { break-after: avoid; }
}
"""


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _slot(name: str) -> str:
    """A stand-in for markup of our own inside a message (private-use characters, which
    escaping leaves alone); `_h` puts the markup in after escaping everything else."""
    return f"\ue000{name}\ue001"


def _h(message: Msg, lang: str, **markup: str) -> str:
    """`message` in `lang` as HTML text: escaped, its words and every value, except the
    markup of our own given for its slots (links, code)."""
    text = _e(render(message, lang))
    for name, html in markup.items():
        text = text.replace(_slot(name), html)
    return text


def _lang(language: str | None) -> str:
    """The language a page is written in: the one asked for, else the current one."""
    return language if language in available_languages() else current_language()


def banner(item: PortfolioItem) -> Msg | None:
    """The mark on a credential an employer cannot rely on (included only when the learner
    asked): `Failed: why`, or `Not checked`; None for verified ones and warnings."""
    if item.verdict == "failed":
        reason = item.notes[0] if item.notes else M("its checks did not pass")
        return M("Failed: {reason}", reason=reason)
    if item.verdict in UNVERIFIED:
        return M("Not checked")
    return None


def _status_class(verdict: str) -> str:
    return "not-checked" if verdict == NOT_CHECKED else _e(verdict)


def _data_uri(media_type: str, data: bytes) -> str:
    return f"data:{media_type};base64,{base64.b64encode(data).decode('ascii')}"


def _image(item: PortfolioItem, lang: str) -> str:
    title = item.credential.title
    if item.image:
        alt = _h(M("Badge image: {title}", title=title), lang)
        return f'<img src="{_e(item.image)}" alt="{alt}">'
    initial = next((ch for ch in title if ch.isalnum()), "?").upper()
    label = _h(M("No image for {title}", title=title), lang)
    return f'<div class="placeholder" role="img" aria-label="{label}">{_e(initial)}</div>'


def _about(c: Credential, lang: str) -> str | None:
    """The credential's description; for a badge whose details are only linked, where they
    are (in the page's language)."""
    said = shown_description(c, for_holder=False)  # an employer reads it
    return render(said, lang) if said is not None else None


def _paragraphs(label: Msg, text: str | None, lang: str) -> str:
    if not text:
        return ""
    body = "".join(f"<p>{_e(p.strip())}</p>" for p in text.split("\n\n") if p.strip())
    return f"<h4>{_h(label, lang)}</h4>{body}"


def _original(item: PortfolioItem, lang: str) -> str:
    """The signed credential, shown as text and downloadable byte for byte."""
    text = item.payload.decode("utf-8", "replace")
    name = file_name(item)
    issuer = item.credential.issuer.name
    link = (
        f'<a download="{_e(name)}" href="{_data_uri(item.media_type, item.original)}">'
        f"{_h(M('Download the signed original ({name})', name=name), lang)}</a>"
    )
    command = "<code>learner-wallet verify FILE</code>"
    about = (
        M(
            "This is the credential exactly as {issuer} signed it. Save it and verify it with "
            "any Open Badges or Verifiable Credentials verifier (for example {command}).",
            issuer=issuer,
            command=_slot("command"),
        )
        if issuer
        else M(
            "This is the credential exactly as the issuer signed it. Save it and verify it "
            "with any Open Badges or Verifiable Credentials verifier (for example {command}).",
            command=_slot("command"),
        )
    )
    return (
        f"<details><summary>{_h(M('Signed credential: check it yourself'), lang)}</summary>"
        f"<p>{_h(about, lang, command=command)}</p>"
        f"<p>{link}</p><pre>{_e(text)}</pre></details>"
    )


def _credential(item: PortfolioItem, titles: dict[str, str], lang: str) -> str:
    c = item.credential
    verdict = item.verdict
    status = (
        f'<p class="status {_status_class(verdict)}">'
        f'<span aria-hidden="true">{_MARKS.get(verdict, "?")}</span> '
        f"{_h(status_line(item), lang)}</p>"
    )
    notes = "".join(f"<li>{_h(n, lang)}</li>" for n in item.notes)
    mark = banner(item)
    if mark is not None:
        status = (
            f'<p class="banner {_status_class(verdict)}" role="note">{_h(mark, lang)}</p>{status}'
        )
    rows = facts(item)
    issuer = rows[0][1]
    dl = "".join(f"<dt>{_h(k, lang)}</dt><dd>{_h(v, lang)}</dd>" for k, v in rows[1:])
    outcomes = "".join(f"<li>{_e(o)}</li>" for o in c.learning_outcomes)
    parts = []
    if item.parent_id and item.parent_id in titles:
        link = f'<a href="#c-{_e(item.parent_id)}">{_e(titles[item.parent_id])}</a>'
        part_of = _h(M("Part of {record}", record=_slot("record")), lang, record=link)
        parts.append(f'<p class="part-of">{part_of}</p>')
    if item.children:
        inside = "".join(
            f'<li><a href="#c-{_e(k)}">{_e(titles.get(k, k))}</a></li>' for k in item.children
        )
        parts.append(f"<h4>{_h(M('Credentials in this record'), lang)}</h4><ul>{inside}</ul>")
    learned = f"<h4>{_h(M('Learning outcomes'), lang)}</h4><ul>{outcomes}</ul>" if outcomes else ""
    return (
        f'<article class="card credential" id="c-{_e(item.id)}" '
        f'aria-labelledby="t-{_e(item.id)}">{_image(item, lang)}<div>'
        f'<h3 id="t-{_e(item.id)}">{_e(c.title)}</h3>'
        f'<p class="issuer">{_h(M("Issued by {issuer}", issuer=issuer), lang)}</p>{status}'
        f"{f'<ul class=notes>{notes}</ul>' if notes else ''}"
        f"{''.join(parts)}<dl>{dl}</dl>"
        f"{_paragraphs(M('About this achievement'), _about(c, lang), lang)}"
        f"{learned}"
        f"{_paragraphs(M('How it was earned'), c.criteria, lang)}"
        f"{_original(item, lang)}"
        f'<p class="print-only">{_h(_INSIDE, lang)}</p></div></article>'
    )


_INSIDE = M("The signed original of this credential is inside the HTML file of this portfolio.")


def _stack(stack: StackProgress, titles: dict[str, str], lang: str) -> str:
    pct = max(0.0, min(1.0, stack.progress)) * 100
    counted = "".join(
        f'<li><a href="#c-{_e(k)}">{_e(titles[k])}</a></li>' for k in stack.counted if k in titles
    )
    missing = "".join(f"<li>{_h(m, lang)}</li>" for m in stack.missing)
    award = (
        f"<p>{_h(M('Award: {award}', award=stack.award), lang)}</p>"
        if stack.award and stack.award != stack.name
        else ""
    )
    unconfirmed = unconfirmed_line(stack)
    warning = f'<p class="unconfirmed">! {_h(unconfirmed, lang)}</p>' if unconfirmed else ""
    not_counted = "".join(
        f'<li><a href="#c-{_e(k)}">{_e(titles[k])}</a>: {_h(why, lang)}</li>'
        for k, why in stack.not_counted
        if k in titles
    )
    done = _h(M("{pct}% complete", pct=f"{pct:.0f}"), lang)
    counting = _h(M("Counting toward it"), lang)
    left_out = _h(M("Not counted"), lang)
    needed = _h(M("Still needed"), lang)
    return (
        f'<section class="card stack" aria-labelledby="s-{_e(stack.id)}">'
        f'<h3 id="s-{_e(stack.id)}">{_e(stack.name)}</h3>{award}'
        f'<div class="bar" role="img" aria-label="{done}">'
        f'<span style="width:{pct:.1f}%"></span></div>'
        f"<p><strong>{_h(progress_line(stack), lang)}</strong></p>{warning}"
        f"{f'<h4>{counting}</h4><ul>{counted}</ul>' if counted else ''}"
        f"{f'<h4>{left_out}</h4><ul>{not_counted}</ul>' if not_counted else ''}"
        f"{f'<h4>{needed}</h4><ul>{missing}</ul>' if missing else ''}</section>"
    )


def page_title(portfolio: Portfolio, language: str | None = None) -> str:
    """The page's title (and the PDF's) in `language`, else the current language."""
    title = (
        M("{name}: portfolio", name=portfolio.name)
        if portfolio.name
        else M("Portfolio of credentials")
    )
    return render(title, _lang(language))


def _intro(portfolio: Portfolio) -> Msg:
    n = len(portfolio.items)
    day = short_date(portfolio.generated_at)
    if n == 1:
        return M(
            "1 credential, exported on {day} from {app}; verification status as checked then.",
            day=day,
            app=APP,
        )
    return M(
        "{n} credentials, exported on {day} from {app}; verification status as checked then.",
        n=n,
        day=day,
        app=APP,
    )


_DEMO = M(
    "Made from the demo wallet: every credential here was signed by a demo issuer and is not "
    "a real achievement."
)
_PROGRESS = M("Progress toward larger awards")
_CREDENTIALS = M("Credentials")
_HOW_TO_CHECK = M("How to check these credentials")


def render_html(portfolio: Portfolio, language: str | None = None) -> str:
    """The whole portfolio page: one string, everything inline, in `language` (else the
    current language)."""
    lang = _lang(language)
    titles = {i.id: i.credential.title for i in portfolio.items}
    summary = f"<p>{_e(portfolio.summary)}</p>" if portfolio.summary else ""
    demo = f'<p class="demo">{_h(_DEMO, lang)}</p>' if portfolio.demo else ""
    toc = "".join(
        f'<li><a href="#c-{_e(i.id)}">{_e(i.credential.title)}</a> '
        f"({_e(render(verdict_words(i.verdict), lang).lower())})</li>"
        for i in portfolio.items
    )
    stacks = ""
    if portfolio.stacks:
        stacks = (
            f'<section aria-labelledby="h-stacks"><h2 id="h-stacks">{_h(_PROGRESS, lang)}</h2>'
            + "".join(_stack(s, titles, lang) for s in portfolio.stacks)
            + "</section>"
        )
    credentials = "".join(_credential(i, titles, lang) for i in portfolio.items)
    title = page_title(portfolio, lang)
    footer = M(
        "The status beside each credential is what the wallet found when checking it offline "
        "at export time: the issuer's signature, the dates, revocation as last known, and "
        "whether the learner trusts the issuer. Do not rely on it alone: every credential's "
        "signed original is inside this page (open “Signed credential” under it), so you can "
        "save it and verify it yourself with any Open Badges or Verifiable Credentials "
        "verifier."
    )
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{_e(lang)}"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
        '<meta name="referrer" content="no-referrer">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="generator" content="{APP}">'
        f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>"
        f'<a class="skip" href="#h-credentials">{_h(M("Skip to the credentials"), lang)}</a>'
        f'<header class="top"><div class="wrap"><h1>{_e(title)}</h1>{summary}'
        f'<p class="meta">{_h(_intro(portfolio), lang)}</p>{demo}</div></header>'
        f'<main><nav aria-labelledby="h-contents"><h2 id="h-contents">'
        f"{_h(M('Contents'), lang)}</h2>"
        f"<ol{' class=many' if len(portfolio.items) > 6 else ''}>{toc}</ol></nav>{stacks}"
        f'<section aria-labelledby="h-credentials"><h2 id="h-credentials">'
        f"{_h(_CREDENTIALS, lang)}</h2>"
        f"{credentials}</section></main>"
        f"<footer><h2>{_h(_HOW_TO_CHECK, lang)}</h2>"
        f"<p>{_h(footer, lang)}</p></footer></body></html>\n"
    )


# ----- the PDF's HTML (Qt's rich text engine: tables, simple CSS) ----------------------------


def image_resource(item: PortfolioItem) -> tuple[str, str, bytes] | None:
    """(resource name, media type, bytes) of a credential's image for the PDF, if it has one
    the page would show (a base64 data: URI)."""
    uri = item.image or ""
    head, sep, body = uri.partition(",")
    if not sep or not head.lower().endswith(";base64"):
        return None
    try:
        data = base64.b64decode(body, validate=False)
    except ValueError:
        return None
    return f"lw-image-{item.id}", head[5:].split(";", 1)[0].lower(), data


QR_SIDE = 220  # pixels of a QR code in the PDF's document (about 39 mm on the page)


def _print_codes(item: PortfolioItem, images: dict[str, bytes], lang: str) -> str:
    """The cell with the credential's QR code(s) and what they are, or the sentence saying
    why there is none; empty when no codes were made (every format but the PDF)."""
    if item.qr_problem is not None:
        return (
            f'<td width="{QR_SIDE}" valign="top" style="color:#3d444d">'
            f"{_h(item.qr_problem, lang)}</td>"
        )
    if not item.qr_texts:
        return ""
    pictures = []
    for n, text in enumerate(item.qr_texts):
        name = f"lw-qr-{item.id}-{n}"
        images[name] = text.encode("utf-8")  # drawn by the PDF writer from the text itself
        pictures.append(f'<img src="{_e(name)}" width="{QR_SIDE}" height="{QR_SIDE}">')
    n = len(item.qr_texts)
    if item.qr_until is None:
        caption = (
            M("Scan to check: signed by the learner.")
            if n == 1
            else M("Scan all {n} codes to check: signed by the learner.", n=n)
        )
    elif n == 1:
        caption = M("Scan to check: signed by the learner, valid until {day}.", day=item.qr_until)
    else:
        caption = M(
            "Scan all {n} codes to check: signed by the learner, valid until {day}.",
            n=n,
            day=item.qr_until,
        )
    return (
        f'<td width="{QR_SIDE}" valign="top" align="center">{"<br>".join(pictures)}'
        f'<br><span style="color:#3d444d">{_h(caption, lang)}</span></td>'
    )


def render_print_html(
    portfolio: Portfolio, language: str | None = None
) -> tuple[str, dict[str, bytes]]:
    """HTML for `QTextDocument` (the PDF) and the images it names, by resource name (a
    `lw-qr-` name holds a QR code's text, not a picture); in `language`, else the current
    language."""
    parts, images = render_print_parts(portfolio, language)
    return "".join(parts), images


def render_print_parts(
    portfolio: Portfolio, language: str | None = None
) -> tuple[list[str], dict[str, bytes]]:
    """`render_print_html` in pieces, each whole block elements (a heading, a table, a list),
    so that the PDF can be laid out piece by piece: keeping a heading with what it heads then
    costs a layout of the last piece, not of the whole document again."""
    lang = _lang(language)
    images: dict[str, bytes] = {}
    titles = {i.id: i.credential.title for i in portfolio.items}
    out = [f"<h1>{_e(page_title(portfolio, lang))}</h1>"]
    if portfolio.summary:
        out.append(f"<p>{_e(portfolio.summary)}</p>")
    out.append(f'<p style="color:#3d444d">{_h(_intro(portfolio), lang)}</p>')
    if portfolio.demo:
        out.append(
            f'<p style="color:#4d3800; background-color:#fff3c4"><b>{_h(_DEMO, lang)}</b></p>'
        )
    if portfolio.stacks:
        out.append(f"<h2>{_h(_PROGRESS, lang)}</h2>")
        for s in portfolio.stacks:
            counted = ", ".join(titles[k] for k in s.counted if k in titles)
            counting = (
                M("Counting toward it: {titles}", titles=counted)
                if counted
                else M("Counting toward it: nothing yet")
            )
            unconfirmed = unconfirmed_line(s)
            warning = (
                f'<br><span style="color:#6a4a00"><b>! {_h(unconfirmed, lang)}</b></span>'
                if unconfirmed
                else ""
            )
            out.append(
                f"<h3>{_e(s.name)}</h3><p><b>{_h(progress_line(s), lang)}</b>{warning}<br>"
                f"{_h(counting, lang)}</p>"
            )
            not_counted = [
                f"{_e(titles[k])}: {_h(why, lang)}" for k, why in s.not_counted if k in titles
            ]
            if not_counted:
                out.append(
                    f"<p>{_h(M('Not counted:'), lang)}</p><ul>"
                    + "".join(f"<li>{line}</li>" for line in not_counted)
                    + "</ul>"
                )
            if s.missing:
                out.append("<ul>" + "".join(f"<li>{_h(m, lang)}</li>" for m in s.missing) + "</ul>")
    out.append(f"<h2>{_h(_CREDENTIALS, lang)}</h2>")
    for item in portfolio.items:
        resource = image_resource(item)
        cell = ""
        if resource is not None:
            name, _media, data = resource
            images[name] = data
            cell = f'<img src="{_e(name)}" width="72" height="72">'
        colour = _PRINT_COLOURS.get(item.verdict, "#3d444d")
        rows = facts(item)
        table = "".join(
            f'<tr><td style="color:#3d444d"><b>{_h(k, lang)}</b></td><td>{_h(v, lang)}</td></tr>'
            for k, v in rows[1:]
        )
        notes = "".join(f"<br>{_h(n, lang)}" for n in item.notes)
        outcomes = "".join(f"<li>{_e(o)}</li>" for o in item.credential.learning_outcomes)
        picture = f'<td width="80" valign="top">{cell}</td>' if cell else ""
        mark = banner(item)
        flag = (
            f'<span style="color:{colour}; background-color:#fbe9e9"><b>{_h(mark, lang)}</b>'
            "</span><br>"
            if mark is not None
            else ""
        )
        out.append(
            f"<h3>{_e(item.credential.title)}</h3>"
            f'<table cellspacing="0" cellpadding="4" width="100%"><tr>{picture}'
            f'<td valign="top">{flag}{_h(M("Issued by {issuer}", issuer=rows[0][1]), lang)}<br>'
            f'<span style="color:{colour}"><b>{_h(status_line(item), lang)}</b></span>'
            f'<span style="color:#3d444d">{notes}</span>'
            f'<table cellspacing="0" cellpadding="2">{table}</table></td>'
            f"{_print_codes(item, images, lang)}</tr></table>"
        )
        about = _about(item.credential, lang)
        if about:
            out.append(f"<p>{_e(about)}</p>")
        if outcomes:
            out.append(f"<h4>{_h(M('Learning outcomes'), lang)}</h4><ul>{outcomes}</ul>")
    how = M(
        "The status beside each credential is what the wallet found when checking it offline "
        "at export time. Do not rely on it alone: each credential's signed original is "
        "attached to this PDF (see your PDF viewer's attachments), and each QR code holds a "
        "presentation of its credential signed by the learner, which a verifier can scan and "
        "check (for example with learner-wallet check-qr)."
    )
    out.append(f"<h2>{_h(_HOW_TO_CHECK, lang)}</h2><p>{_h(how, lang)}</p>")
    return out, images
