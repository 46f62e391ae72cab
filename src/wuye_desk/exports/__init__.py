"""Excel registers (openpyxl). In: rows. Out: a file — and back."""
