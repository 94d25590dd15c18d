"""Purchase order screens (quote, PDF, the manager's signature) and the postponement policies."""
from __future__ import annotations

from flask import abort, current_app, flash, g, make_response, redirect, request, url_for
from flask_appbuilder import expose
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_appbuilder.security.decorators import has_access
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField

from app.documents.files import download
from app.documents.requests import render_purchase_order
from app.extensions import db
from app.models.requests import PostponementPolicy, PurchaseOrder
from app.models.sessions import ExamSession
from app.security.context import current_viewer
from app.security.scope import scope_query
from app.services.clock import now
from app.services.errors import DomainError
from app.services.requests import documents as doc_svc
from app.services.requests import resources
from app.views.base import ExamModelView
from app.views.toolkit.scoped import ScopedRowMixin


class PurchaseOrderView(ScopedRowMixin, ExamModelView):
    datamodel = SQLAInterface(PurchaseOrder)
    list_title = _l("Purchase orders")
    show_title = _l("Purchase order")
    show_template = "requests/purchase_order_show.html"
    label_columns = {"session": _l("Session"), "centre": _l("Centre"), "status": _l("Type"),
                     "signer_name": _l("Signed by"), "signed_at": _l("Signature date"),
                     "total_excl_vat": _l("Total excl. VAT"), "total_vat": _l("VAT"),
                     "filename": _l("File name"), "signed_by": _l("Signatory's account"),
                     "document": _l("Signed copy")}
    list_columns = ["filename", "session", "centre", "status", "signer_name", "signed_at"]
    show_columns = ["filename", "session", "centre", "status", "signer_name", "signed_at",
                    "total_excl_vat", "total_vat"]
    search_columns = ["session", "centre", "status"]
    exclude_route_methods = {"download", "add", "edit", "delete"}

    @expose("/for_session/<int:session_id>")
    @has_access
    def for_session(self, session_id):
        session = scope_query(db.session.query(ExamSession), ExamSession,
                              current_viewer()).filter(ExamSession.id == session_id).first()
        if session is None:
            abort(404)
        try:
            order = resources.open_purchase_order(db.session, current_viewer(), session)
        except DomainError as exc:
            flash(str(exc), "danger")
            return redirect(url_for("ExamSessionView.show", pk=session_id))
        return redirect(url_for(".show", pk=order.id))

    @expose("/show/<pk>", methods=["GET"])
    @has_access
    def show(self, pk):
        g.order_item = self._scoped(pk)
        g.order_form = getattr(g, "order_form", {})
        return super().show(pk)

    @expose("/pdf/<pk>")
    @has_access
    def pdf(self, pk):
        order = self._scoped(pk)
        if order.document:
            path = doc_svc.resolve(current_app.config["UPLOAD_FOLDER"], order.document)
            if path is None:
                abort(404)
            return download(path, order.filename)
        return download(render_purchase_order(db.session, order, now()), order.filename)

    @expose("/sign/<pk>", methods=["POST"])
    @has_access
    def sign(self, pk):
        order = self._scoped(pk)
        at = now()
        try:
            resources.sign_purchase_order(
                db.session, current_viewer(), order,
                signer_name=request.form.get("signer_name", ""),
                accepted=request.form.get("accept") == "y", now=at,
                render=lambda o: render_purchase_order(db.session, o, at))
        except DomainError as exc:
            # Refused: the page again, with the name typed and the box as it was.
            db.session.rollback()
            flash(str(exc), "danger")
            g.order_form = request.form
            return make_response(self.show(pk), 422)
        flash(_("The purchase order is signed."), "success")
        return redirect(url_for(".show", pk=order.id))



class PostponementPolicyView(ExamModelView):
    """Per product: how many postponements, until how many days before, who re-registers."""

    datamodel = SQLAInterface(PostponementPolicy)
    resource = resources.POLICIES
    list_title = _l("Postponement policies")
    show_title = _l("Postponement policy")
    add_title = _l("Add a postponement policy")
    edit_title = _l("Edit the postponement policy")
    label_columns = {"product": _l("Product"),
                     "max_postponements": _l("Postponements allowed per candidate"),
                     "min_days_before": _l("Until how many days before the session"),
                     "centre_may_reregister": _l("The centre may re-register the candidate")}
    list_columns = show_columns = add_columns = edit_columns = [
        "product", "max_postponements", "min_days_before", "centre_may_reregister"]
    add_form_extra_fields = edit_form_extra_fields = {"centre_may_reregister": BooleanField(
        _l("The centre may re-register the candidate"))}
