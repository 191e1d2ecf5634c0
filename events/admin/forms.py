"""Admin forms: friendlier editing of what the models store as JSON or offsets."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from ..models import Citation, Person, Place


class NameListField(forms.Field):
    """A list of names edited as text, one name a line (instead of raw JSON)."""

    widget = forms.Textarea(attrs={"rows": 4, "cols": 60})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(value)
        return value

    def to_python(self, value):
        if isinstance(value, list):
            return value
        names = []
        for line in (value or "").splitlines():
            name = line.strip()
            if name and name not in names:
                names.append(name)
        return names

    def has_changed(self, initial, data):
        return self.to_python(initial or []) != self.to_python(data)


class EntityForm(forms.ModelForm):
    """Person and place form: name variants one a line."""

    variants = NameListField(
        required=False,
        help_text="Other spellings and declined forms, one a line (Троцкого, Л. Д. Троцкому).",
    )


class PersonForm(EntityForm):
    class Meta:
        model = Person
        fields = "__all__"


class PlaceForm(EntityForm):
    class Meta:
        model = Place
        fields = "__all__"


class CitationForm(forms.ModelForm):
    """Citation editing by offsets: quote and line always follow from the source text."""

    class Meta:
        model = Citation
        fields = "__all__"

    def clean(self):
        cleaned = super().clean()
        source, start, end = cleaned.get("source"), cleaned.get("start"), cleaned.get("end")
        if source is not None and start is not None and end is not None:
            if end > len(source.text):
                raise ValidationError({"end": f"beyond the end of the source ({len(source.text)} characters)"})
            if end <= start:
                raise ValidationError({"end": "must be greater than start"})
            # Set before model validation, which checks quote == text[start:end].
            self.instance.source = source
            self.instance.start, self.instance.end = start, end
            self.instance.fill_from_source()
        return cleaned


class MergeTargetForm(forms.Form):
    """The intermediate page of a merge action: which record survives."""

    target = forms.TypedChoiceField(coerce=int, widget=forms.RadioSelect, label="Keep")

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [(obj.pk, str(obj)) for obj in candidates]
        if candidates and not self.is_bound:
            self.fields["target"].initial = candidates[0].pk
