"""Seed the controlled vocabulary of event types (labels in en / ru / fr).

The list is frozen here, as data migrations should be: later vocabulary
changes come as new migrations.
"""

from django.db import migrations

EVENT_TYPES = [
    ("plenum", "Plenum", "Пленум", "Plénum"),
    ("congress", "Congress", "Съезд", "Congrès"),
    ("conference", "Conference", "Конференция", "Conférence"),
    ("politburo_session", "Politburo session", "Заседание Политбюро", "Séance du Politburo"),
    ("meeting", "Meeting", "Встреча, совещание", "Réunion"),
    ("negotiation", "Negotiation", "Переговоры", "Négociation"),
    ("treaty", "Treaty", "Договор", "Traité"),
    ("letter", "Letter", "Письмо", "Lettre"),
    ("note", "Note", "Записка", "Note"),
    ("report", "Report", "Доклад, донесение", "Rapport"),
    ("protocol", "Protocol (minutes)", "Протокол", "Procès-verbal"),
    ("resolution", "Resolution", "Резолюция, постановление", "Résolution"),
    ("decree", "Decree", "Декрет, указ", "Décret"),
    ("telegram", "Telegram", "Телеграмма", "Télégramme"),
    ("statement", "Statement", "Заявление", "Déclaration"),
    ("interrogation", "Interrogation", "Допрос", "Interrogatoire"),
    ("publication", "Publication", "Публикация", "Publication"),
    ("speech", "Speech", "Выступление, речь", "Discours"),
    ("arrest", "Arrest", "Арест", "Arrestation"),
    ("search", "Search", "Обыск", "Perquisition"),
    ("exile", "Exile", "Ссылка", "Exil"),
    ("deportation", "Deportation", "Высылка, депортация", "Déportation"),
    ("expulsion", "Expulsion", "Исключение", "Exclusion"),
    ("release", "Release", "Освобождение", "Libération"),
    ("escape", "Escape", "Побег", "Évasion"),
    ("trial", "Trial", "Судебный процесс", "Procès"),
    ("sentence", "Sentence", "Приговор", "Condamnation"),
    ("execution", "Execution", "Расстрел, казнь", "Exécution"),
    ("death", "Death", "Смерть", "Décès"),
    ("birth", "Birth", "Рождение", "Naissance"),
    ("election", "Election", "Избрание, выборы", "Élection"),
    ("appointment", "Appointment", "Назначение", "Nomination"),
    ("resignation", "Resignation", "Отставка", "Démission"),
    ("strike", "Strike", "Забастовка", "Grève"),
    ("demonstration", "Demonstration", "Демонстрация", "Manifestation"),
    ("hunger_strike", "Hunger strike", "Голодовка", "Grève de la faim"),
    ("visit", "Visit", "Визит, поездка", "Visite"),
    ("crisis", "Crisis", "Кризис", "Crise"),
    ("other", "Other", "Другое", "Autre"),
]


def seed(apps, schema_editor):
    EventType = apps.get_model("events", "EventType")
    for position, (slug, en, ru, fr) in enumerate(EVENT_TYPES):
        EventType.objects.update_or_create(
            slug=slug, defaults={"label_en": en, "label_ru": ru, "label_fr": fr, "position": position}
        )


def unseed(apps, schema_editor):
    EventType = apps.get_model("events", "EventType")
    EventType.objects.filter(slug__in=[row[0] for row in EVENT_TYPES], events__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
