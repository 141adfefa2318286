"""`newsread bookmarks`: list, add, remove, export and import bookmarks of a folder."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from tui.cli.common import (
    UsageError,
    add_folder,
    json_text,
    load_corpus,
    out,
    positive_int,
    print_json_items,
)
from tui.engine.bookmarks.anchor import Anchorer, Placed, make_bookmark, place, quote_span
from tui.engine.bookmarks.bookmark import (
    AnnotationError,
    from_collection,
    quote_too_long,
    to_collection,
)
from tui.engine.bookmarks.store import Store
from tui.engine.export.files import ExportError, write_atomically
from tui.engine.ingest.load import Corpus
from tui.engine.refs import first_few, resolve
from tui.engine.variants.groupcache import find_groups
from tui.locations import bundled_seeds
from tui.render.safe import visible

QUOTE_CELLS = 40
MAX_IMPORT_BYTES = 256 << 20  # an export of 100,000 bookmarks is about 150 MB
MAX_IMPORT_ITEMS = 100_000  # bookmarks in one import


def story_groups(corpus: Corpus):
    """The folder's story groups, for anchoring in a variant."""
    return find_groups(corpus)


def open_store(*, writing: bool = False) -> Store:
    """The store; its notice is printed here unless a write will report it (one line either way)."""
    store = Store.open()
    if store.notice and not (writing and store.readonly):
        print(visible(f"newsread: {store.notice}"), file=sys.stderr)
    return store


def placed(corpus: Corpus, store: Store) -> list[Placed]:
    return place(store.bookmarks(), corpus, lambda: story_groups(corpus))


def record(p: Placed) -> dict:
    b, a = p.bookmark, p.anchor
    return {
        "id": b.id,
        "file": b.file,
        "article": b.article,
        "title": b.title,
        "quote": b.exact,
        "note": b.note,
        "created": b.created,
        "orphaned": a is None,
        "anchor": None if a is None else {"ref": a.ref, "start": a.start, "end": a.end},
        "via_variant": bool(a and a.via_variant),
    }


def line(p: Placed) -> str:
    b, a = p.bookmark, p.anchor
    where = "ORPHANED" if a is None else a.ref + (" (variant)" if a.via_variant else "")
    note = f"  [{b.note}]" if b.note else ""
    return f"{b.id[:8]}  {where}  {b.excerpt(QUOTE_CELLS)}{note}"


def add_folder_late(p: argparse.ArgumentParser) -> None:
    """--folder/--max-bytes after a sub-subcommand too, without hiding values given before it."""
    p.add_argument("--folder", metavar="DIR", default=argparse.SUPPRESS, help="folder (default: the bundled seeds)")
    p.add_argument(
        "--max-bytes", type=positive_int, metavar="N", default=argparse.SUPPRESS, help="skip files larger than N bytes"
    )


def add_bookmarks(sub) -> None:
    p = sub.add_parser(
        "bookmarks",
        help="list, add, remove, export or import bookmarks",
        description="Bookmarks of the folder, re-anchored against its files as they are now.",
    )
    add_folder(p)
    p.add_argument("--json", action="store_true", help="print JSON (a stable interface)")
    p.set_defaults(run=run_list)
    actions = p.add_subparsers(dest="action", metavar="ACTION", parser_class=type(p))
    a = actions.add_parser("add", help="bookmark a passage", description="Bookmark the passage QUOTE of article REF.")
    a.add_argument("ref", metavar="REF")
    a.add_argument("--quote", required=True, metavar="TEXT", help="the passage (must occur in the article)")
    a.add_argument("--note", default="", metavar="TEXT")
    a.set_defaults(run=run_add)
    r = actions.add_parser(
        "rm", help="remove a bookmark", description="Remove a bookmark (ID or a unique prefix of it)."
    )
    r.add_argument("id", metavar="ID")
    r.set_defaults(run=run_rm)
    e = actions.add_parser(
        "export",
        help="write W3C Web Annotation JSON",
        description="Export the folder's bookmarks as W3C Web Annotation JSON (FILE '-' is stdout).",
    )
    e.add_argument("file", metavar="FILE")
    e.set_defaults(run=run_export)
    i = actions.add_parser(
        "import",
        help="read W3C Web Annotation JSON",
        description="Import bookmarks from W3C Web Annotation JSON; ones already there are skipped.",
    )
    i.add_argument("file", metavar="FILE")
    i.set_defaults(run=run_import)
    for child in (a, r, e, i):
        add_folder_late(child)


