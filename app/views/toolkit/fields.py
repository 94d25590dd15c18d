"""Form fields of the base view: translated enum selects, optional booleans."""
from flask_appbuilder.fields import EnumField
from wtforms import BooleanField
from wtforms.fields.core import UnboundField
from wtforms.validators import DataRequired, InputRequired, ValidationError


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


def relabel_enum_fields(form_class) -> None:
    """Swap FAB's EnumFields of a generated form class for LabelledEnumFields."""
    for name in dir(form_class):
        unbound = getattr(form_class, name, None)
        if isinstance(unbound, UnboundField) and unbound.field_class is EnumField:
            setattr(form_class, name,
                    UnboundField(LabelledEnumField, *unbound.args, name=unbound.name,
                                 **unbound.kwargs))


def relax_boolean_fields(form_class) -> None:
    """A NOT NULL boolean is still answered by an unticked box: drop FAB's 'required' on it."""
    for name in dir(form_class):
        unbound = getattr(form_class, name, None)
        if isinstance(unbound, UnboundField) and issubclass(unbound.field_class, BooleanField):
            validators = [v for v in unbound.kwargs.get("validators", []) or []
                          if not isinstance(v, DataRequired | InputRequired)]
            setattr(form_class, name, UnboundField(
                unbound.field_class, *unbound.args, name=unbound.name,
                **{**unbound.kwargs, "validators": validators}))
