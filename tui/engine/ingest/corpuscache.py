"""A folder's segmented files, saved one row per file, so that an unchanged file is not read or segmented again.

Segmenting is most of the time of loading a folder (a week of 1916 front
pages, 12 MB: 10 s), and ``newsread list`` or the reader on an unchanged
folder should answer at once.  Each file's row in the store
(:mod:`tui.engine.caches`) is keyed by its path and stamp (size, times, mode,
inode, device: :func:`.scan.stamp_of`), the size limit it was read under and
the source of the code that decodes and segments it, so a changed file costs
only itself and a new segmenter misses.  A row holds what reading the file
gave, as plain data: its decoded text (UTF-8), and its articles and paragraphs
as offsets, kinds and titles (JSON), or the reason it was refused.

The text is kept rather than read again because decoding is not always
cheap: an ALTO page is 40 times its text in XML and takes 30 times longer to
parse than to segment.  An unchanged folder is listed and stat'ed, never read.
A row that does not decode into exactly what it describes is a miss.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sys
import zlib
from array import array
from collections import Counter, deque
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from tui.engine import caches, model, quietgc
from tui.engine.caches import source_fingerprint
from tui.engine.ingest import decode, english, formats, layout, lexicon, lines, load, paragraphs, reflow, scan, segment
from tui.engine.ingest.lexicon import Lexicon, using
from tui.engine.ingest.load import Corpus, assemble, folder_root, read_docs, segmented
from tui.engine.ingest.scan import DEFAULT_MAX_BYTES, RawFile, read_candidate, stamp_of, walk
from tui.engine.model import Article, Paragraph, Skipped, Source, TextFile

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

# The fields the rows hold: a model with others (a field added to Paragraph) makes every row a miss.
_FIELDS = {
    Paragraph: {"text", "kind", "pieces", "line", "spaced"},
    Article: {"file", "index", "title", "untitled", "start", "end", "start_line", "end_line", "raw", "paragraphs"}
    | {"source"},
    TextFile: {"relpath", "path", "size", "mtime_ns", "encoding", "text", "warning", "articles", "format", "stamp"},
}
# Below this much to read, worker processes cost more to start (about 0.3 s each) than they save.
PARALLEL_MIN_BYTES = 8 << 20
CHUNK_BYTES, CHUNK_FILES = 1 << 20, 256  # what a worker is sent at a time (see _chunks)
_FITS = all({f.name for f in dataclasses.fields(cls)} == names for cls, names in _FIELDS.items())


@cache
def code_fingerprint() -> bytes:
    """The source of everything that decides what reading a file gives (this module's own encoding too)."""
    modules = (decode, english, layout, lexicon, lines, load, model, paragraphs, reflow, scan, segment)
    modules += (sys.modules[__name__],)
    return source_fingerprint(modules) + formats.fingerprint()


def load_cached(
    folder: str | os.PathLike | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Callable[[int, int], None] | None = None,
    workers: int | None = None,
) -> Corpus:
    """Like :func:`.load.load` (same errors, same corpus), reading and segmenting only the files not saved as they are.

    ``workers``: how many processes read and segment the files not saved (default: one per CPU when they hold
    :data:`PARALLEL_MIN_BYTES` or more, else this process alone); the corpus is the same either way.
    """
    root = folder_root(folder).resolve()
    with caches.folder(root) as store, quietgc.held():
        items = list(walk(root))
        found = [item for item in items if not isinstance(item, Skipped)]
        plan = _Plan(root, store.files() if store else [], max_bytes, workers)
        for item in found:
            plan.look(*item)
        with closing(plan):  # its worker processes, if it started any
            plan.read(progress, len(found))
            if plan.changed():
                plan.relex(store.words() if store else [])
        got, rows = [], []
        for n, item in enumerate(found, 1):
            got.append(plan.result(item, rows))
            if progress and (not plan.pooled or n == len(found)):
                progress(n, len(found))
        if store:
            store.put_files(rows, {_key(rel) for rel, _, _ in found})
    kept, same = scan.one_per_file([r for r in got if isinstance(r, _Read)])
    files = [f for r in kept for f in r.outputs if isinstance(f, TextFile)]
    refused = [s for s in [*items, *got] if isinstance(s, Skipped)]
    refused += [s for r in kept for s in r.outputs if isinstance(s, Skipped)]
    return assemble(root, files, [*refused, *same])


@dataclasses.dataclass(frozen=True, slots=True)
class _Read:
    """What reading one candidate gave: its texts and refusals (archive members, JSON lines series)."""

    relpath: str
    path: str
    linked: bool
    stamp: tuple[int, ...]
    outputs: list[TextFile | Skipped]


class _Asking(Lexicon):
    """The folder's lexicon, noting each question a segmentation asks of it and the answer it got.

    The questions are the decisions reflow takes (is this hyphen kept? is this
    a word cut in two?), so a page's row stays good while a change elsewhere
    moves counts without changing an answer.  A count read directly is noted
    as a question of its own.
    """

    def __init__(self, counts: Counter[str]) -> None:
        super().__init__(counts)
        self.plain = Lexicon(counts)  # asked on its behalf, so that its own counting is not noted
        self.asked: dict[tuple[str, str, str], bool | int] = {}

    def __getitem__(self, word: str) -> int:
        return self._note("#", word, "")

    def hyphen_kept(self, left: str, right: str) -> bool:
        return self._note("-", left, right)

    def split_word(self, left: str, right: str) -> bool:
        return self._note("/", left, right)

    def _note(self, question: str, left: str, right: str):
        answer = self.asked[question, left, right] = _ask(self.plain, question, left, right)
        return answer


def _ask(lexicon: Lexicon, question: str, left: str, right: str) -> bool | int:
    if question == "-":
        return lexicon.hyphen_kept(left, right)
    if question == "/":
        return lexicon.split_word(left, right)
    if question == "#":
        return lexicon[left]
    raise ValueError(f"no such question: {question!r}")


def _same_answers(lexicon: Lexicon, asked: object) -> bool:
    """Whether ``lexicon`` answers a row's saved questions ([question, left, right, answer]) as before."""
    try:
        return all(
            _ask(lexicon, q, _typed(left, str), _typed(right, str)) == answer
            for q, left, right, answer in _typed(asked, list)
        )
    except (ValueError, TypeError):
        return False


class _Plan:
    """Which candidates come from their rows, which are read again, and the lexicon to segment those with.

    A hard-wrapped page's segmentation depends on the whole folder: its cut
    words rejoin by the folder's spelling (:mod:`.lexicon`).  So a row also
    keeps the words its text adds to the folder's lexicon and every question
    its segmentation asked of it, with the answer.  While every row is a hit and
    none is gone, the lexicon is the one they were all made or checked with.
    Otherwise it is summed again from the hits' words and the new texts', and
    a hit whose questions now get other answers is segmented again: a changed
    page costs itself and the pages that ask about its words, not the folder.

    Many files to read are read in worker processes (:meth:`read`), each
    segmented at once under the lexicon known so far and sent back as its row;
    the rows are checked against the folder's lexicon like saved ones, and those
    answered otherwise are segmented again under it.
    """

    def __init__(self, root: Path, saved: list[tuple], max_bytes: int, workers: int | None) -> None:
        code = code_fingerprint()
        self.root = root
        self.saved = {row[0]: row for row in saved if len(row) == 5 and row[2] == code}
        self.max_bytes = max_bytes
        self.workers = workers
        self.hits: dict[bytes, tuple[tuple[int, ...], list[TextFile | Skipped]]] = {}  # stamp, outputs
        self.misses: dict[bytes, tuple[RawFile | Skipped, list, Counter[str]]] = {}  # raw, its docs, their words
        self.items: dict[bytes, tuple[str, Path, bool]] = {}
        self.lexicon: Counter[str] = Counter()
        self.todo: dict[bytes, int] = {}  # the candidates to read, with their size
        self.fresh: dict[bytes, tuple[dict[str, int], list, tuple]] = {}  # rows made by workers: words, asked, row
        self.refused: dict[bytes, Skipped] = {}  # refused by a worker before reading
        self.pooled = False
        self.pool: ProcessPoolExecutor | None = None  # kept from reading to segmenting again (one start-up)

    def look(self, rel: str, path: Path, linked: bool) -> None:
        """A hit when ``rel`` has a row of its current stamp that decodes; else one to read (:meth:`read`)."""
        key = _key(rel)
        self.items[key] = (rel, path, linked)
        row = self.saved.get(key)
        try:
            stamp = stamp_of(os.stat(path))
        except OSError:
            self.todo[key] = 0
            return
        if row is not None and row[1] == _stamp(str(path), stamp, self.max_bytes):
            outputs = decoded(row[3], row[4], str(path), stamp)
            if outputs is not None:
                self.hits[key] = (stamp, outputs)
                return
        self.todo[key] = stamp[0] if stamp[0] <= self.max_bytes else 0  # too large: refused unread

    def read(self, progress: Callable[[int, int], None] | None, total: int) -> None:
        """Read and decode the candidates that missed: in worker processes when worth it (:func:`_processes`)."""
        n = _processes(self.workers, sum(self.todo.values()))
        if n > 1:
            self._pool(list(self.todo), None, n, progress, total)
        else:
            for key in self.todo:
                self._miss(key)

    def _miss(self, key: bytes) -> None:
        self.hits.pop(key, None)
        self.fresh.pop(key, None)
        raw = read_candidate(self.root, *self.items[key], self.max_bytes)
        docs = read_docs(raw) if isinstance(raw, RawFile) else []
        self.misses[key] = (raw, docs, _words(docs))

    def _pool(self, keys: list[bytes], counts: Counter[str] | None, n: int, progress, total: int) -> None:
        """Read and segment the candidates ``keys`` in ``n`` processes under the lexicon ``counts`` (those
        already read are sent as read); if the processes cannot start or one dies, the rest is read here.

        ``counts`` None: the folder's lexicon is not known yet; a hard-wrapped
        page, which asks it, comes back read but not segmented (a miss).
        """
        import multiprocessing  # only a big cold folder starts processes: kept off the reader's start-up
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        self.pooled = True
        chunks = _chunks([(*self.items[k], *self.misses.get(k, ())) for k in keys], list(map(self._size, keys)))
        done = total - len(keys)
        taken = 0
        try:
            with _starting_workers():  # the processes start with the first chunks sent
                if self.pool is None:
                    self.pool = ProcessPoolExecutor(n, multiprocessing.get_context("spawn"), initializer=_quiet)
                sent = deque(
                    self.pool.submit(_segment_chunk, self.root, c, self.max_bytes, counts) for c in chunks[: 2 * n]
                )
            for i, chunk in enumerate(chunks):  # no more than two chunks a process ahead: a quit waits for these only
                results = sent.popleft().result()
                if i + 2 * n < len(chunks):
                    sent.append(self.pool.submit(_segment_chunk, self.root, chunks[i + 2 * n], self.max_bytes, counts))
                for (rel, path, *_), got in zip(chunk, results):
                    self._take(_key(rel), str(path), got)
                taken += len(chunk)
                if progress:
                    progress(done + taken, total)
        except (BrokenProcessPool, OSError):
            self.close()
            for key in keys[taken:]:
                if key not in self.misses:
                    self._miss(key)

    def close(self) -> None:
        """Stop the worker processes."""
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
            self.pool = None

    def _take(self, key: bytes, path: str, got: tuple | Skipped) -> None:
        """A worker's answer for one candidate: its row (decoded as a saved one), what it read (a miss to
        segment under the folder's lexicon), or why it was refused."""
        self.misses.pop(key, None)
        if isinstance(got, Skipped) or isinstance(got[0], RawFile):
            self.hits.pop(key, None)
            self.fresh.pop(key, None)
            if isinstance(got, Skipped):
                self.refused[key] = got
            else:
                self.misses[key] = got
            return
        stamp, row, words, asked = got
        outputs = decoded(row[3], row[4], path, stamp)
        if outputs is None:  # not what this code writes: never expected, but then read here
            self._miss(key)
            return
        self.hits[key] = (stamp, outputs)
        self.fresh[key] = (words, asked, row)

    def changed(self) -> bool:
        """Whether the folder's lexicon may not be the one the hits were made with."""
        return bool(self.misses) or bool(self.fresh) or bool(self.saved.keys() - self.hits.keys())

    def relex(self, saved: list[tuple]) -> None:
        """The folder's lexicon now; a hit whose segmentation would get other answers from it becomes a miss."""
        rows = {row[0]: (_counts(row[1]), _parsed(row[2])) for row in saved if len(row) == 3}
        rows.update({key: (words, asked) for key, (words, asked, _) in self.fresh.items()})
        for key in [k for k in self.hits if None in rows.get(k, (None,))]:
            self._miss(key)  # what it adds or asked is not known: read it again
        for key in self.hits:
            self.lexicon.update(rows[key][0])
        for _, _, counts in self.misses.values():
            self.lexicon.update(counts)
        now = Lexicon(self.lexicon)
        stale = [k for k in self.hits if not _same_answers(now, rows[k][1])]
        todo = [*stale, *self.misses]
        n = _processes(self.workers, sum(map(self._size, todo)))
        if n > 1:
            self._pool(todo, self.lexicon, n, None, 0)  # under the folder's lexicon: their answers are its own
        else:
            for key in stale:
                self._miss(key)  # segmented under it in result()

    def _size(self, key: bytes) -> int:
        """The candidate's size as stat'ed (0 when unknown)."""
        if key in self.todo:
            return self.todo[key]
        return self.hits[key][0][0] if key in self.hits else 0

    def result(self, item: tuple[str, Path, bool], rows: list) -> _Read | Skipped:
        """The candidate from its row, or segmented (its row added to ``rows`` unless it was refused unread).

        A binary file is a refusal, as :func:`.scan.scan` gives it, though it has a row (it was read).
        """
        rel, path, linked = item
        key = _key(rel)
        if key in self.refused:
            return self.refused[key]
        if key in self.hits:
            stamp, outputs = self.hits[key]
            if key in self.fresh:
                rows.append(self.fresh[key][2])
        else:
            raw, docs, words = self.misses[key]
            if isinstance(raw, Skipped) and raw.reason != "binary":
                return raw  # refused from its stat, or unreadable: not worth a row
            outputs, stamp, row, _ = _segment(key, raw, docs, words, path, self.lexicon, self.max_bytes)
            if row is None:
                return raw
            rows.append(row)
        if outputs == [Skipped(rel, "binary")]:
            return outputs[0]
        return _Read(rel, str(path), linked, stamp, outputs)


def _segment(key: bytes, raw: RawFile | Skipped, docs: list, words: dict[str, int], path: Path, counts, max_bytes: int):
    """(outputs, stamp, row, asked) of a candidate read into ``docs``, segmented under the lexicon ``counts``;
    row None when it was refused and is gone (no stamp to key it by)."""
    lexicon = _Asking(counts)
    with using(lexicon):
        outputs = [raw] if isinstance(raw, Skipped) else segmented(raw, docs)
    try:
        stamp = raw.stamp if isinstance(raw, RawFile) else stamp_of(os.stat(path))
    except OSError:
        return outputs, (), None, []
    asked = [[*question, answer] for question, answer in lexicon.asked.items()]
    row = (key, _stamp(str(path), stamp, max_bytes), code_fingerprint(), *encoded(outputs))
    return outputs, stamp, (*row, _packed(words), _packed(asked)), asked


def _segment_chunk(root: Path, items: list[tuple], max_bytes: int, counts: Counter[str] | None) -> list:
    """In a worker process: each candidate read (unless sent read: raw, docs, words) and segmented under the
    lexicon ``counts``, as (stamp, row, words, asked); or the reason it was refused before reading; or, while
    ``counts`` is None, a hard-wrapped page read but not segmented, as (raw without its bytes, docs, words)."""
    out: list[tuple | Skipped] = []
    for rel, path, linked, *read in items:
        if read:
            raw, docs, words = read
        else:
            raw = read_candidate(root, rel, path, linked, max_bytes)
            if isinstance(raw, Skipped) and raw.reason != "binary":
                out.append(raw)
                continue
            docs = read_docs(raw) if isinstance(raw, RawFile) else []
            words = _words(docs)
            if counts is None and words:
                out.append((dataclasses.replace(raw, data=b""), docs, words))
                continue
        _, stamp, row, asked = _segment(_key(rel), raw, docs, words, path, counts or Counter(), max_bytes)
        out.append(raw if row is None else (stamp, row, words, asked))
    return out


@contextmanager
def _starting_workers() -> Iterator[None]:
    """While worker processes start, what spawning them reads of this process made safe for them.

    The main module is hidden: spawn would run it again in every worker (the
    reader itself under ``python -m tui``, or a user's script without a main
    guard), and the workers need nothing from it.  ``sys.stderr`` has a
    descriptor: multiprocessing hands it to the helper process it starts, and
    under the reader it is Textual's capture, whose descriptor is -1.
    """
    main = sys.modules.get("__main__")
    hidden = {k: v for k, v in vars(main).items() if k in ("__file__", "__spec__")} if main else {}
    held = sys.stderr
    try:
        fd = held.fileno()
    except (AttributeError, OSError, ValueError):
        fd = None  # no descriptor at all: multiprocessing passes none
    try:
        if "__file__" in hidden:
            del main.__file__
        if "__spec__" in hidden:
            main.__spec__ = None  # read, not looked for, by spawn
        if fd is not None and fd < 0 and sys.__stderr__ is not None:
            sys.stderr = sys.__stderr__
        yield
    finally:
        sys.stderr = held
        for name, value in hidden.items():
            setattr(main, name, value)


def _quiet() -> None:
    """A worker writes nothing to the terminal, where the reader draws: what it would print is dropped."""
    fd = os.open(os.devnull, os.O_WRONLY)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    os.close(fd)


def _words(docs: list) -> Counter[str]:
    """What the texts read from one file add to the folder's lexicon."""
    return reflow.folder_lexicon([item[1].text for item in docs if not isinstance(item, Skipped)]).counts


def _processes(workers: int | None, nbytes: int) -> int:
    """How many processes read ``nbytes`` of files: ``workers`` if given, else one per CPU when it pays."""
    if workers is not None:
        return max(1, workers)
    if nbytes < PARALLEL_MIN_BYTES:
        return 1
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _chunks(items: list, sizes: list[int]) -> list[list]:
    """``items`` in order, cut into chunks of about :data:`CHUNK_BYTES` (at most :data:`CHUNK_FILES` files): small
    enough to show progress and to stop soon, large enough that sending them costs little."""
    chunks: list[list] = [[]]
    held = 0
    for item, size in zip(items, sizes):
        if chunks[-1] and (held >= CHUNK_BYTES or len(chunks[-1]) >= CHUNK_FILES):
            chunks.append([])
            held = 0
        chunks[-1].append(item)
        held += size
    return chunks if chunks[0] else []


def _packed(data: object) -> bytes:
    """JSON, zlib-compressed (a third of the size): for what is read only when the folder changed."""
    return zlib.compress(_json(data), 1)


def _parsed(data: object) -> object:
    """Saved :func:`_packed` JSON, or None if it is not that."""
    try:
        return json.loads(zlib.decompress(data))
    except (ValueError, TypeError, RecursionError, zlib.error):
        return None


def _counts(data: object) -> dict[str, int] | None:
    """A saved {word: count}, or None if it is not one."""
    counts = _parsed(data)
    ok = type(counts) is dict and all(type(n) is int for n in counts.values())
    return counts if ok else None


def _json(data: object) -> bytes:
    return json.dumps(data, separators=(",", ":")).encode("ascii")


def _key(relpath: str) -> bytes:
    return relpath.encode("utf-8", "surrogatepass")


def _stamp(path: str, stamp: tuple[int, ...], max_bytes: int) -> str:
    return json.dumps([path, max_bytes, *stamp])


def encoded(outputs: list[TextFile | Skipped]) -> tuple[bytes, bytes]:
    """(data, text) of a row for what reading a file gave."""
    records, texts = [], []
    for out in outputs:
        if isinstance(out, Skipped):
            records.append({"skipped": out.relpath, "reason": out.reason})
        else:
            records.append(_file_record(out))
            texts.append(out.text)
    return _json(records), "".join(texts).encode("utf-8", "surrogatepass")


def _file_record(f: TextFile) -> dict:
    kinds: dict[str, int] = {}
    sources: dict[Source, int] = {}
    articles = []
    for a in f.articles:
        pars = []
        for kind, line, spaced, flat, shown in model.paragraph_records(a):
            par = [kinds.setdefault(kind, len(kinds)), line, flat, spaced]
            if shown is not None:
                par.append(shown)
            pars.append(par)
        src = -1 if a.source is None else sources.setdefault(a.source, len(sources))
        articles.append([a.title, a.untitled, a.start, a.end, a.start_line, a.end_line, src, pars])
    return {
        "relpath": f.relpath,
        "encoding": f.encoding,
        "warning": f.warning,
        "format": f.format,
        "chars": len(f.text),
        "kinds": list(kinds),
        "sources": [[s.paper, s.date, s.edition, s.page, s.record, s.witness] for s in sources],
        "articles": articles,
    }


def decoded(data: object, text: object, path: str, stamp: tuple[int, ...]) -> list[TextFile | Skipped] | None:
    """What a row says reading the file gave, or None when the row is not one this code wrote."""
    if not _FITS:
        return None
    try:
        records = json.loads(data)
        full = text.decode("utf-8", "surrogatepass")
        out: list[TextFile | Skipped] = []
        pos = 0
        for rec in _typed(records, list):
            if type(rec) is not dict:
                raise TypeError("not a record")
            if "skipped" in rec:
                out.append(Skipped(_typed(rec["skipped"], str), _typed(rec["reason"], str)))
                continue
            end = pos + _typed(rec["chars"], int)
            out.append(_text_file(rec, full[pos:end], path, stamp))
            pos = end
        return out if pos == len(full) else None
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError, OverflowError):
        return None  # not a row of ours: a miss


