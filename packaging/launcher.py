"""Entry point of the built executables (wuye-desk and wuye-desk-cli): the same as `python -m wuye_desk`."""

from wuye_desk.cli import main

raise SystemExit(main())
