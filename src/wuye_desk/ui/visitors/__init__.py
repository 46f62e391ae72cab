"""The visitor desk tab: registrations, exits, goods passes (rules V1–V5, G3, G5)."""