def _text_file(rec: dict, text: str, path: str, stamp: tuple[int, ...]) -> TextFile:
    relpath = _typed(rec["relpath"], str)
    kinds = [_typed(k, str) for k in rec["kinds"]]
    sources = [Source(*(_typed(x, str) for x in s)) for s in rec["sources"]]
    articles = tuple(_articles(relpath, text, kinds, sources, rec["articles"]))
    warning = rec["warning"]
    return TextFile(
        relpath=relpath,
        path=path,
        size=stamp[0],
        mtime_ns=stamp[1],
        encoding=_typed(rec["encoding"], str),
        text=text,
        warning=None if warning is None else _typed(warning, str),
        articles=articles,
        format=_typed(rec["format"], str),
        stamp=stamp,
    )


def _articles(relpath: str, text: str, kinds: list[str], sources: list[Source], records: list) -> Iterator[Article]:
    """The articles of a record, bound to the file text: they must cover it end to end, their pieces inside them."""
    known = [model.KINDS.index(k) if k in model.KINDS else -1 for k in kinds]
    pos = 0
    for index, (title, untitled, start, end, first, last, src, pars) in enumerate(records, 1):
        if _typed(start, int) != pos or not pos <= _typed(end, int) <= len(text):
            raise ValueError("articles do not partition the text")
        pos = end
        source = None if src == -1 else sources[_typed(src, int)]
        fields = (
            relpath,
            index,
            _typed(title, str),
            _typed(untitled, bool),
            start,
            end,
            _typed(first, int),
            _typed(last, int),
            source,
        )
        packed = _packed_paragraphs(end - start, known, pars)
        if packed is None:  # a paragraph shown otherwise than its pieces, or of a kind this model does not know
            a = Article(*fields[:8], text[start:end], _paragraphs(text[start:end], kinds, pars), source)
            model.bind((a,), text)
            yield a
        else:
            yield model.bound_article(fields, packed, text)
    if pos != len(text):
        raise ValueError("articles do not partition the text")


