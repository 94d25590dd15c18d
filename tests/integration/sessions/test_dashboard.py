"""The dashboard shows the next five sessions of the viewer's scope and the sessions' to-do."""


def test_dashboard_lists_the_next_sessions_of_the_centre_only(login_as):
    client = login_as("paris.manager")
    client.get("/lang/en")
    html = client.get("/").get_data(as_text=True)
    section = html.split('id="dashboard-next-sessions"')[1].split("</table>")[0]
    assert "7000101" in section and "7000102" in section and "Registrations open" in section
    assert "7000201" not in section and "7000104" not in section


def test_lyon_dashboard_shows_lyon_sessions(login_as):
    html = login_as("lyon.manager").get("/").get_data(as_text=True)
    section = html.split('id="dashboard-next-sessions"')[1].split("</table>")[0]
    assert "7000201" in section and "7000101" not in section
