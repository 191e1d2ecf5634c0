from events.extraction.merge import merge_events, own_key
from events.extraction.types import ExtractedEvent


def ev(source="a.txt", kind="mentioned", date="1935-05-02", type="treaty", actors=(), places=(),
       document=None, quote="пакт подписан", start=0, language="ru"):
    return ExtractedEvent(source=source, kind=kind, date=date, date_text="", calendar="gregorian",
                          type=type, title=quote, start=start, end=start + len(quote), line=1, quote=quote,
                          actors=list(actors), places=list(places), document=document,
                          language=language)


def test_own_key_is_stable_and_independent_of_position():
    a, b = ev(start=0), ev(start=500)
    assert own_key(a) == own_key(b) == own_key(ev(start=0))
    assert own_key(a) != own_key(ev(date="1935-05-03"))
    assert own_key(a) != own_key(ev(source="b.txt"))


def test_same_treaty_in_two_sources_shares_a_key():
    a = ev(source="002.txt", quote="пакт подписан 2 мая")
    b = ev(source="003.txt", quote="договор о взаимной помощи")
    c = ev(source="003.txt", date="1935-05-16", quote="другой договор")
    merge_events([a, b, c])
    assert a.event_key == b.event_key != c.event_key
    assert not a.date_conflict


def test_same_type_and_date_needs_a_shared_actor_unless_day_unique():
    a = ev(type="arrest", actors=["Л. Д. Троцкий"], quote="арестован Троцкий")
    b = ev(type="arrest", actors=["Троцкого"], quote="Троцкого арестовали")
    c = ev(type="arrest", actors=["Г. Е. Зиновьев"], quote="арестован Зиновьев")
    merge_events([a, b, c])
    assert a.event_key == b.event_key != c.event_key


def test_translation_and_original_documents_share_a_key_and_flag_conflicting_dates():
    fr = ev(source="004.txt", kind="document", document="1", type="note", date="1932-02-15", language="fr")
    ru = ev(source="004.txt", kind="document", document="1", type="note", date="1932-02-16")
    other = ev(source="004.txt", kind="document", document="2", type="note", date="1932-02-15", language="fr")
    merge_events([fr, ru, other], alignments={("004.txt", "1", "fr"): ("004.txt", "1", "ru")})
    assert fr.event_key == ru.event_key != other.event_key
    assert fr.date_conflict and ru.date_conflict and not other.date_conflict


def test_distinct_documents_are_never_merged_even_through_a_mention():
    d1 = ev(kind="document", document="1", type="politburo_session", date="1923-10-15", actors=["И. В. Сталин"])
    d2 = ev(kind="document", document="2", type="politburo_session", date="1923-10-15", actors=["И. В. Сталин"])
    m = ev(type="politburo_session", date="1923-10-15", actors=["Сталин"], quote="заседание Политбюро")
    merge_events([d1, d2, m])
    assert d1.event_key != d2.event_key
    assert m.event_key in (d1.event_key, d2.event_key)


def test_document_and_its_mention_a_few_days_apart_conflict():
    doc = ev(kind="document", document="7", type="letter", date="1923-10-08",
             actors=["Л. Д. Троцкий", "И. В. Сталин"])
    mention = ev(type="letter", date="1923-10-09", actors=["Троцкий", "Сталин"], quote="письмо Троцкого Сталину")
    far = ev(type="letter", date="1923-12-09", actors=["Троцкий", "Сталин"], quote="ещё письмо")
    merge_events([doc, mention, far])
    assert doc.event_key == mention.event_key != far.event_key
    assert doc.date_conflict and mention.date_conflict and not far.date_conflict


def test_coarser_date_is_not_a_conflict():
    a = ev(type="arrest", actors=["Троцкий"], date="1928")
    b = ev(type="arrest", actors=["Троцкий"], date="1928")
    merge_events([a, b])
    assert a.event_key == b.event_key and not a.date_conflict


def test_year_precision_needs_two_shared_people():
    a = ev(type="letter", date="1927", actors=["Троцкий"], quote="письмо Троцкого")
    b = ev(type="letter", date="1927", actors=["Троцкий"], quote="другое письмо Троцкого")
    c = ev(type="exile", date="1929", places=["Сибирь"], quote="exilé en Sibérie")
    d = ev(type="exile", date="1929", places=["Сибирь"], quote="exilée en Sibérie")
    merge_events([a, b, c, d])
    assert a.event_key != b.event_key
    assert c.event_key != d.event_key


def test_aligned_texts_pair_only_unambiguous_mentions():
    fr1 = ev(source="004", document="8-fr", language="fr", type="exile", date="1929", quote="exilé Khotimski")
    fr2 = ev(source="004", document="8-fr", language="fr", type="exile", date="1929", quote="exilée Wolf")
    ru1 = ev(source="004", document="8", type="exile", date="1929", quote="выслан Хотимский")
    ru2 = ev(source="004", document="8", type="exile", date="1929", quote="выслана Вольф")
    fr3 = ev(source="004", document="8-fr", language="fr", type="arrest", date="1928-03", quote="arrêté")
    ru3 = ev(source="004", document="8", type="arrest", date="1928-03", quote="арестован")
    merge_events([fr1, fr2, ru1, ru2, fr3, ru3], alignments={("004", "8-fr", "fr"): ("004", "8", "ru")})
    assert len({fr1.event_key, fr2.event_key, ru1.event_key, ru2.event_key}) == 4
    assert fr3.event_key == ru3.event_key


def test_treaty_cited_at_month_and_day_precision_is_one_event():
    a = ev(date="1935-05", quote="подписание пакта о взаимопомощи в мае 1935 г.")
    b = ev(date="1935-05-02", quote="2 мая 1935 г. подписали пакт о взаимопомощи")
    c = ev(date="1935-09", quote="в сентябре 1935 г. обсуждали военную конвенцию")
    merge_events([a, b, c])
    assert a.event_key == b.event_key != c.event_key
    assert not a.date_conflict


def test_two_translations_of_one_original_share_its_key():
    ru = ev(source="004", kind="document", document="3", type="report", date="1932-10-11")
    fr1 = ev(source="004", kind="document", document="3-fr", language="fr", type="report", date="")
    fr2 = ev(source="004", kind="document", document="3-fr-2", language="fr", type="report", date="")
    merge_events([ru, fr1, fr2], alignments={("004", "3-fr", "fr"): ("004", "3", "ru"),
                                            ("004", "3-fr-2", "fr"): ("004", "3", "ru")})
    assert ru.event_key == fr1.event_key == fr2.event_key
