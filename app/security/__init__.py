"""Security: the security manager, roles and their permissions, and the tenancy scope."""
