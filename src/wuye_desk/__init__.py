"""wuye-desk: the reception-desk software of a property-management office."""

__version__ = "0.1.0"
