"""Help texts of the Certification Le Robert screens (Le Robert), merged into HELP_PAGES."""
from flask_babel import lazy_gettext as _l

CERT_HELP_PAGES = {
    "CertificationOrderView": {
        "title": _l("My orders"),
        "body": [_l("Order certifications: enter the quantity of each type; the amounts excl. "
                    "VAT, the VAT and the total are shown. \"Place the order\" e-mails our sales "
                    "service, who sends you a quote."),
                 _l("Staff mark each order as quoted, paid, then delivered; the delivery adds "
                    "the certifications to your stock.")],
    },
    "StockEntryView": {
        "title": _l("Stock movements"),
        "body": [_l("Every change of your stock: orders delivered, certifications assigned, "
                    "cancellations. The stock of each type is the sum of its movements and "
                    "never goes below zero.")],
    },
    "CandidateGroupView": {
        "title": _l("Groups"),
        "body": [_l("Group your candidates by client, class or exam session (or other). From a "
                    "group, \"Associate candidates\" adds candidates found by name, e-mail, "
                    "status or group; a candidate may belong to several groups.")],
    },
    "GroupCandidatesView": {
        "title": _l("Candidates of the group"),
        "body": [_l("The candidates of a group, with the filters, sorting and exports of every "
                    "list.")],
    },
    "CertificationAssignmentView": {
        "title": _l("Certifications assigned"),
        "body": [_l("For the certifications you supervise, tick the type, enter the planned "
                    "date and select the candidates or a whole group; each one uses a "
                    "certification of your stock. Then generate their activation codes and "
                    "download them as a PDF sheet or an xlsx list."),
                 _l("For a La Poste exam centre, choose the centre, the date and the time: each "
                    "candidate receives a convocation e-mail with the address, the date and "
                    "time and what to bring (login, password, identity document).")],
    },
    "CertificationTypeView": {
        "title": _l("Certification types"),
        "body": [_l("The types of certification sold to partners, with their reference, unit "
                    "price excl. VAT and VAT rate, and whether the centre supervises the exam "
                    "itself.")],
    },
    "PartnerExamCentreView": {
        "title": _l("Partner exam centres"),
        "body": [_l("The partner exam centres (La Poste) where candidates can take a "
                    "certification, with their address shown in the convocation.")],
    },
}