def _packed_paragraphs(n: int, known: list[int], records: list) -> array | None:
    """A record's paragraphs as :func:`.model.pack` packs them (pieces inside the article's ``n`` characters),
    or None when one is not its pieces' text.  The warm path's inner loop: one pass, the bounds checked once."""
    flat: list[int] = []
    ends: list[int] = []
    for par in records:
        if len(par) != 4:
            return None  # its text is saved: not its pieces'
        kind, line, pieces, spaced = par
        k = known[kind]
        if k < 0:
            return None
        if type(pieces) is not list or len(pieces) & 1 or type(line) is not int or type(spaced) is not bool:
            raise TypeError("not a paragraph")
        flat += (k, line, spaced, len(pieces) >> 1)
        flat += pieces
        ends += pieces
    if ends and not 0 <= min(ends) <= max(ends) <= n:
        raise ValueError("a piece outside the article")
    return array("i", flat)


def _paragraphs(raw: str, kinds: list[str], records: list) -> tuple[Paragraph, ...]:
    """The paragraphs of a record, their pieces inside the article (a piece that is no int fails to slice)."""
    n = len(raw)
    out = []
    for kind, line, flat, spaced, *shown in records:
        if len(flat) % 2 or (flat and not 0 <= min(flat) <= max(flat) <= n):
            raise ValueError("a piece outside the article")
        if type(line) is not int or type(spaced) is not bool:
            raise TypeError("not a paragraph")
        pieces = tuple(zip(flat[::2], flat[1::2]))
        text = _typed(shown[0], str) if shown else "".join([raw[s:e] for s, e in pieces])
        out.append(
            Paragraph(text if shown or not spaced else text.replace("\n", " "), kinds[kind], pieces, line, spaced)
        )
    return tuple(out)


T = TypeVar("T")


def _typed(x: object, kind: type[T]) -> T:
    """``x`` when it is exactly of ``kind`` (a saved row is data, not trusted: anything else is a miss)."""
    if type(x) is not kind:
        raise TypeError(f"not a {kind.__name__}")
    return x
