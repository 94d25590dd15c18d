"""The multi-step creation form: a view's `add_steps` (lists of fields) shown one step at a time,
Back and Next keeping every typed value (carried as hidden fields), each step checked on the
server by the form and by the model's Resource (`check_new`, the rules `create` applies), a
summary, and one call of the Resource's `create` when the user confirms."""
from __future__ import annotations

from dataclasses import dataclass

from flask import flash, redirect, request
from flask_appbuilder import expose
from flask_appbuilder.security.decorators import has_access
from flask_babel import gettext as _
from wtforms import BooleanField, PasswordField

from app.extensions import db
from app.security.context import current_viewer
from app.services.clock import now
from app.services.errors import DomainError, ValidationFailed
from app.services.resources import owner_column, set_owner
from app.views.writes import populate, rule_errors, rules_say, show_errors_on_form

EMPTY = "—"


@dataclass(frozen=True)
class Step:
    """One step of a multi-step form: its title, its fields, whether the seeds mark it
    "(obligatoire)" (its required fields are then checked before the next step)."""

    title: object
    fields: tuple[str, ...]
    required: bool = True


def shown_value(field) -> str:
    """What the summary shows for a field: a choice's label, Yes/No, a hidden password."""
    if isinstance(field, PasswordField):
        return "••••••••" if field.data else EMPTY
    if isinstance(field, BooleanField):
        return _("Yes") if field.data else _("No")
    if hasattr(field, "iter_choices"):
        labels = [str(choice[1]) for choice in field.iter_choices()
                  if choice[2] and choice[0] not in ("", "__None")]
        return ", ".join(labels) or EMPTY
    text = field._value()
    return str(text) if text not in (None, "") else EMPTY


class StepsMixin:
    """Mixed in before ExamModelView: the view's /add opens its `add_steps` (every field of
    `add_columns` in exactly one step). A POST without a step (a whole form sent at once) is
    checked and created as a confirmation."""

    add_steps: list[Step] = []
    steps_template = "examdesk/steps.html"

    @expose("/add", methods=["GET", "POST"])
    @has_access
    def add(self):
        form = self.add_form.refresh()
        if request.method == "GET":
            self.update_redirect()
            return self._step_page(form, 0)
        at = self._posted_step()
        go = request.form.get("_go", "confirm" if at is None else "next")
        if go == "back":
            return self._step_page(form, max((at or 0) - 1, 0))
        if go == "confirm":
            return self._confirm(form)
        at = at or 0
        if not self._step_valid(form, at):
            return self._step_page(form, at, status=422)
        return self._step_page(form, at + 1)

    # -- checks --------------------------------------------------------------------------
    def _posted_step(self) -> int | None:
        try:
            at = int(request.form["_step"])
        except (KeyError, ValueError):
            return None
        return min(max(at, 0), len(self.add_steps))

    def _step_of(self, name: str) -> int | None:
        for index, step in enumerate(self.add_steps):
            if name in step.fields or (name.endswith("_id") and name[:-3] in step.fields):
                return index
        return None

    def _new_item(self, form):
        item = self.datamodel.obj()
        populate(form)(item)
        return item

    def _step_valid(self, form, at: int) -> bool:
        """The form's checks of every field up to step `at`, and the Resource's rules on those
        fields, all shown at once (a rule's errors on fields of later steps wait for their
        step; a field the form refused keeps the form's error)."""
        names = [name for step in self.add_steps[:at + 1] for name in step.fields]
        valid = all([form[name].validate(form) for name in names])
        if "csrf_token" in form:
            valid = form.csrf_token.validate(form) and valid
        last = at == len(self.add_steps) - 1
        refusal = rules_say(self.resource, self._new_item(form))
        if isinstance(refusal, ValidationFailed):
            def reached(name):
                index = self._step_of(name)
                return index <= at if index is not None else last
            errors = rule_errors(form, refusal, reached)
            if errors:
                show_errors_on_form(form, ValidationFailed(refusal.message, errors,
                                                           refusal.labels), self.label_columns,
                                    self.error_fields)
                return False
        elif refusal is not None and last and valid:  # every field typed: a whole-row rule
            show_errors_on_form(form, refusal, self.label_columns,
                                    self.error_fields)
            return False
        return valid

    def _confirm(self, form):
        """The final confirmation: every field checked, then the Resource's `create`, once."""
        if form.validate():
            self.process_form(form, True)
            item = self._new_item(form)
            try:
                self.resource.create(db.session, current_viewer(), item, now())
            except DomainError as exc:
                show_errors_on_form(form, exc, self.label_columns,
                                    self.error_fields)
            else:
                self.post_add(item)
                flash(str(self.add_row_message), "success")
                return redirect(self.get_redirect())
        else:
            self._check_rules_beside(form)
        wrong = [self._step_of(name) for name, field in form._fields.items() if field.errors]
        wrong = sorted(index for index in wrong if index is not None)
        at = wrong[0] if wrong else len(self.add_steps)
        self._flash_other_steps(form, at)
        return self._step_page(form, at, status=422)

    def _flash_other_steps(self, form, at: int) -> None:
        """Errors of the steps not shown, as a message above the form (every error is read)."""
        for index, step in enumerate(self.add_steps):
            if index == at:
                continue
            for name in step.fields:
                for error in form[name].errors:
                    flash(_("%(step)s — %(field)s: %(error)s", step=step.title,
                            field=form[name].label.text, error=error), "danger")

    # -- the page ------------------------------------------------------------------------
    def steps_summary_extra(self, form, item) -> list[tuple[object, list[tuple[str, str]]]]:
        """More sections for the summary, computed by the view (e.g. the prices a session
        takes from the price list): [(title, [(label, value), …]), …]."""
        return []

    def _step_page(self, form, at: int, status: int = 200):
        steps = self.add_steps
        current = () if at >= len(steps) else steps[at].fields
        hidden = []
        if request.method == "POST":
            hidden = [(name, value) for step in steps for name in step.fields
                      if name not in current for value in request.form.getlist(name)]
        summary, extra = [], []
        if at >= len(steps):
            item = self._new_item(form)
            set_owner(db.session, current_viewer(), item)  # a centre user's row is theirs
            owner = (owner_column(type(item)) or "")[:-3]
            summary = [(step.title, [(form[name].label.text,
                                      str(getattr(item, owner)) if name == owner
                                      and getattr(item, owner, None) is not None
                                      else shown_value(form[name]))
                                     for name in step.fields]) for step in steps]
            extra = self.steps_summary_extra(form, item)
        page = self.render_template(
            self.steps_template, title=self.add_title, form=form, steps=steps, at=at,
            hidden=hidden, summary=summary + extra)
        return page, status
