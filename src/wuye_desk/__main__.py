from wuye_desk.cli import main

raise SystemExit(main())
