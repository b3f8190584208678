"""Tests for kg.reader: files, directories and strings -> Document (no NLP model needed)."""

from __future__ import annotations

import hashlib
import re
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import InputError
from kg.model import Document
from kg.reader import (
    document_from_text,
    find_article_files,
    iter_documents,
    read_document,
)

ARTICLE = (
    "Meta rachète une part de Scale AI\n"
    "\n"
    "Le groupe de Mark Zuckerberg a annoncé l’opération jeudi.\n"
    "Alexandr Wang rejoindra Meta.\n"
)


def _one_line_error(excinfo: pytest.ExceptionInfo[InputError], name: str) -> str:
    message = str(excinfo.value)
    assert "\n" not in message and "\r" not in message
    assert name in message
    return message


# --------------------------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    with pytest.raises(InputError) as excinfo:
        read_document(missing)
    assert _one_line_error(excinfo, str(missing)).endswith("no such file")


def test_missing_file_in_a_list_fails_before_any_document(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    documents = iter_documents([good, "absent/article.txt"])
    with pytest.raises(InputError) as excinfo:
        next(documents)
    assert _one_line_error(excinfo, "absent/article.txt").endswith("no such file")


def test_empty_path_is_an_error() -> None:
    with pytest.raises(InputError):
        read_document("")


def test_directory_without_articles(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "notes.pdf.bak").write_bytes(b"x")
    (folder / ".hidden.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / ".git").mkdir()
    (folder / ".git" / "HEAD.txt").write_text(ARTICLE, encoding="utf-8")
    with pytest.raises(InputError) as excinfo:
        list(iter_documents([folder]))
    message = _one_line_error(excinfo, str(folder))
    assert "no article" in message


def test_read_document_on_a_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError) as excinfo:
        read_document(tmp_path)
    assert "directory" in _one_line_error(excinfo, str(tmp_path))


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  \n", "\ufeff \n".encode()])
def test_empty_or_blank_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "vide.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as excinfo:
        read_document(path)
    assert "empty" in _one_line_error(excinfo, str(path))


def _png_bytes() -> bytes:
    return (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02"
        b"\x00\x00\x00\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00"
        b"\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
    )


def test_png_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"  # the extension lies
    path.write_bytes(_png_bytes())
    with pytest.raises(InputError) as excinfo:
        read_document(path)
    message = _one_line_error(excinfo, str(path))
    assert "not a text file" in message and "PNG" in message


def test_zip_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "archive.txt"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("article.txt", ARTICLE)
    with pytest.raises(InputError) as excinfo:
        read_document(path)
    assert "not a text file" in _one_line_error(excinfo, str(path))


def test_nul_bytes_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "data.md"
    path.write_bytes(b"Bonjour\x00\x01\x02 le monde\xff\xfe\x00\x00")
    with pytest.raises(InputError) as excinfo:
        read_document(path)
    assert "not a text file" in _one_line_error(excinfo, str(path))


def test_mostly_non_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "blob.txt"
    path.write_bytes(bytes((i * 37 + 11) % 256 for i in range(4096)).replace(b"\x00", b"\x01"))
    with pytest.raises(InputError) as excinfo:
        read_document(path)
    assert "not a text file" in _one_line_error(excinfo, str(path))


def test_error_names_the_file_inside_a_directory_on_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    (folder / "sub").mkdir(parents=True)
    bad = folder / "sub" / "bad\nname.txt"
    bad.write_bytes(b"")
    with pytest.raises(InputError) as excinfo:
        list(iter_documents([folder]))
    message = _one_line_error(excinfo, str(folder / "sub"))
    assert "bad\\x0aname.txt" in message


# --------------------------------------------------------------------------------------------
# Decoding
# --------------------------------------------------------------------------------------------

FRENCH = "Élisabeth a reçu à Orléans un cœur de bœuf, déjà coupé ; où ça ? Là-bas."


def test_latin1_file(tmp_path: Path) -> None:
    text = "Déjà vu à Noël\n\nLa façade de l'hôtel était très abîmée, écrit François."
    path = tmp_path / "latin1.txt"
    path.write_bytes(text.encode("latin-1"))
    document = read_document(path)
    assert document.text == text
    assert document.title == "Déjà vu à Noël"


def test_cp1252_file_keeps_typographic_characters(tmp_path: Path) -> None:
    text = "L’œuvre de Zuckerberg « Meta » coûte 3 € — dit-il…\n" + FRENCH
    path = tmp_path / "windows.txt"
    path.write_bytes(text.encode("cp1252"))
    assert read_document(path).text == text


def test_mixed_utf8_and_latin1_lines(tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    path.write_bytes("Première ligne, été\n".encode() + "Deuxième ligne, été".encode("latin-1"))
    assert read_document(path).text == "Première ligne, été\nDeuxième ligne, été"


def test_utf8_bom_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(("\ufeffTitre\r\n\r\n" + FRENCH + "\rFin\u00a0!").encode())
    document = read_document(path)
    assert document.text == "Titre\n\n" + FRENCH + "\nFin\u00a0!"
    assert document.title == "Titre"


def test_utf16_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes(("Titre\n\n" + FRENCH).encode("utf-16"))
    assert read_document(path).text == "Titre\n\n" + FRENCH


# --------------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="fr-FR">
<head>
  <meta charset="utf-8">
  <title>Meta investit dans Scale AI | Le Quotidien</title>
  <meta property="og:title" content="Meta investit 14&nbsp;milliards dans Scale&nbsp;AI">
  <meta property="article:published_time" content="2025-06-12T08:30:00+02:00">
  <script>var tracker = "Partager";</script>
  <style>p { color: red }</style>
</head>
<body>
  <header class="site"><a href="/">Le Quotidien</a><h1>Le Quotidien</h1></header>
  <nav><ul><li><a href="/tech">Tech</a></li><li><a href="/eco">Économie</a></li></ul></nav>
  <main>
    <article>
      <h1>Meta investit dans <em>Scale AI</em></h1>
      <p>Le groupe de Mark Zuckerberg a pris 49&nbsp;% de la start-up
         fondée par Alexandr Wang.</p>
      <script>window.ads.push("slot")</script>
      <p>Selon Meta, l&rsquo;accord &laquo;&nbsp;renforce&nbsp;&raquo; ses ambitions.<br>
         Wang rejoindra le laboratoire.</p>
      <form><input type="email"><button>Abonnez-vous</button></form>
      <footer><a href="#">Partager l'article</a></footer>
    </article>
    <aside><h2>Lire aussi</h2><p>Google et OpenAI : la course continue</p></aside>
  </main>
  <footer><p>© 2025 Le Quotidien</p><noscript>Activez JavaScript</noscript></footer>
</body>
</html>
"""


def test_html_page_yields_only_the_article(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    document = read_document(path)
    assert document.text == (
        "Meta investit dans Scale AI\n\n"
        "Le groupe de Mark Zuckerberg a pris 49\u00a0% de la start-up fondée par Alexandr Wang.\n\n"
        "Selon Meta, l’accord «\u00a0renforce\u00a0» ses ambitions.\n\n"
        "Wang rejoindra le laboratoire."
    )
    assert document.title == "Meta investit 14 milliards dans Scale AI"
    assert document.date == "2025-06-12"
    assert document.language == "fr"
    assert document.source == "page.html"
    for debris in (
        "tracker",
        "color",
        "Tech",
        "Lire aussi",
        "©",
        "Abonnez",
        "Partager",
        "Quotidien",
    ):
        assert debris not in document.text


def test_html_fallbacks_h1_title_time_date_and_body(tmp_path: Path) -> None:
    path = tmp_path / "simple.htm"
    path.write_text(
        "<html lang='en'><head><title>Ignored | Site</title></head><body>"
        "<div><h1> Le  titre </h1><time datetime='2024-11-03T10:00'>hier</time>"
        "<p>Un paragraphe.</p><div>Un autre<p>imbriqué</div></div></body></html>",
        encoding="utf-8",
    )
    document = read_document(path)
    assert document.title == "Le titre"
    assert document.date == "2024-11-03"
    assert document.language == "en"
    assert document.text == "Le titre\n\nhier\n\nUn paragraphe.\n\nUn autre\n\nimbriqué"


def test_html_title_from_title_element_and_json_ld_date() -> None:
    document = document_from_text(
        "<!doctype html><html><head><title>Le vrai titre | Site</title>"
        '<script type="application/ld+json">{"@graph": [{"@type": "WebPage"},'
        '{"@type": "NewsArticle", "datePublished": "2023-03-14T09:00:00Z"}]}</script>'
        "</head><body><p>Corps de l'article.</p></body></html>"
    )
    assert document.title == "Le vrai titre"
    assert document.date == "2023-03-14"
    assert document.text == "Corps de l'article."
    assert document.language == "fr"  # no lang attribute: the default


def test_html_charset_declared_latin1(tmp_path: Path) -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
        "</head><body><p>Réalisé à Besançon, l’été dernier.</p></body></html>"
    )
    path = tmp_path / "vieux.html"
    path.write_bytes(page.encode("cp1252"))
    assert read_document(path).text == "Réalisé à Besançon, l’été dernier."


def test_html_detected_by_content_in_a_txt_file(tmp_path: Path) -> None:
    path = tmp_path / "saved.txt"
    path.write_text(
        "<!DOCTYPE html>\n<html><body><p>Texte &amp; contenu</p></body></html>", encoding="utf-8"
    )
    assert read_document(path).text == "Texte & contenu"


def test_html_without_text_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "app.html"
    path.write_text("<html><body><script>render()</script></body></html>", encoding="utf-8")
    with pytest.raises(InputError) as excinfo:
        read_document(path)
    assert "no article text" in _one_line_error(excinfo, str(path))


def test_html_article_teasers_do_not_hide_the_story() -> None:
    story = " ".join(["Le récit principal de la journée."] * 20)
    document = document_from_text(
        f"<html><body><main><p>{story}</p>"
        "<article><p>Autre sujet</p></article></main></body></html>"
    )
    assert document.text.startswith(story)  # <main>, not the small <article> inside it


def test_malformed_html_does_not_crash() -> None:
    document = document_from_text("<html><body><p>Avant<![if !IE]> <p>Après</b></i></body>")
    assert "Avant" in document.text and "Après" in document.text


# --------------------------------------------------------------------------------------------
# Boilerplate, title, date
# --------------------------------------------------------------------------------------------


def test_trailing_share_widgets_removed_body_kept() -> None:
    body = (
        "Meta veut partager ses modèles\n\n"
        "Le groupe souhaite partager ses poids avec les chercheurs.\n"
        "Partager : une stratégie, dit-il, qui a fait ses preuves."
    )
    text = body + "\n\nShare the Post:\n\nPartager :\nFacebook Twitter LinkedIn\nPublicité\n"
    document = document_from_text(text)
    assert document.text == body
    assert text.startswith(document.text)  # offsets into the article are unchanged


@pytest.mark.parametrize(
    "debris",
    [
        "Partager l'article",
        "Partager l’article",
        "Lire aussi : Meta lance Llama 4",
        "Abonnez-vous à notre newsletter",
        "Suivez-nous sur X",
        "Share this article",
        "Read more",
        "Tags : IA, Meta",
        "© 2025 Le Quotidien. Tous droits réservés.",
        "• • •",
    ],
)
def test_trailing_debris_lines(debris: str) -> None:
    assert document_from_text(f"Le texte de l'article.\n{debris}").text == "Le texte de l'article."


@pytest.mark.parametrize(
    "last_line",
    [
        "Meta veut partager ses modèles.",
        "Partager ses poids reste un pari, dit-il.",
        "Copyright et IA : le débat continue",
        "Par Léa Martin",
        "Avec AFP",
        "c) Les sanctions prévues",
        "Facebook a été renommé Meta",
    ],
)
def test_article_last_lines_are_kept(last_line: str) -> None:
    text = f"Le texte de l'article.\n{last_line}"
    assert document_from_text(text).text == text


def test_only_debris_is_kept_rather_than_emptied() -> None:
    assert document_from_text("Publicité").text == "Publicité"


def test_plain_text_title_and_date(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text("« Meta rachète Scale »\n\nPublié le 3 novembre 2024\n\nCorps.", "utf-8")
    document = read_document(path)
    assert document.title == "Meta rachète Scale"
    assert document.date == "2024-11-03"
    assert document.text.startswith("« Meta rachète Scale »\n\n")  # the text keeps the line


@pytest.mark.parametrize(
    ("first_lines", "expected"),
    [
        ("3 novembre 2024", "2024-11-03"),
        ("2024-11-03", "2024-11-03"),
        ("Le mardi 1er avril 2025 à 14h30", "2025-04-01"),
        ("Titre\n\nPar Léa Martin, publiée le 12 févr. 2025", "2025-02-12"),
        ("03/11/2024", "2024-11-03"),
        ("31 février 2024", None),
        ("La réunion du 3 novembre 2024 a duré trois heures.", None),
    ],
)
def test_date_line(first_lines: str, expected: str | None) -> None:
    assert document_from_text(f"{first_lines}\n\nLe texte.").date == expected


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Un titre court\n\nLe corps.", "Un titre court"),
        ("“Un titre cité”\n\nLe corps.", "Un titre cité"),
        ("# Titre markdown\nLe corps.", "Titre markdown"),
        ("3 novembre 2024\n\nTitre après la date\n\nLe corps.", "Titre après la date"),
        ("Une phrase suivie d'une autre.\nLa suite.", None),
        ("Une phrase qui finit par un point.\n\nLa suite.", None),
        ("x" * 250 + "\n\nLa suite.", None),
        ("Une seule ligne", None),
    ],
)
def test_plain_text_title(text: str, title: str | None) -> None:
    document = document_from_text(text)
    assert document.title == title
    assert document.text == text


def test_explicit_title_and_date_win() -> None:
    document = document_from_text(
        "Titre détecté\n\n2024-01-01\n\nCorps.",
        source="note",
        title=" Mon titre ",
        date="3 mai 2025",
    )
    assert (document.title, document.date, document.source) == ("Mon titre", "2025-05-03", "note")


def test_unparseable_explicit_date() -> None:
    with pytest.raises(InputError, match="date"):
        document_from_text("Corps.", date="demain")


def test_blank_text_is_an_error() -> None:
    with pytest.raises(InputError) as excinfo:
        document_from_text(" \n\t ", source="cellule 3")
    _one_line_error(excinfo, "cellule 3")


# --------------------------------------------------------------------------------------------
# Directories, order, identity
# --------------------------------------------------------------------------------------------


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_directory_recursion_and_order(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    _write(root / "b.txt", "B")
    _write(root / "a10.md", "A10")
    _write(root / "a2.txt", "A2")
    _write(root / "sub" / "c.HTML", "<p>C</p>")
    _write(root / "sub" / "deeper" / "d.htm", "<p>D</p>")
    _write(root / "sub" / "image.png", "not an article")
    _write(root / "notes.json", "{}")
    _write(root / ".cache" / "e.txt", "hidden directory")
    _write(root / ".f.txt", "hidden file")
    documents = list(iter_documents([root]))
    assert [d.text for d in documents] == ["A2", "A10", "B", "C", "D"]
    assert [d.source for d in documents] == ["a2.txt", "a10.md", "b.txt", "c.HTML", "d.htm"]
    assert find_article_files(root)[0] == root / "a2.txt"


def test_files_and_directories_mixed_and_deduplicated(tmp_path: Path) -> None:
    _write(tmp_path / "dir" / "one.txt", "Un")
    _write(tmp_path / "two.txt", "Deux")
    paths = [tmp_path / "two.txt", str(tmp_path / "dir"), tmp_path / "dir" / "one.txt"]
    assert [d.text for d in iter_documents(paths)] == ["Deux", "Un"]


def test_single_path_is_not_iterated_character_by_character(tmp_path: Path) -> None:
    _write(tmp_path / "a.txt", "Texte")
    assert [d.text for d in iter_documents(str(tmp_path / "a.txt"))] == ["Texte"]


def test_iter_documents_is_lazy(tmp_path: Path) -> None:
    _write(tmp_path / "a.txt", "Bon")
    (tmp_path / "b.txt").write_bytes(b"")
    documents = iter_documents([tmp_path])
    assert next(documents).text == "Bon"
    with pytest.raises(InputError, match=r"b\.txt"):
        next(documents)


def test_doc_id_is_the_content_hash(tmp_path: Path) -> None:
    _write(tmp_path / "x" / "a.txt", ARTICLE)
    _write(tmp_path / "y" / "copy.txt", ARTICLE.replace("\n", "\r\n"))
    first = read_document(tmp_path / "x" / "a.txt")
    second = read_document(tmp_path / "y" / "copy.txt")
    expected = hashlib.sha256(first.text.encode("utf-8")).hexdigest()[:16]
    assert first.doc_id == second.doc_id == expected
    assert re.fullmatch(r"[0-9a-f]{16}", first.doc_id)
    assert document_from_text(ARTICLE).doc_id == expected
    assert first.source == "a.txt"
    assert str(tmp_path) not in repr(first)


# --------------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------------

_WS = re.compile(r"[\s\ufeff]+")

_words = st.sampled_from(
    [
        "Meta",
        "l’IA",
        "été",
        "Partager",
        "Partager :",
        "Share the Post:",
        "Lire aussi",
        "Publicité",
        "« Titre »",
        "3 novembre 2024",
        "2024-11-03",
        "#",
        "\u00a0",
        " ",
        "\n",
        "\n\n",
        "\r\n",
        "\r",
        "\u2028",
        "\t",
        ".",
        "<p>",
    ]
)
_texts = st.one_of(st.text(), st.lists(_words | st.text(max_size=5)).map("".join))


def _check_document(text: str, document: Document) -> None:
    assert document.text
    assert document.text == document.text.strip()
    assert "\r" not in document.text and "\u2028" not in document.text
    # only whitespace is normalised, and only trailing lines may be cut
    assert _WS.sub("", text).startswith(_WS.sub("", document.text))
    # normalising twice changes nothing
    again = document_from_text(document.text)
    assert again.text == document.text and again.doc_id == document.doc_id
    assert document.title is None or "\n" not in document.title
    assert document.date is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", document.date)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(_texts)
def test_document_from_text_never_crashes_and_round_trips(text: str) -> None:
    looks_like_html = re.match(r"\s*<(?:!doctype|html)", text.lstrip("\ufeff"), re.I)
    try:
        document = document_from_text(text)
    except InputError as error:
        assert "\n" not in str(error)
        assert not text.strip().strip("\ufeff").strip() or looks_like_html
        return
    if looks_like_html:
        return
    _check_document(text, document)


@settings(max_examples=200)
@given(
    st.lists(
        st.sampled_from(["<p>", "</p>", "<div>", "<![if x]>", "<br/>", "&amp;", "<!--"])
        | st.text(max_size=8)
    ).map("".join)
)
def test_html_parsing_never_crashes(fragment: str) -> None:
    try:
        document = document_from_text("<html><body>" + fragment)
    except InputError as error:
        assert "\n" not in str(error)
        return
    assert document.text == document.text.strip()
