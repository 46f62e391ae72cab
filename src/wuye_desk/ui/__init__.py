"""Qt only: the main window, one package per tab, models, dialogs, widgets."""
