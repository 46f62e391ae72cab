"""The VIP customers tab (VIP客户)."""
