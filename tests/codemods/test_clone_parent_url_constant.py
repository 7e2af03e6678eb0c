"""InlineUrlConstant: a test module's constant holding the clone's URL is written out where used."""

from __future__ import annotations

import textwrap

import libcst as cst

from codemods.clone.nesting.url_constant import InlineUrlConstant


def inlined(before: str, segment: str = "reviews") -> tuple[str, set[str]]:
    t = InlineUrlConstant(segment)
    after = cst.parse_module(textwrap.dedent(before)).visit(t).code
    return after, set(t.inlined)


def test_the_constant_is_written_out_and_goes() -> None:
    after, names = inlined("""\
        import uuid

        URL = "/api/v2/reviews"


        def make_review(client, headers) -> dict:
            return client.post(URL, json={"rating": 3}, headers=headers).json()["data"]


        class TestReviews:
            def test_get(self, client, review):
                response = client.get(f"{URL}/{review['id']}?full={{1}}")
                other = client.request("GET", URL + "/{id}".format(id=uuid.uuid4()))
    """)
    assert after == textwrap.dedent("""\
        import uuid


        def make_review(client, headers) -> dict:
            return client.post("/api/v2/reviews", json={"rating": 3}, headers=headers).json()["data"]


        class TestReviews:
            def test_get(self, client, review):
                response = client.get(f"/api/v2/reviews/{review['id']}?full={{1}}")
                other = client.request("GET", "/api/v2/reviews" + "/{id}".format(id=uuid.uuid4()))
    """)
    assert names == {"URL"}


def test_constants_naming_other_urls_stay() -> None:
    before = 'URL = "/api/v2/reviewers"\nOTHER = "/api/v2/items"\n\nx = client.get(URL)\n'
    assert inlined(before) == (before, set())


def test_a_constant_assigned_again_stays() -> None:
    before = 'URL = "/reviews"\nURL = URL + "/"\n'
    assert inlined(before) == (before, set())


def test_attributes_and_keywords_of_that_name_are_other_names() -> None:
    after, _ = inlined('URL = "/reviews"\n\nx = settings.URL\ny = f(URL=URL)\n')
    assert after == '\nx = settings.URL\ny = f(URL="/reviews")\n'
