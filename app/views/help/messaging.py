"""Help texts of the messaging screens."""
from flask_babel import lazy_gettext as _l

CHAT_HELP_PAGES = {
    "ChatView": {
        "title": _l("Messages"),
        "body": [_l("Your conversations with the customer-service contact of your centre, or "
                    "with the pedagogical service for evaluator matters. Messages arrive live; "
                    "nothing is lost if you are offline: the thread catches up when you come "
                    "back."),
                 _l("\"Create a request\" (title and message) starts a conversation from any "
                    "screen. \"Read ✓\" shows when your message was read."),
                 _l("\"Search the messages\" finds words in the messages and attachment names "
                    "of your conversations, accents and capitals ignored; a result opens the "
                    "conversation at its message."),
                 _l("Open conversations whose session has a deadline soon come first: red "
                    "within 2 days (registrations close, exam day), orange within 7 days; then "
                    "the others by waiting time.")],
    },
    "CannedReplyView": {
        "title": _l("Canned replies"),
        "body": [_l("Ready-made answers in French and in English, kept by customer service and "
                    "the pedagogical service. {centre}, {session} and {candidate} are replaced "
                    "by the conversation's centre, session and candidate."),
                 _l("In a conversation, type \"/\" in the message box, choose a reply with the "
                    "arrow keys and press Enter to insert it.")],
    },
    "ConversationView": {
        "title": _l("Conversations"),
        "body": [_l("Every conversation you may see, with its centre, status and linked record. "
                    "Customer service filters those unread, waiting for an answer or closed, "
                    "and reassigns them."),
                 _l("Use the filters to narrow the list and the column headers to sort it.")],
    },
    "OutboxEmailView": {
        "title": _l("E-mails sent"),
        "body": [_l("Every e-mail the application sent (convocations, training invitations, "
                    "notices), newest first, with its recipient, subject, date and the documents "
                    "it carried (convocation PDF, calendar invitation .ics)."),
                 _l("Open an e-mail to download its documents; \"Resend\" sends the same "
                    "message and documents again and keeps both in the list.")],
    },
}
