"""Demo conversations with messages for Paris and Lyon (idempotent: found by centre and title)."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models.base import utcnow
from app.models.centres import Centre, ExamUser
from app.models.messaging import (
    CannedReply,
    Conversation,
    ConversationKind,
    ConversationStatus,
    Message,
)
from app.services.messaging.chat import record_read

# (centre code, title, kind, status, creator, assignee, request fields, [(author, minutes ago, body)])
THREADS = [
    ("PAR-0750001", "Session TEF Canada du 14 mars : salle supplémentaire", "general", "open",
     "paris.manager", "support", {}, [
         ("paris.manager", 300, "Bonjour, pouvons-nous ouvrir une seconde salle pour la session "
                                "TEF Canada du 14 mars ? Nous avons 12 candidats en liste d'attente."),
         ("support", 240, "Bonjour Madame Martin, oui : créez la salle dans la session, la "
                          "capacité sera validée sous 24 h. Guide : https://examdesk.local/aide"),
         ("paris.manager", 45, "Merci ! C'est fait. Faut-il un second surveillant ?"),
     ]),
    ("PAR-0750001", "Attestation de service fait introuvable", "general", "closed",
     "paris.staff", "support", {}, [
         ("paris.staff", 4000, "Je ne trouve pas l'attestation de service fait de février."),
         ("support", 3900, "Elle est dans Missions > Convocations, colonne « Constat de service "
                           "fait ». Je clôture la demande."),
     ]),
    ("PAR-0750001", "Demande de compte : Lucie Garnier", "account", "open",
     "paris.manager", "support",
     {"request_first_name": "Lucie", "request_last_name": "Garnier",
      "request_email": "lucie.garnier@paris.examdesk.local", "request_role": "CentreStaff"}, [
         ("paris.manager", 90, "Merci de créer un compte administratif pour Lucie Garnier, "
                               "nouvelle assistante du centre."),
     ]),
    ("PAR-0750001", "Disponibilités d'examinatrice en avril", "evaluator", "open",
     "paris.evaluator", "pedagogy", {}, [
         ("paris.evaluator", 600, "Bonjour, je ne serai pas disponible du 8 au 12 avril."),
         ("pedagogy", 500, "C'est noté, merci. Pensez à saisir vos indisponibilités."),
     ]),
    ("LYO-0690001", "Codes d'accès Certification Le Robert", "general", "open",
     "lyon.manager", "support", {}, [
         ("lyon.manager", 180, "Bonjour, nos codes d'accès pour la session du 20 n'apparaissent pas."),
         ("support", 150, "Bonjour, ils sont générés 48 h avant la session. Je vérifie."),
         ("lyon.manager", 20, "Merci, nous attendons votre retour."),
     ]),
    ("LYO-0690001", "Facture de janvier", "general", "open", "lyon.staff", "support", {}, [
        ("lyon.staff", 1500, "Pouvez-vous renvoyer la facture de janvier ?"),
        ("support", 1400, "Bien sûr, elle est jointe au bon de commande. Bonne journée."),
    ]),
]


def load(session: Session) -> None:
    users = {u.username: u for u in session.scalars(select(ExamUser))}
    now = utcnow()
    for code, title, kind, status, creator, assignee, request, messages in THREADS:
        centre = session.scalar(select(Centre).where(Centre.code == code))
        if centre is None or session.scalar(select(Conversation.id).where(
                Conversation.centre_id == centre.id, Conversation.title == title)):
            continue
        conversation = Conversation(
            centre=centre, title=title, kind=ConversationKind(kind),
            status=ConversationStatus(status), created_by_id=users[creator].id,
            assignee_id=users[assignee].id, **request)
        session.add(conversation)
        session.flush()
        for author, minutes, body in messages:
            at = now - timedelta(minutes=minutes)
            message = Message(conversation=conversation, author_id=users[author].id, body=body,
                              created_at=at)
            session.add(message)
            session.flush()
            record_read(session, conversation.id, users[author].id, message.id, at)
            is_body = bool(users[author].role_names & {"Support", "Pedagogy", "Admin"})
            conversation.last_message_at = at
            conversation.awaiting_since = None if is_body else (
                conversation.awaiting_since or at)
        if status == "closed":
            conversation.awaiting_since = None
    session.flush()


CANNED = (
    ("bienvenue", "fr", "Bienvenue",
     "Bonjour {centre}, merci pour votre message. Je m'en occupe et reviens vers vous "
     "rapidement."),
    ("welcome", "en", "Welcome",
     "Hello {centre}, thank you for your message. I am looking into it and will get back to "
     "you shortly."),
    ("amenagement", "fr", "Aménagement d'épreuve",
     "Pour l'aménagement de {candidate} à la session {session}, merci de joindre le "
     "certificat médical à une demande d'aménagement."),
    ("exam-accommodation", "en", "Exam accommodation",
     "For {candidate}'s accommodation at session {session}, please attach the medical "
     "certificate to an accommodation request."),
)


def load_canned_replies(session: Session) -> None:
    """Support's ready-made answers, in French and English (idempotent)."""
    for shortcut, language, title, body in CANNED:
        if session.scalar(select(CannedReply.id).where(CannedReply.shortcut == shortcut,
                                                       CannedReply.language == language)):
            continue
        session.add(CannedReply(shortcut=shortcut, language=language, title=title, body=body))
    session.flush()
