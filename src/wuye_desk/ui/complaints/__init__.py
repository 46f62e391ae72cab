"""The complaint intake tab (投诉受理)."""
