"""Domain rules as plain functions; every entry point (screen, API, socket, CLI) goes through them."""
