"""Form fields of the base view, swapped into every generated add, edit and search form:
translated enum selects, optional booleans, and dates, date-times and decimals typed and shown in
the user's language (app/services/parsing.py and formatting.py), with the localised picker of
app/static/examdesk/pickers.js."""
from __future__ import annotations

from flask_appbuilder.fields import EnumField, QuerySelectField
from flask_appbuilder.upload import FileUploadField
from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from wtforms import BooleanField, DateField, DateTimeField, DecimalField, FloatField
from wtforms.fields.core import UnboundField
from wtforms.validators import DataRequired, InputRequired, ValidationError
from wtforms.widgets import html_params

from app.services import formatting, parsing


class LabelledEnumField(EnumField):
    """FAB's EnumField, with each member's translated `label` instead of its raw value."""

    def __init__(self, enum_class, enums, *args, **kwargs):
        super().__init__(enum_class, enums, *args, **kwargs)
        if enum_class is not None and hasattr(enum_class, "label"):
            self.choices = [(name, enum_class.__members__[name].label) for name in enums]

    def process_formdata(self, valuelist):
        # FAB's coercion raises KeyError for a value outside the enum: make it a form error.
        try:
            super().process_formdata(valuelist)
        except KeyError:
            self.data = None
            raise ValueError(self.gettext("Not a valid choice.")) from None

    def pre_validate(self, form):
        # FAB's raises ValueError, which WTForms does not catch (a 500): a ValidationError.
        if self.data is None and not self.flags.required:
            return
        if self.data not in {self.coerce(value) for value, _ in self.choices}:
            raise ValidationError(self.gettext("Not a valid choice."))


class LocaleInput:
    """A text input with the format hint of the language; `picker` names the kind of
    localised calendar app/static/examdesk/pickers.js attaches (none for numbers)."""

    def __init__(self, picker: str | None = None, inputmode: str = "text"):
        self.picker = picker
        self.inputmode = inputmode

    def __call__(self, field, **kwargs):
        kwargs.setdefault("id", field.id)
        classes = " ".join(c for c in ("form-control", kwargs.pop("class_", ""),
                                       kwargs.pop("class", "")) if c)
        params = {"type": "text", "name": field.name, "value": field._value(),
                  "class": " ".join(dict.fromkeys(classes.split())),
                  "inputmode": self.inputmode, "autocomplete": "off", **kwargs}
        if self.picker:
            params["data-picker"] = self.picker
            params["placeholder"] = field.hint()
        return Markup(f"<input {html_params(**params)}>")


class LocaleDateField(DateField):
    """A date typed as JJ/MM/AAAA in French (M/D/YYYY in English) or ISO."""

    widget = LocaleInput("date", "numeric")

    def hint(self) -> str:
        return parsing.date_hint()

    def _value(self):
        if self.raw_data:
            return " ".join(self.raw_data)
        return formatting.format_day(self.data) if self.data else ""

    def process_formdata(self, valuelist):
        if valuelist:
            self.data = _parsed(self, parsing.parse_date, valuelist[0])


class LocaleDateTimeField(DateTimeField):
    """A date and time typed in the viewer's centre zone, stored in naive UTC."""

    widget = LocaleInput("datetime", "text")

    def hint(self) -> str:
        return f"{parsing.date_hint()} HH:MM"

    def _value(self):
        if self.raw_data:
            return " ".join(self.raw_data)
        return formatting.format_moment(self.data) if self.data else ""

    def process_formdata(self, valuelist):
        if valuelist:
            local = _parsed(self, parsing.parse_datetime, valuelist[0])
            self.data = formatting.to_utc(local) if local is not None else None


class LocaleDecimalField(DecimalField):
    """A decimal number with the decimal comma in French ("6,5", "1 268,00")."""

    widget = LocaleInput(None, "decimal")

    def _value(self):
        if self.raw_data:
            return " ".join(self.raw_data)
        if self.data is None:
            return ""
        return str(self.data).replace(".", parsing.babel_decimal_mark())

    def process_formdata(self, valuelist):
        if valuelist:
            self.data = _parsed(self, parsing.parse_decimal, valuelist[0])


class LocaleFloatField(LocaleDecimalField):
    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        if self.data is not None:
            self.data = float(self.data)


def _parsed(field, parse, raw):
    try:
        return parse(raw)
    except parsing.ParseError as error:
        field.data = None
        raise ValueError(str(error.message)) from None


class FileWidget:
    """FAB's file input in the reader's language: a file already stored shows its name with a
    box to remove it; a file just refused (not stored) shows nothing but the input again."""

    def __call__(self, field, **kwargs):
        kwargs.setdefault("id", field.id)
        kwargs.setdefault("name", field.name)
        file_input = Markup('<div class="input-group"><span class="input-group-addon">'
                            '<i class="fa fa-upload" aria-hidden="true"></i></span>'
                            '<input class="form-control" %s/></div>') % Markup(
            html_params(type="file", **kwargs))
        if not isinstance(field.data, str) or not field.data:
            return file_input
        return Markup('<div class="examdesk-stored-file"><span>{}</span> <label><input '
                      'type="checkbox" name="_{}-delete"> {}</label></div>').format(
            field.data.split("_sep_")[-1], field.name, _l("Remove this file")) + file_input


NOT_SET = _l("— not set —")
SWAPS = {DateField: LocaleDateField, DateTimeField: LocaleDateTimeField,
         DecimalField: LocaleDecimalField, FloatField: LocaleFloatField,
         EnumField: LabelledEnumField}


def localise_fields(form_class) -> None:
    """Swap FAB's generated fields of `form_class` for the ones above (its own widget dropped),
    and drop 'required' on NOT NULL booleans: an unticked box still answers them."""
    for name in dir(form_class):
        unbound = getattr(form_class, name, None)
        if not isinstance(unbound, UnboundField):
            continue
        swap = SWAPS.get(unbound.field_class)
        if swap is not None:
            kwargs = {k: v for k, v in unbound.kwargs.items() if k != "widget"}
            if swap is LabelledEnumField:
                kwargs["widget"] = unbound.kwargs.get("widget")
            setattr(form_class, name, UnboundField(swap, *unbound.args, name=unbound.name,
                                                   **kwargs))
        elif issubclass(unbound.field_class, FileUploadField):
            setattr(form_class, name, UnboundField(
                unbound.field_class, *unbound.args, name=unbound.name,
                **{**unbound.kwargs, "widget": FileWidget()}))
        elif issubclass(unbound.field_class, QuerySelectField):
            # WTForms shows an option without a label by its value: "__None".
            setattr(form_class, name, UnboundField(
                unbound.field_class, *unbound.args, name=unbound.name,
                **{**unbound.kwargs, "blank_text": NOT_SET}))
        elif issubclass(unbound.field_class, BooleanField):
            validators = [v for v in unbound.kwargs.get("validators", []) or []
                          if not isinstance(v, DataRequired | InputRequired)]
            setattr(form_class, name, UnboundField(
                unbound.field_class, *unbound.args, name=unbound.name,
                **{**unbound.kwargs, "validators": validators}))
