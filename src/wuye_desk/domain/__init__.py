"""The office's rules as plain Python: no Qt, no SQLAlchemy."""
