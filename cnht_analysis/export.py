"""Executed notebook → one offline HTML page per language, in this process.

The notebook is executed once; with `lang="all"` its language-specific outputs carry the output
metadata tag `lang-vi` or `lang-en` (a whole markdown cell may carry the cell tag instead). Each
page is the same notebook with the other language's outputs and cells removed by nbconvert's
TagRemovePreprocessor, so a second language costs one export, not a second kernel run.
"""

from __future__ import annotations

import copy
import html
import re
from typing import Any

from . import __version__, paths, words

LANGS = ("vi", "en")
TEMPLATE_NAME = "cnht_offline"
# Cells never shown to readers: papermill's parameter cells and error banners.
HIDDEN_CELL_TAGS = {
    "parameters",
    "injected-parameters",
    "papermill-error-cell-tag",
    "remove_cell",
}

_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S | re.I)
_TAG = re.compile(r"<[^>]+>")
_TITLE = re.compile(r"<title>.*?</title>", re.S)


class HtmlReportExporter:
    """One nbconvert HTMLExporter set up for offline report pages, reused for every language."""

    def __init__(self) -> None:
        from nbconvert import HTMLExporter
        from nbconvert.preprocessors import Preprocessor, TagRemovePreprocessor
        from traitlets.config import Config

        class DropStderr(Preprocessor):  # type: ignore[misc]
            """Warnings on stderr stay in the executed .ipynb; readers never see them."""

            def preprocess_cell(self, cell: Any, resources: Any, index: int) -> Any:
                if cell.cell_type == "code":
                    cell.outputs = [
                        o
                        for o in cell.outputs
                        if not (o.output_type == "stream" and o.get("name") == "stderr")
                    ]
                return cell, resources

        c = Config()
        c.HTMLExporter.template_name = TEMPLATE_NAME
        c.HTMLExporter.extra_template_basedirs = [str(paths.TEMPLATES_DIR)]
        c.HTMLExporter.exclude_input = True
        c.HTMLExporter.exclude_input_prompt = True
        c.HTMLExporter.exclude_output_prompt = True
        c.HTMLExporter.exclude_anchor_links = True
        c.HTMLExporter.embed_images = True
        # validate the notebook once after all preprocessors, not after each of them
        c.HTMLExporter.optimistic_validation = True
        c.TagRemovePreprocessor.enabled = True
        c.TagRemovePreprocessor.remove_cell_tags = set(HIDDEN_CELL_TAGS)
        self._exporter = HTMLExporter(config=c)
        # A second TagRemovePreprocessor whose tags change with the page's language.
        self._by_lang = TagRemovePreprocessor(enabled=True)
        self._exporter.register_preprocessor(self._by_lang, enabled=True)
        self._exporter.register_preprocessor(DropStderr(enabled=True), enabled=True)

    def warm_up(self) -> None:
        """Compile the templates now (about 1 s), e.g. while the kernel is still running."""
        import nbformat

        nb = nbformat.v4.new_notebook()
        nb.cells.append(nbformat.v4.new_markdown_cell("# warm-up"))
        self.export(nb, LANGS[0])

    def export(
        self, nb: Any, lang: str, base_dir: str = "", fallback_title: str | None = None
    ) -> str:
        """The HTML page of `nb` in `lang` (the other language's outputs and cells removed)."""
        if lang not in LANGS:
            raise ValueError(f"unknown report language {lang!r}")
        others = {f"lang-{x}" for x in LANGS if x != lang}
        self._by_lang.remove_single_output_tags = others
        self._by_lang.remove_cell_tags = others
        self._exporter.language_code = lang
        page = copy.deepcopy(nb)
        page.metadata.pop("title", None)
        resources = {
            "metadata": {"path": base_dir},  # markdown images are embedded relative to this
            "cnht": {"alt": words.t("export.image_alt", lang), "version": __version__},
        }
        body, _ = self._exporter.from_notebook_node(page, resources=resources)
        return _retitle(body, fallback_title or words.t("export.title", lang))


def _retitle(page: str, fallback: str) -> str:
    """Give the page the text of its first <h1> as title (nbconvert uses the file name)."""
    match = _H1.search(page)
    text = html.unescape(_TAG.sub("", match.group(1))).strip() if match else ""
    title = html.escape(" ".join(text.split()) or fallback)
    return _TITLE.sub(lambda _: f"<title>{title}</title>", page, count=1)