def run_list(args: argparse.Namespace) -> int:
    """Each bookmark printed as soon as it is placed: a million cost time, not memory."""
    corpus = load_corpus(args)
    with open_store() as store:
        rows = Anchorer(corpus, lambda: story_groups(corpus)).iter_place(store.iter_bookmarks())
        if args.json:
            print_json_items("bookmarks", map(record, rows))
        else:
            for p in rows:
                out(line(p))
    return 0


def run_add(args: argparse.Namespace) -> int:
    corpus = load_corpus(args)
    r = resolve(corpus, args.ref)
    hit = next(((a, span) for a in r.articles if (span := quote_span(a, args.quote))), None)
    if hit is None:
        raise UsageError(f"the quote does not occur in {r.ref}")
    article, (start, end) = hit
    if too_long := quote_too_long(end - start):
        raise UsageError(too_long)
    bookmark = make_bookmark(corpus, article, start, end, args.note)
    with open_store(writing=True) as store:
        if not store.add_bookmark(bookmark):
            raise UsageError(f"bookmark not saved: {store.notice}")
    print(bookmark.id)
    return 0


def run_rm(args: argparse.Namespace) -> int:
    with open_store(writing=True) as store:
        hits = store.find_bookmarks(args.id) if args.id else []
        if len(hits) != 1:
            raise UsageError(
                f"no bookmark {args.id}"
                if not hits
                else f"{args.id}: ambiguous, matches {len(hits)} bookmarks: {first_few([b.id for b in hits])}"
            )
        if not store.remove_bookmark(hits[0].id):
            raise UsageError(f"bookmark not removed: {store.notice}")
    print(f"removed {hits[0].id}", file=sys.stderr)
    return 0


def run_export(args: argparse.Namespace) -> int:
    corpus = load_corpus(args)
    with open_store() as store:
        rows = placed(corpus, store)
    text = json_text(to_collection([p.bookmark for p in rows])) + "\n"
    if args.file == "-":
        sys.stdout.write(text)
        sys.stdout.flush()  # a full disk is told before "exported"
    else:
        try:
            write_atomically(Path(args.file), text)
        except ExportError as e:
            raise UsageError(str(e)) from None
    print(f"exported {len(rows)} bookmarks", file=sys.stderr)
    return 0


def read_import(path: Path) -> str:
    """The text of an import file, refused past MAX_IMPORT_BYTES (read that far, no further)."""
    with path.open("rb") as f:
        data = f.read(MAX_IMPORT_BYTES + 1)
    if len(data) > MAX_IMPORT_BYTES:
        raise UsageError(f"{path}: larger than {MAX_IMPORT_BYTES >> 20} MiB, more than one import takes; split it")
    return data.decode("utf-8")


def run_import(args: argparse.Namespace) -> int:
    folder = Path(args.folder) if args.folder else bundled_seeds()
    try:
        data = json.loads(read_import(Path(args.file)))
        bookmarks = from_collection(data, folder.resolve())
    except OSError as e:
        raise UsageError(f"cannot read {args.file}: {e.strerror}") from None
    except RecursionError:
        raise UsageError(f"{args.file}: not W3C Web Annotation JSON (nested too deeply)") from None
    except (ValueError, TypeError, AnnotationError) as e:
        raise UsageError(f"{args.file}: not W3C Web Annotation JSON ({e})") from None
    if len(bookmarks) > MAX_IMPORT_ITEMS:
        raise UsageError(
            f"{args.file}: {len(bookmarks):,} bookmarks; one import takes at most {MAX_IMPORT_ITEMS:,}, split it"
        )
    with open_store(writing=True) as store:
        added = store.import_bookmarks(bookmarks)
        if added is None:
            raise UsageError(f"bookmarks not imported: {store.notice}")
    print(f"imported {added} new bookmarks ({len(bookmarks) - added} already there)", file=sys.stderr)
    return 0
