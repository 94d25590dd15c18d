"""Helpers of the messaging tests: the demo conversations' titles, received socket events."""

PARIS_THREAD = "Session TEF Canada du 14 mars : salle supplémentaire"
LYON_THREAD = "Codes d'accès Certification Le Robert"
ACCOUNT_THREAD = "Demande de compte : Lucie Garnier"


def events(sock, name: str) -> list:
    """The payloads of the `name` events received since the last call."""
    return [_payload(e["args"]) for e in sock.get_received("/chat") if e["name"] == name]


def _payload(args):
    return args[0] if isinstance(args, list) and len(args) == 1 else args
