"""Session screens: sessions, examiners, prices, documents."""
