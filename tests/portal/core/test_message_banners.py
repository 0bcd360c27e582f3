"""Message banners are landmarks: each is named by its title and its text (two "Important" banners on one
page stay distinguishable, as axe's landmark-unique rule asks), and a message added twice on one redirect
chain is shown once."""

from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.template.loader import render_to_string
from django.utils import translation
from lxml import html


def _banners(*texts: str) -> list[html.HtmlElement]:
    messages = [Message(constants.WARNING, text) for text in texts]
    with translation.override("en"):
        rendered = render_to_string("includes/messages.html", {"messages": messages})
    page = html.fromstring(f"<div>{rendered}</div>")
    return page.xpath("//div[@role='region']")


def _name(banner: html.HtmlElement) -> str:
    """The landmark's accessible name: the texts of the elements aria-labelledby names, in order."""
    root = banner.getroottree()
    parts = [
        root.xpath(f"//*[@id='{ident}']")[0].text_content() for ident in banner.get("aria-labelledby").split()
    ]
    return " ".join(" ".join(part.split()) for part in parts)


def test_two_important_banners_have_different_names():
    first, second = _banners("Set up a second factor before you continue.", "Your password was changed.")
    assert _name(first) == "Important Set up a second factor before you continue."
    assert _name(first) != _name(second)


def test_the_same_message_twice_is_shown_once():
    assert len(_banners("Set up a second factor.", "Set up a second factor.")) == 1
