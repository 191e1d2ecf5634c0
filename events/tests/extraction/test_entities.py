import pytest

from events.extraction.entities import (
    PeopleIndex, canonical_person, find_places, link_entities, people_from_lists, person_key,
)
from events.extraction.types import ExtractedEvent, Section, SourceLayout


@pytest.mark.parametrize("written, canonical", [
    ("Л. Д. Троцкого", "Л. Д. Троцкий"),
    ("И.В. Сталину", "И. В. Сталин"),
    ("Г. Е. Зиновьеву", "Г. Е. Зиновьев"),
    ("Берзиной", "Берзина"),
    ("Троцкий Л.Д.", "Л. Д. Троцкий"),
    ("МЕДВЕДЕВ Н.", "Н. Медведев"),
    ("V.A. Balitski", "V. A. Balitski"),
])
def test_canonical_person_is_nominative_with_initials_first(written, canonical):
    assert canonical_person(written) == (canonical, written)


def test_person_key_joins_inflected_and_gendered_forms():
    assert person_key("Троцкого") == person_key("Л. Д. Троцкий")
    assert person_key("Берзиной") == person_key("Берзина")


def test_people_index_finds_initials_comrades_and_known_bare_surnames():
    idx = PeopleIndex()
    idx.seed_from_text("Письмо Л. Д. Троцкого И. В. Сталину")
    found = idx.find("Троцкий написал Сталину и тов. Зиновьеву; Ф. Э. Дзержинский молчал.")
    assert found == ["Л. Д. Троцкий", "И. В. Сталин", "Зиновьев", "Ф. Э. Дзержинский"]


def test_archival_abbreviations_are_not_people():
    assert PeopleIndex().find("РГАСПИ. Ф. 17. Оп. 171. Д. 31. Л. 29") == []


def test_places_match_inflected_forms_and_multiword_names():
    assert find_places("Он приехал в Москву из Алма-Аты, затем в Нижний Новгород", "ru") == [
        "Москва", "Алма-Ата", "Нижний Новгород"]
    assert find_places("il arriva à Moscou, puis à Paris", "fr") == ["Москва", "Париж"]
    assert find_places("москва слезам не верит", "ru") == []  # lower case: not a name


def test_people_from_lists_reads_numbered_entries_of_people_list_sections():
    raw = "Список\n81. МАХАРАДЗЕ Л.\n83. НИКИФОРОВ К.Т.\n1917\nТекст 5. Москва"
    layout = SourceLayout("t.txt", "archival_collection", ["ru"],
                          sections=[Section("people_list", 0, raw.index("Текст"))])
    names = [p["name"] for p in people_from_lists(raw, layout)]
    assert names == ["Л. Махарадзе", "К. Т. Никифоров"]


def test_link_entities_canonicalises_actors_and_finds_places():
    ev = ExtractedEvent(source="t", kind="document", date="1923", date_text="", calendar="gregorian",
                        type="letter", title="", start=0, end=10, line=1,
                        quote="Письмо Л. Д. Троцкого из Москвы", actors=["Л. Д. Троцкого", "Сталину"])
    [out] = link_entities([ev], "И. В. Сталин", SourceLayout("t", "article", ["ru"]))
    assert out.actors == ["Л. Д. Троцкий", "И. В. Сталин"]
    assert out.places == ["Москва"]


@pytest.mark.parametrize("written, nominative", [
    ("Блюмом", "Блюм"), ("Лаваля", "Лаваль"), ("Венцов", "Венцов"), ("Семенова", "Семенов"),
    ("Эррио", "Эррио"),
])
def test_surname_nominative_handles_foreign_and_unknown_surnames(written, nominative):
    from events.extraction.entities import surname_nominative

    assert surname_nominative(written) == nominative


@pytest.mark.parametrize("name", [
    "ЦК ВКП(б)", "Политбюро ЦК ВКП (б)", "Исполкому Коминтерна", "Президиум ЦКК", "Comité central",
    "the Central Committee",
])
def test_party_bodies_and_committees_are_organisations(name):
    from events.extraction.entities import is_organisation

    assert is_organisation(name)


@pytest.mark.parametrize("name", ["Л. Д. Троцкий", "P. Laval", "Г. Е. Зиновьев", "Х. Г. Раковский"])
def test_people_are_not_organisations(name):
    from events.extraction.entities import is_organisation

    assert not is_organisation(name)


def test_organisations_addressed_by_letters_do_not_become_people():
    ev = ExtractedEvent(source="t", kind="document", date="1926", date_text="", calendar="gregorian",
                        type="letter", title="", start=0, end=10, line=1,
                        quote="Письмо Л. Д. Троцкого в Политбюро ЦК ВКП(б). Политбюро решило.",
                        actors=["Л. Д. Троцкого", "Политбюро ЦК ВКП(б)"])
    [out] = link_entities([ev], "Ц. О. Политбюро заседало.", SourceLayout("t", "article", ["ru"]))
    assert out.actors == ["Л. Д. Троцкий"]


def test_abbreviation_before_a_common_noun_is_not_a_person():
    idx = PeopleIndex()
    assert idx.find("Кр. Армия вошла в город; Уг. Кодекс изменён; письмо Ив. Никитича") == ["Ив. Никитич"]
